"""aicap eval DB_PATH GOLD_PATH: the report, --json, --group-by and the errors a user can make."""
import json
import sqlite3

import pytest

from conftest import run_cli
from ingest.store.shape import open_db
from test_eval_scoring import EVAL_GOLD, build_eval_world

REPORT = """\
aicap eval {db} {gold}

deals                  core found  recall  reports right  precision     F1
  all                         4/6   0.667            5/7      0.714  0.690
  group A                     2/4   0.500            3/5      0.600  0.545
  group B                     2/2   1.000            2/2      1.000  1.000
  family invest               3/4   0.750            3/4      0.750  0.750
  family acquisition          0/0   0.000            1/1      1.000  0.000
  family purchase             1/2   0.500            1/1      1.000  0.667
  family other                0/0   0.000            0/1      0.000  0.000

gold documents found                     3/3   1.000
money expressions found                  7/9   0.778
  with the right bound                   6/9   0.667
organizations found                      6/7   0.857
core loops found                         1/2   0.500
claims found                             1/2   0.500

Missed core deals (no deal report of the document matches the gold line): 2
  A01  Shangcheng Capital → Zhipu AI  invest  “上城资本参投智谱”
  A02  Moonshot AI → Alibaba  purchase  USD 300,000,000  “3亿美元需用于购买阿里的算力”

False deal reports (a report of a gold document that matches no gold line): 2
  A01  Alibaba Group → Zhipu AI  other (other)  “阿里巴巴与智谱合作。”
  A02  Alibaba Group → Moonshot AI  equity_investment (invest)  3亿美元  “阿里巴巴投资月之暗面3亿美元。”

Missing organizations (no organization has any of these names): 1
  Shangcheng Capital  (上城资本)

Missing money expressions: 2
  A01  5亿元  CNY 500,000,000 exact
  B01  100億美元  USD 10,000,000,000 exact

Missing core loops (no circular_deals row names both organizations): 1
  Alibaba ↔ Moonshot AI  (A02)

Missing claims: 1
  B01  OpenAI revenue USD 1,000,000,000
"""


