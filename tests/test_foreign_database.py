"""aicap ingest writes only to aicap's own databases: someone else's SQLite file is refused and left
exactly as it was (issue 14, item 5: 13 columns and 60 schema objects were added to it)."""
import sqlite3

import pytest

from conftest import SEEDS, run_cli
from ingest.store.shape import APPLICATION_ID


def make_db(path, *statements):
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def schema_and_marks(path):
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("select type, name, tbl_name, sql from sqlite_master order by name").fetchall(),
                conn.execute("PRAGMA application_id").fetchone()[0],
                conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def refused(db_path):
    """Run ingest on db_path; assert it fails with one line and changes no byte. The message."""
    before = db_path.read_bytes()
    schema = schema_and_marks(db_path) if before.startswith(b"SQLite format 3\0") else None
    result = run_cli("ingest", db_path, SEEDS, "--silent", expect_exit=1)
    lines = result.output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.output
    assert db_path.read_bytes() == before
    if schema:
        assert schema_and_marks(db_path) == schema
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]  # no -wal, no lock left
    return lines[0]


def test_a_database_with_another_documents_table_is_refused_unchanged(tmp_path):
    db_path = make_db(tmp_path / "f.db", "create table documents (id integer primary key, body text)",
                      "insert into documents (body) values ('mine')")
    assert refused(db_path) == (
        f"Error: {db_path} is not an aicap database: it holds other tables (documents) and no aicap "
        "mark; nothing was changed. Give aicap ingest a new file or one it built.")


def test_a_database_of_another_application_is_refused_unchanged(tmp_path):
    db_path = make_db(tmp_path / "g.db", "PRAGMA application_id = 42")
    assert "it belongs to another application (PRAGMA application_id = 42)" in refused(db_path)


def test_a_file_that_is_not_sqlite_is_refused_unchanged(tmp_path):
    db_path = tmp_path / "notes.db"
    db_path.write_text("not a database, but someone's notes\n" * 100)
    assert "is not an SQLite database" in refused(db_path)


def test_a_new_or_empty_database_becomes_an_aicap_database(tmp_path):
    empty = make_db(tmp_path / "empty.db", "PRAGMA user_version = 0")
    for db_path in (tmp_path / "new.db", empty):
        run_cli("ingest", db_path, SEEDS, "--silent")
        assert schema_and_marks(db_path)[1:] == (APPLICATION_ID, "wal")


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_a_database_built_before_the_mark_is_accepted_and_marked(tmp_path, journal_mode):
    # aicap databases built before the mark existed have aicap_meta (and were left in either mode).
    db_path = tmp_path / "old.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    make_db(db_path, "PRAGMA application_id = 0", f"PRAGMA journal_mode = {journal_mode}")
    assert schema_and_marks(db_path)[1] == 0
    result = run_cli("ingest", db_path, SEEDS)
    assert "5 files: 5 unchanged" in result.output
    assert schema_and_marks(db_path)[1:] == (APPLICATION_ID, "wal")
