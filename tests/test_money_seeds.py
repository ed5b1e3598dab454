"""Every monetary expression of the five seed articles, and nothing else, read by hand.

The text is the clean text the loader stores (ingest.build.parse_loaded), so offsets are the
ones users query. The expected rows live in tests/money_seed_expectations.py (the bench reads
them too).
"""
import pytest

from conftest import SEED_FILES
from ingest.build import parse_loaded
from ingest.load import load_file
from ingest.money import extract_amounts
from money_seed_expectations import EXPECTED


def clean_text(path) -> str:
    document, _warnings = parse_loaded(load_file(path))
    return document["text"]


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.name[:3] for p in SEED_FILES])
def test_every_amount_of_the_seed_and_nothing_else(path):
    found = extract_amounts(clean_text(path))
    assert [(a["raw"], a["value"], a["value_low"], a["value_high"], a["currency"], a["bound"],
             a["converts"]) for a in found] == EXPECTED[path.name[:3]]


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.name[:3] for p in SEED_FILES])
def test_seed_offsets_point_at_the_raw_expression(path):
    text = clean_text(path)
    found = extract_amounts(text)
    assert [text[a["char_start"]:a["char_end"]] for a in found] == [a["raw"] for a in found]
    assert [a["char_start"] for a in found] == sorted(a["char_start"] for a in found)
