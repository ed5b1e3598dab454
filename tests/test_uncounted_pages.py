"""aicap serve skips Datasette's row count and facets on the unfiltered pages of the views that
read every deal, on a large database only (datasette/plugins/aicap_pages.py): there they take longer
than Datasette's time limits and are abandoned anyway. Filtered pages are counted and faceted."""
import asyncio

import pytest

from conftest import served_datasette


def plugin():
    from datasette.plugins import pm
    return next(p for p in pm.get_plugins() if getattr(p, "__file__", "").endswith("aicap_pages.py"))


def pages(ds, *paths):
    """(row count, facet names) of each JSON page."""
    async def fetch():
        found = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, response.text[:300]
            data = response.json()
            found.append((data["filtered_table_rows_count"], sorted(data.get("facet_results", {}))))
        return found
    return asyncio.run(fetch())


FACETS = ["currency", "kind", "status"]


@pytest.fixture
def ds(seed_db_path):
    return served_datasette(seed_db_path)


def test_a_small_database_is_counted_and_faceted(ds, seed_db):
    deals = seed_db.execute("select count(*) from deals").fetchone()[0]
    assert pages(ds, "/aicap/deals_detailed.json", "/aicap/deal_values.json") == [(deals, FACETS), (deals, [])]


def test_a_large_database_skips_them_on_unfiltered_pages_only(ds, seed_db, monkeypatch):
    monkeypatch.setattr(plugin(), "COUNTED_DEALS", 0)  # every database is large
    deals = seed_db.execute("select count(*) from deals").fetchone()[0]
    investors = seed_db.execute("select count(*) from total_by_investor").fetchone()[0]
    equity = seed_db.execute("select count(*) from deals where kind = 'equity_investment'").fetchone()[0]
    assert pages(ds, "/aicap/deals_detailed.json", "/aicap/deal_values.json?_sort=deal_id",
                 "/aicap/investor_totals_live.json", "/aicap/funding_received_live.json") == [(None, [])] * 4
    # Filtered: counted and faceted, also with the plugin's own arguments carried along by
    # Datasette's links and forms.
    assert pages(ds, "/aicap/deals_detailed.json?kind=equity_investment",
                 "/aicap/deals_detailed.json?kind=equity_investment&_nocount=large&_nofacet=large") == \
        [(equity, FACETS)] * 2
    # A user's own _nocount is kept; other pages are counted.
    assert pages(ds, "/aicap/deals_detailed.json?kind=equity_investment&_nocount=1",
                 "/aicap/total_by_investor.json", "/aicap/deals.json") == \
        [(None, FACETS), (investors, []), (deals, ["kind", "status"])]
