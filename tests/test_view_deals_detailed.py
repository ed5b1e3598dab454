"""deals_detailed: one row per deal with names, category, bucket, amount and the reporting articles.

This file also holds `world`, the small hand-built database every view test shares: three cycles
(Nvidia → OpenAI → Nvidia, a three-party loop, a four-party loop), a scaled-back promise and its paid
part, a deal reported by two articles, a deal that points at a converted amount, ranges and bounds.
"""
import json
import sqlite3

import pytest

from ingest.store.reference import save_deal_vocabulary
from ingest.store.shape import ensure_db_shape, open_db

B = 1e9

# id, name, name_zh
ORGS = [
    (1, "Nvidia", "英伟达"), (2, "OpenAI", "OpenAI"), (3, "Microsoft", "微软"), (4, "Oracle", "甲骨文"),
    (5, "CoreWeave", None), (6, "Amazon", "亚马逊"), (7, "AMD", "超威半导体"), (8, "Anthropic", None),
    (9, "Google", "谷歌"), (10, "Lonely Capital", "孤独资本"),
]
ALIASES = [("英伟达", 1), ("輝達", 1), ("NVIDIA", 1), ("OpenAI", 2), ("微软", 3), ("微軟", 3), ("Microsoft", 3),
           ("甲骨文", 4), ("Amazon", 6), ("亚马逊", 6), ("AMD", 7), ("Anthropic", 8), ("Google", 9)]
# id, title, published_on
DOCS = [(1, "英伟达投资OpenAI", "2025-09-22"), (2, "Nvidia pays OpenAI less", "2026-02-01"),
        (3, "OpenAI 融资", "2025-03-31"), (4, "云计算循环交易", "2025-10-01")]
# id, document_id, raw, value, low, high, currency, bound, usd, usd_low, usd_high, converts_amount_id
AMOUNTS = [
    (1, 1, "1000亿美元", 100 * B, 100 * B, 100 * B, "USD", "exact", 100 * B, 100 * B, 100 * B, None),
    (2, 2, "$30 billion", 30 * B, 30 * B, 30 * B, "USD", "exact", 30 * B, 30 * B, 30 * B, None),
    (3, 1, "约100亿美元", 10 * B, None, None, "USD", "approx", 10 * B, None, None, None),
    (4, 3, "400亿美元", 40 * B, 40 * B, 40 * B, "USD", "exact", 40 * B, 40 * B, 40 * B, None),
    (5, 3, "300亿美元", 30 * B, 30 * B, 30 * B, "USD", "exact", 30 * B, 30 * B, 30 * B, None),
    (6, 3, "100亿美元", 10 * B, 10 * B, 10 * B, "USD", "exact", 10 * B, 10 * B, 10 * B, None),
    (7, 4, "20亿美元", 2 * B, 2 * B, 2 * B, "USD", "exact", 2 * B, 2 * B, 2 * B, None),
    (8, 4, "约合143亿元人民币", 14.3 * B, None, None, "CNY", "approx", 2.01 * B, None, None, 7),
    (9, 4, "10-20亿美元", None, 1 * B, 2 * B, "USD", "range", None, 1 * B, 2 * B, None),
    (10, 4, "超过50亿美元", 5 * B, 5 * B, None, "USD", "at_least", 5 * B, 5 * B, None, None),
    (11, 4, "最高30亿美元", 3 * B, None, 3 * B, "USD", "up_to", 3 * B, None, 3 * B, None),
    (12, 4, "5亿美元", 0.5 * B, 0.5 * B, 0.5 * B, "USD", "exact", 0.5 * B, 0.5 * B, 0.5 * B, None),
    (13, 4, "8亿美元", 0.8 * B, 0.8 * B, 0.8 * B, "USD", "exact", 0.8 * B, 0.8 * B, 0.8 * B, None),
    (14, 4, "两千万", 2e7, 2e7, 2e7, None, "exact", None, None, None, None),
]
# id, document_id, kind, subject, predicate, amount_id, number, unit, period, speaker, person, speaker_org, statement, evidence
CLAIMS = [
    (1, 4, "metric", 3, "loan_received", 8, None, None, "2025", None, None, None, None, "微软获得贷款（约合143亿元人民币）。"),
    (2, 1, "statement", 2, None, None, None, None, None, "黄仁勋", 1, 1, "OpenAI是最重要的公司", "黄仁勋说：OpenAI是最重要的公司。"),
    (3, 1, "metric", 1, "market_share", None, 80.0, "percent", None, "分析师", None, None, None, "英伟达市场份额约80%。"),
]
PEOPLE = [(1, "Jensen Huang", "黄仁勋", 1, "CEO")]

