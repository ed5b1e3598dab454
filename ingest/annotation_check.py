"""Trying every curated annotation on the documents it names before aicap ingest writes anything.

An annotation is applied while its document is extracted, in the middle of a run: one that fails
there (a quote not in the text, a correction that matches nothing, an unknown organization) would
stop the run with the documents before it saved and those after it not, and one the database
refuses would lose its document with a misleading message. So the documents the annotations name
are read, extracted and curated here first, one annotation at a time, and every problem is reported
together (file:line: why) while the database is still untouched.
"""
import hashlib
import os
import re
import sqlite3
from pathlib import Path

import sqlite_utils

from .annotations import AnnotationError, annotations_for, apply_annotations, listing
from .load import DEFAULT_MAX_BYTES, DocumentError, load_file, read_bytes
from .store import documents

SHA256 = re.compile(r"[0-9a-f]{64}")


def check_annotations(annotations: list, files, db_path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Raise one AnnotationError listing every annotation that would fail `aicap ingest DB_PATH FILES`:
    its document is neither among the files nor in the database, or applying it to the document's
    extracted records fails. A document the database already holds, same bytes, built with these
    same annotations, is not tried again: they applied when it was built."""
    if not annotations:
        return
    from .build import pipeline_version
    version = pipeline_version(annotations)
    db = _read_only(db_path)
    try:
        problems = _problems(annotations, files, db, version, max_bytes)
    finally:
        if db is not None:
            db.close()
    if problems:
        raise AnnotationError(listing([problems[id(a)] for a in annotations if id(a) in problems]))


def _problems(annotations: list, files, db, version: str, max_bytes: int) -> dict:
    problems, found = {}, set()
    for path, data, error in _named_files(files, {a.document for a in annotations}, max_bytes):
        sha256 = hashlib.sha256(data).hexdigest() if data is not None else None
        keys = {os.path.basename(path), sha256} - {None}
        if error:
            problems.update({id(a): f"{a.where}: {a.document} cannot be ingested: {error}"
                             for a in annotations if a.document in keys})
        elif sha256 not in found and not _built_with(db, sha256, version):  # the same bytes twice: once
            problems.update(_try_on(path, max_bytes, annotations, keys))
        found |= keys
    known = None
    for a in annotations:
        if a.document in found:
            continue
        if known is None:
            known = _texts_in(db)
        text = known.get(a.document)
        if text is None:
            problems[id(a)] = f"{a.where}: unknown document {a.document} (give its file name or sha256)"
        elif a.quote not in text:
            problems[id(a)] = f"{a.where}: quote not found in {a.document}: «{a.quote}»"
    return problems


def _named_files(files, named: set, max_bytes: int):
    """(path, bytes, None) of every file an annotation names by file name or, when some name is a
    sha256 that no file name matches, by the sha256 of its bytes (then every file is hashed);
    (path, None, why) for a named file that cannot be read."""
    names = {Path(path).name for path in files} & named
    by_sha = any(SHA256.fullmatch(key) for key in named - names)
    for path in files:
        named_by_name = Path(path).name in names
        if not (named_by_name or by_sha):
            continue
        path = os.path.normpath(str(path))
        try:
            data = read_bytes(Path(path), max_bytes)
        except DocumentError as error:
            if named_by_name:
                yield path, None, str(error)
            continue
        if named_by_name or hashlib.sha256(data).hexdigest() in named:
            yield path, data, None


def _try_on(path: str, max_bytes: int, annotations: list, keys: set) -> dict:
    """{id(annotation): problem} for the annotations of one file, applied in file order to what
    the extractor finds in it, as build.extract_file will apply them."""
    from .build import parse_loaded
    from .pipeline import extract_records
    try:
        document, _ = parse_loaded(load_file(path, max_bytes))
    except DocumentError as error:
        return {id(a): f"{a.where}: {a.document} cannot be ingested: {error}"
                for a in annotations if a.document in keys}
    problems = {}
    records = extract_records(document)
    for a in annotations_for(document, annotations):
        try:
            records = apply_annotations(document, records, [a])
        except AnnotationError as error:
            problems[id(a)] = error.message
    return problems


def _read_only(db_path):
    """The database as it is, opened read-only (None when it does not exist yet): the check
    must not create or change it."""
    path = Path(db_path)
    if not path.is_file():
        return None
    return sqlite_utils.Database(sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True))


def _built_with(db, sha256: str, version: str) -> bool:
    if db is None:
        return False
    try:
        existing = documents.find_document_by_sha(db, sha256)
    except sqlite3.Error:  # not an aicap database (yet): ingest says so itself
        return False
    return bool(existing) and existing["pipeline_version"] == version


def _texts_in(db) -> dict:
    if db is None:
        return {}
    try:
        return documents.document_texts_by_key(db)
    except sqlite3.Error:
        return {}
