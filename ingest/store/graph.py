"""The money-flow graph's strongly connected components, kept in deal_graph_components.

A cycle of deals lies inside one strongly connected component, so views/circular_deals.sql only
walks deals between organizations of the same component: on a million deals that are mostly a
one-way flow, that is the difference between minutes and milliseconds. The graph's nodes are
corporate families (organizations.group_id, an organization outside any family is its own), as in
the view. The writer refreshes the table after every ingest run that changed something. The
algorithms themselves are ingest/graph.py.

Refreshing recomputes only what the run changed (3.8 s for the whole graph of a million deals,
milliseconds for one article's deals). Triggers (schema.sql) list the components that may have lost
an edge or a member (deal_graph_stale_components) and the deals that may have become an edge
(deal_graph_new_edges). An edge removed can only split the component that held it; an edge added
can only join, into one component, the nodes on its paths back to itself. So the components to
recompute are the listed ones, plus, for each new edge, the nodes that lie on a path from its
target back to its source. Every strongly connected component with a node in that region lies in it
whole, so the region's own components are the graph's. Everything else keeps its rows.
"""
import json

from ..graph import TooFar, cycle_region, family_components

EDGES_SQL = """
SELECT DISTINCT d.from_org_id, d.to_org_id FROM deals d
WHERE d.from_org_id IS NOT NULL AND d.to_org_id IS NOT NULL AND d.from_org_id != d.to_org_id
  AND (d.status IS NULL OR d.status NOT IN (SELECT status FROM deal_statuses WHERE bucket = 'superseded'))
"""
FAMILIES_SQL = "SELECT id, group_id FROM organizations WHERE group_id IS NOT NULL"
# The region's edges: EDGES_SQL for the deals of a list of organizations.
REGION_EDGES_SQL = EDGES_SQL + " AND d.from_org_id IN (SELECT value FROM json_each(?))"
# The searches walk every deal between two organizations, superseded ones too: the indexes
# deals_parties_kind and deals_to_from then answer without reading the deals (twice as fast), and a
# region found over more edges still holds whole components (ingest.graph.cycle_region).
SUCCESSORS_SQL = ("SELECT to_org_id FROM deals WHERE from_org_id IN (SELECT value FROM json_each(?)) "
                  "AND to_org_id IS NOT NULL")
PREDECESSORS_SQL = ("SELECT from_org_id FROM deals WHERE to_org_id IN (SELECT value FROM json_each(?)) "
                    "AND from_org_id IS NOT NULL")
# aicap_meta: set by a full recomputation; schema.sql's trigger on deal_statuses removes it when
# what counts as superseded changes (every deal of that status may have become or stopped being an
# edge). Absent also in a database whose deals were written before the triggers existed.
CHANGES_LISTED = "deal_graph_changes_listed"
# Nodes the searches of one refresh may visit before it gives up and recomputes everything: about
# 5 ms per 1,000 nodes on the benchmark's million deals, so at worst a few tenths of a second lost
# before a recomputation that takes seconds.
SEARCH_LIMIT = 50_000


def refresh_graph_components(db) -> None:
    """Bring deal_graph_components up to date with the deals: recompute the components that the
    changes listed since the last refresh may have touched, or every one (a database whose changes
    are not listed, or changes too far-reaching). The caller holds the transaction.
    db: a sqlite_utils Database or a sqlite3 connection (bench/make_graph_db.py passes one)."""
    conn = getattr(db, "conn", db)
    if not _changes_listed(conn) or not _refresh_listed_changes(conn):
        recompute_graph_components(conn)


def recompute_graph_components(db) -> None:
    """Recompute deal_graph_components from every deal. The caller holds the transaction.
    executemany, not sqlite-utils' insert_all: this runs on a million deals in the benchmark, and
    insert_all needs a Database and builds a dict per row."""
    conn = getattr(db, "conn", db)
    # Families are few (gazetteer entries with a parent): mapped in Python rather than by joining
    # organizations twice for each of a million deals.
    family_of = dict(conn.execute(FAMILIES_SQL))
    components = family_components(conn.execute(EDGES_SQL), family_of)
    conn.execute("DELETE FROM deal_graph_components")
    conn.executemany("INSERT INTO deal_graph_components (org_id, component) VALUES (?, ?)",
                     sorted(components.items()))
    _forget_changes(conn)
    conn.execute("INSERT INTO aicap_meta (key, value) VALUES (?, '1') "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [CHANGES_LISTED])


