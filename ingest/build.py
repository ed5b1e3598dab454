"""Ingesting article files into the database, each document all-or-nothing.

A file whose bytes and pipeline are unchanged is skipped, so rebuilding touches only what changed.
The same bytes under another path add that path to the existing document. A file whose bytes changed
replaces its document (same id) and everything extracted from it.
"""
import hashlib
import multiprocessing
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import click

from . import stopping
from .store import documents, shape
from .store.graph import graph_components_pending, refresh_graph_components
from .store.orgs import mark_all_orgs_for_pruning, prune_orgs
from .store.reference import reference_counts
from .store.totals import (funding_totals_pending, investor_totals_pending, refresh_stale_funding_totals,
                           refresh_stale_investor_totals)
from .load import DEFAULT_MAX_BYTES, DocumentError, LoadedFile, display_path, load_file, read_bytes
from .annotations import AnnotationError, apply_annotations, validate_annotations
from .resources import DATA_DIR, PACKAGE_DIR

ADDED, REPLACED, REEXTRACTED, UNCHANGED, NEW_PATH, FAILED = (
    "added", "replaced", "re-extracted", "unchanged", "new path", "failed")


class IngestAborted(click.ClickException):
    """The database itself failed (disk full, I/O error) and undid more than one document."""


@dataclass
class FileResult:
    path: str
    status: str
    document_id: int | None = None
    reason: str | None = None


def pipeline_version(annotations: list | None = None) -> str:
    """Fingerprint of the extraction code, vocabularies and curated annotations in use: when it
    changes, documents are re-extracted even though their bytes did not change."""
    digest = hashlib.sha256()
    # Subpackages too (ingest/store/...): code that writes the records changes what is stored.
    code = [path for path in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in path.parts]
    for path in sorted(code) + sorted(DATA_DIR.rglob("*")):
        if path.is_file():
            # The path inside the package, not the bare name: store/deals.py is not deals.py.
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(repr(annotations).encode() if annotations else b"no annotations")
    return digest.hexdigest()[:16]


# The extraction stages (clean, money, orgs, deals, claims and the libraries they use) take about
# a third of a second to import: they are imported where first needed, so a rebuild with nothing
# changed never loads them, and before the worker processes fork, so those inherit them.
def _import_extraction():
    from . import clean, pipeline  # noqa: F401


def prepare_db(db) -> None:
    """Shape the database (schema, views, aicap's mark) and write the reference data that records
    point at (vocabularies, gazetteer) unless the code and data that produce it are what wrote it
    last."""
    shape.ensure_db_shape(db)
    fingerprint = pipeline_version() + shape.schema_fingerprint()
    # The row counts guard against rows deleted by hand since: the fingerprint alone would trust them.
    if shape.read_meta(db, REFERENCE_DATA) == f"{fingerprint} {reference_counts(db)}":
        return
    from .pipeline import save_reference_data
    with db.atomic():
        save_reference_data(db)
        # Organizations the new reference data no longer keeps (all of an older database's
        # gazetteer) go at the end of this run, unless something names them.
        mark_all_orgs_for_pruning(db)
        shape.write_meta(db, DERIVED_TABLES_STALE, "1")
        shape.write_meta(db, REFERENCE_DATA, f"{fingerprint} {reference_counts(db)}")


REFERENCE_DATA = "reference_data"
DERIVED_TABLES_STALE = "derived_tables_stale"  # deal_graph_components, discovered orgs to prune


def parse_loaded(loaded: LoadedFile) -> tuple[dict, list[str]]:
    """The document record of a loaded file (no extraction yet), and warnings about it."""
    from .clean import parse_document
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
    }, loaded.warnings + parsed["warnings"]


def extract_file(task) -> "Extracted":
    """Load, parse, extract and curate one file: no database, so it runs in worker processes.
    A bad annotation (AnnotationError) stops the build: it is the curator's error, not the file's."""
    path, max_bytes, version, annotations = task
    from .pipeline import extract_records
    try:
        loaded = load_file(path, max_bytes)
        document, warnings = parse_loaded(loaded)
        document["pipeline_version"] = version
        records = apply_annotations(document, extract_records(document), annotations or [])
        return Extracted(loaded.path, document, records, warnings)
    except AnnotationError:
        raise
    except DocumentError as error:
        return Extracted(os.path.normpath(str(path)), error=str(error))
    except Exception as error:  # a bug must not stop the other files; say which file hit it
        return Extracted(os.path.normpath(str(path)), error=_internal(error))