@pytest.fixture
def world_and_gold(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text(EVAL_GOLD, encoding="utf-8")
    return build_eval_world(tmp_path / "world.db"), str(gold)


def test_prints_figures_then_every_miss(world_and_gold):
    db, gold = world_and_gold
    assert run_cli("eval", db, gold).output == REPORT.format(db=db, gold=gold)


def test_json_holds_the_figures_and_the_miss_lists(world_and_gold, tmp_path):
    db, gold = world_and_gold
    out = tmp_path / "figures.json"
    run_cli("eval", db, gold, "--json", out)
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert {key: figures[key] for key in (
        "deal_recall", "deal_precision", "amounts_found", "amounts_gold", "orgs_found", "orgs_gold",
        "loops_found", "loops_gold")} == {
        "deal_recall": 0.667, "deal_precision": 0.714, "amounts_found": 7, "amounts_gold": 9, "orgs_found": 6,
        "orgs_gold": 7, "loops_found": 1, "loops_gold": 2}
    assert sorted(figures) == sorted([
        "deal_recall", "deal_precision", "deal_f1", "deals_core_found", "deals_core_gold",
        "deal_reports_matching_gold", "deal_reports_in_gold_docs", "amounts_found", "amounts_gold",
        "amount_bounds_right", "orgs_found", "orgs_gold", "loops_found", "loops_gold", "claims_found",
        "claims_gold", "docs_found", "docs_gold", "by_group", "by_family", "misses"])
    assert figures["by_group"]["B"] == {
        "deal_recall": 1.0, "deal_precision": 1.0, "deal_f1": 1.0, "deals_core_found": 2, "deals_core_gold": 2,
        "deal_reports_matching_gold": 2, "deal_reports_in_gold_docs": 2}
    assert figures["misses"]["loops"] == ["Alibaba ↔ Moonshot AI  (A02)"]


def test_group_by_more_characters(world_and_gold):
    db, gold = world_and_gold
    lines = run_cli("eval", db, gold, "--group-by", 3).output.splitlines()
    assert [line for line in lines if line.startswith("  group")] == [
        "  group A01                   2/3   0.667            2/3      0.667  0.667",
        "  group A02                   0/1   0.000            1/2      0.500  0.000",
        "  group B01                   2/2   1.000            2/2      1.000  1.000"]
    assert "Invalid value for '--group-by': 0 is not in the range x>=1." in run_cli(
        "eval", db, gold, "--group-by", 0, expect_exit=2).output


def test_a_database_that_does_not_exist(world_and_gold, tmp_path):
    _, gold = world_and_gold
    missing = tmp_path / "nothing.db"
    assert run_cli("eval", missing, gold, expect_exit=1).output == f"Error: {missing}: no such database file\n"
    assert not missing.exists()


def test_a_file_that_is_not_sqlite(world_and_gold, tmp_path):
    _, gold = world_and_gold
    text = tmp_path / "notes.db"
    text.write_text("not a database, just some text that is long enough to have a header\n" * 20)
    assert run_cli("eval", text, gold, expect_exit=1).output == (
        f"Error: {text} is not an SQLite database (file is not a database)\n")


def test_an_sqlite_database_that_is_not_aicaps(world_and_gold, tmp_path):
    _, gold = world_and_gold
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table documents (id integer primary key, source_path text)").connection.commit()
    assert run_cli("eval", other, gold, expect_exit=1).output == (
        f"Error: {other} is not an aicap database (no organizations, org_aliases, amounts, deals, deal_reports, "
        "deal_kinds, claims, circular_deals); build one with `aicap ingest DB_PATH --no-curated ARTICLES...`\n")


def test_a_database_from_before_deal_kinds_family(world_and_gold):
    db, gold = world_and_gold
    old = open_db(db)
    old.execute("alter table deal_kinds drop column family")
    old.conn.commit()
    assert run_cli("eval", db, gold, expect_exit=1).output == (
        f"Error: {db} was built by an older aicap (deal_kinds has no family); "
        f"run `aicap ingest {db} ARTICLES...` again to update it\n")


@pytest.mark.parametrize("gold_text, message", [
    ("orgs: [", "is not a YAML file: while parsing a flow node\nexpected the node content, but found '<stream end>'\n"
                "  in \"{gold}\", line 1, column 8"),
    ("- just a list", "a gold file is a mapping with the sections orgs, deals, circular, amounts, claims"),
    ("deal:\n  - {doc: A01}\n", "unknown section deal (sections: orgs, deals, circular, amounts, claims)"),
    ("orgs: {}\n", "no deals and no amounts: nothing to score"),
    ("deals:\n  - {doc: A01, family: investment}\n",
     "deals[0] (doc A01): family must be one of invest, acquisition, purchase, other, not 'investment'"),
    ("deals:\n  - {family: invest}\n", "deals[0] has no doc"),
    ("deals:\n  - {doc: A01, family: invest, value: five}\n", "deals[0] (doc A01): value must be a number, not 'five'"),
    ("amounts:\n  A01: [[5亿元, 500000000, CNY]]\n",
     "amounts: A01[0] must be [raw, value, currency, bound], e.g. [5亿元, 500000000, CNY, exact]"),
    ("amounts:\n  A01: [[5亿元, 500000000, CNY, about]]\n",
     "amounts: A01[0]: bound must be one of exact, at_least, up_to, approx, range, not 'about'"),
    ("orgs:\n  Zhipu AI: 智谱\namounts:\n  A01: []\n", "orgs: Zhipu AI: surface forms must be a list, e.g. [智谱, zhipu ai]"),
    ("circular:\n  - {pair: [Nvidia]}\namounts:\n  A01: []\n",
     "circular[0]: pair must name two organizations, e.g. [Nvidia, OpenAI]"),
])
def test_an_ill_formed_gold_file_is_refused_with_what_is_wrong(world_and_gold, tmp_path, gold_text, message):
    db, _ = world_and_gold
    gold = tmp_path / "bad.yaml"
    gold.write_text(gold_text, encoding="utf-8")
    output = run_cli("eval", db, gold, expect_exit=1).output
    assert output.startswith(f"Error: {gold}")
    assert message.format(gold=gold) in output
    assert "Traceback" not in output


def test_a_gold_file_that_does_not_exist(world_and_gold, tmp_path):
    db, _ = world_and_gold
    assert run_cli("eval", db, tmp_path / "absent.yaml", expect_exit=1).output == (
        f"Error: {tmp_path / 'absent.yaml'}: no such gold file\n")


def test_help_names_the_arguments_and_the_format():
    output = run_cli("eval", "--help").output
    assert "eval [OPTIONS] DB_PATH GOLD_PATH" in output
    assert "docs/quality.md" in output
    assert "--json" in output and "--group-by" in output
