"""Extraction quality does not fall: the development set scored by aicap eval stays at or above
eval/floors.yaml, and the check notices a broken extractor."""
import json

import pytest
import yaml

from conftest import REPO, run_cli
from ingest import quality

DEVSET = REPO / "eval" / "devset"
FLOORS = yaml.safe_load((REPO / "eval" / "floors.yaml").read_text(encoding="utf-8"))


def devset_figures(folder) -> dict:
    """The development set ingested as `make eval` does (--no-curated, in-process), then scored."""
    db, out = folder / "dev.db", folder / "dev.json"
    run_cli("ingest", db, DEVSET / "articles", "--no-curated", "--silent")
    run_cli("eval", db, DEVSET / "gold.yaml", "--json", out)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def dev_figures(tmp_path_factory):
    return devset_figures(tmp_path_factory.mktemp("devset"))


def test_floors_name_the_figures_of_the_development_set():
    assert sorted(FLOORS) == ["amount_bounds_right", "amounts_found", "deal_precision", "deal_recall",
                              "loops_found", "orgs_found"]


def test_no_figure_falls_below_its_floor(dev_figures):
    assert quality.below_floors(dev_figures, FLOORS) == []


def test_a_broken_deal_extractor_breaks_the_floors(tmp_path, monkeypatch):
    monkeypatch.setattr("ingest.pipeline.extract_deals", lambda *args, **kwargs: [])
    figures = devset_figures(tmp_path)
    assert (figures["deals_core_found"], figures["deal_reports_in_gold_docs"]) == (0, 0)
    assert quality.below_floors(figures, FLOORS) == [
        f"deal_recall fell to 0.0 (floor {FLOORS['deal_recall']})",
        f"deal_precision fell to 0.0 (floor {FLOORS['deal_precision']})",
        f"loops_found fell to 0 (floor {FLOORS['loops_found']})",   # no deals, no money loops
    ]
