"""Ingesting article files into the database, one document per transaction.

A file whose bytes and pipeline are unchanged is skipped, so rebuilding touches only what changed.
The same bytes under another path add that path to the existing document. A file whose bytes changed
replaces its document (same id) and everything extracted from it.
"""
import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import db as dbmod
from .clean import parse_document
from .load import DEFAULT_MAX_BYTES, DocumentError, LoadedFile, load_file
from .pipeline import extract_records, save_records
from .orgs import prune_discovered_orgs
from .resources import DATA_DIR, PACKAGE_DIR

ADDED, REPLACED, REEXTRACTED, UNCHANGED, NEW_PATH, FAILED = (
    "added", "replaced", "re-extracted", "unchanged", "new path", "failed")


@dataclass
class FileResult:
    path: str
    status: str
    document_id: int | None = None
    reason: str | None = None


def pipeline_version() -> str:
    """Fingerprint of the extraction code and vocabularies: when it changes, documents are
    re-extracted even though their bytes did not change."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.glob("*.py")) + sorted(DATA_DIR.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def parse_loaded(loaded: LoadedFile) -> tuple[dict, list[str]]:
    """The document record of a loaded file (no extraction yet), and warnings about it."""
    parsed = parse_document(loaded.text, loaded.path)
    if not parsed["text"].strip():
        raise DocumentError("no article text found after removing page chrome")
    return {
        "sha256": loaded.sha256,
        "source_path": loaded.path,
        "url": parsed["url"],
        "title": parsed["title"],
        "author": parsed["author"],
        "publisher": parsed["publisher"],
        "published_on": parsed["published_on"],
        "language": parsed["language"],
        "encoding": loaded.encoding,
        "format": parsed["format"],
        "raw": loaded.text,
        "text": parsed["text"],
    }, parsed["warnings"]


def ingest_file(db, path, version: str, max_bytes: int = DEFAULT_MAX_BYTES, curated=None) -> FileResult:
    """Load, parse, extract and save one file. Never raises for a bad file: the result says why."""
    path = str(path)
    try:
        loaded = load_file(path, max_bytes)
        path = loaded.path
        existing = dbmod.find_document_by_sha(db, loaded.sha256)
        if existing and existing["pipeline_version"] == version:
            return _record_path(db, path, existing["id"])
        document, warnings = parse_loaded(loaded)
        document["pipeline_version"] = version
        records = extract_records(document)
        result = _save(db, path, document, records, existing)
        result.reason = "; ".join(warnings) or None
        return result
    except DocumentError as error:
        return FileResult(path, FAILED, reason=str(error))
    except Exception as error:  # a bug must not stop the other files; say which file hit it
        return FileResult(path, FAILED, reason=f"internal error while ingesting: {type(error).__name__}: {error}")


def _record_path(db, path: str, document_id: int) -> FileResult:
    known = dbmod.find_document_by_path(db, path)
    if known and known["id"] == document_id:
        return FileResult(path, UNCHANGED, document_id)
    with db.atomic():
        dbmod.save_document_path(db, path, document_id)
    return FileResult(path, NEW_PATH, document_id)


def _save(db, path: str, document: dict, records: dict, existing) -> FileResult:
    with db.atomic():
        if existing:
            document_id, status = existing["id"], REEXTRACTED
            document.pop("source_path")  # keep the path it was first found at
        else:
            previous = dbmod.find_document_by_path(db, path)
            if previous and not dbmod.other_paths(db, previous["id"], path):
                document_id, status = previous["id"], REPLACED
            else:
                document_id, status = None, ADDED
        if document_id is not None:
            dbmod.delete_extracted(db, document_id)
        document_id = dbmod.save_document_row(db, document, document_id)
        dbmod.save_document_path(db, path, document_id)
        save_records(db, document_id, document, records)
    return FileResult(path, status, document_id)


def ingest_paths(db, paths, max_bytes: int = DEFAULT_MAX_BYTES):
    """Yield a FileResult for every article file under paths, in a stable order."""
    version = pipeline_version()
    changed = False
    for path in paths:
        result = ingest_file(db, Path(path), version, max_bytes)
        changed = changed or result.status in (ADDED, REPLACED, REEXTRACTED)
        yield result
    if changed:
        with db.atomic():
            prune_discovered_orgs(db)
