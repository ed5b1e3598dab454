"""The scorer behind aicap eval (ingest/quality.py) on a tiny hand-made gold file and database.

This file also holds `eval_world` / `EVAL_GOLD`, which tests/test_eval_cli.py shares: documents A01,
A02, B01 (gold) and notes (not gold); every rule of docs/quality.md has a case here.
"""
import pytest
import yaml

from ingest import gold as gold_file, quality
from ingest.store.reference import save_deal_vocabulary
from ingest.store.public_facts import read_public_facts
from ingest.store.shape import ensure_db_shape, open_db

B = 1e9

# id, name, name_zh
ORGS = [(1, "Nvidia", "英伟达"), (2, "OpenAI", None), (3, "Zhipu AI", "智谱"), (4, "Zhuhai Huafa (Group)", "华发集团"),
        (5, "Alibaba Group", "阿里巴巴"), (6, "Moonshot AI", "月之暗面")]
ALIASES = [("輝達", 1), ("NVIDIA", 1), ("OpenAI", 2), ("智谱AI", 3), ("阿里", 5)]
# id, source_path
DOCS = [(1, "articles/A01_huafa.md"), (2, "articles/A02_moonshot.md"), (3, "articles/B01_udn.md"), (4, "notes/x.md")]
# id, document_id, raw, value, currency, bound, usd
AMOUNTS = [
    (1, 1, "5亿元", 0.5 * B, "CNY", "exact", 0.07 * B),
    (2, 1, "超过10.05亿元", 1.005 * B, "CNY", "at_least", 0.14 * B),       # 0.5 % above the gold's 10亿
    (3, 2, "3亿美元", 0.3 * B, "USD", "exact", 0.3 * B),
    (4, 3, "約1,000億美元", 100 * B, "USD", "approx", 100 * B),
    (5, 3, "數百億美元", None, "USD", "range", None),
    (6, 3, "20亿美元", 2 * B, "USD", "exact", 2 * B),
    (7, 3, "超过20亿美元", 2 * B, "USD", "at_least", 2 * B),
    (8, 4, "1亿美元", 0.1 * B, "USD", "exact", 0.1 * B),
]
# id, kind, from, to, amount_id, [(document_id, evidence)]
DEALS = [
    (1, "equity_investment", 4, 3, 1, [(1, "华发集团投资智谱5亿元。")]),
    (2, "funding_round", None, 3, 2, [(1, "智谱完成超过10.05亿元融资。")]),
    (3, "other", 5, 3, None, [(1, "阿里巴巴与智谱合作。")]),
    (4, "equity_investment", 5, 6, 3, [(2, "阿里巴巴投资月之暗面3亿美元。")]),
    (5, "acquisition", 5, 6, None, [(2, "阿里巴巴收购月之暗面股份。")]),
    (6, "chip_purchase", 2, 1, None, [(3, "OpenAI買輝達晶片。")]),
    (7, "equity_investment", 1, 2, 4, [(3, "輝達投資OpenAI約1,000億美元。")]),
    (8, "equity_investment", 1, 2, 8, [(4, "Nvidia invested $100 million.")]),   # not a gold document
]
# document_id, subject_org_id, amount_id
CLAIMS = [(1, 3, 1)]

