"""Database shape and document storage. Every write of one document happens in one transaction."""
import hashlib
import sqlite3

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
    db.conn.executescript(resources.schema_path().read_text(encoding="utf-8"))
    _create_views(db)


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
