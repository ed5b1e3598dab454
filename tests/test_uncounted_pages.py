"""aicap serve skips Datasette's row count on the unfiltered pages of the views that read every
deal, on a large database only (datasette/plugins/aicap_pages.py): there the count takes longer than
Datasette's 1 s limit and is abandoned anyway. Filtered pages are counted."""
import asyncio

import pytest

from conftest import served_datasette


def plugin():
    from datasette.plugins import pm
    return next(p for p in pm.get_plugins() if getattr(p, "__file__", "").endswith("aicap_pages.py"))


def counts(ds, *paths):
    async def fetch():
        found = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, response.text[:300]
            found.append(response.json()["filtered_table_rows_count"])
        return found
    return asyncio.run(fetch())


@pytest.fixture
def ds(seed_db_path):
    return served_datasette(seed_db_path)


def test_a_small_database_is_counted(ds, seed_db):
    deals = seed_db.execute("select count(*) from deals").fetchone()[0]
    assert counts(ds, "/aicap/deals_detailed.json", "/aicap/deal_values.json") == [deals, deals]


def test_a_large_database_skips_the_count_of_unfiltered_pages_only(ds, seed_db, monkeypatch):
    monkeypatch.setattr(plugin(), "COUNTED_DEALS", 0)  # every database is large
    deals = seed_db.execute("select count(*) from deals").fetchone()[0]
    investors = seed_db.execute("select count(*) from total_by_investor").fetchone()[0]
    loans = seed_db.execute("select count(*) from deals where kind = 'equity_investment'").fetchone()[0]
    assert counts(ds, "/aicap/deals_detailed.json", "/aicap/deal_values.json?_sort=deal_id",
                  "/aicap/investor_totals_live.json") == [None, None, None]
    # Filtered: counted, also with the plugin's own _nocount carried along by Datasette's links.
    assert counts(ds, "/aicap/deals_detailed.json?kind=equity_investment",
                  "/aicap/deals_detailed.json?kind=equity_investment&_nocount=large") == [loans, loans]
    # A user's own _nocount is kept; other pages are counted.
    assert counts(ds, "/aicap/deals_detailed.json?kind=equity_investment&_nocount=1",
                  "/aicap/total_by_investor.json", "/aicap/deals.json") == [None, investors, deals]