# id, kind, status, from, to, amount_id, announced_on, parent, superseded_by, [(document_id, amount_id, status, evidence)]
DEALS = [
    (1, "equity_investment", "scaled_back", 1, 2, 1, "2025-09-22", None, 2,
     [(1, 1, "announced", "英伟达宣布将向OpenAI投资1000亿美元。"),
      (2, None, "scaled_back", "Nvidia scaled back its promise.")]),
    (2, "equity_investment", "completed", 1, 2, 2, "2026-02-01", None, None,
     [(2, 2, "completed", "Nvidia has paid $30 billion."), (4, None, "completed", "英伟达已投资OpenAI。")]),
    (3, "chip_purchase", "completed", 2, 1, 3, "2025-10", None, None,
     [(1, 3, "completed", "OpenAI购买了约100亿美元的英伟达芯片。")]),
    (4, "funding_round", "completed", None, 2, 4, "2025-03-31", None, None,
     [(3, 4, "completed", "OpenAI完成400亿美元融资。"), (4, 5, "completed", "OpenAI融资300亿美元。")]),
    (5, "equity_investment", "completed", 3, 2, 6, "2025-03-31", 4, None,
     [(3, 6, "completed", "微软投资100亿美元。")]),
    # Three-party loop: AMD invests in Anthropic, Anthropic buys cloud from Amazon, Amazon buys AMD chips.
    (6, "equity_investment", "announced", 7, 8, 12, "2025-06", None, None,
     [(4, 12, "announced", "AMD宣布投资Anthropic 5亿美元。")]),
    (7, "cloud_contract", "completed", 8, 6, 13, "2025-07", None, None,
     [(4, 13, "completed", "Anthropic向亚马逊购买8亿美元云服务。")]),
    (8, "chip_purchase", "planned", 6, 7, None, "2025", None, None,
     [(4, None, "planned", "亚马逊计划采购AMD芯片。")]),
    # Four-party loop of investments only (a plain cycle); Google's loan points at a converted amount.
    (9, "equity_investment", "completed", 3, 4, 14, "2024", None, None, [(4, 14, "completed", "微软投资甲骨文两千万。")]),
    (10, "equity_investment", "rumored", 4, 5, None, None, None, None, [(4, None, "rumored", "传甲骨文投资CoreWeave。")]),
    (11, "loan", "completed", 5, 9, None, "2025-01", None, None, [(4, None, "completed", "CoreWeave借钱给谷歌。")]),
    (12, "loan", "completed", 9, 3, 8, "2025-02-03", None, None,
     [(4, 8, "completed", "谷歌向微软贷款20亿美元（约合143亿元人民币）。")]),
    # Ranges and bounds: Lonely Capital invests three times in OpenAI, nothing comes back.
    (13, "equity_investment", "rumored", 10, 2, 9, "2025-05", None, None, [(4, 9, "rumored", "据知情人士透露，孤独资本拟投10-20亿美元。")]),
    (14, "equity_investment", "announced", 10, 2, 10, "2025-06", None, None, [(4, 10, "announced", "孤独资本宣布投资超过50亿美元。")]),
    (15, "equity_investment", "completed", 10, 2, 11, "2025-07", None, None, [(4, 11, "completed", "孤独资本已投资最高30亿美元。")]),
    # A cancelled promise that would close a loop OpenAI → Lonely Capital: superseded, never an edge.
    (16, "purchase_commitment", "cancelled", 2, 10, None, "2025-08", None, None, [(4, None, "cancelled", "OpenAI取消采购。")]),
]


