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
