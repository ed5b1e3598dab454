"""claims_detailed: one row per claim with subject, speaker, amount in US dollars and source article."""
import sqlite3

from test_view_deals_detailed import B, view_rows, world  # noqa: F401  (world is a fixture)


def test_claims_of_the_world(world):
    rows = view_rows(world, "select claim_id, kind, predicate, subject, subject_zh, amount_raw, currency, usd, number, "
                            "unit, period, speaker, statement, document_title from claims_detailed order by claim_id")
    assert [tuple(r.values()) for r in rows] == [
        # The claim points at 约合143亿元人民币: the view shows the 20亿美元 it restates.
        (1, "metric", "loan_received", "Microsoft", "微软", "20亿美元", "USD", 2 * B, None, None, "2025", None, None,
         "云计算循环交易"),
        (2, "statement", None, "OpenAI", "OpenAI", None, None, None, None, None, None, "Jensen Huang",
         "OpenAI是最重要的公司", "英伟达投资OpenAI"),
        (3, "metric", "market_share", "Nvidia", "英伟达", None, None, None, 80.0, "percent", None, "分析师", None,
         "英伟达投资OpenAI"),
    ]


def test_seeds_every_claim_matches_its_tables(seed_db_path):
    conn = sqlite3.connect(seed_db_path)
    expected = conn.execute(
        "select c.id, c.kind, c.predicate, o.name, a.raw, a.usd, c.evidence, d.title from claims c "
        "left join organizations o on o.id = c.subject_org_id left join amounts a on a.id = c.amount_id "
        "join documents d on d.id = c.document_id order by c.id").fetchall()
    got = conn.execute("select claim_id, kind, predicate, subject, amount_raw, usd, evidence, document_title "
                       "from claims_detailed order by claim_id").fetchall()
    assert got == expected and len(got) > 0


def test_seeds_nvidia_claims(seed_db_path):
    rows = view_rows(seed_db_path, "select predicate, amount_raw, usd from claims_detailed "
                                   "where subject = 'Nvidia' and amount_raw is not null order by predicate")
    assert [tuple(r.values()) for r in rows] == [
        ("investments_total", "超过109亿美元", 10.9 * B),
        ("market_cap", "1.8万亿美元", 1800 * B),
        ("revenue", "1937亿美元", 193.7 * B),
        ("segment_revenue", "623亿美元", 62.3 * B),
    ]