def build_world(path) -> str:
    db = open_db(path)
    ensure_db_shape(db)
    save_deal_vocabulary(db)
    c = db.conn
    for doc_id, title, published_on in DOCS:
        text = "".join([r[3] for d in DEALS for r in d[9] if r[0] == doc_id]
                       + [claim[13] for claim in CLAIMS if claim[1] == doc_id])
        c.execute("insert into documents (id, sha256, source_path, title, published_on, language, raw, text) "
                  "values (?, ?, ?, ?, ?, 'zh-Hans', ?, ?)", [doc_id, f"sha{doc_id}", f"/x/{doc_id}.txt", title,
                                                            published_on, text, text])
    c.executemany("insert into organizations (id, name, name_zh) values (?, ?, ?)", ORGS)
    c.executemany("insert into org_aliases (alias, org_id) values (?, ?)", ALIASES)
    c.executemany("insert into people (id, name, name_zh, org_id, role) values (?, ?, ?, ?, ?)", PEOPLE)
    for row in AMOUNTS:
        c.execute("insert into amounts (id, document_id, raw, value, value_low, value_high, currency, bound, usd, "
                  "usd_low, usd_high, converts_amount_id, char_start, char_end) values "
                  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1)", row)
    for deal_id, kind, status, f, t, amount_id, on, parent, superseded_by, reports in DEALS:
        c.execute("insert into deals (id, kind, status, from_org_id, to_org_id, amount_id, announced_on, "
                  "parent_deal_id) values (?, ?, ?, ?, ?, ?, ?, ?)", [deal_id, kind, status, f, t, amount_id, on, parent])
    for deal_id, *_, superseded_by, reports in DEALS:
        c.execute("update deals set superseded_by_deal_id = ? where id = ?", [superseded_by, deal_id])
        for doc_id, amount_id, status, evidence in reports:
            text = c.execute("select text from documents where id = ?", [doc_id]).fetchone()[0]
            start = text.index(evidence)
            c.execute("insert into deal_reports (deal_id, document_id, amount_id, status, evidence, char_start, "
                      "char_end) values (?, ?, ?, ?, ?, ?, ?)",
                      [deal_id, doc_id, amount_id, status, evidence, start, start + len(evidence)])
    for claim in CLAIMS:
        text = c.execute("select text from documents where id = ?", [claim[1]]).fetchone()[0]
        start = text.index(claim[13])
        c.execute("insert into claims (id, document_id, kind, subject_org_id, predicate, amount_id, number, unit, "
                  "period, speaker, speaker_person_id, speaker_org_id, statement, evidence, char_start, char_end) "
                  "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", list(claim) + [start, start + len(claim[13])])
    # Every article names the organizations of the deals it reports (org_profile counts them).
    c.execute("insert into org_mentions (document_id, org_id, surface, char_start, char_end) "
              "select distinct r.document_id, o.id, o.name, 0, 0 from deal_reports r join deals d on d.id = r.deal_id "
              "join organizations o on o.id in (d.from_org_id, d.to_org_id)")
    c.commit()
    db.close()
    return str(path)


@pytest.fixture
def world(tmp_path):
    return build_world(tmp_path / "world.db")


def view_rows(path, sql, params=()):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def by_id(rows, key="deal_id"):
    return {row[key]: row for row in rows}


def test_one_row_per_deal_with_names_amount_and_every_report(world):
    rows = by_id(view_rows(world, "select * from deals_detailed"))
    assert sorted(rows) == list(range(1, 17))
    # In this order: who pays whom, what, how much, when and the quote first (the first screen width
    # of the Datasette page), then the details, the ids and the long JSON arrays.
    assert list(rows[2].items()) == [
        ("deal_id", 2), ("from_name", "Nvidia"), ("to_name", "OpenAI"), ("kind", "equity_investment"),
        ("status", "completed"), ("amount_raw", "$30 billion"), ("usd", 30 * B), ("announced_on", "2026-02-01"),
        ("quote", "Nvidia has paid $30 billion."), ("from_name_zh", "英伟达"), ("to_name_zh", "OpenAI"),
        ("category", "investment"), ("bucket", "completed"), ("counterparty_text", None), ("round_name", None),
        ("role", None), ("currency", "USD"), ("bound", "exact"), ("amount_value", 30 * B), ("usd_low", 30 * B),
        ("usd_high", 30 * B), ("announced_precision", None), ("date_source", None), ("scope", "total"),
        ("reports", 2), ("source", "extracted"),
        ("from_org_id", 1), ("to_org_id", 2), ("amount_id", 2), ("parent_deal_id", None),
        ("superseded_by_deal_id", None), ("document_ids", "[2,4]"),
        ("documents", '["Nvidia pays OpenAI less","云计算循环交易"]'),
        ("quotes", '["Nvidia has paid $30 billion.","英伟达已投资OpenAI。"]')]


def test_the_quote_is_the_sentence_of_the_status_report(world):
    # The world's deals were written without status_report_id: each shows its first report.
    quote = "select quote from deals_detailed where deal_id = 1"
    assert view_rows(world, quote) == [{"quote": "英伟达宣布将向OpenAI投资1000亿美元。"}]
    conn = sqlite3.connect(world)
    conn.execute("update deals set status_report_id = (select id from deal_reports where deal_id = 1 "
                 "and document_id = 2) where id = 1")
    conn.commit()
    conn.close()
    assert view_rows(world, quote) == [{"quote": "Nvidia scaled back its promise."}]


