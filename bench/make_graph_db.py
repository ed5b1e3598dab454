"""A large aicap database for the view benchmarks: 100k organizations, 1M deals, planted cycles.

    python bench/make_graph_db.py OUT_DB [--orgs 100000] [--deals 1000000] [--documents 3000] [--seed 7]

The database is created through ingest.store.shape.ensure_db_shape (the contract's schema and every view)
and ingest.store.reference.save_deal_vocabulary, then filled in bulk (one transaction, no journal, indexes built
after the load). Every deal has one amount and one report; documents are few (the views do not
need many).

The graph. Each organization gets a random rank. Random deals go from a lower rank to a higher
one, so they form a DAG and can close no cycle; out-degree follows a power law (low ranks are the
hubs: a few organizations make thousands of deals, most make none), in-degree grows with rank
(the many startups at the bottom receive). Kinds and statuses are mixed as in the news:
equity investments and rounds first, then purchases, acquisitions, loans; most deals completed or
announced, a few rumoured, in talks, scaled back or cancelled. funding_round deals have no
from_org_id (a round's total is nobody's).

Planted cycles (of length 2, 3 and 4) run between reserved organizations that random deals never
leave (they may receive), so no random deal can close another cycle through them; each is stored
in bench_planted_cycles(cycle_id, length, org_ids, expected). Derived tables the writer keeps
(deal_graph_components, investor_totals, funding_totals) are refreshed at the end, as after an ingest. A decoy 2-cycle
whose closing deal is cancelled (superseded: not an edge) has expected = 0: circular_deals must not
return it.
"""
import argparse
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import sqlite_utils  # noqa: E402

from ingest.store.reference import save_deal_vocabulary  # noqa: E402
from ingest.store.shape import ensure_db_shape, refill_deals_reported_twice  # noqa: E402

KINDS = [("equity_investment", 34), ("funding_round", 14), ("acquisition", 4), ("chip_purchase", 9),
         ("cloud_contract", 7), ("purchase_commitment", 5), ("cloud_credits", 3), ("compute_access", 2),
         ("loan", 6), ("warrant", 2), ("capital_alliance", 2), ("other", 12)]
STATUSES = [("completed", 46), ("announced", 20), ("planned", 10), ("rumored", 10), ("in_talks", 7),
            ("scaled_back", 4), ("cancelled", 3)]
ORG_KINDS = [("company", 30), ("ai_lab", 14), ("unknown", 18), ("vc", 12), ("corporate_vc", 4), ("cloud", 3),
             ("chipmaker", 3), ("big_tech", 1), ("private_equity", 3), ("bank", 3), ("sovereign_fund", 1),
             ("asset_manager", 2), ("research", 2), ("media", 2), ("government", 1), ("regulator", 1)]
CURRENCIES = [("USD", 1.0, 70), ("CNY", 0.14, 20), ("EUR", 1.08, 5), ("JPY", 0.0067, 5)]
# (length, kinds of the edges around the cycle, status of each edge, expected in circular_deals)
PLANTED = [
    (2, ["equity_investment", "chip_purchase"], ["completed", "completed"], 1),   # vendor financing
    (2, ["loan", "cloud_contract"], ["announced", "rumored"], 1),
    (3, ["equity_investment", "cloud_contract", "chip_purchase"], ["completed", "planned", "completed"], 1),
    (3, ["acquisition", "other", "loan"], ["completed", "in_talks", "announced"], 1),
    (4, ["equity_investment", "equity_investment", "purchase_commitment", "chip_purchase"],
     ["completed", "completed", "announced", "completed"], 1),
    (4, ["warrant", "cloud_credits", "loan", "other"], ["planned", "completed", "rumored", "completed"], 1),
    (2, ["equity_investment", "chip_purchase"], ["completed", "cancelled"], 0),   # decoy: superseded edge
]


def weighted(rng: random.Random, table) -> list:
    values = [row[0] for row in table]
    weights = [row[-1] for row in table]
    return lambda: rng.choices(values, weights)[0]


