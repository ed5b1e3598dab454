"""deal_kinds.family: every deal kind states what aicap eval scores it as (invest, acquisition,
purchase or other), from ingest/data/deal_vocabulary.yaml."""
import pytest

from conftest import SEEDS, run_cli
from ingest.store import reference as dbmod
from ingest.resources import load_vocabulary
from ingest.store.shape import open_db

# The kinds of today, with the family the reference scorer (/work/shared/eval/score.py) guesses from
# their names: cloud_credits and compute_access are purchase there (docs/quality.md says why).
FAMILIES_OF_TODAYS_KINDS = {
    "equity_investment": "invest", "funding_round": "invest", "acquisition": "acquisition",
    "purchase_commitment": "purchase", "chip_purchase": "purchase", "cloud_contract": "purchase",
    "cloud_credits": "purchase", "compute_access": "purchase", "loan": "invest", "warrant": "invest",
    "capital_alliance": "invest", "other": "other",
}


def test_every_kind_of_the_vocabulary_states_a_family():
    kinds = load_vocabulary("deal_vocabulary")["kinds"]
    assert {kind: entry.get("family") for kind, entry in kinds.items()
            if entry.get("family") not in ("invest", "acquisition", "purchase", "other")} == {}


def test_deal_kinds_table_carries_the_families(seed_db):
    rows = {row["kind"]: row["family"] for row in seed_db.query("select kind, family from deal_kinds")}
    assert {kind: rows.get(kind) for kind in FAMILIES_OF_TODAYS_KINDS} == FAMILIES_OF_TODAYS_KINDS
    assert rows == {kind: entry["family"] for kind, entry in load_vocabulary("deal_vocabulary")["kinds"].items()}


def test_a_kind_without_family_is_refused_with_its_name(tmp_path, monkeypatch):
    vocabulary = {"kinds": {"barter": {"category": "other", "description": "Goods for goods."}}, "statuses": {}}
    monkeypatch.setattr(dbmod.resources, "load_vocabulary", lambda name: vocabulary)
    with pytest.raises(ValueError) as error:
        dbmod.save_deal_vocabulary(open_db(tmp_path / "x.db"))
    assert str(error.value) == "deal_vocabulary.yaml: kind barter needs a family, one of invest, acquisition, purchase, other"


def test_a_database_from_before_the_family_column_gets_it_filled_by_the_next_ingest(tmp_path):
    path = tmp_path / "old.db"
    run_cli("ingest", path, SEEDS, "--silent")
    old = open_db(path)
    old.execute("alter table deal_kinds drop column family")
    old.execute("update aicap_meta set value = 'written by an older aicap' where key = 'reference_data'")
    old.conn.commit()
    run_cli("ingest", path, SEEDS, "--silent")
    rows = {row["kind"]: row["family"] for row in open_db(path).query("select kind, family from deal_kinds")}
    assert {kind: rows.get(kind) for kind in FAMILIES_OF_TODAYS_KINDS} == FAMILIES_OF_TODAYS_KINDS