EVAL_GOLD = """\
orgs:
  Zhuhai Huafa Group: [华发集团, zhuhai huafa group]
  Zhipu AI: [智谱]
  Shangcheng Capital: [上城资本]
  Moonshot AI: [月之暗面]
  Alibaba: [阿里巴巴, alibaba]
  Nvidia: [nvidia, 輝達]
  OpenAI: [openai]
deals:
  - {doc: A01, from: Zhuhai Huafa Group, to: Zhipu AI, family: invest, value: 500000000, currency: CNY, core: true,
     evidence: 华发集团投资智谱5亿元}
  - {doc: A01, from: null, to: Zhipu AI, family: invest, value: 1000000000, currency: CNY, core: true}
  - {doc: A01, from: Shangcheng Capital, to: Zhipu AI, family: invest, core: true, evidence: 上城资本参投智谱}
  - {doc: A02, from: Moonshot AI, to: Alibaba, family: purchase, value: 300000000, currency: USD, core: true,
     evidence: 3亿美元需用于购买阿里的算力}
  - {doc: A02, from: Alibaba, to: Moonshot AI, family: acquisition, core: false}
  - {doc: B01, from: OpenAI, to: Nvidia, family: purchase, core: true}
  - {doc: B01, from: Nvidia, to: OpenAI, family: invest, value: 1.0e11, core: true}
  - {doc: B01, from: Nvidia, to: OpenAI, family: invest, value: 1.1e11, core: false}
circular:
  - {pair: [Nvidia, OpenAI], core: true, docs: [B01]}
  - {pair: [Alibaba, Moonshot AI], core: true, docs: [A02]}
  - {pair: [Nvidia, Zhipu AI], core: false}
amounts:
  A01: [[5亿元, 500000000, CNY, exact], [超过10亿元, 1000000000, CNY, at_least], [5亿元, 500000000, CNY, exact]]
  A02: [[3亿美元, 300000000, USD, approx]]
  B01: [['約1,000億美元', 1.0e11, USD, approx], [數百億美元, null, USD, range], [100億美元, 1.0e10, USD, exact],
        [超过20亿美元, 2.0e9, USD, at_least], [20亿美元, 2.0e9, USD, exact]]
claims:
  - {doc: A01, subject: Zhipu AI, predicate: valuation, usd: 7.1e7}
  - {doc: B01, subject: OpenAI, predicate: revenue, usd: 1.0e9}
"""


def build_eval_world(path) -> str:
    db = open_db(path)
    ensure_db_shape(db)
    save_deal_vocabulary(db)
    c = db.conn
    texts = {doc_id: "".join(evidence for *_, reports in DEALS for d, evidence in reports if d == doc_id)
             for doc_id, _ in DOCS}
    for doc_id, source_path in DOCS:
        c.execute("insert into documents (id, sha256, source_path, raw, text) values (?, ?, ?, ?, ?)",
                  [doc_id, f"sha{doc_id}", source_path, texts[doc_id], texts[doc_id]])
    c.executemany("insert into organizations (id, name, name_zh) values (?, ?, ?)", ORGS)
    c.executemany("insert into org_aliases (alias, org_id) values (?, ?)", ALIASES)
    c.executemany("insert into amounts (id, document_id, raw, value, currency, bound, usd, char_start, char_end) "
                  "values (?, ?, ?, ?, ?, ?, ?, 0, 1)", AMOUNTS)
    for deal_id, kind, from_org, to_org, amount_id, reports in DEALS:
        c.execute("insert into deals (id, kind, status, from_org_id, to_org_id, amount_id) values (?, ?, 'completed', ?, ?, ?)",
                  [deal_id, kind, from_org, to_org, amount_id])
        for doc_id, evidence in reports:
            start = texts[doc_id].index(evidence)
            c.execute("insert into deal_reports (deal_id, document_id, status, evidence, char_start, char_end) "
                      "values (?, ?, 'completed', ?, ?, ?)", [deal_id, doc_id, evidence, start, start + len(evidence)])
    c.executemany("insert into claims (document_id, kind, subject_org_id, amount_id, evidence, char_start, char_end) "
                  "values (?, 'metric', ?, ?, 'x', 0, 1)", CLAIMS)
    c.commit()
    db.close()
    return str(path)


@pytest.fixture
def eval_world(tmp_path):
    return build_eval_world(tmp_path / "eval_world.db")


def scored(db_path, gold_text=EVAL_GOLD, prefix_chars=1, amounts=None) -> quality.Scores:
    """The world scored against EVAL_GOLD, or gold_text; amounts replaces some documents' gold amounts."""
    gold = yaml.safe_load(gold_text)
    gold["amounts"].update(amounts or {})
    return quality.score(gold_file.parse_gold(gold), read_public_facts(db_path), prefix_chars)


def test_figures_of_the_world(eval_world):
    figures = quality.figures(scored(eval_world))
    assert {key: value for key, value in figures.items() if key not in ("by_group", "by_family", "misses")} == {
        "deal_recall": 0.667, "deal_precision": 0.714, "deal_f1": 0.69,
        "deals_core_found": 4, "deals_core_gold": 6, "deal_reports_matching_gold": 5, "deal_reports_in_gold_docs": 7,
        "amounts_found": 7, "amounts_gold": 9, "amount_bounds_right": 6,
        "orgs_found": 6, "orgs_gold": 7, "loops_found": 1, "loops_gold": 2, "claims_found": 1, "claims_gold": 2,
        "docs_found": 3, "docs_gold": 3,
    }


