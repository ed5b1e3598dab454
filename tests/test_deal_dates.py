"""Deal dates and the deal a report repeats (issue 15): a deal the text does not date takes its
first report's publication date, marked date_source = 'published'; a report without an amount and
one with it of the same parties are one deal; an amount per receiver (scope 'each') is kept out
of the totals. On the seeds, whole rows."""
import shutil

from conftest import SEEDS, run_cli
from ingest.store.shape import open_db

DEALS = ("select f.name, t.name, d.kind, d.status, a.raw, d.announced_on, d.announced_precision, d.date_source,"
         " d.scope, (select count(*) from deal_reports r where r.deal_id = d.id) from deals d"
         " left join organizations f on f.id = d.from_org_id left join organizations t on t.id = d.to_org_id"
         " left join amounts a on a.id = d.amount_id where {where} order by d.id")


def deals(db, where: str, params=()):
    return [tuple(row.values()) for row in db.query(DEALS.format(where=where), params)]


def test_an_undated_deal_takes_the_publication_date_of_its_report(seed_db):
    # Seed 000 is dated 2024-09-11 and dates two of its deals itself (8月, 4月).
    assert deals(seed_db, "d.id in (select deal_id from deal_reports where document_id = 1)") == [
        ("Nvidia", "Sakana AI", "equity_investment", "completed", None, "2024-09-11", "day", "published", "total", 1),
        ("Nvidia", "Mistral AI", "equity_investment", "completed", None, "2024-09-11", "day", "published", "total", 1),
        ("Nvidia", "Cohere", "equity_investment", "completed", None, "2024-09-11", "day", "published", "total", 1),
        ("Nvidia", "OpenAI", "equity_investment", "in_talks", None, "2024-09-11", "day", "published", "total", 1),
        ("Apple", "OpenAI", "equity_investment", "in_talks", None, "2024-09-11", "day", "published", "total", 1),
        ("SBI Holdings", "Preferred Networks", "capital_alliance", "completed", "最高出资100亿日元", "2024-08", "month",
         "text", "total", 1),
        ("KDDI", "ELYZA", "acquisition", "completed", None, "2024-04", "month", "text", "total", 1),
    ]


def test_articles_without_a_date_leave_their_deals_undated(seed_db):
    # Seeds 003 and 004 state no publication date and no dateline: no date is made up.
    undated = deals(seed_db, "d.announced_on is null")
    assert len(undated) == 16 and {row[7] for row in undated} == {None}
    assert seed_db.execute("select count(*) from documents where published_on is null").fetchone()[0] == 2


def test_a_year_filter_finds_deals_dated_by_publication(seed_db):
    rows = seed_db.execute(
        "select from_name, to_name, amount_raw, announced_on, date_source from deals_detailed"
        " where announced_on >= '2026' and usd >= 1e9 order by deal_id").fetchall()
    assert rows == [("Nvidia", "Anthropic", "100亿美元", "2026-03-08", "published"),
                    ("Nvidia", "OpenAI", "300亿美元", "2026-03-08", "published"),
                    (None, "OpenAI", "1100亿美元", "2026-03-08", "published")]


def test_a_report_without_an_amount_joins_the_deal_that_has_one(seed_db):
    # 在微软投资OpenAI (seed 003) and 微软对OpenAI超过100亿美元的投资 (seed 004): one deal, two reports.
    assert deals(seed_db, "f.name = 'Microsoft' and t.name = 'OpenAI'") == [
        ("Microsoft", "OpenAI", "equity_investment", "completed", "超过100亿美元", None, None, None, "total", 2)]


def test_the_same_deal_whichever_article_comes_first(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    for seed in ("003", "004"):
        source = next(SEEDS.glob(f"{seed}_*.txt"))
        # File names decide the order of ingestion: 004's amount first, then 003's bare mention.
        shutil.copy(source, folder / (("a_" if seed == "004" else "b_") + source.name))
    run_cli("ingest", tmp_path / "x.db", folder, "--silent")
    assert deals(open_db(tmp_path / "x.db"), "f.name = 'Microsoft' and t.name = 'OpenAI'") == [
        ("Microsoft", "OpenAI", "equity_investment", "completed", "超过100亿美元", None, None, None, "total", 2)]


def test_talks_reported_years_before_a_payment_stay_another_deal(seed_db):
    # Talks reported 2024-09-11 (seed 000) are not the 300亿美元 paid in the 2026 round (seed 002).
    assert deals(seed_db, "f.name = 'Nvidia' and t.name = 'OpenAI'") == [
        ("Nvidia", "OpenAI", "equity_investment", "in_talks", None, "2024-09-11", "day", "published", "total", 1),
        ("Nvidia", "OpenAI", "equity_investment", "scaled_back", "高达1000亿美元", "2025-09", "month", "text", "total", 1),
        ("Nvidia", "OpenAI", "equity_investment", "completed", "300亿美元", "2026-03-08", "day", "published", "total", 1),
    ]


def test_an_amount_per_receiver_is_not_added_to_the_investor_total(seed_db):
    assert deals(seed_db, "f.name = 'Alt Capital'") == [
        ("Alt Capital", None, "equity_investment", "planned", "25万美元", None, None, None, "each", 1)]
    assert seed_db.execute(
        "select deals, deals_with_amount, usd_committed, usd_committed_low, usd_committed_high"
        " from total_by_investor where investor = 'Alt Capital'").fetchall() == [(1, 0, None, None, None)]
