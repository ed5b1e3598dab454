"""The database's shape (schema.sql, views/*.sql), its connection and transactions, and aicap_meta."""
import contextlib
import hashlib
import sqlite3
import time

import sqlite_utils

from .. import resources


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


# aicap_meta: what the writer remembers between runs (fingerprints, pending work).
# Plain SQL, not sqlite-utils' upsert: its first upsert on a connection probes SQLite by creating
# and dropping a scratch table in this database, inside the writer's transaction.

def read_meta(db, key: str) -> str | None:
    row = db.conn.execute("SELECT value FROM aicap_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def write_meta(db, key: str, value: str) -> None:
    db.conn.execute("INSERT INTO aicap_meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
