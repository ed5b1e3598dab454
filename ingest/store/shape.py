"""The database's shape (schema.sql, views/*.sql), its connection and transactions, aicap's mark
(application_id) and aicap_meta."""
import contextlib
import hashlib
import os
import sqlite3
import time

import sqlite_utils

from .. import resources


# How long a statement waits for another connection's lock before failing with "database is
# locked". Readers never wait for the writer in WAL mode; this covers the brief exclusive locks
# (recovery after a crash, a checkpoint) and writers other than aicap ingest, which hold one writer
# lock per database between them (store/lock.py).
BUSY_TIMEOUT_MS = 30_000

# PRAGMA application_id of a database aicap created (the bytes "aicp"): aicap writes only to its
# own databases, never to someone else's that happens to have a documents table.
APPLICATION_ID = int.from_bytes(b"aicp", "big")


def open_db(path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(path)
    db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.conn.execute("PRAGMA foreign_keys = ON")
    return db


def not_aicap_reason(db) -> str | None:
    """Why aicap must not write to db, or None: it carries aicap's mark, was built by an aicap
    from before the mark (it has aicap_meta), or is empty. Reads only."""
    application_id = db.conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return None
    if application_id:
        return f"it belongs to another application (PRAGMA application_id = {application_id})"
    tables = [row[0] for row in db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    if "aicap_meta" in tables:
        return None
    objects = db.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if not objects:
        return None
    named = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
    return f"it holds other tables ({named or 'no tables, but other schema objects'}) and no aicap mark"


def use_wal(db) -> None:
    """Write-ahead logging, kept for good (the mode is stored in the file): readers such as
    `aicap serve` go on reading the last commit while ingest writes, and never wait for it. When the
    last connection closes and may write, SQLite folds the log back and removes the -wal and -shm
    files. Switching back to a rollback journal would need every reader gone."""
    if db.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
        raise sqlite3.OperationalError("could not switch to write-ahead logging")


def reader_problem(path) -> str | None:
    """Why SQLite cannot read the database at path where it is, or None. A reader of a database in
    WAL mode needs its -shm (and -wal) file and creates them when missing, which it cannot do in a
    folder it may not write to. (Not an SQL question: the mode is byte 18 of the file's header.)"""
    folder = os.path.dirname(os.path.abspath(path))
    if os.access(folder, os.W_OK) or all(os.path.exists(f"{path}-{end}") for end in ("wal", "shm")):
        return None
    with open(path, "rb") as file:
        header = file.read(20)
    if len(header) < 20 or header[18] != 2:
        return None
    return (f"{path} cannot be read where it is: it uses write-ahead logging, and SQLite cannot "
            f"create its {os.path.basename(path)}-shm file in {folder} (not writable); "
            "make the folder writable or copy the database to one that is")


def fold_log(db) -> None:
    """Copy what the write-ahead log holds into the database file, as far as readers allow and
    without waiting for them, so that the file alone holds every commit even while `aicap serve`
    keeps the log open. (Closing the last connection does this too, and removes the log.)"""
    if db.conn.in_transaction:  # an error ended the writes: nothing of it must be committed here
        db.conn.execute("ROLLBACK")
    with contextlib.suppress(sqlite3.Error):  # a full disk: the log still holds the commits
        db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def schema_fingerprint() -> str:
    return hashlib.sha256(resources.schema_path().read_bytes()).hexdigest()[:16]


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Apply schema.sql, then (re)create every views/*.sql view. Safe to run any number of times."""
    schema = resources.schema_path().read_text(encoding="utf-8")
    _add_missing_columns(db, schema)
    tables_before = _tables(db)
    db.conn.executescript(schema)
    _fill_new_derived_tables(db, _tables(db) - tables_before if tables_before else set())
    db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _create_views(db)


def _tables(db) -> set[str]:
    return {name for (name,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _fill_new_derived_tables(db, created: set[str]) -> None:
    """Tables kept by triggers start empty in a database from before them: fill them once from the
    rows they derive from (the triggers keep them from then on)."""
    if "deals_reported_twice" in created:
        with db.atomic():
            refill_deals_reported_twice(db.conn)


def refill_deals_reported_twice(conn) -> None:
    """deals_reported_twice recomputed from deal_reports (its triggers keep it row by row)."""
    conn.execute("DELETE FROM deals_reported_twice")
    conn.execute("INSERT INTO deals_reported_twice (deal_id) "
                 "SELECT deal_id FROM deal_reports GROUP BY deal_id HAVING count(*) > 1")


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
    # does not matter. A view file holds one `CREATE VIEW <file stem> AS ...` statement. One
    # transaction, so that `aicap serve` reading meanwhile finds every view, old or new.
    paths = resources.view_paths()
    with db.atomic():
        for path in paths:
            db.conn.execute(f'DROP VIEW IF EXISTS "{path.stem}"')
        pending = list(paths)
        while pending:
            failed = []
            for path in pending:
                try:
                    db.conn.execute(path.read_text(encoding="utf-8"))
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
    others stay saved. The database is in WAL mode (use_wal); meanwhile synchronous=NORMAL: a
    commit appends to the log without waiting for the disk (a crash of the process loses nothing
    committed; a power cut may lose the last commits, never consistency)."""
    use_wal(db)
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
            if db.conn.in_transaction:  # the commit failed (disk full, I/O error)
                db.conn.execute("ROLLBACK")
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
