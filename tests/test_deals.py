"""Deal rules on articles written for these tests (not seeds): new startups, new investors, zh-Hant in Big5."""
from conftest import run_cli
from ingest.db import open_db

TRADITIONAL_BIG5 = (
    "輝達領投台灣新創公司\n"
    "2025-05-20 來源:科技日報\n"
    "台灣人工智慧新創公司晶核智能宣布完成5000萬美元B輪融資，由輝達領投。\n"
    "鴻海去年6月已向晶核智能投資1億美元。\n"
    "據知情人士透露，軟銀正與晶核智能洽談投資。\n"
)
SIMPLIFIED = (
    "云端算力公司获得新投资\n"
    "2024-11-02 来源:算力观察\n"
    "初创公司星河智能成立于2022年，专注于推理芯片。\n"
    "腾讯宣布向星河智能投资3亿元人民币。\n"
    "另外，阿里巴巴计划收购星河智能，交易细节尚未披露。\n"
    "如果百度也向星河智能投资，竞争将更加激烈。\n"
)


def deals_of(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    run_cli("ingest", tmp_path / "x.db", path, "--silent")
    db = open_db(tmp_path / "x.db")
    return [tuple(row.values()) for row in db.query(
        "select f.name, t.name, d.kind, d.status, a.raw, a.currency, d.announced_on, d.round_name, d.role,"
        " r.evidence, substr(doc.text, r.char_start + 1, r.char_end - r.char_start) = r.evidence"
        " from deal_reports r join deals d on d.id = r.deal_id join documents doc on doc.id = r.document_id"
        " left join organizations f on f.id = d.from_org_id left join organizations t on t.id = d.to_org_id"
        " left join amounts a on a.id = d.amount_id order by r.id")]


def test_traditional_article_in_big5(tmp_path):
    assert deals_of(tmp_path, "hant.txt", TRADITIONAL_BIG5.encode("big5")) == [
        (None, "晶核智能", "funding_round", "completed", "5000萬美元", "USD", None, "B輪", None,
         "台灣人工智慧新創公司晶核智能宣布完成5000萬美元B輪融資，由輝達領投。", 1),
        ("Nvidia", "晶核智能", "equity_investment", "completed", None, None, None, "B輪", "lead",
         "台灣人工智慧新創公司晶核智能宣布完成5000萬美元B輪融資，由輝達領投。", 1),
        ("Foxconn", "晶核智能", "equity_investment", "completed", "1億美元", "USD", "2024-06", None, None,
         "鴻海去年6月已向晶核智能投資1億美元。", 1),
        ("SoftBank Group", "晶核智能", "equity_investment", "rumored", None, None, None, None, None,
         "據知情人士透露，軟銀正與晶核智能洽談投資。", 1),
    ]


def test_simplified_article_with_a_new_startup(tmp_path):
    assert deals_of(tmp_path, "hans.txt", SIMPLIFIED.encode("utf-8")) == [
        ("Tencent", "星河智能", "equity_investment", "announced", "3亿元人民币", "CNY", None, None, None,
         "腾讯宣布向星河智能投资3亿元人民币。", 1),
        ("Alibaba Group", "星河智能", "acquisition", "planned", None, None, None, None, None,
         "另外，阿里巴巴计划收购星河智能，交易细节尚未披露。", 1),
    ]
