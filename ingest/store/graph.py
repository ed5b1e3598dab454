"""The money-flow graph's strongly connected components, kept in deal_graph_components.

A cycle of deals lies inside one strongly connected component, so views/circular_deals.sql only
walks deals between organizations of the same component: on a million deals that are mostly a
one-way flow, that is the difference between minutes and milliseconds. The writer refreshes the
table after every ingest run that changed something. The algorithm itself is ingest/graph.py.
"""
from ..graph import strongly_connected_components

EDGES_SQL = """
SELECT DISTINCT d.from_org_id, d.to_org_id FROM deals d
WHERE d.from_org_id IS NOT NULL AND d.to_org_id IS NOT NULL AND d.from_org_id != d.to_org_id
  AND (d.status IS NULL OR d.status NOT IN (SELECT status FROM deal_statuses WHERE bucket = 'superseded'))
"""


def refresh_graph_components(db) -> None:
    """Recompute deal_graph_components from the deals. The caller holds the transaction.
    db: a sqlite_utils Database or a sqlite3 connection (bench/make_graph_db.py passes one).
    executemany, not sqlite-utils' insert_all: this runs on a million deals in the benchmark, and
    insert_all needs a Database and builds a dict per row."""
    conn = getattr(db, "conn", db)
    components = strongly_connected_components(conn.execute(EDGES_SQL))
    conn.execute("DELETE FROM deal_graph_components")
    conn.executemany(
        "INSERT INTO deal_graph_components (org_id, component) VALUES (?, ?)",
        ((org_id, min(component)) for component in components for org_id in component))


def graph_components_missing(db) -> bool:
    """Deals exist but their graph components were never computed (a database from before the table)."""
    return bool(db.execute("SELECT NOT EXISTS (SELECT 1 FROM deal_graph_components) "
                           "AND EXISTS (SELECT 1 FROM deals)").fetchone()[0])
