"""aicap ingest tries every curated annotation before it writes anything: a bad one is reported as
file:line: reason, all of them at once, the command exits 1 and the database is left as it was
(none created, an existing one unchanged to the byte). Before this, a status outside the vocabulary
failed its document's save on a foreign key: 4 of the 5 seeds were saved and the message said only
"unknown document"."""
import hashlib
import shutil

import pytest

from conftest import SEEDS, run_cli
from ingest.store.shape import open_db

S000, S001, S002, S003 = (next(SEEDS.glob(f"{n}_*.txt")).name for n in ("000", "001", "002", "003"))
NOTHING = "nothing was ingested: correct these annotations (annotations/README.md), or build without any with --no-curated"

NVIDIA_XAI = f"""- document: {S001}
  action: correct
  fact: deal
  quote: 英伟达在这次融资中的股权部分投资高达20亿美元
  match: {{kind: equity_investment, from: Nvidia}}
  set: {{status: STATUS}}
"""


def annotations(tmp_path, **files):
    folder = tmp_path / "annotations"
    folder.mkdir(exist_ok=True)
    for name, body in files.items():
        (folder / f"{name}.yaml").write_text(body, encoding="utf-8")
    return folder


def errors(result):
    return result.output.strip().removeprefix("Error: ").splitlines()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def built(seed_db_path, tmp_path):
    """A private copy of the seeds database."""
    path = tmp_path / "built.db"
    shutil.copyfile(seed_db_path, path)
    return path


def test_a_status_outside_the_vocabulary_stops_ingest_before_anything_is_written(tmp_path, built):
    folder = annotations(tmp_path, fix=NVIDIA_XAI.replace("STATUS", "done"))
    fresh = tmp_path / "fresh.db"
    result = run_cli("ingest", fresh, SEEDS, "--annotations", folder, "--silent", expect_exit=1)
    assert errors(result) == [
        "annotations/fix.yaml:4: set: status must be one of rumored, in_talks, planned, announced, completed, "
        "scaled_back, cancelled, not 'done'", NOTHING]
    assert not fresh.exists()
    before = digest(built)
    run_cli("ingest", built, SEEDS, "--annotations", folder, "--silent", expect_exit=1)
    assert digest(built) == before
    # Corrected, the same command saves all five documents and the correction.
    annotations(tmp_path, fix=NVIDIA_XAI.replace("STATUS", "announced"))
    run_cli("ingest", fresh, SEEDS, "--annotations", folder, "--silent")
    db = open_db(fresh)
    assert [r["n"] for r in db.query("select count(*) as n from documents")] == [5]
    assert list(db.query(
        "select d.status, d.source, a.raw from deals d join organizations f on f.id = d.from_org_id "
        "join organizations t on t.id = d.to_org_id join amounts a on a.id = d.amount_id "
        "where f.name = 'Nvidia' and t.name = 'xAI'")) == [{"status": "announced", "source": "curated", "raw": "高达20亿美元"}]


def test_every_entry_outside_the_vocabulary_or_malformed_is_listed(tmp_path):
    folder = annotations(tmp_path, a=f"""\
- document: {S001}
  action: correct
  fact: deal
  quote: 英伟达在这次融资中的股权部分投资高达20亿美元
  match: {{kind: investment, from: Nvidia}}
  set: {{status: completed}}
- document: {S001}
  action: correct
  fact: deal
  quote: 英伟达在这次融资中的股权部分投资高达20亿美元
  set: {{announced_on: "2025-10", announced_precision: week}}
- document: {S002}
  action: add
  fact: claim
  quote: 全年收入1937亿美元
  set: {{kind: metrics, subject: Nvidia, predicate: revenue}}
""", b=f"""\
- document: {S002}
  action: delete
  fact: claim
  quote: 全年收入1937亿美元
""")
    result = run_cli("ingest", tmp_path / "x.db", SEEDS, "--annotations", folder, "--silent", expect_exit=1)
    assert errors(result) == [
        "annotations/a.yaml:4: match: kind must be one of equity_investment, funding_round, acquisition, "
        "purchase_commitment, chip_purchase, cloud_contract, cloud_credits, compute_access, loan, warrant, "
        "capital_alliance, other, not 'investment'",
        "annotations/a.yaml:10: set: announced_precision must be one of day, month, year, not 'week'",
        "annotations/a.yaml:15: set: kind must be one of metric, statement, regulatory, not 'metrics'",
        "annotations/b.yaml:4: action must be one of add, reject, correct, not 'delete'",
        NOTHING]
    assert not (tmp_path / "x.db").exists()