def build(path: Path, orgs: int, deals: int, documents: int, seed: int, log=print) -> dict:
    rng = random.Random(seed)
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(f"{path}{suffix}"):
            os.remove(f"{path}{suffix}")
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    save_deal_vocabulary(db)
    conn = db.conn
    conn.commit()
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    # Indexes are built after the load (ensure_db_shape recreates them): far faster than keeping
    # them up to date row by row.
    for table in ("deals", "amounts", "deal_reports", "organizations", "documents"):
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                    "AND sql IS NOT NULL", [table]).fetchall():
            conn.execute(f'DROP INDEX "{name}"')
    # So are the triggers that list the investors whose totals a deal changes (investor_totals_stale)
    # and the deals reported twice (deals_reported_twice, which would search deal_reports without
    # its index): the load fills those tables in one pass at the end instead.
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name IN ('deals', 'amounts', 'deal_reports')").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("BEGIN")

    # Organizations, with a random rank each. Reserved ones (cycle members) are never a random
    # deal's from_org_id.
    org_kind = weighted(rng, ORG_KINDS)
    conn.executemany(
        "INSERT INTO organizations (id, name, name_zh, kind, country, in_gazetteer) VALUES (?, ?, ?, ?, ?, ?)",
        ((i, f"Org {i:06d} {'AI' if i % 3 else 'Capital'}", f"合成{i}科技" if i % 4 == 0 else None, org_kind(),
          rng.choice(["US", "CN", "GB", "FR", "JP", "DE", "AE", None]), int(i % 50 == 0))
         for i in range(1, orgs + 1)))
    by_rank = list(range(1, orgs + 1))
    rng.shuffle(by_rank)
    reserved_count = sum(length for length, *_ in PLANTED)
    reserved = sorted(rng.sample(range(1, orgs + 1), reserved_count))
    reserved_set = set(reserved)

    # Documents: a few thousand short articles the reports cite.
    conn.executemany(
        "INSERT INTO documents (id, sha256, source_path, title, published_on, language, encoding, format, raw, text, "
        "pipeline_version) VALUES (?, ?, ?, ?, ?, 'zh-Hans', 'utf-8', 'text', ?, ?, 'bench')",
        ((i, f"{i:064x}", f"bench/{i:06d}.txt", f"合成新闻 {i}", f"20{23 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}",
          f"合成新闻 {i}。Org A 向 Org B 投资1亿美元。", f"Org A 向 Org B 投资1亿美元。") for i in range(1, documents + 1)))

    kind_of, status_of = weighted(rng, KINDS), weighted(rng, STATUSES)
    currency_of = weighted(rng, [(c, w) for c, _rate, w in CURRENCIES])
    rates = {c: rate for c, rate, _w in CURRENCIES}
    top = orgs - 1

    def random_edge():
        while True:
            r_from = int(top * rng.random() ** 2.5)
            source = by_rank[r_from]
            if source not in reserved_set:
                break
        r_to = r_from + 1 + int((top - r_from) * rng.random())
        return source, by_rank[min(r_to, top)]

    def deal_rows():
        planted_rows = []
        deal_id = 0
        for cycle_id, (length, kinds, statuses, _expected) in enumerate(PLANTED, start=1):
            members = reserved[:length]
            del reserved[:length]
            planted_rows.append((cycle_id, length, json.dumps(members), _expected))
            for step in range(length):
                deal_id += 1
                yield (deal_id, kinds[step], statuses[step], members[step], members[(step + 1) % length])
        conn.executemany("INSERT INTO bench_planted_cycles VALUES (?, ?, ?, ?)", planted_rows)
        while deal_id < deals:
            deal_id += 1
            kind = kind_of()
            source, target = random_edge()
            if kind == "funding_round":
                source = None
            yield (deal_id, kind, status_of(), source, target)

    conn.execute("DROP TABLE IF EXISTS bench_planted_cycles")
    conn.execute("CREATE TABLE bench_planted_cycles (cycle_id INTEGER PRIMARY KEY, length INTEGER NOT NULL, "
                 "org_ids TEXT NOT NULL, expected INTEGER NOT NULL)")

    def all_rows():
        # One amount, one deal and one report per deal; amount id = deal id = report id. The report
        # is the deal's status report (deals.status_report_id), as aicap's writer records it.
        for deal_id, kind, status, source, target in deal_rows():
            currency = currency_of()
            value = round(10 ** rng.uniform(5, 10.5), -4)
            if rng.random() < 0.08:
                low, high, bound, amount = value, value * 2, "range", None
            else:
                low = high = None
                bound = rng.choices(["exact", "at_least", "up_to", "approx"], [70, 12, 6, 12])[0]
                amount = value
            rate = rates[currency]
            document_id = rng.randint(1, documents)
            day = f"20{23 + deal_id % 4}-{1 + deal_id % 12:02d}-{1 + deal_id % 28:02d}"
            yield ((deal_id, document_id, f"{value:g} {currency}", amount, low, high, currency, bound,
                    amount and amount * rate, low and low * rate, high and high * rate, rate, 0, 10),
                   (deal_id, kind, status, source, target, deal_id, deal_id, day, "day",
                    rng.choice(["A轮", "B轮", "Series C", None]) if kind in ("funding_round", "equity_investment") else None,
                    rng.choice(["lead", "participant", None]) if kind == "equity_investment" else None),
                   (deal_id, deal_id, document_id, deal_id, status, "Org A 向 Org B 投资1亿美元。", 0, 16))

    batch_a, batch_d, batch_r = [], [], []

    def flush():
        conn.executemany(
            "INSERT INTO amounts (id, document_id, raw, value, value_low, value_high, currency, bound, usd, usd_low, "
            "usd_high, fx_rate, char_start, char_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_a)
        conn.executemany(
            "INSERT INTO deals (id, kind, status, from_org_id, to_org_id, amount_id, status_report_id, announced_on, "
            "announced_precision, round_name, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_d)
        conn.executemany(
            "INSERT INTO deal_reports (id, deal_id, document_id, amount_id, status, evidence, char_start, char_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch_r)
        batch_a.clear(), batch_d.clear(), batch_r.clear()

    for amount, deal, report in all_rows():
        batch_a.append(amount), batch_d.append(deal), batch_r.append(report)
        if len(batch_d) >= 50_000:
            flush()
    flush()
    conn.execute("COMMIT")
    loaded = time.perf_counter()
    ensure_db_shape(db)  # indexes (IF NOT EXISTS), triggers and views
    conn.commit()
    with conn:
        refill_deals_reported_twice(conn)  # empty: one report per deal
    refresh_components(conn)
    refresh_totals(conn)
    refresh_funding(conn)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    summary = {"orgs": orgs, "deals": deals, "documents": documents, "load_s": round(loaded - started, 1),
               "index_s": round(time.perf_counter() - loaded, 1), "bytes": os.path.getsize(path)}
    log(f"{path}: {orgs:,} organizations, {deals:,} deals; load {summary['load_s']} s, indexes "
        f"{summary['index_s']} s, {summary['bytes'] / 1e6:.0f} MB")
    return summary


def refresh_components(conn) -> float | None:
    """Recompute deal_graph_components (which circular_deals reads) from every deal, as aicap ingest
    does on a database it never refreshed; seconds taken, None if there is no such table. (After an
    ingest the writer recomputes only what changed: bench/graph_refresh.py times that.)"""
    try:
        from ingest.store import graph
    except ImportError:
        return None
    # A checkout from before the incremental refresh recomputes everything in refresh_graph_components.
    recompute = getattr(graph, "recompute_graph_components", graph.refresh_graph_components)
    started = time.perf_counter()
    with conn:
        recompute(conn)
    return time.perf_counter() - started


def refresh_funding(conn) -> float | None:
    """Recompute funding_totals (which funding_received reads) for every receiver, as aicap ingest
    does for a database without them; seconds taken, None if this checkout has no funding_totals."""
    try:
        from ingest.store.totals import refresh_funding_totals
    except ImportError:
        return None
    started = time.perf_counter()
    with conn:
        refresh_funding_totals(conn)
    return time.perf_counter() - started


def refresh_totals(conn, org_ids=None) -> float | None:
    """Recompute investor_totals (which total_by_investor reads) as aicap ingest does after a run:
    every investor (org_ids None), or only org_ids, as after an ingest that changed their deals.
    Seconds taken, None if this checkout has no investor_totals."""
    try:
        from ingest.store.totals import refresh_investor_totals
    except ImportError:
        return None
    started = time.perf_counter()
    with conn:
        refresh_investor_totals(conn, org_ids)
    return time.perf_counter() - started


def planted_cycles(db_path) -> list[dict]:
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT cycle_id, length, org_ids, expected FROM bench_planted_cycles ORDER BY cycle_id").fetchall()
    conn.close()
    return [{"cycle_id": c, "length": n, "org_ids": json.loads(ids), "expected": e} for c, n, ids, e in rows]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_db")
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.deals < 20 or args.orgs < 100:
        parser.error("at least 100 organizations and 20 deals")
    build(Path(args.out_db), args.orgs, args.deals, args.documents, args.seed,
          log=lambda line: print(line, file=sys.stderr))
    for cycle in planted_cycles(args.out_db):
        print(f"planted cycle {cycle['cycle_id']}: length {cycle['length']}, orgs {cycle['org_ids']}, "
              f"{'expected' if cycle['expected'] else 'decoy (superseded edge): not expected'}", file=sys.stderr)


if __name__ == "__main__":
    main()
