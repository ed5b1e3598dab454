"""Ingesting is idempotent; changed files replace their document; one transaction per document."""
import shutil
import sqlite3

import pytest

from conftest import SEEDS, run_cli
from ingest import build, pipeline
from ingest.store.shape import open_db


def dump(db_path):
    db = open_db(db_path)
    return {table: list(db.query(f"select * from [{table}] order by 1"))
            for table in db.table_names() if not table.startswith("documents_fts")}


def test_rebuilding_changes_nothing(tmp_path):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    first = dump(db_path)
    result = run_cli("ingest", db_path, SEEDS)
    assert "5 files: 5 unchanged" in result.output
    assert dump(db_path) == first
    assert len(first["documents"]) == 5


def test_the_database_is_one_file_after_an_ingest(tmp_path):
    # The database stays in WAL mode; closing the last connection folds the log into the file and
    # removes it, and the writer's lock file is removed too.
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aicap.db"]
    assert open_db(db_path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_bytes_under_two_paths_are_one_document(tmp_path, seed_copy):
    db_path = tmp_path / "aicap.db"
    copy = seed_copy / "again" / "copy.txt"
    copy.parent.mkdir()
    shutil.copy(next(seed_copy.glob("001*")), copy)
    result = run_cli("ingest", db_path, seed_copy)
    assert "6 files: 5 added, 1 new path" in result.output
    db = open_db(db_path)
    assert db["documents"].count == 5
    doc_id = next(db.query("select id from documents where source_path like '%001_%'"))["id"]
    assert [r["path"] for r in db.query("select path from document_paths where document_id = ? order by path",
                                        [doc_id])] == [str(next(seed_copy.glob("001*"))), str(copy)]


def test_changed_file_replaces_its_document_and_extractions(tmp_path, seed_copy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    db = open_db(db_path)
    target = next(seed_copy.glob("002*"))
    old = next(db.query("select id, sha256 from documents where source_path = ?", [str(target)]))
    # Something extracted from the old text, which must not survive the replacement.
    db.execute("insert into amounts (document_id, raw, value, currency, bound, char_start, char_end) "
               "values (?, 'stale', 1, 'USD', 'exact', 0, 5)", [old["id"]])
    db.conn.commit()
    target.write_text(target.read_text(encoding="utf-8").replace("卖铲人的独特地位", "卖铲人的地位"), encoding="utf-8")

    result = run_cli("ingest", db_path, seed_copy)
    assert "5 files: 4 unchanged, 1 replaced" in result.output
    new = next(db.query("select id, sha256, text from documents where source_path = ?", [str(target)]))
    assert new["id"] == old["id"] and new["sha256"] != old["sha256"]
    assert "卖铲人的地位" in new["text"]
    assert list(db.query("select raw from amounts where raw = 'stale'")) == []
    assert db["documents"].count == 5


def test_failure_while_saving_leaves_database_as_before(tmp_path, seed_copy, monkeypatch):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    before = dump(db_path)
    target = next(seed_copy.glob("000*"))
    target.write_text(target.read_text(encoding="utf-8") + "\n<p>新增的一段。</p>", encoding="utf-8")

    def save_then_fail(db, document_id, document, records):
        db.execute("insert into amounts (document_id, raw, bound, char_start, char_end) values (?, 'x', 'exact', 0, 1)",
                   [document_id])
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("ingest.pipeline.save_records", save_then_fail)
    result = run_cli("ingest", db_path, seed_copy, expect_exit=1)
    assert f"{target}: internal error while ingesting: RuntimeError: disk on fire" in result.output
    assert dump(db_path) == before


def test_an_interrupted_ingest_keeps_the_documents_saved_before(tmp_path, seed_copy, monkeypatch):
    # Documents are committed in groups; stopping (Ctrl-C) commits those saved so far and
    # leaves no trace of the one being saved.
    saved = []
    real_save = pipeline.save_records

    def save_or_interrupt(db, document_id, document, records):
        saved.append(document_id)
        if len(saved) == 3:
            db.execute("insert into amounts (document_id, raw, bound, char_start, char_end) "
                       "values (?, 'half-written', 'exact', 0, 1)", [document_id])
            raise KeyboardInterrupt
        real_save(db, document_id, document, records)

    monkeypatch.setattr("ingest.pipeline.save_records", save_or_interrupt)
    db_path = tmp_path / "aicap.db"
    db = open_db(db_path)
    build.prepare_db(db)
    with pytest.raises(KeyboardInterrupt):
        for _ in build.ingest_paths(db, sorted(seed_copy.glob("*.txt"))):
            pass
    db.conn.close()
    db = open_db(db_path)
    assert [row["source_path"] for row in db.query("select source_path from documents order by id")] == [
        str(path) for path in sorted(seed_copy.glob("*.txt"))[:2]]
    assert list(db.query("select raw from amounts where raw = 'half-written'")) == []
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # The run stopped before refreshing the derived tables: the next one does, changed or not.
    assert db.execute("select value from aicap_meta where key = 'derived_tables_stale'").fetchone()[0] == "1"
    monkeypatch.setattr("ingest.pipeline.save_records", real_save)
    list(build.ingest_paths(db, sorted(seed_copy.glob("*.txt"))[:2]))
    assert db.execute("select value from aicap_meta where key = 'derived_tables_stale'").fetchone()[0] == "0"


def test_reference_rows_deleted_by_hand_are_written_again(tmp_path):
    # An unchanged rebuild skips rewriting the gazetteer and vocabularies, unless rows are missing.
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    db = open_db(db_path)
    kinds = [row["kind"] for row in db.query("select kind from deal_kinds order by kind")]
    with db.atomic():
        db.execute("delete from deal_kinds where kind not in (select kind from deals)")
    db.conn.close()
    run_cli("ingest", db_path, SEEDS, "--silent")
    assert [row["kind"] for row in open_db(db_path).query("select kind from deal_kinds order by kind")] == kinds


def test_a_database_failure_that_undoes_the_group_stops_the_ingest_with_a_clear_error(
        tmp_path, seed_copy, monkeypatch):
    # Disk full or an I/O error makes SQLite roll back the whole transaction, not only the
    # document's savepoint: documents reported as added would be lost, so ingest stops and says so.
    saved = []
    real_save = pipeline.save_records

    def save_or_fail(db, document_id, document, records):
        saved.append(document_id)
        if len(saved) == 3:
            db.execute("ROLLBACK")  # what SQLite does on SQLITE_FULL
            raise sqlite3.OperationalError("database or disk is full")
        real_save(db, document_id, document, records)

    monkeypatch.setattr("ingest.pipeline.save_records", save_or_fail)
    db_path = tmp_path / "aicap.db"
    result = run_cli("ingest", db_path, seed_copy, "--silent", expect_exit=1)
    target = sorted(seed_copy.glob("*.txt"))[2]
    assert f"Error: {target}: internal error while ingesting: OperationalError: database or disk is full; " \
           "SQLite rolled back every document saved since the last commit" in result.output
    monkeypatch.setattr("ingest.pipeline.save_records", real_save)
    run_cli("ingest", db_path, seed_copy, "--silent")  # documents lost with the group come back
    assert open_db(db_path)["documents"].count == 5


def test_search_follows_a_replaced_text_and_nothing_else(tmp_path):
    # documents_fts is rebuilt when title or text change, not when the writer sets another column.
    folder, db_path = tmp_path / "in", tmp_path / "aicap.db"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_text("來源:凤凰网\n\n英伟达宣布向晨曦智能投资5亿美元。\n", encoding="utf-8")
    run_cli("ingest", db_path, folder, "--silent")
    article.write_text("來源:凤凰网\n\n英伟达宣布向暮光机器人投资5亿美元。\n", encoding="utf-8")
    run_cli("ingest", db_path, folder, "--silent")
    conn = sqlite3.connect(db_path)
    found = {word: conn.execute("select count(*) from documents_fts where documents_fts match ?", [f'"{word}"']).fetchone()[0]
             for word in ("晨曦智能", "暮光机器人")}
    assert found == {"晨曦智能": 0, "暮光机器人": 1}
    assert conn.execute("select o.name from documents d join organizations o on o.id = d.source_org_id").fetchall() == [
        ("Phoenix New Media",)]
    conn.execute("update documents set source_org_id = null")  # no text change: the index is left alone
    conn.execute("insert into documents_fts(documents_fts) values ('integrity-check')")  # raises when out of step
    assert conn.execute("select count(*) from documents_fts where documents_fts match '\"暮光机器人\"'").fetchone() == (1,)
