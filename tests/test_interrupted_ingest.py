"""An ingest with --jobs stopped by SIGTERM or SIGINT says "Aborted!" and nothing else: its workers
die quietly (issue 14, item 7: they printed BrokenPipeError tracebacks), the documents saved so far
stay, the lock is released, and the next run ingests the rest."""
import os
import signal
import sqlite3
import subprocess
import time

import pytest

from conftest import AICAP, REPO, SEED_FILES, run_cli, write_seed_variants
from ingest import build, pipeline
from ingest.store.shape import open_db

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


def ingest_in_this_process(db_path, files):
    db = open_db(db_path)
    build.prepare_db(db)
    try:
        return [result.status for result in build.ingest_paths(db, files)]
    finally:
        db.close()


def saved_paths(db_path):
    return [row[0] for row in sqlite3.connect(db_path).execute("select source_path from documents order by id")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_a_document_is_saved_stops_after_it(tmp_path, monkeypatch, signum):
    # Raised inside sqlite-utils' savepoint, the stop was lost: its rollback failed ("no such
    # savepoint"), the document was reported as an internal error and the ingest went on.
    real_save = pipeline.save_records

    def save_with_a_signal(db, document_id, document, records):
        if document["source_path"] == str(SEED_FILES[1]):
            os.kill(os.getpid(), signum)
        real_save(db, document_id, document, records)

    def unhandled(signum, frame):  # rather than SIGTERM's default, which would end pytest
        raise AssertionError("the ingest did not handle the signal")

    monkeypatch.setattr("ingest.pipeline.save_records", save_with_a_signal)
    db_path = tmp_path / "aicap.db"
    previous = signal.signal(signal.SIGTERM, unhandled)
    try:
        with pytest.raises(KeyboardInterrupt):
            ingest_in_this_process(db_path, SEED_FILES)
        assert signal.getsignal(signal.SIGTERM) is unhandled  # given back
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert saved_paths(db_path) == [str(path) for path in SEED_FILES[:2]]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_signal_while_a_document_is_extracted_stops_at_once(tmp_path, monkeypatch):
    # Extraction writes nothing: a long document need not delay the stop.
    real_extract = pipeline.extract_records
    extracted = []

    def extract_with_a_signal(document):
        extracted.append(document["source_path"])
        if len(extracted) == 2:
            os.kill(os.getpid(), signal.SIGINT)
        return real_extract(document)

    monkeypatch.setattr("ingest.pipeline.extract_records", extract_with_a_signal)
    db_path = tmp_path / "aicap.db"
    with pytest.raises(KeyboardInterrupt):
        ingest_in_this_process(db_path, SEED_FILES)
    assert extracted == [str(path) for path in SEED_FILES[:2]]
    assert saved_paths(db_path) == [str(SEED_FILES[0])]


def test_a_signal_during_the_final_refresh_still_stops_the_ingest(tmp_path, monkeypatch):
    # The refresh of the derived tables runs after the last stop_point: the stop noted meanwhile is
    # raised when the ingest ends, not dropped (the command would exit 0 as if never stopped).
    from ingest.store import graph
    real_refresh = graph.refresh_graph_components

    def refresh_with_a_signal(db):
        os.kill(os.getpid(), signal.SIGINT)
        real_refresh(db)

    monkeypatch.setattr("ingest.build.refresh_graph_components", refresh_with_a_signal)
    db_path = tmp_path / "aicap.db"
    with pytest.raises(KeyboardInterrupt):
        ingest_in_this_process(db_path, SEED_FILES)
    assert saved_paths(db_path) == [str(path) for path in SEED_FILES]  # all saved, the refresh done
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ignored_signal_stays_ignored(tmp_path, monkeypatch):
    # `aicap ingest … &` from a shell without job control starts with SIGINT ignored: a Ctrl-C
    # meant for the script around it does not stop the ingest.
    real_save = pipeline.save_records

    def save_with_a_signal(db, document_id, document, records):
        os.kill(os.getpid(), signal.SIGINT)
        real_save(db, document_id, document, records)

    monkeypatch.setattr("ingest.pipeline.save_records", save_with_a_signal)
    db_path = tmp_path / "aicap.db"
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ingest_in_this_process(db_path, SEED_FILES)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    assert saved_paths(db_path) == [str(path) for path in SEED_FILES]
