"""Curated annotations through aicap ingest: marked as curated, --no-curated leaves them out, a bad
quote stops the build with file and line."""
from conftest import SEEDS, run_cli
from ingest.store.shape import open_db

SEED = next(SEEDS.glob("002*")).name

ADD_AND_CORRECT = f"""
- document: {SEED}
  action: add
  fact: claim
  quote: 全年收入1937亿美元
  set: {{kind: metric, subject: Nvidia, predicate: revenue, amount: 1937亿美元, period: FY2026}}
  reason: example of an added claim
- document: {SEED}
  action: correct
  fact: deal
  quote: 英伟达宣布向Anthropic投资100亿美元
  match: {{from: Nvidia, to: Anthropic}}
  set: {{status: completed}}
  reason: the investment was made
"""


def facts_by_source(db_path):
    db = open_db(db_path)
    return {
        "claims": [tuple(r.values()) for r in db.query(
            "select c.source, c.predicate, a.raw from claims c left join amounts a on a.id = c.amount_id"
            " where c.source = 'curated'")],
        "deals": [tuple(r.values()) for r in db.query(
            "select r.source, d.status, f.name, t.name from deal_reports r join deals d on d.id = r.deal_id"
            " join organizations f on f.id = d.from_org_id join organizations t on t.id = d.to_org_id"
            " where r.source = 'curated'")],
    }


def test_curated_facts_are_marked_and_can_be_left_out(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "fixes.yaml").write_text(ADD_AND_CORRECT, encoding="utf-8")
    db_path = tmp_path / "x.db"
    run_cli("ingest", db_path, SEEDS, "--annotations", folder, "--silent")
    assert facts_by_source(db_path) == {
        "claims": [("curated", "revenue", "1937亿美元")],
        "deals": [("curated", "completed", "Nvidia", "Anthropic")],
    }
    run_cli("ingest", db_path, SEEDS, "--no-curated", "--silent")
    assert facts_by_source(db_path) == {"claims": [], "deals": []}


def test_quote_not_in_the_document_fails_with_file_and_line(tmp_path):
    folder = tmp_path / "annotations"
    folder.mkdir()
    (folder / "bad.yaml").write_text(
        f"- document: {SEED}\n  action: add\n  fact: claim\n  quote: 英伟达收购了OpenAI\n"
        "  set: {kind: metric, subject: Nvidia, predicate: revenue}\n", encoding="utf-8")
    result = run_cli("ingest", tmp_path / "x.db", SEEDS, "--annotations", folder, "--silent", expect_exit=1)
    assert result.output.strip().splitlines() == [
        f"Error: {folder.name}/bad.yaml:4: quote not found in {SEED}: «英伟达收购了OpenAI»",
        "nothing was ingested: correct these annotations (annotations/README.md), or build without any with --no-curated"]
    assert not (tmp_path / "x.db").exists()


def test_the_project_ships_no_annotation_the_seeds_need(seed_db):
    assert list(seed_db.query("select count(*) as n from deal_reports where source = 'curated'")) == [{"n": 0}]
    assert list(seed_db.query("select count(*) as n from claims where source = 'curated'")) == [{"n": 0}]
