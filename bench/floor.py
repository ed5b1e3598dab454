"""The floor an ingest is measured against: read, hash and insert the raw text, nothing else.

    python bench/floor.py DB_PATH PATH...

Walks the same files `aicap ingest` would (.txt, .md, .html, .htm, recursively, sorted), reads each
file's bytes, hashes them (sha256), decodes them (BOM, else UTF-8, else GB18030, else Big5) and
inserts (sha256, path, raw text) with sqlite-utils in one transaction. Any real ingest must cost
more: it also cleans, extracts and writes several tables.
"""
import hashlib
import sys
from pathlib import Path

import sqlite_utils

SUFFIXES = {".txt", ".md", ".html", ".htm"}
BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]


def article_files(paths) -> list[Path]:
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return found


def decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    for encoding in ("utf-8", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return data.decode("utf-8", errors="replace")


def rows(files):
    for path in files:
        data = path.read_bytes()
        yield {"sha256": hashlib.sha256(data).hexdigest(), "path": str(path), "raw": decode(data)}


def floor(db_path, paths) -> int:
    files = article_files(paths)
    db = sqlite_utils.Database(db_path)
    with db.conn:  # one transaction
        db["raw_documents"].insert_all(rows(files), pk="sha256", replace=True, batch_size=500)
    return len(files)


if __name__ == "__main__":
    print(floor(sys.argv[1], sys.argv[2:]))
