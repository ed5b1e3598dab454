"""Database shape and document storage. Every write of one document is all or nothing."""
import contextlib
import hashlib
import os
import sqlite3
import time

import sqlite_utils

from . import resources

# Tables filled from a document's text, deleted with it when the document is replaced.
# (claims/amounts/mentions cascade from documents; deals keep their other documents' reports.)
EXTRACTED_TABLES = ("deal_reports", "claims", "org_mentions", "amounts")


def open_db(path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA foreign_keys = ON")
    return db


def schema_fingerprint() -> str:
    return hashlib.sha256(resources.schema_path().read_bytes()).hexdigest()[:16]


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Apply schema.sql, then (re)create every views/*.sql view. Safe to run any number of times."""
    schema = resources.schema_path().read_text(encoding="utf-8")
    _add_missing_columns(db, schema)
    db.conn.executescript(schema)
    _create_views(db)


def _add_missing_columns(db: sqlite_utils.Database, schema: str) -> None:
    """Bring a database built by an older aicap up to schema.sql: CREATE TABLE IF NOT EXISTS leaves
    an existing table alone, so columns the schema gained since are added here (NULL or their
    default in old rows; the next ingest fills them where it re-extracts)."""
    existing = {table.name for table in db.tables}
    if not existing:
        return
    reference = sqlite3.connect(":memory:")
    reference.executescript(schema)
    for (table,) in reference.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"):
        if table not in existing:
            continue
        have = {row[1] for row in db.conn.execute(f'PRAGMA table_info("{table}")')}
        for _, name, type_, _, default, _ in reference.execute(f'PRAGMA table_info("{table}")'):
            if name not in have:
                clause = f" DEFAULT {default}" if default is not None else ""
                db.conn.execute(f'ALTER TABLE "{table}" ADD COLUMN "{name}" {type_}{clause}')
    reference.close()


def _create_views(db: sqlite_utils.Database) -> None:
    # Views may read other views: drop them all, then create until none is left, so file order
    # does not matter. A view file holds one `CREATE VIEW <file stem> AS ...` statement.
    paths = resources.view_paths()
    for path in paths:
        db.conn.execute(f'DROP VIEW IF EXISTS "{path.stem}"')
    pending = list(paths)
    while pending:
        failed = []
        for path in pending:
            try:
                db.conn.executescript(path.read_text(encoding="utf-8"))
            except sqlite3.OperationalError as error:
                failed.append((path, error))
        if len(failed) == len(pending):
            path, error = failed[0]
            raise RuntimeError(f"{path.name}: {error}")
        pending = [path for path, _ in failed]


@contextlib.contextmanager
def grouped_writes(db, every_seconds: float):
    """Many documents written in one transaction, committed when the caller's commit_due() finds
    every_seconds passed, and at the end, even when an error ends the loop. Each document's own
    db.atomic() becomes a savepoint inside it, so a document that fails leaves no trace and the
    others stay saved. Meanwhile the database uses write-ahead logging with synchronous=NORMAL
    (a commit appends to the log without waiting for the disk; a crash loses at most the last
    commit, never consistency); afterwards the log is folded back so the database is one file
    again (Datasette's --immutable ignores a -wal file)."""
    db.conn.execute("PRAGMA journal_mode = WAL")
    db.conn.execute("PRAGMA synchronous = NORMAL")
    last = time.monotonic()

    def commit_due():
        nonlocal last
        if time.monotonic() - last >= every_seconds and db.conn.in_transaction:
            db.conn.execute("COMMIT")
            db.conn.execute("BEGIN")
            last = time.monotonic()

    db.conn.execute("BEGIN")
    try:
        yield commit_due
    finally:
        try:
            if db.conn.in_transaction:
                db.conn.execute("COMMIT")
        finally:
            _leave_wal(db)


def _leave_wal(db) -> None:
    if db.conn.in_transaction:  # the commit failed; journal_mode cannot change inside a transaction
        db.conn.execute("ROLLBACK")
    try:
        db.conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:  # another connection has it open: it stays in WAL mode
        pass
    db.conn.execute("PRAGMA synchronous = FULL")


def find_document_by_sha(db, sha256: str):
    return next(db.query("SELECT id, pipeline_version FROM documents WHERE sha256 = ?", [sha256]), None)


def find_document_by_path(db, path: str):
    return next(db.query(
        "SELECT d.id, d.sha256 FROM document_paths p JOIN documents d ON d.id = p.document_id WHERE p.path = ?",
        [path]), None)


def other_paths(db, document_id: int, path: str) -> list[str]:
    return [row["path"] for row in db.query(
        "SELECT path FROM document_paths WHERE document_id = ? AND path != ?", [document_id, path])]


def delete_extracted(db, document_id: int) -> None:
    """Forget what was extracted from a document, keeping deals that other documents still report."""
    deal_ids = [row[0] for row in db.conn.execute(
        "SELECT DISTINCT deal_id FROM deal_reports WHERE document_id = ?", [document_id])]
    for table in EXTRACTED_TABLES:
        db.conn.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
    # Only the deals this document reported can have lost their last report, their amount or the
    # report their status came from. (Imported here: ingest.deals is an extraction module, which
    # an ingest with nothing to extract never loads.)
    from .deals import refresh_deal
    for deal_id in deal_ids:
        if db.conn.execute("SELECT 1 FROM deal_reports WHERE deal_id = ? LIMIT 1", [deal_id]).fetchone():
            refresh_deal(db, deal_id)
        else:
            db.conn.execute("DELETE FROM deals WHERE id = ?", [deal_id])


def save_document_row(db, document: dict, document_id: int | None) -> int:
    """Insert the document, or overwrite the row of document_id in place so its id stays stable."""
    columns = list(document)
    if document_id is None:
        cursor = db.conn.execute(
            f"INSERT INTO documents ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            [document[c] for c in columns])
        return cursor.lastrowid
    db.conn.execute(
        f"UPDATE documents SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
        [document[c] for c in columns] + [document_id])
    return document_id


def save_document_path(db, path: str, document_id: int) -> None:
    db.conn.execute(
        "INSERT INTO document_paths (path, document_id) VALUES (?, ?) "
        "ON CONFLICT(path) DO UPDATE SET document_id = excluded.document_id", [path, document_id])


def save_deal_vocabulary(db) -> None:
    """Fill deal_kinds and deal_statuses from data/deal_vocabulary.yaml (idempotent upsert)."""
    vocabulary = resources.load_vocabulary("deal_vocabulary")
    for kind, entry in vocabulary["kinds"].items():
        db.conn.execute(
            "INSERT INTO deal_kinds (kind, category, description) VALUES (?, ?, ?) ON CONFLICT(kind) DO UPDATE "
            "SET category = excluded.category, description = excluded.description",
            [kind, entry["category"], entry["description"]])
    for status, entry in vocabulary["statuses"].items():
        db.conn.execute(
            "INSERT INTO deal_statuses (status, bucket, description) VALUES (?, ?, ?) ON CONFLICT(status) DO UPDATE "
            "SET bucket = excluded.bucket, description = excluded.description",
            [status, entry["bucket"], entry["description"]])


def document_texts_by_key(db) -> dict:
    """Clean text of every document keyed by its sha256 and by the file name of each of its paths:
    how annotations name documents."""
    texts = {}
    for row in db.query("SELECT d.sha256, d.text, p.path FROM documents d JOIN document_paths p ON p.document_id = d.id"):
        texts[row["sha256"]] = row["text"]
        texts[os.path.basename(row["path"])] = row["text"]
    return texts


def reference_counts(db) -> str:
    """Row counts of the reference data (gazetteer organizations, aliases, people, vocabularies)."""
    return ",".join(str(db.conn.execute(sql).fetchone()[0]) for sql in (
        "SELECT count(*) FROM organizations WHERE in_gazetteer = 1", "SELECT count(*) FROM org_aliases a JOIN organizations o ON o.id = a.org_id WHERE o.in_gazetteer = 1",
        "SELECT count(*) FROM people", "SELECT count(*) FROM deal_kinds", "SELECT count(*) FROM deal_statuses"))


def read_meta(db, key: str) -> str | None:
    row = db.conn.execute("SELECT value FROM aicap_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def write_meta(db, key: str, value: str) -> None:
    db.conn.execute("INSERT INTO aicap_meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def graph_components_missing(db) -> bool:
    """Deals exist but their graph components were never computed (a database from before the table)."""
    return bool(db.execute("SELECT NOT EXISTS (SELECT 1 FROM deal_graph_components) "
                           "AND EXISTS (SELECT 1 FROM deals)").fetchone()[0])
