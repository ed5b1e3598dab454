"""The site in a real browser: `aicap serve` on the seeds database, driven by Debian's Chromium.

Skipped when Playwright or /usr/bin/chromium is missing, unless AICAP_REQUIRE_BROWSER=1 (CI), where a
missing browser fails. Screenshots are saved in the test's temporary folder.
"""
import json
import os
import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import aicap_serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def missing(reason):
    if os.environ.get("AICAP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"AICAP_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def playwright_api():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"{CHROMIUM} is not installed (apt-get install chromium fonts-wqy-microhei)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def server(seed_db_path, tmp_path_factory):
    """`aicap serve` on a copy of the seeds database named aicap.db, stopped whatever happens."""
    folder = tmp_path_factory.mktemp("site")
    db = folder / "aicap.db"
    db.write_bytes(Path(seed_db_path).read_bytes())
    with aicap_serve(db, folder / "serve.log", wait_seconds=30) as url:
        yield url


@pytest.fixture
def page(playwright_api, tmp_path):
    browser = playwright_api.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        assert errors == []
    finally:
        browser.close()


def test_circular_deals_shows_nvidia_openai_nvidia(server, page, tmp_path):
    page.goto(server + "/aicap/circular_deals")
    cells = page.locator("td.col-path")
    assert cells.all_inner_texts() == ["Nvidia → OpenAI → Nvidia"]
    assert page.locator("td.col-pattern").all_inner_texts() == ["vendor_financing"]
    page.screenshot(path=tmp_path / "circular_deals.png", full_page=True)


def test_deals_of_organization_with_traditional_chinese(server, page, tmp_path, seed_db_path):
    page.goto(server + "/aicap/deals_of_organization?org=" + urllib.parse.quote("輝達"))
    conn = sqlite3.connect(seed_db_path)
    nvidia = conn.execute("select org_id from org_aliases where alias = '輝達'").fetchone()[0]
    expected = conn.execute("select count(*) from deals where ? in (from_org_id, to_org_id)", [nvidia]).fetchone()[0]
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == expected > 0
    assert "Nvidia" in page.locator("table.rows-and-columns").inner_text()
    assert page.locator("input[name=org]").input_value() == "輝達"
    page.screenshot(path=tmp_path / "deals_of_organization.png", full_page=True)


def test_graph_page_draws_every_organization_in_a_deal(server, page, tmp_path, seed_db_path):
    page.goto(server + "/graph")
    page.wait_for_selector("#graph[data-ready='1']", state="attached", timeout=30000)
    conn = sqlite3.connect(seed_db_path)
    (organizations,) = conn.execute(
        "select count(*) from (select from_org_id as id from deals_detailed where to_org_id is not null "
        "and from_org_id is not null and from_org_id != to_org_id and coalesce(bucket, '') != 'superseded' "
        "union select to_org_id from deals_detailed where to_org_id is not null and from_org_id is not null "
        "and from_org_id != to_org_id and coalesce(bucket, '') != 'superseded')").fetchone()
    assert page.evaluate("window.aicapGraph.nodes().length") == organizations
    deals = page.evaluate("window.aicapGraph.edges().length")
    # The seeds hold one cycle (Nvidia → OpenAI → Nvidia): "1 cycle", not "1 cycles".
    assert page.locator("#graph-summary").inner_text() == f"{organizations} organizations, {deals} deals, 1 cycle"
    # The cycle is highlighted: its two organizations are drawn red.
    in_cycle = page.evaluate("window.aicapGraph.nodes('.in-cycle').map(n => n.data('label')).sort()")
    assert in_cycle == ["Nvidia", "OpenAI"]
    # The bar chart of total_by_investor shows the investors with a known amount, Chinese names rendered.
    assert "Nvidia 英伟达" in page.locator("#investor-chart").inner_text()
    page.screenshot(path=tmp_path / "graph.png", full_page=True)
    # Filtering by a traditional alias keeps Nvidia and its counterparties only.
    page.fill("#org-filter", "輝達")
    shown = page.evaluate("window.aicapGraph.nodes().not('.hidden').map(n => n.data('label'))")
    assert "Nvidia" in shown and "SBI Holdings" not in shown
    page.screenshot(path=tmp_path / "graph_nvidia.png", full_page=True)
    # KDDI made one deal (it acquired ELYZA): every noun of the summary in the singular but organizations.
    page.fill("#org-filter", "KDDI")
    assert page.locator("#graph-summary").inner_text() == "2 organizations, 1 deal, 1 cycle"
    assert sorted(page.evaluate("window.aicapGraph.nodes().not('.hidden').map(n => n.data('label'))")) == [
        "ELYZA", "KDDI"]


def test_every_script_is_served_locally(server):
    html = urllib.request.urlopen(server + "/graph").read().decode()
    assert "cdn" not in html.lower() and "https://" not in html.split("<body")[1].split("Powered by")[0]
    assert json.loads(urllib.request.urlopen(server + "/aicap/circular_deals.json?_shape=array").read())[0]["path"] == \
        "Nvidia → OpenAI → Nvidia"


def test_deals_detailed_shows_who_what_amount_and_quote_in_the_first_1400_px(server, page, tmp_path, seed_db_path):
    page.goto(server + "/aicap/deals_detailed?deal_id=" + str(deal_of(seed_db_path, "SBI Holdings", "Preferred Networks")))
    first = ["deal_id", "from_name", "to_name", "kind", "status", "amount_raw", "usd", "announced_on", "quote"]
    right_edges = {}
    for column in first:
        box = page.locator(f"table.rows-and-columns th.col-{column}").bounding_box()
        right_edges[column] = box["x"] + box["width"]
    assert {c: x for c, x in right_edges.items() if x > 1400} == {}
    cells = [page.locator(f"table.rows-and-columns td.col-{column}").inner_text() for column in first]
    assert cells[1:] == ["SBI Holdings", "Preferred Networks", "capital_alliance", "completed", "最高出资100亿日元",
                         "70517241.37931035", "2024-08", "SBI控股8月与日本最大的独角兽Preferred Networks（东京都千…"]
    # The quote is given room to be read: lines of many characters, not a column of two.
    assert page.locator("table.rows-and-columns td.col-quote").bounding_box()["width"] >= 200
    page.screenshot(path=tmp_path / "deals_detailed.png", full_page=True)


def deal_of(seed_db_path, from_name, to_name):
    conn = sqlite3.connect(seed_db_path)
    return conn.execute("select deal_id from deals_detailed where from_name = ? and to_name = ?",
                        [from_name, to_name]).fetchone()[0]
