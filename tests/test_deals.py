"""Deal rules on articles written for these tests (not seeds): new startups, new investors, zh-Hant in Big5."""
from conftest import run_cli
from ingest.store.shape import open_db

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
        (None, "晶核智能", "funding_round", "completed", "5000萬美元", "USD", "2025-05-20", "B輪", None,
         "台灣人工智慧新創公司晶核智能宣布完成5000萬美元B輪融資，由輝達領投。", 1),
        ("Nvidia", "晶核智能", "equity_investment", "completed", None, None, "2025-05-20", "B輪", "lead",
         "台灣人工智慧新創公司晶核智能宣布完成5000萬美元B輪融資，由輝達領投。", 1),
        ("Foxconn", "晶核智能", "equity_investment", "completed", "1億美元", "USD", "2024-06", None, None,
         "鴻海去年6月已向晶核智能投資1億美元。", 1),
        ("SoftBank Group", "晶核智能", "equity_investment", "rumored", None, None, "2025-05-20", None, None,
         "據知情人士透露，軟銀正與晶核智能洽談投資。", 1),
    ]


def test_simplified_article_with_a_new_startup(tmp_path):
    assert deals_of(tmp_path, "hans.txt", SIMPLIFIED.encode("utf-8")) == [
        ("Tencent", "星河智能", "equity_investment", "announced", "3亿元人民币", "CNY", "2024-11-02", None, None,
         "腾讯宣布向星河智能投资3亿元人民币。", 1),
        ("Alibaba Group", "星河智能", "acquisition", "planned", None, None, "2024-11-02", None, None,
         "另外，阿里巴巴计划收购星河智能，交易细节尚未披露。", 1),
    ]


RECEIVED = (
    "星河智能获腾讯战略投资\n"
    "2025-03-02 来源:创投日报\n"
    "初创公司星河智能成立于2022年，专注于推理芯片。\n"
    "星河智能获得腾讯5亿元人民币战略投资。\n"
    "据悉，星河智能还将获得红杉中国的投资。\n"
    "星河智能创始人李明表示，公司已向云途科技公司采购GPU芯片，并承诺在未来三年内租用阿里云的云服务。\n"
)


def test_money_received_and_who_acts_after_an_object(tmp_path):
    # X 获得 Y 投资: Y → X. A new startup named before 成立/投资 is discovered. 公司 after 表示
    # refers back to the founder's startup; 公司 inside 云途科技公司 refers to nothing; and the
    # organization after 向 is the object of one clause, not the subject of the next.
    got = deals_of(tmp_path, "received.txt", RECEIVED.encode("utf-8"))
    assert got == [
        ("Tencent", "星河智能", "equity_investment", "completed", "5亿元人民币", "CNY", "2025-03-02", None, None,
         "星河智能获得腾讯5亿元人民币战略投资。", 1),
        ("HongShan", "星河智能", "equity_investment", "rumored", None, None, "2025-03-02", None, None,
         "据悉，星河智能还将获得红杉中国的投资。", 1),
        ("星河智能", "云途科技", "chip_purchase", "completed", None, None, "2025-03-02", None, None,
         "星河智能创始人李明表示，公司已向云途科技公司采购GPU芯片，并承诺在未来三年内租用阿里云的云服务。", 1),
        ("星河智能", "Alibaba Cloud", "cloud_contract", "announced", None, None, "2025-03-02", None, None,
         "星河智能创始人李明表示，公司已向云途科技公司采购GPU芯片，并承诺在未来三年内租用阿里云的云服务。", 1),
    ]


RECEIVED_OR_NOT = (
    "大模型公司融资动态\n"
    "2025-04-10 来源:创投日报\n"
    "阿里巴巴获得腾讯的同意后投资月之暗面。\n"
    "腾讯获得英伟达芯片后增加对百川智能的投资。\n"
    "百川智能称获得腾讯支持的零一万物投资。\n"
    "星河智能获得红杉中国投资，又获得腾讯投资。\n"
    "云帆智能今年又获百度注资。\n"
)


def test_received_only_when_nothing_but_givers_stands_between_the_verbs(tmp_path):
    # 获得腾讯的同意后投资 is two phrases: the investment is Alibaba's. What follows 获得 received
    # something and is not the subject of the next clause. 腾讯支持的零一万物 is no giver of its own.
    # A new startup is found before 今年/又 too.
    got = deals_of(tmp_path, "received_or_not.txt", RECEIVED_OR_NOT.encode("utf-8"))
    assert [row[:4] + row[-2:] for row in got] == [
        ("Alibaba Group", "Moonshot AI", "equity_investment", "completed", "阿里巴巴获得腾讯的同意后投资月之暗面。", 1),
        ("Tencent", "Baichuan Intelligence", "equity_investment", "completed",
         "腾讯获得英伟达芯片后增加对百川智能的投资。", 1),
        ("HongShan", "星河智能", "equity_investment", "completed", "星河智能获得红杉中国投资，又获得腾讯投资。", 1),
        ("Tencent", "星河智能", "equity_investment", "completed", "星河智能获得红杉中国投资，又获得腾讯投资。", 1),
        ("Baidu", "云帆智能", "equity_investment", "completed", "云帆智能今年又获百度注资。", 1),
    ]
