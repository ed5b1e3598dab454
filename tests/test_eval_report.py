"""eval/report.py: the Markdown table `make eval` writes into docs/quality.md from aicap eval --json."""
import importlib.util
import json

from conftest import REPO

spec = importlib.util.spec_from_file_location("eval_report", REPO / "eval" / "report.py")
report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report)


def deal_figures(core_found, core_gold, right, reports, f1):
    return {"deals_core_found": core_found, "deals_core_gold": core_gold, "deal_reports_matching_gold": right,
            "deal_reports_in_gold_docs": reports, "deal_f1": f1}


DEV = {**deal_figures(3, 10, 2, 4, 0.375), "docs_gold": 2, "amounts_found": 5, "amounts_gold": 6,
       "amount_bounds_right": 4, "orgs_found": 7, "orgs_gold": 9, "loops_found": 0, "loops_gold": 1,
       "claims_found": 0, "claims_gold": 0,
       "by_group": {"A": deal_figures(3, 6, 2, 4, 0.5), "C": deal_figures(0, 4, 0, 0, 0.0)},
       "by_family": {"invest": deal_figures(3, 10, 2, 3, 0.387), "acquisition": deal_figures(0, 0, 0, 1, 0.0)}}
SEEDS = {**deal_figures(1, 1, 1, 1, 1.0), "docs_gold": 1, "amounts_found": 2, "amounts_gold": 2,
         "amount_bounds_right": 2, "orgs_found": 1, "orgs_gold": 1, "loops_found": 1, "loops_gold": 1,
         "claims_found": 1, "claims_gold": 2, "by_group": {}, "by_family": {}}

TABLE = """\
`make eval` on 2026-12-01: each set built with `aicap ingest --no-curated`, scored by `aicap eval`
(every miss: `eval/out/dev.txt`, `eval/out/seeds.txt`).

| | development set (2 articles) | seeds (1 articles) |
|---|---|---|
| core deals found (recall) | 3/10 = 0.300 | 1/1 = 1.000 |
| deal reports right (precision) | 2/4 = 0.500 | 1/1 = 1.000 |
| F1 | 0.375 | 1.000 |
| money expressions found | 5/6 | 2/2 |
| ... with the right bound | 4/6 | 2/2 |
| organizations found | 7/9 | 1/1 |
| core loops found in circular_deals | 0/1 | 1/1 |
| claims found | - (none in the gold) | 1/2 |

| development set | core deals found (recall) | deal reports right (precision) | F1 |
|---|---|---|---|
| A (simplified Chinese) | 3/6 = 0.500 | 2/4 = 0.500 | 0.500 |
| C (English) | 0/4 = 0.000 | 0/0 | 0.000 |
| family invest | 3/10 = 0.300 | 2/3 = 0.667 | 0.387 |
| family acquisition | 0/0 | 0/1 = 0.000 | 0.000 |
"""


def test_renders_both_sets_then_the_development_set_by_group_and_family():
    assert report.render(DEV, SEEDS, "2026-12-01") == TABLE


def test_writes_between_the_markers_and_prints_the_table(tmp_path, capsys):
    dev, seeds, page = tmp_path / "dev.json", tmp_path / "seeds.json", tmp_path / "quality.md"
    dev.write_text(json.dumps(DEV)), seeds.write_text(json.dumps(SEEDS))
    page.write_text(f"# Quality\n\n{report.START}\nold table\n{report.END}\n\nMore text.\n")
    assert report.main([str(dev), str(seeds), "--write", str(page), "--date", "2026-12-01"]) == 0
    assert page.read_text() == f"# Quality\n\n{report.START}\n{TABLE}{report.END}\n\nMore text.\n"
    assert capsys.readouterr().out == TABLE


def test_a_page_without_markers_is_left_alone_with_an_error(tmp_path, capsys):
    dev, seeds, page = tmp_path / "dev.json", tmp_path / "seeds.json", tmp_path / "quality.md"
    dev.write_text(json.dumps(DEV)), seeds.write_text(json.dumps(SEEDS))
    page.write_text("# Quality\n")
    assert report.main([str(dev), str(seeds), "--write", str(page)]) == 1
    assert page.read_text() == "# Quality\n"
    assert capsys.readouterr().err == (
        f"eval/report.py: {page}: the markers {report.START} and {report.END} are missing\n")


def test_the_quality_page_has_the_markers():
    text = (REPO / "docs" / "quality.md").read_text(encoding="utf-8")
    assert text.count(report.START) == 1 and text.count(report.END) == 1
    assert text.index(report.START) < text.index(report.END)
