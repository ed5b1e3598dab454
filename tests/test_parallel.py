"""aicap ingest --jobs N: extraction in N processes, one writer, the same database as --jobs 1."""
from conftest import SEEDS, run_cli
from test_rebuild import dump


def test_jobs_2_builds_the_same_database_as_jobs_1(tmp_path):
    run_cli("ingest", tmp_path / "one.db", SEEDS, "--silent", "--jobs", "1")
    run_cli("ingest", tmp_path / "two.db", SEEDS, "--silent", "--jobs", "2")
    one, two = dump(tmp_path / "one.db"), dump(tmp_path / "two.db")
    assert one == two
    assert len(one["documents"]) == 5 and len(one["deals"]) > 20


def test_jobs_with_bad_files_still_reports_them(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    result = run_cli("ingest", tmp_path / "x.db", folder, "--jobs", "2", expect_exit=1)
    assert f"{folder}/empty.txt: empty file" in result.output
    assert "6 files: 5 added, 1 failed" in result.output
