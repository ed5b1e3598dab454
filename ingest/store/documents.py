"""Documents and the paths they were found at; forgetting what was extracted from a document."""
import os

# Tables filled from a document's text, deleted with it when the document is replaced.
# (claims/amounts/mentions cascade from documents; deals keep their other documents' reports.)
EXTRACTED_TABLES = ("deal_reports", "claims", "org_mentions", "amounts")


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
    # report their status came from. (Imported here: store.deals uses the deal extractor's amount
    # comparison, and an ingest with nothing to extract never loads the extractors.)
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


def document_texts_by_key(db) -> dict:
    """Clean text of every document keyed by its sha256 and by the file name of each of its paths:
    how annotations name documents."""
    texts = {}
    for row in db.query("SELECT d.sha256, d.text, p.path FROM documents d JOIN document_paths p ON p.document_id = d.id"):
        texts[row["sha256"]] = row["text"]
        texts[os.path.basename(row["path"])] = row["text"]
    return texts