def test_every_annotation_that_fails_on_its_document_is_listed(tmp_path, built):
    sha003 = hashlib.sha256((SEEDS / S003).read_bytes()).hexdigest()
    folder = annotations(tmp_path, a=f"""\
- document: {S001}
  action: reject
  fact: deal
  quote: 英伟达的终极目标
- document: {S001}
  action: correct
  fact: deal
  quote: 英伟达在这次融资中的股权部分投资高达20亿美元
  match: {{from: Nvidia}}
  set: {{to: Nvidea}}
- document: {S002}
  action: add
  fact: claim
  quote: 全年收入1937亿美元
  set: {{kind: metric, subject: Nvidia, predicate: revenue, amount: 999亿美元}}
- document: {S002}
  action: reject
  fact: claim
  quote: 英伟达收购了OpenAI
- document: 999_missing.txt
  action: reject
  fact: deal
  quote: 英伟达
- document: {sha003}
  action: reject
  fact: deal
  quote: 的
  match: {{kind: loan}}
- document: {S000}
  action: correct
  fact: deal
  quote: 英伟达
  match: {{kind: cloud_credits}}
  set: {{status: completed}}
""")
    before = digest(built)
    result = run_cli("ingest", built, SEEDS, "--annotations", folder, "--silent", expect_exit=1)
    assert errors(result) == [
        f"annotations/a.yaml:4: reject matches no deal of {S001} quoting «英伟达的终极目标» with any fields",
        "annotations/a.yaml:8: to: 'Nvidea' is neither a gazetteer organization nor one mentioned in the document",
        "annotations/a.yaml:14: amount «999亿美元» is not written in the quoted sentence",
        f"annotations/a.yaml:19: quote not found in {S002}: «英伟达收购了OpenAI»",
        "annotations/a.yaml:23: unknown document 999_missing.txt (give its file name or sha256)",
        f"annotations/a.yaml:27: reject matches no deal of {sha003} quoting «的» with {{'kind': 'loan'}}",
        f"annotations/a.yaml:32: correct matches no deal of {S000} quoting «英伟达» with {{'kind': 'cloud_credits'}}",
        NOTHING]
    assert digest(built) == before


def test_a_document_built_with_the_same_annotations_is_not_extracted_again(tmp_path, monkeypatch):
    folder = annotations(tmp_path, fix=NVIDIA_XAI.replace("STATUS", "announced"))
    db_path = tmp_path / "x.db"
    run_cli("ingest", db_path, SEEDS, "--annotations", folder, "--silent")

    def extract_records(document):
        raise AssertionError(f"{document['source_path']} extracted again")
    monkeypatch.setattr("ingest.pipeline.extract_records", extract_records)
    result = run_cli("ingest", db_path, SEEDS, "--annotations", folder)
    assert result.output.strip().splitlines()[-1] == "5 files: 5 unchanged"
    # The database alone knows the document: its annotations are checked against its text.
    run_cli("ingest", db_path, SEEDS / S000, "--annotations", folder, "--silent")
    annotations(tmp_path, fix=NVIDIA_XAI.replace("STATUS", "announced").replace("高达20亿美元", "高达30亿美元"))
    result = run_cli("ingest", db_path, SEEDS / S000, "--annotations", folder, "--silent", expect_exit=1)
    assert errors(result) == [f"annotations/fix.yaml:4: quote not found in {S001}: «英伟达在这次融资中的股权部分投资高达30亿美元»",
                              NOTHING]
