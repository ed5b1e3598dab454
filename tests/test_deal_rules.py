"""Every deal rule still reads the real sentences it was written for (the examples stored beside it
in ingest/data/deal_rules_*.yaml), and the rule files are well formed."""
import pytest

from ingest.deal_rules import rules
from ingest.text import build_text_model

RULES = [rule for language in ("zh", "en") for rule in rules(language)]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.language}:{rule.name}")
def test_rule_reads_its_examples(rule):
    assert rule.examples, f"{rule.name} has no example sentence"
    for example in rule.examples:
        model = build_text_model(example)
        shapes = [model.shape_of(sentence).text for sentence in model.sentences]
        assert any(rule.pattern.search(shape) for shape in shapes), (example, shapes)


def test_rule_names_are_unique_per_language():
    for language in ("zh", "en"):
        names = [rule.name for rule in rules(language)]
        assert len(names) == len(set(names)), language


def test_every_rule_kind_is_a_known_deal_kind():
    from ingest.vocab import vocabulary
    kinds = set(vocabulary("deal_vocabulary")["kinds"]) | {"purchase"}  # purchase: refined by what is bought
    assert {rule.kind for rule in RULES} <= kinds
