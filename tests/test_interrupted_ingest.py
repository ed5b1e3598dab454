"""An ingest with --jobs stopped by SIGTERM or SIGINT says "Aborted!" and nothing else: its workers
die quietly (issue 14, item 7: they printed BrokenPipeError tracebacks), the documents saved so far
stay, the lock is released, and the next run ingests the rest."""
import signal
import sqlite3
import subprocess
import time

import pytest

from conftest import AICAP, REPO, run_cli, write_seed_variants

FILES = 120


def committed(db_path):
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        conn.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_parallel_ingest_stops_quietly_and_keeps_what_it_saved(tmp_path, signum):
    folder = write_seed_variants(tmp_path / "in", FILES)
    db_path = tmp_path / "aicap.db"
    ingest = subprocess.Popen([*AICAP, "ingest", db_path, folder, "--jobs", "2", "--silent"], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while committed(db_path) == 0:  # stopped while its workers extract and it writes
            assert ingest.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        ingest.send_signal(signum)
        # stderr reaches its end only when every process holding it, the workers too, is gone.
        out, err = ingest.communicate(timeout=60)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    assert (ingest.returncode, out, err.strip()) == (1, "", "Aborted!")
    # No lock and no log left (before reading: a read-only reader leaves SQLite's -wal and -shm).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aicap.db", "in"]
    saved = committed(db_path)
    assert 0 < saved < FILES
    result = run_cli("ingest", db_path, folder, "--jobs", "2")
    assert f"{FILES} files: {FILES - saved} added, {saved} unchanged" in result.output
