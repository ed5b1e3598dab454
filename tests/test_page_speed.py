"""Every view's page answers in 200 ms on the seeds database, served as `aicap serve` serves it.

circular_deals took up to a second and more: its facets, and Datasette's facet suggestions (a query
per column), each ran the recursive view again, and SQLite took half a second to plan it each time.
"""
import asyncio
import time

from conftest import served_datasette
from ingest.resources import view_paths

LIMIT_MS = 200


def test_every_view_page_answers_in_200_ms(seed_db_path):
    ds = served_datasette(seed_db_path)

    async def best_of_3(path):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            response = await ds.client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, f"{path}: {response.text[:300]}"
            assert 'class="rows-and-columns"' in response.text, path  # a page of rows, not an error
        return round(min(times) * 1000)

    async def measure():
        return {path.stem: await best_of_3(f"/aicap/{path.stem}") for path in view_paths()}

    timings = asyncio.run(measure())
    assert len(timings) == 11 and "circular_deals" in timings  # deal_values, funding_received_live included
    assert {view: ms for view, ms in timings.items() if ms > LIMIT_MS} == {}, timings


def test_aicap_serve_suggests_no_facets_and_circular_deals_has_none(seed_db_path):
    ds = served_datasette(seed_db_path)

    async def facets(path):
        data = (await ds.client.get(path + ".json?_extra=suggested_facets")).json()
        return sorted(data.get("facet_results", {})), data.get("suggested_facets", [])

    assert asyncio.run(facets("/aicap/circular_deals")) == ([], [])
    # Facets named in metadata stay.
    assert asyncio.run(facets("/aicap/deals_detailed")) == (["currency", "kind", "status"], [])
