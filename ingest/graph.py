"""The money-flow graph's strongly connected components, kept in deal_graph_components.

A cycle of deals lies inside one strongly connected component, so views/circular_deals.sql only
walks deals between organizations of the same component: on a million deals that are mostly a
one-way flow, that is the difference between minutes and milliseconds. The writer refreshes the
table after every ingest run that changed something.
"""

EDGES_SQL = """
SELECT DISTINCT d.from_org_id, d.to_org_id FROM deals d
WHERE d.from_org_id IS NOT NULL AND d.to_org_id IS NOT NULL AND d.from_org_id != d.to_org_id
  AND (d.status IS NULL OR d.status NOT IN (SELECT status FROM deal_statuses WHERE bucket = 'superseded'))
"""


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


def refresh_graph_components(db) -> None:
    """Recompute deal_graph_components from the deals. The caller holds the transaction."""
    conn = getattr(db, "conn", db)
    components = strongly_connected_components(conn.execute(EDGES_SQL))
    conn.execute("DELETE FROM deal_graph_components")
    conn.executemany(
        "INSERT INTO deal_graph_components (org_id, component) VALUES (?, ?)",
        ((org_id, min(component)) for component in components for org_id in component))
