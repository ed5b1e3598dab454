"""total_by_investor: each investor's deals and US dollars by status bucket, with low/high bounds."""
import sqlite3

from test_view_deals_detailed import B, view_rows, world  # noqa: F401  (world is a fixture)

COLUMNS = ("investor, deals, deals_with_amount, deals_superseded, usd_completed, usd_completed_low, "
           "usd_completed_high, usd_committed, usd_committed_low, usd_committed_high, usd_reported, "
           "usd_reported_low, usd_reported_high, first_date, last_date")


def totals(path):
    return [tuple(r.values()) for r in view_rows(path, f"select {COLUMNS} from total_by_investor order by investor")]


def test_totals_of_the_world(world):
    assert totals(world) == [
        # AMD's announced 5亿美元 is committed, not paid.
        ("AMD", 1, 1, 0, None, None, None, 0.5 * B, 0.5 * B, 0.5 * B, None, None, None, "2025-06", "2025-06"),
        ("CoreWeave", 1, 0, 0, None, None, None, None, None, None, None, None, None, "2025-01", "2025-01"),
        # Google's loan points at 约合143亿元人民币: counted as the 20亿美元 it restates, once.
        ("Google", 1, 1, 0, 2 * B, 2 * B, 2 * B, None, None, None, None, None, None, "2025-02-03", "2025-02-03"),
        # Lonely Capital: up to 3 billion paid (low 0), at least 5 billion promised (no upper bound),
        # 1 to 2 billion rumoured (midpoint 1.5).
        ("Lonely Capital", 3, 3, 0, 3 * B, 0.0, 3 * B, 5 * B, 5 * B, None, 1.5 * B, 1 * B, 2 * B, "2025-05", "2025-07"),
        # Microsoft's share of OpenAI's round is its own; the round's 40 billion is nobody's.
        # 两千万 has no currency: a deal without a known amount.
        ("Microsoft", 2, 1, 0, 10 * B, 10 * B, 10 * B, None, None, None, None, None, None, "2024", "2025-03-31"),
        # The 100 billion promise was scaled back: only the 30 billion paid counts, once although two
        # articles report it.
        ("Nvidia", 1, 1, 1, 30 * B, 30 * B, 30 * B, None, None, None, None, None, None, "2026-02-01", "2026-02-01"),
        ("Oracle", 1, 0, 0, None, None, None, None, None, None, None, None, None, None, None),
    ]


def test_purchases_and_rounds_are_not_investments(world):
    names = {r["investor"] for r in view_rows(world, "select investor from total_by_investor")}
    assert {"OpenAI", "Amazon", "Anthropic"} & names == set()


def test_seeds_totals(seed_db_path):
    assert totals(seed_db_path) == [
        ('Alibaba Group', 1, 0, 0, None, None, None, None, None, None, None, None, None, None, None),
        # 25万美元 to each startup: a deal, but no total (the number of startups is not stated).
        ('Alt Capital', 1, 0, 0, None, None, None, None, None, None, None, None, None, None, None),
        ('Amazon', 1, 0, 0, None, None, None, None, None, None, None, None, None, None, None),
        ('Andreessen Horowitz', 1, 0, 0, None, None, None, None, None, None, None, None, None, None, None),
        # Talks the article does not date: dated by its publication (2024-09-11).
        ('Apple', 1, 0, 0, None, None, None, None, None, None, None, None, None, '2024-09-11', '2024-09-11'),
        ('Arm', 1, 0, 0, None, None, None, None, None, None, None, None, None, None, None),
        ('KDDI', 1, 0, 0, None, None, None, None, None, None, None, None, None, '2024-04', '2024-04'),
        # 超过100亿美元 has no upper bound: usd_completed_high is empty.
        # Microsoft → OpenAI, reported once without and once with the amount, is one deal.
        ('Microsoft', 2, 1, 0, 10 * B, 10 * B, None, None, None, None, None, None, None, None, None),
        # 30 billion paid to OpenAI (the 100 billion promise scaled back) + up to 2 billion in xAI.
        ('Nvidia', 7, 3, 1, 32 * B, 30 * B, 32 * B, 10 * B, 10 * B, 10 * B, None, None, None, '2024-09-11', '2026-03-08'),
        ('OpenAI', 1, 0, 0, None, None, None, None, None, None, None, None, None, None, None),
        ('SBI Holdings', 1, 1, 0, 70517241.37931035, 0.0, 70517241.37931035, None, None, None, None, None, None, '2024-08', '2024-08'),
        ('Sequoia Capital', 1, 0, 0, None, None, None, None, None, None, None, None, None, None, None),
        # 300亿美元 into its own chip venture Izanagi, reported (据悉).
        ('SoftBank Group', 3, 1, 0, None, None, None, None, None, None, 30 * B, 30 * B, 30 * B, None, None),
    ]


def test_one_investor_is_read_through_the_index(world):
    conn = sqlite3.connect(world)
    plan = " ".join(r[3] for r in conn.execute("explain query plan select * from total_by_investor where investor_id = 1"))
    assert "deals_from_org_id" in plan, plan