def test_every_deal_amount_category_and_bucket(world):
    rows = view_rows(world, "select deal_id, category, bucket, amount_id, amount_raw, bound, usd, usd_low, usd_high, "
                            "reports from deals_detailed order by deal_id")
    assert [tuple(r.values()) for r in rows] == [
        (1, "investment", "superseded", 1, "1000亿美元", "exact", 100 * B, 100 * B, 100 * B, 2),
        (2, "investment", "completed", 2, "$30 billion", "exact", 30 * B, 30 * B, 30 * B, 2),
        (3, "purchase", "completed", 3, "约100亿美元", "approx", 10 * B, None, None, 1),
        (4, "round", "completed", 4, "400亿美元", "exact", 40 * B, 40 * B, 40 * B, 2),
        (5, "investment", "completed", 6, "100亿美元", "exact", 10 * B, 10 * B, 10 * B, 1),
        (6, "investment", "committed", 12, "5亿美元", "exact", 0.5 * B, 0.5 * B, 0.5 * B, 1),
        (7, "purchase", "completed", 13, "8亿美元", "exact", 0.8 * B, 0.8 * B, 0.8 * B, 1),
        (8, "purchase", "committed", None, None, None, None, None, None, 1),
        (9, "investment", "completed", 14, "两千万", "exact", None, None, None, 1),
        (10, "investment", "reported", None, None, None, None, None, None, 1),
        (11, "investment", "completed", None, None, None, None, None, None, 1),
        # Google's loan points at the converted amount 约合143亿元人民币: the view shows what it restates.
        (12, "investment", "completed", 7, "20亿美元", "exact", 2 * B, 2 * B, 2 * B, 1),
        (13, "investment", "reported", 9, "10-20亿美元", "range", None, 1 * B, 2 * B, 1),
        (14, "investment", "committed", 10, "超过50亿美元", "at_least", 5 * B, 5 * B, None, 1),
        (15, "investment", "completed", 11, "最高30亿美元", "up_to", 3 * B, None, 3 * B, 1),
        (16, "purchase", "superseded", None, None, None, None, None, None, 1),
    ]


def expected_from_tables(path):
    """deals_detailed computed independently from the base tables, in Python."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    orgs = {r["id"]: r for r in conn.execute("select * from organizations")}
    amounts = {r["id"]: r for r in conn.execute("select * from amounts")}
    titles = {r["id"]: r["title"] for r in conn.execute("select id, title from documents")}
    expected = {}
    for d in conn.execute("select * from deals"):
        reports = list(conn.execute("select * from deal_reports where deal_id = ? order by document_id, char_start, id",
                                    [d["id"]]))
        amount = amounts.get(d["amount_id"])
        if amount is not None and amount["converts_amount_id"]:
            amount = amounts[amount["converts_amount_id"]]
        doc_ids = sorted({r["document_id"] for r in reports})
        status_report = next((r for r in reports if r["id"] == d["status_report_id"]), reports[0] if reports else None)
        sentence = status_report["evidence"] if status_report else None
        expected[d["id"]] = {
            "quote": sentence[:39] + "…" if sentence and len(sentence) > 40 else sentence,
            "from_name": orgs[d["from_org_id"]]["name"] if d["from_org_id"] else None,
            "to_name": orgs[d["to_org_id"]]["name"] if d["to_org_id"] else None,
            "amount_raw": amount["raw"] if amount else None,
            "usd": amount["usd"] if amount else None,
            "reports": len(reports),
            "document_ids": doc_ids,
            "documents": [titles[i] for i in doc_ids],
            "quotes": [r["evidence"] for r in reports],
        }
    conn.close()
    return expected


def test_seeds_every_deal_matches_its_tables(seed_db_path):
    rows = view_rows(seed_db_path, "select * from deals_detailed")
    got = {r["deal_id"]: {"quote": r["quote"], "from_name": r["from_name"], "to_name": r["to_name"], "amount_raw": r["amount_raw"],
                          "usd": r["usd"], "reports": r["reports"], "document_ids": json.loads(r["document_ids"]),
                          "documents": json.loads(r["documents"]), "quotes": json.loads(r["quotes"])} for r in rows}
    assert got == expected_from_tables(seed_db_path)
    assert len(rows) > 0
    assert sum(r["quote"].endswith("…") for r in rows) > 0  # long sentences are cut


def test_seeds_the_nvidia_openai_deals(seed_db_path):
    rows = view_rows(seed_db_path, "select kind, status, amount_raw, usd from deals_detailed "
                                   "where from_name = 'Nvidia' and to_name = 'OpenAI' order by deal_id")
    assert [tuple(r.values()) for r in rows] == [
        ("equity_investment", "in_talks", None, None),
        ("equity_investment", "scaled_back", "高达1000亿美元", 100 * B),
        ("equity_investment", "completed", "300亿美元", 30 * B),
    ]


def test_one_organization_uses_the_org_indexes(world):
    conn = sqlite3.connect(world)
    plan = " ".join(r[3] for r in conn.execute(
        "explain query plan select * from deals_detailed where from_org_id = 1 or to_org_id = 1"))
    assert "deals_from_org_id" in plan and "deals_to_org_id" in plan, plan
