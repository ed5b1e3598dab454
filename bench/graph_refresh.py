"""refresh_graph_components after an ingest that changed one document, on the 1M-deal database:
what the writer pays per changed article (issue 16: <= 50 ms; recomputing every component takes
seconds). Used by bench/views.py (`make bench`); alone:

    python bench/graph_refresh.py GRAPH_DB [--runs 5]     (applies this checkout's schema.sql to it)

Each run, inside a transaction rolled back afterwards (the database is left as it was):
  - one document's deals are deleted: the document that reports a planted cycle's first deal
    (a different cycle each run, so one component splits), about 330 deals, far more than an
    article holds (the benchmark database has 3,000 documents for a million deals);
  - five deals are inserted: four that follow the flow (from an organization to one its money
    already reaches in two steps, no shortcut of which exists yet) and one that closes a cycle (the
    decoy 2-cycle's cancelled promise, reported again as completed);
then refresh_graph_components is timed, and its rows checked against the planted cycles.
"""
import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def incremental_refresh(conn, runs: int, seed: int = 7) -> dict | None:
    """{"seconds": median, "runs", "ok", "deleted", "visited"...} or None when this checkout's refresh
    is not incremental. conn: a sqlite3 connection to a database whose components are up to date."""
    try:
        from ingest.store import graph
        graph.recompute_graph_components  # noqa: B018  (absent before the incremental refresh)
    except (ImportError, AttributeError):
        return None
    if graph.graph_components_pending(conn):
        with conn:
            graph.recompute_graph_components(conn)
    cycles = [json.loads(org_ids) for (org_ids,) in conn.execute(
        "SELECT org_ids FROM bench_planted_cycles ORDER BY cycle_id")]
    planted = [(cycle_id, json.loads(org_ids)) for cycle_id, org_ids, expected in conn.execute(
        "SELECT cycle_id, org_ids, expected FROM bench_planted_cycles WHERE expected ORDER BY cycle_id")]
    decoy = next(json.loads(org_ids) for (org_ids,) in conn.execute(
        "SELECT org_ids FROM bench_planted_cycles WHERE NOT expected"))
    rng = random.Random(seed)
    seconds, checks, deleted = [], [], []
    for run in range(runs):
        broken = planted[run % len(planted)][1]
        conn.execute("BEGIN")
        try:
            deleted.append(_change_one_document(conn, rng, broken, decoy))
            started = time.perf_counter()
            graph.refresh_graph_components(conn)
            seconds.append(time.perf_counter() - started)
            # The planted cycles whose deals are all still edges (the document may have reported more
            # than one of them), the decoy among them now.
            checks.append(_components(conn) == sorted(tuple(sorted(orgs)) for orgs in cycles if _closed(conn, orgs)))
        finally:
            conn.execute("ROLLBACK")
    return {"seconds": statistics.median(seconds), "max_seconds": max(seconds), "runs": len(seconds),
            "ok": all(checks), "deleted": statistics.median(deleted)}


def _change_one_document(conn, rng, broken: list, decoy: list) -> int:
    """Delete the deals of the document reporting the broken cycle's first deal, insert five: what an
    article that changed does to the graph. The number of deals deleted."""
    first_deal = conn.execute("SELECT id FROM deals WHERE from_org_id = ? AND to_org_id = ?",
                              [broken[0], broken[1]]).fetchone()[0]
    document = conn.execute("SELECT document_id FROM deal_reports WHERE deal_id = ?", [first_deal]).fetchone()[0]
    deleted = conn.execute("DELETE FROM deals WHERE id IN (SELECT deal_id FROM deal_reports WHERE document_id = ?)",
                           [document]).rowcount
    top = conn.execute("SELECT max(id) FROM deals").fetchone()[0]
    new = []
    while len(new) < 4:
        row = conn.execute("SELECT from_org_id, to_org_id FROM deals WHERE id = ? AND from_org_id IS NOT NULL",
                           [rng.randint(1, top)]).fetchone()
        if row is None:
            continue
        step = conn.execute("SELECT to_org_id FROM deals WHERE from_org_id = ? LIMIT 1", [row[1]]).fetchone()
        if step and not conn.execute("SELECT 1 FROM deals WHERE from_org_id = ? AND to_org_id = ?",
                                     [row[0], step[0]]).fetchone():
            new.append(("equity_investment", "completed", row[0], step[0]))
    new.append(("chip_purchase", "completed", decoy[1], decoy[0]))  # the decoy's closing edge, completed
    conn.executemany("INSERT INTO deals (kind, status, from_org_id, to_org_id) VALUES (?, ?, ?, ?)", new)
    return deleted


def _closed(conn, orgs: list) -> bool:
    return all(conn.execute(
        "SELECT 1 FROM deals WHERE from_org_id = ? AND to_org_id = ? AND status NOT IN "
        "(SELECT status FROM deal_statuses WHERE bucket = 'superseded')", [orgs[i], orgs[(i + 1) % len(orgs)]]).fetchone()
        for i in range(len(orgs)))


def _components(conn) -> list[tuple]:
    groups = {}
    for org_id, component in conn.execute("SELECT org_id, component FROM deal_graph_components"):
        groups.setdefault(component, []).append(org_id)
    return sorted(tuple(sorted(orgs)) for orgs in groups.values())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph_db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    import sqlite_utils
    from ingest.store.shape import ensure_db_shape
    ensure_db_shape(sqlite_utils.Database(args.graph_db))
    conn = sqlite3.connect(args.graph_db, isolation_level=None)
    sys.path.insert(0, str(REPO / "bench"))
    import make_graph_db
    full = make_graph_db.refresh_components(conn)  # for comparison; also makes the components current
    result = incremental_refresh(conn, args.runs)
    conn.close()
    print(json.dumps({"full_seconds": full, **(result or {})}))


if __name__ == "__main__":
    main()
