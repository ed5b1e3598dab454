"""Two ingests into one database take turns: the second waits for the first and nothing is lost or
stored twice (issue 14, item 4: one died with "database is locked", 150 files missing)."""
import sqlite3
import subprocess

from conftest import AICAP, REPO, SEEDS, run_cli, write_seed_variants
from ingest.store import lock


def start_ingest(db_path, folder, *options):
    return subprocess.Popen([*AICAP, "ingest", db_path, folder, *options], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process):
    try:
        out, err = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, err


def stored(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return (conn.execute("select count(*) from documents").fetchone()[0],
                conn.execute("select count(distinct sha256) from documents").fetchone()[0],
                conn.execute("select count(*) from document_paths").fetchone()[0],
                conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def test_two_ingests_started_together_store_every_file_once(tmp_path):
    folder = write_seed_variants(tmp_path / "in", 30)
    db_path = tmp_path / "aicap.db"
    first = start_ingest(db_path, folder, "--jobs", "2")
    second = start_ingest(db_path, folder, "--jobs", "1")
    results = [finish(first), finish(second)]
    assert [code for code, _ in results] == [0, 0], results
    # Whichever got the lock first added the 30 files; the other waited, said so, and found them.
    summaries = sorted(err.strip().splitlines()[-1] for _, err in results)
    assert summaries == ["30 files: 30 added", "30 files: 30 unchanged"], results
    waited = [err for _, err in results if "30 unchanged" in err][0]
    assert f"waiting for another aicap ingest on {db_path} to finish" in waited
    assert "Traceback" not in "".join(err for _, err in results)
    assert stored(db_path) == (30, 30, 30, "wal")
    # The lock file is removed by the last holder; SQLite removed its log when the last one closed.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aicap.db", "in"]


def test_an_ingest_waits_while_another_holds_the_lock(tmp_path):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    folder = write_seed_variants(tmp_path / "in", 3)
    with lock.writer_lock(db_path):
        waiting = start_ingest(db_path, folder)
        # It announces that it waits, and stores nothing meanwhile.
        assert waiting.stderr.readline() == f"waiting for another aicap ingest on {db_path} to finish\n"
        assert waiting.poll() is None
        assert stored(db_path)[0] == 5
    assert finish(waiting)[0] == 0
    assert stored(db_path) == (8, 8, 8, "wal")


def test_a_lock_file_left_by_a_killed_ingest_does_not_block(tmp_path):
    # flock is released by the kernel when its holder dies, however it dies: the file alone is
    # no lock.
    db_path = tmp_path / "aicap.db"
    (tmp_path / "aicap.db.lock").write_text("")
    result = run_cli("ingest", db_path, SEEDS)
    assert "waiting" not in result.output
    assert stored(db_path)[0] == 5