def test_groups_are_the_first_characters_of_the_gold_ids(eval_world):
    by_group = quality.figures(scored(eval_world))["by_group"]
    assert {group: (f["deals_core_found"], f["deals_core_gold"], f["deal_reports_matching_gold"],
                    f["deal_reports_in_gold_docs"]) for group, f in by_group.items()} == {
        "A": (2, 4, 3, 5), "B": (2, 2, 2, 2)}
    by_document = quality.figures(scored(eval_world, prefix_chars=3))["by_group"]
    assert {group: (f["deals_core_found"], f["deals_core_gold"], f["deal_reports_matching_gold"],
                    f["deal_reports_in_gold_docs"]) for group, f in by_document.items()} == {
        "A01": (2, 3, 2, 3), "A02": (0, 1, 1, 2), "B01": (2, 2, 2, 2)}


def test_families_recall_by_gold_family_precision_by_deal_kinds_family(eval_world):
    by_family = quality.figures(scored(eval_world))["by_family"]
    assert list(by_family) == ["invest", "acquisition", "purchase", "other"]
    assert {family: (f["deals_core_found"], f["deals_core_gold"], f["deal_reports_matching_gold"],
                     f["deal_reports_in_gold_docs"]) for family, f in by_family.items()} == {
        "invest": (3, 4, 3, 4), "acquisition": (0, 0, 1, 1), "purchase": (1, 2, 1, 1), "other": (0, 0, 0, 1)}


def test_miss_lists(eval_world):
    misses = quality.figures(scored(eval_world))["misses"]
    assert misses == {
        "documents": [],
        "deals": ["A01  Shangcheng Capital → Zhipu AI  invest  “上城资本参投智谱”",
                  "A02  Moonshot AI → Alibaba  purchase  USD 300,000,000  “3亿美元需用于购买阿里的算力”"],
        "false_reports": ["A01  Alibaba Group → Zhipu AI  other (other)  “阿里巴巴与智谱合作。”",
                          "A02  Alibaba Group → Moonshot AI  equity_investment (invest)  3亿美元  “阿里巴巴投资月之暗面3亿美元。”"],
        "orgs": ["Shangcheng Capital  (上城资本)"],
        "amounts": ["A01  5亿元  CNY 500,000,000 exact", "B01  100億美元  USD 10,000,000,000 exact"],
        "loops": ["Alibaba ↔ Moonshot AI  (A02)"],
        "claims": ["B01  OpenAI revenue USD 1,000,000,000"],
        "problems": [],
    }


def test_names_match_through_any_alias_after_normalizing(eval_world):
    # Zhuhai Huafa (Group) in the database, "zhuhai huafa group" in the gold; 輝達 is an alias of Nvidia.
    assert quality.normalized("Zhuhai Huafa (Group)") == quality.normalized("zhuhai huafa group") == "zhuhaihuafagroup"
    assert quality.normalized("Ｏｐｅｎ-AI’s （US）·x_y.z,") == "openaisusxyz"
    gold = EVAL_GOLD.replace("Zhuhai Huafa Group: [华发集团, zhuhai huafa group]", "Zhuhai Huafa Group: [Zhuhai-Huafa Group]")
    assert scored(eval_world, gold).orgs.found == 6
    # The canonical name is a surface form too; a party the orgs section does not list is its own name.
    gold = EVAL_GOLD.replace("Zhuhai Huafa Group: [华发集团, zhuhai huafa group]", "Zhuhai Huafa Group: [Huafa]")
    assert (scored(eval_world, gold).orgs.found, scored(eval_world, gold).deals.core.found) == (6, 4)
    gold = EVAL_GOLD.replace("from: Zhuhai Huafa Group,", "from: Huafa Holdings,")
    assert scored(eval_world, gold).deals.core.found == 3
    gold = EVAL_GOLD.replace("from: Zhuhai Huafa Group,", "from: 华发集团,")
    assert scored(eval_world, gold).deals.core.found == 4


def test_an_amount_matches_within_0_6_percent_in_the_same_currency(eval_world):
    within = EVAL_GOLD.replace("value: 500000000, currency: CNY, core: true", "value: 502900000, currency: CNY, core: true")
    assert scored(eval_world, within).deals.core.found == 4
    beyond = EVAL_GOLD.replace("value: 500000000, currency: CNY, core: true", "value: 503100000, currency: CNY, core: true")
    assert scored(eval_world, beyond).deals.core.found == 3
    other_currency = EVAL_GOLD.replace("value: 500000000, currency: CNY, core: true", "value: 500000000, currency: USD, core: true")
    assert scored(eval_world, other_currency).deals.core.found == 3