def _refresh_listed_changes(conn) -> bool:
    """Recompute the components the listed changes may have touched; False (nothing written) when
    the searches would visit more than SEARCH_LIMIT nodes."""
    stale = [c for (c,) in conn.execute("SELECT component FROM deal_graph_stale_components")]
    new_edges = conn.execute("SELECT from_org_id, to_org_id FROM deal_graph_new_edges").fetchall()
    if not stale and not new_edges:
        return True
    family_of = dict(conn.execute(FAMILIES_SQL))
    members = _members(family_of)
    # Old components that may have split or lost a member: every organization in them, as a node
    # and as its family's node now.
    region = set()
    for (org_id,) in conn.execute("SELECT org_id FROM deal_graph_components WHERE component IN "
                                  "(SELECT value FROM json_each(?))", [json.dumps(stale)]):
        region.update((org_id, family_of.get(org_id, org_id)))
    successors = _neighbours(conn, SUCCESSORS_SQL, family_of, members)
    predecessors = _neighbours(conn, PREDECESSORS_SQL, family_of, members)
    searched, budget = set(), SEARCH_LIMIT  # searched: what the searches found, closed as they are
    for from_org, to_org in new_edges:
        source, target = family_of.get(from_org, from_org), family_of.get(to_org, to_org)
        if from_org != to_org and (source == target or _same_component(conn, source, target)):
            # Inside a family: no edge. Inside an old component: joins nothing that other new edges
            # or the component's own recomputation (when listed stale) do not find.
            continue
        if source in searched or target in searched:
            continue  # a component through the edge holds that node, so lies in what was found
        try:
            found, visited = cycle_region(source, target, successors, predecessors, budget)
        except TooFar:
            return False
        budget -= visited
        searched |= found
    region |= searched
    if region:
        _rewrite_region(conn, region, stale, family_of, members)
    _forget_changes(conn)
    return True


def _rewrite_region(conn, region: set, stale: list, family_of: dict, members: dict) -> None:
    """Replace the rows of the region's organizations (and of the stale components) by the
    components of the graph restricted to the region."""
    orgs = sorted({org for node in region for org in _orgs_of(node, family_of, members)} | region)
    edges = [(source, target) for source, target in conn.execute(REGION_EDGES_SQL, [json.dumps(orgs)])
             if family_of.get(source, source) in region and family_of.get(target, target) in region]
    components = family_components(edges, family_of)
    conn.execute("DELETE FROM deal_graph_components WHERE component IN (SELECT value FROM json_each(?))",
                 [json.dumps(stale)])
    conn.execute("DELETE FROM deal_graph_components WHERE org_id IN (SELECT value FROM json_each(?))",
                 [json.dumps(orgs)])
    conn.executemany("INSERT OR REPLACE INTO deal_graph_components (org_id, component) VALUES (?, ?)",
                     sorted(components.items()))


def _members(family_of: dict) -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    for org, family in family_of.items():
        members.setdefault(family, []).append(org)
    return members


def _orgs_of(node, family_of: dict, members: dict) -> list:
    """The organizations whose deals are the node's edges: its family's members, and the node's own
    organization unless that one belongs to a family (its own, then it is a member already)."""
    return members.get(node, []) + ([] if node in family_of else [node])


def _neighbours(conn, sql: str, family_of: dict, members: dict):
    """The neighbours of a list of nodes (families) through the deals sql finds."""
    def neighbours(nodes):
        orgs = [org for node in nodes for org in _orgs_of(node, family_of, members)]
        return {family_of.get(org, org) for (org,) in conn.execute(sql, [json.dumps(orgs)])}
    return neighbours


def _same_component(conn, first: int, second: int) -> bool:
    return conn.execute("SELECT 1 FROM deal_graph_components a JOIN deal_graph_components b "
                        "ON b.component = a.component WHERE a.org_id = ? AND b.org_id = ?",
                        [first, second]).fetchone() is not None


def _forget_changes(conn) -> None:
    conn.execute("DELETE FROM deal_graph_stale_components")
    conn.execute("DELETE FROM deal_graph_new_edges")


def _changes_listed(conn) -> bool:
    row = conn.execute("SELECT value FROM aicap_meta WHERE key = ?", [CHANGES_LISTED]).fetchone()
    return row is not None and row[0] == "1"


def graph_components_pending(db) -> bool:
    """The writer has components to refresh: changes are listed, or they are not kept (a database
    from before the triggers, or whose superseded statuses changed)."""
    conn = getattr(db, "conn", db)
    return not _changes_listed(conn) or bool(conn.execute(
        "SELECT EXISTS (SELECT 1 FROM deal_graph_stale_components) "
        "OR EXISTS (SELECT 1 FROM deal_graph_new_edges)").fetchone()[0])
