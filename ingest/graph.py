"""Strongly connected components of a directed graph: the pure half of deal_graph_components.

ingest/store/graph.py reads the money-flow edges from the deals, calls this, and stores the
components (why they are kept: see there). The graph's nodes are corporate families
(organizations.group_id): money from Alphabet that comes back to Google Cloud closes a loop.
"""


def family_edges(edges, family_of: dict):
    """The edges between families: each end replaced by its family (family_of[node], the node
    itself when absent); edges inside one family are dropped (Alphabet investing in Google is no
    step of a loop). A pair may repeat: the components do not change."""
    for source, target in edges:
        source, target = family_of.get(source, source), family_of.get(target, target)
        if source != target:
            yield source, target


def family_components(edges, family_of: dict) -> dict[int, int]:
    """{organization: component} for every organization whose family lies in a strongly connected
    component of two or more families; a component is named by its smallest family id. Every
    member of such a family is listed, the family's top included."""
    members: dict[int, list[int]] = {}
    for org, family in family_of.items():
        members.setdefault(family, []).append(org)
    component_of = {}
    # Without families (the benchmark's million deals) the edges go through untouched.
    graph = family_edges(edges, family_of) if family_of else edges
    for component in strongly_connected_components(graph):
        name = min(component)
        for family in component:
            component_of[family] = name
            for org in members.get(family, ()):
                component_of[org] = name
    return component_of


def strongly_connected_components(edges) -> list[list[int]]:
    """Components of two or more nodes (Tarjan's algorithm, iterative: no recursion limit)."""
    graph: dict[int, list[int]] = {}
    for source, target in edges:
        graph.setdefault(source, []).append(target)
        graph.setdefault(target, [])
    index_of: dict[int, int] = {}
    lowlink: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    components = []
    counter = 0
    for root in graph:
        if root in index_of:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index_of[node] = lowlink[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = graph[node]
            recurse = False
            while child < len(successors):
                successor = successors[child]
                child += 1
                if successor not in index_of:
                    work.append((node, child))
                    work.append((successor, 0))
                    recurse = True
                    break
                if successor in on_stack:
                    lowlink[node] = min(lowlink[node], index_of[successor])
            if recurse:
                continue
            if lowlink[node] == index_of[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
            if work:
                parent = work[-1][0]
                lowlink[parent] = min(lowlink[parent], lowlink[node])
    return components


class TooFar(Exception):
    """A search visited more nodes than it was allowed to."""


def cycle_region(source, target, successors, predecessors, limit: int) -> tuple[set, int]:
    """(the nodes on a path from target to source, nodes visited): given an edge source → target,
    the nodes of every cycle through it, and more (see below). successors(nodes) and
    predecessors(nodes) return the neighbours of a list of nodes; source == target asks for the
    strongly connected component of the node. Raises TooFar once more than limit nodes were visited.

    The region is closed: a strongly connected component with a node in it lies in it whole, since
    each of its nodes is reached from target and reaches source through that node. That stays true
    when successors and predecessors walk more edges than the graph has (the search may, to read
    an index alone), and when the edge source → target does not exist.

    Forward from target and backward from source in turns, the smaller frontier first: in a graph
    that mostly flows one way one of the two ends soon (a big investor has few investors, a small
    startup invests in few), and the other is then walked only inside what that one found."""
    forward, backward = _Walk(target, successors), _Walk(source, predecessors)
    while forward.frontier and backward.frontier:
        (forward if len(forward.frontier) <= len(backward.frontier) else backward).step()
        if len(forward.seen) + len(backward.seen) > limit:
            raise TooFar
    visited = len(forward.seen) + len(backward.seen)
    done, other = (forward, backward) if not forward.frontier else (backward, forward)
    if other.start not in done.seen:
        return set(), visited
    inside = _Walk(other.start, other.neighbours, within=done.seen)
    while inside.frontier:
        inside.step()
    return inside.seen, visited + len(inside.seen)


class _Walk:
    """A breadth-first search, one level per step; within: the nodes it may enter."""

    def __init__(self, start, neighbours, within=None):
        self.start, self.neighbours, self.within = start, neighbours, within
        self.seen = {start}
        self.frontier = [start]

    def step(self) -> None:
        found = set(self.neighbours(self.frontier)) - self.seen
        if self.within is not None:
            found &= self.within
        self.seen |= found
        self.frontier = list(found)
