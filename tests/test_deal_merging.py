"""One real-world deal reported by several articles: one deals row, one report per article, the
status of the latest article, and the right deal left behind when an article changes.
Articles written for this test (not seeds), ingested one by one in an order unlike their dates."""
from conftest import run_cli
from ingest.store.shape import open_db
from ingest.store.deals import refresh_deal

RUMOUR_UNDATED = (
    "星河科技公司或获腾讯投资\n来源:财经小报\n"
    "星河科技公司专注于推理芯片。\n"
    "据知情人士透露，腾讯正与星河科技公司洽谈投资3亿元人民币。\n")
PAID_2025 = (
    "腾讯完成对星河科技公司的投资\n2025-01-10 来源:科技日报\n"
    "星河科技公司专注于推理芯片。\n"
    "腾讯已向星河科技公司投资3亿元人民币。\n")
PLANNED_2024 = (
    "星河科技获腾讯投资\n2024-11-02 来源:算力观察\n"
    "星河科技公司成立于2022年，专注于推理芯片。\n"
    "腾讯计划向星河科技公司投资3亿元人民币。\n")
PAID_2025_WITHOUT_DEAL = (
    "腾讯完成对星河科技公司的投资\n2025-01-10 来源:科技日报\n"
    "星河科技公司专注于推理芯片，产品明年上市。\n")


def ingest(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run_cli("ingest", tmp_path / "m.db", path, "--silent")


def deals(tmp_path):
    db = open_db(tmp_path / "m.db")
    return [tuple(row.values()) for row in db.query(
        "select f.name, t.name, d.kind, d.status, a.raw, doc.title from deals d"
        " join organizations f on f.id = d.from_org_id join organizations t on t.id = d.to_org_id"
        " left join amounts a on a.id = d.amount_id join deal_reports r on r.id = d.status_report_id"
        " join documents doc on doc.id = r.document_id order by d.id")]


def reports(tmp_path):
    db = open_db(tmp_path / "m.db")
    return [tuple(row.values()) for row in db.query(
        "select r.deal_id, doc.title, doc.published_on, r.status from deal_reports r"
        " join documents doc on doc.id = r.document_id order by r.id")]


def test_three_reports_make_one_deal_with_the_latest_articles_status(tmp_path):
    for name, text in (("c.txt", RUMOUR_UNDATED), ("b.txt", PAID_2025), ("a.txt", PLANNED_2024)):
        ingest(tmp_path, name, text)
    assert reports(tmp_path) == [
        (1, "星河科技公司或获腾讯投资", None, "rumored"),
        (1, "腾讯完成对星河科技公司的投资", "2025-01-10", "completed"),
        (1, "星河科技获腾讯投资", "2024-11-02", "planned"),
    ]
    # The 2024 article came last, but the 2025 one is the latest news: the deal was paid.
    assert deals(tmp_path) == [
        ("Tencent", "星河科技", "equity_investment", "completed", "3亿元人民币", "腾讯完成对星河科技公司的投资")]


def test_incremental_status_equals_a_full_recount(tmp_path):
    for name, text in (("a.txt", PLANNED_2024), ("c.txt", RUMOUR_UNDATED), ("b.txt", PAID_2025)):
        ingest(tmp_path, name, text)
    before = deals(tmp_path)
    db = open_db(tmp_path / "m.db")
    with db.atomic():
        refresh_deal(db, 1)
    assert deals(tmp_path) == before == [
        ("Tencent", "星河科技", "equity_investment", "completed", "3亿元人民币", "腾讯完成对星河科技公司的投资")]


def test_an_article_that_drops_the_deal_hands_the_status_to_the_next_latest(tmp_path):
    for name, text in (("c.txt", RUMOUR_UNDATED), ("b.txt", PAID_2025), ("a.txt", PLANNED_2024)):
        ingest(tmp_path, name, text)
    ingest(tmp_path, "b.txt", PAID_2025_WITHOUT_DEAL)
    assert deals(tmp_path) == [
        ("Tencent", "星河科技", "equity_investment", "planned", "3亿元人民币", "星河科技获腾讯投资")]


def test_a_deal_no_article_reports_any_more_is_deleted(tmp_path):
    ingest(tmp_path, "b.txt", PAID_2025)
    assert len(deals(tmp_path)) == 1
    ingest(tmp_path, "b.txt", PAID_2025_WITHOUT_DEAL)
    assert deals(tmp_path) == []
    assert reports(tmp_path) == []


def test_a_database_from_before_status_report_id_gets_the_right_status(tmp_path):
    # An older aicap stored no status_report_id (the column is added empty): a new, older report
    # must not win just because nothing is recorded as deciding.
    ingest(tmp_path, "b.txt", PAID_2025)
    db = open_db(tmp_path / "m.db")
    with db.atomic():
        db.execute("UPDATE deals SET status_report_id = NULL")
    db.conn.close()
    ingest(tmp_path, "a.txt", PLANNED_2024)
    assert deals(tmp_path) == [
        ("Tencent", "星河科技", "equity_investment", "completed", "3亿元人民币", "腾讯完成对星河科技公司的投资")]