def test_amounts_matched_greedily_in_gold_order_preferring_the_same_bound(eval_world):
    # B01's 20亿美元 twice: exact and at_least. The gold's at_least line takes the at_least amount even
    # though the exact one comes first, so both lines get their bound right.
    scores = scored(eval_world, EVAL_GOLD.replace("[100億美元, 1.0e10, USD, exact],", ""))
    assert (scores.amounts.found, scores.amounts.total, scores.amount_bounds.found) == (7, 8, 6)
    swapped = EVAL_GOLD.replace("[超过20亿美元, 2.0e9, USD, at_least], [20亿美元, 2.0e9, USD, exact]",
                                "[20亿美元, 2.0e9, USD, exact], [超过20亿美元, 2.0e9, USD, at_least]")
    assert scored(eval_world, swapped).amount_bounds.found == 6
    # Without a value the raw text is matched (the gold's raw inside the database's); without a
    # currency any currency is.
    by_raw = scored(eval_world, amounts={"B01": [["百億美元", None, None, "range"], ["億美元", None, "CNY", "range"]]})
    assert (by_raw.amounts.found, by_raw.amounts.total, by_raw.amount_bounds.found) == (4, 6, 3)
    assert by_raw.misses["amounts"][-1] == "B01  億美元  CNY (no value) range"


def test_precision_counts_only_reports_of_gold_documents_and_accepts_non_core_lines(eval_world):
    scores = scored(eval_world)
    assert str(scores.deals.reports) == "5/7"        # notes/x.md's report is not counted
    no_acquisition_line = EVAL_GOLD.replace("  - {doc: A02, from: Alibaba, to: Moonshot AI, family: acquisition, core: false}\n", "")
    assert str(scored(eval_world, no_acquisition_line).deals.reports) == "4/7"


def test_a_gold_document_missing_from_the_database_is_listed(eval_world):
    gold = EVAL_GOLD.replace("claims:", "  C01: [[$1 billion, 1.0e9, USD, exact]]\nclaims:")
    scores = scored(eval_world, gold)
    assert (str(scores.documents), scores.misses["documents"]) == ("3/4", ["C01"])
    assert "C01  $1 billion  USD 1,000,000,000 exact" in scores.misses["amounts"]


def test_documents_match_their_gold_id_at_the_start_of_a_file_name():
    paths = {1: "devset/articles/A01_mmssai.md", 2: "A01.txt", 3: "x/A011_other.md", 4: "x/BA01_y.md", 5: "x/A01-z.md"}
    gold = gold_file.parse_gold({"amounts": {"A01": [["1元", 1, "CNY", "exact"]]}})
    documents = quality.DocumentMap(gold, _facts_with_paths(paths))
    assert documents.documents_of("A01") == {1, 2, 5}


def _facts_with_paths(paths):
    from ingest.store.public_facts import PublicFacts
    return PublicFacts(source_paths=paths, org_names=[], amounts=[], deal_reports=[], claims=[], circular_deals=[])


def test_a_kind_without_family_is_reported_as_a_problem(eval_world):
    db = open_db(eval_world)
    db.execute("update deal_kinds set family = null where kind = 'chip_purchase'")
    db.conn.commit()
    scores = scored(eval_world)
    assert scores.misses["problems"] == [
        "deal kinds without a family (deal_kinds.family), never matched: chip_purchase"]
    assert str(scores.deals.core) == "3/6"


@pytest.mark.parametrize("measured, fallen", [
    ({"deal_recall": 0.07, "orgs_found": 93}, []),
    ({"deal_recall": 0.064, "orgs_found": 93}, []),
    ({"deal_recall": 0.0, "orgs_found": 92}, ["deal_recall fell to 0.0 (floor 0.064)", "orgs_found fell to 92 (floor 93)"]),
    ({"orgs_found": 94}, ["deal_recall not measured (floor 0.064)"]),
])
def test_below_floors_names_each_figure_that_fell(measured, fallen):
    assert quality.below_floors(measured, {"deal_recall": 0.064, "orgs_found": 93}) == fallen