@dataclass
class Extracted:
    path: str
    document: dict | None = None
    records: dict | None = None
    warnings: list = field(default_factory=list)
    error: str | None = None


def _internal(error: Exception) -> str:
    return f"internal error while ingesting: {type(error).__name__}: {error}"


def triage_file(db, path, version: str, max_bytes: int) -> FileResult | None:
    """A result when the file needs no extraction (unchanged, known bytes under a new path, or
    unreadable); None when it must be extracted. Hashing is far cheaper than extracting."""
    path = os.path.normpath(str(path))
    try:
        data = read_bytes(Path(path), max_bytes)
    except DocumentError as error:
        return FileResult(path, FAILED, reason=str(error))
    existing = documents.find_document_by_sha(db, hashlib.sha256(data).hexdigest())
    if existing and existing["pipeline_version"] == version:
        return _record_path(db, path, existing["id"])
    return None


def save_extracted(db, item: Extracted, version: str) -> FileResult:
    """The single writer: store one extracted file, all or nothing (its own transaction, or a
    savepoint inside grouped_writes)."""
    if item.error:
        return FileResult(item.path, FAILED, reason=item.error)
    try:
        existing = documents.find_document_by_sha(db, item.document["sha256"])
        if existing and existing["pipeline_version"] == version:  # same bytes met earlier in this run
            return _record_path(db, item.path, existing["id"])
        result = _save(db, item.path, item.document, item.records, existing)
    except Exception as error:
        return FileResult(item.path, FAILED, reason=_internal(error))
    result.reason = "; ".join(item.warnings) or None
    return result


def ingest_file(db, path, version: str, max_bytes: int = DEFAULT_MAX_BYTES, annotations=None) -> FileResult:
    """Load, parse, extract and save one file. Never raises for a bad file: the result says why."""
    return triage_file(db, path, version, max_bytes) or save_extracted(
        db, extract_file((path, max_bytes, version, annotations)), version)


def _record_path(db, path: str, document_id: int) -> FileResult:
    known = documents.find_document_by_path(db, path)
    if known and known["id"] == document_id:
        return FileResult(path, UNCHANGED, document_id)
    with db.atomic():
        documents.save_document_path(db, path, document_id)
    return FileResult(path, NEW_PATH, document_id)


def _save(db, path: str, document: dict, records: dict, existing) -> FileResult:
    from .pipeline import save_records
    with db.atomic():
        if existing:
            document_id, status = existing["id"], REEXTRACTED
            document.pop("source_path")  # keep the path it was first found at
        else:
            previous = documents.find_document_by_path(db, path)
            if previous and not documents.other_paths(db, previous["id"], path):
                document_id, status = previous["id"], REPLACED
            else:
                document_id, status = None, ADDED
        if document_id is not None:
            documents.delete_extracted(db, document_id)
        document_id = documents.save_document_row(db, document, document_id)
        documents.save_document_path(db, path, document_id)
        save_records(db, document_id, document, records)
    return FileResult(path, status, document_id)


def ingest_paths(db, paths, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1, annotations=None):
    """Yield a FileResult for every article file under paths: first those that need no extraction,
    then the others as they are extracted (in `jobs` processes) and saved by this one.
    annotations: curated corrections to apply (None or [] builds without curation)."""
    with stopping.deferred_stops():  # Ctrl-C and SIGTERM stop it between documents
        yield from _ingest_paths(db, paths, max_bytes, jobs, annotations)


def _ingest_paths(db, paths, max_bytes: int, jobs: int, annotations):
    version = pipeline_version(annotations)
    pending = []
    for path in paths:
        stopping.stop_point()
        result = triage_file(db, path, version, max_bytes)
        if result is None:
            pending.append(str(path))
        else:
            yield result
    changed = False
    if pending:
        _import_extraction()
        with shape.grouped_writes(db, COMMIT_EVERY_SECONDS) as commit_due:
            for item in _extract_all(pending, max_bytes, version, jobs, annotations):
                result = save_extracted(db, item, version)
                if not db.conn.in_transaction:
                    raise IngestAborted(
                        f"{display_path(item.path)}: {result.reason or 'the database failed'}; SQLite rolled "
                        "back every document saved since the last commit (disk full or I/O error?). Nothing is "
                        "inconsistent: fix the cause and run the same command again.")
                if result.status in (ADDED, REPLACED, REEXTRACTED) and not changed:
                    # Committed with the first change: a run interrupted before the refresh below
                    # leaves the mark, and the next run refreshes even if it changes nothing.
                    shape.write_meta(db, DERIVED_TABLES_STALE, "1")
                    changed = True
                yield result
                commit_due()
                stopping.stop_point()
    stopping.stop_point()
    if (changed or shape.read_meta(db, DERIVED_TABLES_STALE) == "1" or graph_components_pending(db)
            or investor_totals_pending(db) or funding_totals_pending(db)):
        with db.atomic():
            prune_orgs(db)
            refresh_graph_components(db)
            refresh_stale_investor_totals(db)
            refresh_stale_funding_totals(db)
            shape.write_meta(db, DERIVED_TABLES_STALE, "0")
    if annotations:
        validate_annotations(annotations, documents.document_texts_by_key(db))


