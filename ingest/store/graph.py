"""The money-flow graph's strongly connected components, kept in deal_graph_components.

A cycle of deals lies inside one strongly connected component, so views/circular_deals.sql only
walks deals between organizations of the same component: on a million deals that are mostly a
one-way flow, that is the difference between minutes and milliseconds. The graph's nodes are
corporate families (organizations.group_id, an organization outside any family is its own), as in
the view. The writer refreshes the table after every ingest run that changed something. The
algorithm itself is ingest/graph.py.
"""
from ..graph import family_components

EDGES_SQL = """
SELECT DISTINCT d.from_org_id, d.to_org_id FROM deals d
WHERE d.from_org_id IS NOT NULL AND d.to_org_id IS NOT NULL AND d.from_org_id != d.to_org_id
  AND (d.status IS NULL OR d.status NOT IN (SELECT status FROM deal_statuses WHERE bucket = 'superseded'))
"""
FAMILIES_SQL = "SELECT id, group_id FROM organizations WHERE group_id IS NOT NULL"


def refresh_graph_components(db) -> None:
    """Recompute deal_graph_components from the deals. The caller holds the transaction.
    db: a sqlite_utils Database or a sqlite3 connection (bench/make_graph_db.py passes one).
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


def graph_components_missing(db) -> bool:
    """Deals exist but their graph components were never computed (a database from before the table)."""
    return bool(db.execute("SELECT NOT EXISTS (SELECT 1 FROM deal_graph_components) "
                           "AND EXISTS (SELECT 1 FROM deals)").fetchone()[0])
