"""The views on the 1M-deal database: timings against a count(*) floor, query plans checked for
full scans inside loops, and the cost of fetching the same rows from a plain table. Used by
bench/run.py (`make bench`)."""
import json
import re
import sqlite3
import statistics
import time
from pathlib import Path

import make_graph_db
from graph_refresh import incremental_refresh

VIEW_REPEAT_CAP = 20  # seconds: a view is not timed again once its runs took this long


def median(values):
    return statistics.median(values) if values else None



def timed_query(conn, sql, params=(), runs=3, cap=VIEW_REPEAT_CAP):
    seconds, rows = [], None
    for _ in range(runs):
        started = time.perf_counter()
        rows = conn.execute(sql, params).fetchall()
        seconds.append(time.perf_counter() - started)
        if sum(seconds) > cap:
            break
    return seconds, rows


def table_aliases(conn) -> dict:
    """alias -> table for every `FROM/JOIN table alias` in the views, plus each table's own name."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    aliases = {name: name for name in tables}
    for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'view'"):
        for table, alias in re.findall(r"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", sql, re.I):
            if table in tables and alias and alias.upper() not in {"ON", "WHERE", "JOIN", "LEFT", "USING", "GROUP",
                                                                  "ORDER", "INNER", "CROSS", "AS", "UNION"}:
                aliases.setdefault(alias, table)
    return aliases


def plan_problems(conn, sql, params=(), big=("deals", "amounts", "deal_reports", "organizations", "documents",
                                              "org_mentions", "claims")) -> tuple[list[str], list[str]]:
    """(plan lines, problems): a SCAN of a big table that runs inside a loop — under a correlated
    subquery or a recursive step, or as the inner loop of a join (a later sibling of another loop)."""
    rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
    nodes = {node_id: (parent, detail) for node_id, parent, _unused, detail in rows}
    children = {}
    for node_id, parent, _unused, _detail in rows:
        children.setdefault(parent, []).append(node_id)
    depth = {}
    lines = []
    for node_id, parent, _unused, detail in rows:
        depth[node_id] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node_id] + detail)
    aliases = table_aliases(conn)

    def looped(node_id) -> str | None:
        """Why node_id runs more than once, or None. Join loops are siblings, outer first."""
        parent, detail = nodes[node_id]
        if detail.startswith(("SCAN", "SEARCH")):
            siblings = children.get(parent, [])
            earlier = [s for s in siblings[:siblings.index(node_id)] if nodes[s][1].startswith(("SCAN", "SEARCH"))]
            if earlier:
                return f"inner loop of a join after `{nodes[earlier[-1]][1]}`"
        if parent not in nodes:
            return None
        parent_detail = nodes[parent][1]
        if "CORRELATED" in parent_detail or "RECURSIVE STEP" in parent_detail:
            return f"inside `{parent_detail}`"
        return looped(parent)

    problems = []
    for node_id, (parent, detail) in nodes.items():
        match = re.match(r"SCAN (\w+)", detail)
        if not match or match.group(1) == "CONSTANT":
            continue
        table = aliases.get(match.group(1))
        if table in big:
            where = looped(node_id)
            if where:
                problems.append(f"`{detail}` ({table}) {where}")
    return lines, problems


def view_benchmarks(graph_db: Path, runs: int) -> dict:
    from ingest.store.shape import ensure_db_shape
    import sqlite_utils
    ensure_db_shape(sqlite_utils.Database(graph_db))  # the views of this checkout
    conn = sqlite3.connect(graph_db)
    # The writer refreshes the derived graph tables after every ingest that changed something: in
    # full on a database it never refreshed, else only what the changes touched (one changed article).
    refresh = [make_graph_db.refresh_components(conn) for _ in range(runs)]
    refresh_one_document = incremental_refresh(conn, max(runs, 5))
    floor_seconds, _ = timed_query(conn, "SELECT count(*) FROM deals", runs=max(runs, 5))
    hub = conn.execute("SELECT from_org_id FROM deals WHERE from_org_id IS NOT NULL GROUP BY from_org_id "
                       "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    # investor_totals (total_by_investor reads it): the writer recomputes the investors whose deals an
    # ingest changed; every investor only when the table was never filled.
    totals_all, totals_hub = [], []
    for _ in range(runs):
        totals_all.append(make_graph_db.refresh_totals(conn))
        if None in totals_all or sum(totals_all) > VIEW_REPEAT_CAP:
            break
    if None not in totals_all:
        totals_hub = [make_graph_db.refresh_totals(conn, [hub]) for _ in range(max(runs, 5))]
    planted = make_graph_db.planted_cycles(graph_db)
    queries = {
        "total_by_investor": ("SELECT * FROM total_by_investor", ()),
        # What a Datasette page of it reads: 101 rows in its default order (metadata.yaml).
        "total_by_investor, first page": ("SELECT * FROM total_by_investor ORDER BY usd_completed DESC LIMIT 101", ()),
        "circular_deals": ("SELECT * FROM circular_deals", ()),
        "deals_detailed, one org": ("SELECT * FROM deals_detailed WHERE from_org_id = ? OR to_org_id = ?", (hub, hub)),
    }
    reference, _ = timed_query(conn, "SELECT d.from_org_id, count(*), sum(a.usd) FROM deals d "
                                     "LEFT JOIN amounts a ON a.id = d.amount_id GROUP BY d.from_org_id", runs=runs)
    deals = conn.execute("SELECT max(id) FROM deals").fetchone()[0]
    results = {"floor": median(floor_seconds), "floor_runs": len(floor_seconds), "hub": hub, "views": {}, "deals": deals,
               "refresh": None if None in refresh else median(refresh), "refresh_runs": len(refresh),
               "refresh_one_document": refresh_one_document,
               "totals_refresh": None if None in totals_all else median(totals_all),
               "totals_refresh_runs": len(totals_all), "totals_refresh_hub": median(totals_hub),
               "totals_refresh_hub_runs": len(totals_hub),
               "hub_deals": conn.execute("SELECT count(*) FROM deals WHERE from_org_id = ?", [hub]).fetchone()[0],
               "reference_group_by": median(reference)}
    for name, (sql, params) in queries.items():
        view = sql.split("FROM ")[1].split()[0]
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?", [view]).fetchone()
        if not exists:
            results["views"][name] = {"missing": True}
            continue
        lines, problems = plan_problems(conn, sql, params)
        seconds, rows = timed_query(conn, sql, params, runs)
        entry = {"seconds": median(seconds), "runs": len(seconds), "rows": len(rows), "plan": lines,
                 "problems": problems, "transfer": transfer_floor(conn, sql, params, runs)}
        if view == "circular_deals":
            columns = [d[0] for d in conn.execute(sql + " LIMIT 0").description]
            found = sorted(tuple(json.loads(row[columns.index("org_ids")])) for row in rows)
            expected = sorted(tuple(cycle["org_ids"]) for cycle in planted if cycle["expected"])
            entry["cycles_ok"] = found == expected
            entry["cycles"] = f"{len(found)} found, {len(expected)} planted" + (
                "" if found == expected else f": found {found}, planted {expected}")
        results["views"][name] = entry
    conn.close()
    return results


def transfer_floor(conn, sql, params, runs) -> float:
    """Seconds to fetch the same rows from a plain table: what building them in Python alone costs
    (every view is timed as conn.execute(...).fetchall())."""
    conn.execute("DROP TABLE IF EXISTS temp.bench_rows")
    conn.execute("CREATE TEMP TABLE bench_rows AS " + sql, params)
    seconds, _ = timed_query(conn, "SELECT * FROM temp.bench_rows", runs=max(runs, 5))
    conn.execute("DROP TABLE temp.bench_rows")
    return median(seconds)