def _extract_all(paths: list[str], max_bytes: int, version: str, jobs: int, annotations):
    tasks = [(path, max_bytes, version, annotations) for path in paths]
    if jobs <= 1 or len(tasks) < 2:
        for task in tasks:
            with stopping.interruptible():  # pure work: a long document need not delay the stop
                item = extract_file(task)
            yield item
        return
    # imap keeps the files' order. Its feeder runs ahead of the writer without limit, so when the
    # writer is the slower side extracted documents would pile up in this process: chunks are only
    # handed out while fewer than IN_FLIGHT_PER_JOB files per worker are unsaved. The chunks are
    # ours, not imap's chunksize: with it imap returns a plain generator, which cannot wait with a
    # timeout (_next_result).
    window = _Window(max(1, jobs * IN_FLIGHT_PER_JOB // CHUNK_SIZE))
    chunks = [tasks[start:start + CHUNK_SIZE] for start in range(0, len(tasks), CHUNK_SIZE)]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_setup,
                                                  initargs=(os.getpid(),)) as pool:
        try:
            results = pool.imap(_extract_chunk, window.feed(chunks))
            while (chunk := _next_result(results)) is not _ALL_DONE:
                yield from chunk
                window.done()
        finally:
            window.close()


def _extract_chunk(chunk: list) -> list:
    return [extract_file(task) for task in chunk]


def _next_result(results):
    # Waits in short steps, so that a stop asked for meanwhile is seen without waiting for the
    # workers (a document may take seconds); the stop is raised here, outside the pool's locks.
    while True:
        stopping.stop_point()
        try:
            return results.next(timeout=STOP_CHECK_SECONDS)
        except multiprocessing.TimeoutError:
            continue
        except StopIteration:
            return _ALL_DONE


_ALL_DONE = object()
STOP_CHECK_SECONDS = 0.1


# Each document is saved all-or-nothing (a savepoint); the documents saved meanwhile are committed
# together at most this often, since a commit costs about as much as saving a document.
COMMIT_EVERY_SECONDS = 1.0
CHUNK_SIZE = 2
IN_FLIGHT_PER_JOB = 8


def _worker_setup(writer_pid: int):
    # Ctrl-C is for the writer, which then stops the pool: a worker interrupted while holding the
    # pool's queue lock would leave the writer waiting for ever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The pool stops its workers with SIGTERM: they die at once, not through the writer's handlers
    # (ingest/stopping.py, ingest/writer.py), which they inherit.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A worker whose writer is gone (killed) dies quietly on its next result instead of printing
    # a BrokenPipeError traceback: Python ignores SIGPIPE unless told otherwise.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # One waiting for its next task would wait for ever: it leaves when the writer does.
    threading.Thread(target=_exit_without, args=(writer_pid,), daemon=True).start()


def _exit_without(writer_pid: int):
    while os.getppid() == writer_pid:
        time.sleep(WRITER_CHECK_SECONDS)
    os._exit(1)


WRITER_CHECK_SECONDS = 0.5


class _Window:
    """Back-pressure for Pool.imap: feed() blocks (in the pool's feeder thread) while `size` tasks
    are handed out and not yet done()."""

    def __init__(self, size: int):
        self.slots = threading.Semaphore(size)
        self.closed = False

    def feed(self, tasks):
        for task in tasks:
            self.slots.acquire()
            if self.closed:
                return
            yield task

    def done(self):
        self.slots.release()

    def close(self):
        # The consumer stopped early: wake a blocked feeder so the pool can shut down.
        self.closed = True
        self.slots.release()
