"""Curated annotations: loading with line numbers, quote validation, add / reject / correct."""
import textwrap

import pytest

from ingest.annotations import AnnotationError, apply_annotations, load_annotations, validate_annotations
from ingest.money import extract_amounts

TEXT = "据外媒报道，英伟达向xAI投资了20亿美元。星河智能公司的估值达到了10亿美元。该公司今年收入为5000万美元。"
DOCUMENT = {"text": TEXT, "sha256": "ab" * 32, "source_path": "/data/news/900_test.txt"}


def deal(**fields):
    base = {"kind": "equity_investment", "status": "completed", "from": None, "to": None, "amount_index": None,
            "announced_on": None, "announced_precision": None, "counterparty_text": None, "round_name": None,
            "role": None, "parent_index": None, "superseded_by_index": None, "source": "extracted"}
    base.update(fields)
    return base


def sentence(n):
    start = 0
    for _ in range(n):
        start = TEXT.index("。", start) + 1
    end = TEXT.index("。", start) + 1
    return {"evidence": TEXT[start:end], "char_start": start, "char_end": end}


def records():
    amounts = extract_amounts(TEXT)
    return {
        "amounts": amounts,
        "org_mentions": [],
        "deals": [deal(**{"from": "Nvidia", "to": "xAI", "amount_index": 0}, **sentence(0)),
                  deal(kind="funding_round", **{"to": "xAI"}, parent_index=0, **sentence(0))],
        "claims": [{"kind": "metric", "subject": None, "predicate": "valuation", "amount_index": 1, "number": None,
                    "unit": None, "period": None, "speaker": None, "speaker_person": None, "speaker_org": None,
                    "statement": None, "source": "extracted", **sentence(1)}],
    }


def write(folder, name, body):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def test_load_tracks_the_line_of_each_quote(tmp_path):
    folder = write(tmp_path / "annotations", "a.yaml", """\
        # a comment
        - document: 900_test.txt
          action: reject
          fact: deal
          quote: 英伟达向xAI投资了20亿美元
          reason: test

        - document: 900_test.txt
          action: add
          fact: claim
          set: {kind: metric, predicate: revenue, amount: 5000万美元, period: "2025"}
          quote: 该公司今年收入为5000万美元
        """)
    loaded = load_annotations(folder)
    assert [(a.where, a.action, a.fact) for a in loaded] == [
        ("annotations/a.yaml:5", "reject", "deal"), ("annotations/a.yaml:12", "add", "claim")]
    assert loaded[1].set == {"kind": "metric", "predicate": "revenue", "amount": "5000万美元", "period": "2025"}


def test_an_unquoted_date_is_iso_text(tmp_path):
    # YAML reads 2024-09-11 as a date object: announced_on is stored, and matched, as text.
    folder = write(tmp_path / "annotations", "a.yaml", """\
        - document: 900_test.txt
          action: correct
          fact: deal
          match: {announced_on: 2024-09-10}
          set: {announced_on: 2024-09-11, announced_precision: day}
          quote: 英伟达向xAI投资了20亿美元
        """)
    loaded = load_annotations(folder)
    assert (loaded[0].match, loaded[0].set) == (
        {"announced_on": "2024-09-10"}, {"announced_on": "2024-09-11", "announced_precision": "day"})


def test_a_quote_not_in_the_document_fails_with_file_and_line(tmp_path):
    folder = write(tmp_path / "annotations", "bad.yaml", """\
        annotations:
          - document: 900_test.txt
            action: reject
            fact: deal
            quote: 英伟达向xAI投资了30亿美元
        """)
    loaded = load_annotations(folder)
    with pytest.raises(AnnotationError) as error:
        validate_annotations(loaded, {"900_test.txt": TEXT, DOCUMENT["sha256"]: TEXT})
    assert error.value.message == "annotations/bad.yaml:5: quote not found in 900_test.txt: «英伟达向xAI投资了30亿美元»"


def test_unknown_document_and_malformed_entries(tmp_path):
    folder = write(tmp_path / "annotations", "x.yaml", """\
        - document: 999_missing.txt
          action: reject
          fact: claim
          quote: 星河智能
        """)
    with pytest.raises(AnnotationError, match=r"annotations/x.yaml:4: unknown document 999_missing.txt"):
        validate_annotations(load_annotations(folder), {"900_test.txt": TEXT})
    write(folder, "x.yaml", """\
        - document: 900_test.txt
          action: delete
          fact: claim
          quote: 星河智能
        """)
    with pytest.raises(AnnotationError, match=r"x.yaml:4: action must be one of add, reject, correct"):
        load_annotations(folder)
    write(folder, "x.yaml", "- {document: 900_test.txt, action: add, fact: claim, quote: 星河智能}\n")
    with pytest.raises(AnnotationError, match=r"x.yaml:1: add needs `set`"):
        load_annotations(folder)


