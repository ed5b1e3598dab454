"""Canned queries: deals_of_organization (any alias) and money_between (both directions)."""
import asyncio
import shutil
import urllib.parse

import pytest
import yaml
from datasette.app import Datasette

from ingest.resources import metadata_path
from test_view_deals_detailed import build_world

METADATA = yaml.safe_load(metadata_path().read_text(encoding="utf-8"))


def query(db_path, name, **params):
    async def fetch():
        ds = Datasette([str(db_path)], immutables=[], metadata=METADATA)
        response = await ds.client.get(f"/aicap/{name}.json?_shape=array&" + urllib.parse.urlencode(params))
        assert response.status_code == 200, response.text
        return response.json()
    return asyncio.run(fetch())


@pytest.fixture(scope="module")
def world_db(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("canned") / "aicap.db")


@pytest.fixture(scope="module")
def seeds_db(seed_db_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("canned_seeds") / "aicap.db"  # the queries belong to the database named aicap
    shutil.copy(seed_db_path, path)
    return path


@pytest.mark.parametrize("alias", ["Nvidia", "nvidia", "NVIDIA", "英伟达", "輝達", " 輝達 "])
def test_deals_of_organization_by_any_alias(world_db, alias):
    rows = query(world_db, "deals_of_organization", org=alias)
    assert sorted((r["deal_id"], r["direction"]) for r in rows) == [
        (1, "pays"), (2, "pays"), (3, "receives")]


def test_deals_of_unknown_or_empty_organization(world_db):
    assert query(world_db, "deals_of_organization", org="比特币") == []
    assert query(world_db, "deals_of_organization", org="") == []


def test_money_between_both_directions(world_db):
    rows = query(world_db, "money_between", a="openai", b="英伟达")
    assert [(r["deal_id"], r["flow"], r["status"]) for r in rows] == [
        (2, "Nvidia → OpenAI", "completed"), (3, "OpenAI → Nvidia", "completed"), (1, "Nvidia → OpenAI", "scaled_back")]
    assert query(world_db, "money_between", a="微軟", b="Google") == query(world_db, "money_between", a="Google", b="微软")


def test_seeds_deals_of_nvidia_in_traditional_chinese(seeds_db):
    rows = query(seeds_db, "deals_of_organization", org="輝達")
    assert sorted((r["deal_id"], r["direction"], r["from_name"], r["to_name"]) for r in rows) == [
        (1, "pays", "Nvidia", "Sakana AI"), (2, "pays", "Nvidia", "Mistral AI"), (3, "pays", "Nvidia", "Cohere"),
        (4, "pays", "Nvidia", "OpenAI"), (8, "pays", "Nvidia", "xAI"), (10, "receives", "Tesla", "Nvidia"),
        (11, "pays", "Nvidia", "OpenAI"), (12, "pays", "Nvidia", "Anthropic"), (13, "receives", "OpenAI", "Nvidia"),
        (14, "pays", "Nvidia", "OpenAI"), (16, "receives", "Andreessen Horowitz", "Nvidia")]


def test_seeds_money_between_openai_and_nvidia(seeds_db):
    rows = query(seeds_db, "money_between", a="OpenAI", b="輝達")
    assert sorted((r["deal_id"], r["flow"], r["status"]) for r in rows) == [
        (4, "Nvidia → OpenAI", "in_talks"), (11, "Nvidia → OpenAI", "scaled_back"),
        (13, "OpenAI → Nvidia", "announced"), (14, "Nvidia → OpenAI", "completed")]