def test_add_reject_correct(tmp_path):
    folder = write(tmp_path / "annotations", "900.yaml", """\
        - document: 900_test.txt
          action: add
          fact: claim
          quote: 该公司今年收入为5000万美元
          set: {kind: metric, subject: Nvidia, predicate: revenue, amount: 5000万美元, period: "2025"}
        - document: 900_test.txt
          action: correct
          fact: claim
          quote: 星河智能公司的估值达到了10亿美元
          match: {predicate: valuation, amount: 10亿美元}
          set: {subject: Nvidia}
        - document: 900_test.txt
          action: reject
          fact: deal
          quote: 英伟达向xAI投资了20亿美元
          match: {kind: equity_investment, from: Nvidia}
        """)
    annotations = load_annotations(folder)
    validate_annotations(annotations, {"900_test.txt": TEXT})
    original = records()
    out = apply_annotations(DOCUMENT, original, annotations)
    assert original == records()  # the input is left alone

    added = out["claims"][-1]
    assert added == {"kind": "metric", "subject": "Nvidia", "predicate": "revenue", "amount_index": 2, "number": None,
                     "unit": None, "period": "2025", "speaker": None, "speaker_person": None, "speaker_org": None,
                     "statement": None, "source": "curated", **sentence(2)}
    assert out["amounts"][2]["raw"] == "5000万美元"
    corrected = out["claims"][0]
    assert (corrected["subject"], corrected["source"], corrected["predicate"]) == ("Nvidia", "curated", "valuation")
    # the investment is gone; the round that pointed at it as parent keeps no dangling index
    assert [(d["kind"], d["parent_index"]) for d in out["deals"]] == [("funding_round", None)]


def test_annotations_apply_only_to_their_document_and_none_leaves_records_alone(tmp_path):
    folder = write(tmp_path / "annotations", "900.yaml", """\
        - document: 900_test.txt
          action: reject
          fact: claim
          quote: 星河智能公司的估值
        """)
    annotations = load_annotations(folder)
    other = dict(DOCUMENT, source_path="901_other.txt", sha256="cd" * 32)
    assert apply_annotations(other, records(), annotations) == records()
    assert apply_annotations(DOCUMENT, records(), []) == records()  # what --no-curated builds
    by_sha = [a for a in annotations]
    by_sha[0].document = DOCUMENT["sha256"]
    assert apply_annotations(DOCUMENT, records(), by_sha)["claims"] == []


def test_stale_correction_and_unknown_org_fail(tmp_path):
    folder = write(tmp_path / "annotations", "900.yaml", """\
        - document: 900_test.txt
          action: correct
          fact: deal
          quote: 星河智能公司的估值
          set: {status: completed}
        """)
    with pytest.raises(AnnotationError, match=r"900.yaml:4: correct matches no deal"):
        apply_annotations(DOCUMENT, records(), load_annotations(folder))
    write(folder, "900.yaml", """\
        - document: 900_test.txt
          action: add
          fact: deal
          quote: 英伟达向xAI投资了20亿美元
          set: {kind: equity_investment, from: Nvidea, to: xAI}
        """)
    with pytest.raises(AnnotationError, match=r"from: 'Nvidea' is neither a gazetteer organization"):
        apply_annotations(DOCUMENT, records(), load_annotations(folder))


def test_the_shipped_annotations_folder_is_valid():
    from conftest import REPO, SEED_FILES
    from ingest.build import parse_loaded
    from ingest.load import load_file

    annotations = load_annotations(REPO / "annotations")
    texts = {}
    for path in SEED_FILES:
        document, _ = parse_loaded(load_file(path))
        texts[path.name] = texts[document["sha256"]] = document["text"]
    validate_annotations(annotations, texts)


def test_the_claim_kinds_annotations_accept_are_those_the_extractor_writes():
    from ingest.annotations import CLAIM_KINDS
    from ingest.claims import KIND_ORDER

    assert sorted(CLAIM_KINDS) == sorted(KIND_ORDER)
