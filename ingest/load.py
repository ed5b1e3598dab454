"""Reading article files: bytes in, decoded text out, or a one-line reason why not.

Real article files arrive as UTF-8 (with or without BOM), UTF-16, GB18030/GBK and Big5. We try the
unambiguous encodings first (BOM, UTF-8), then score each legacy Chinese encoding by how much of the
decoded text is common Chinese: Big5 bytes decoded as GB18030 (or the reverse) decode without error
surprisingly often, but into rare characters.

Real files also carry a few bytes that fit no encoding (a stray byte, a multi-byte character cut at
the end): the encoding that fits all but a few bytes wins, those bytes become U+FFFD, and the file
gets a warning, rather than the whole article turning into cp1252 gibberish.
"""
import codecs
import hashlib
import os
import stat
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}

# Magic numbers of files that are certainly not articles, for a clearer message than "binary".
BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip archive",
    b"SQLite format 3\x00": "SQLite database",
}
BOMS = (  # (BOM, codec of the bytes after it, encoding name stored)
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
LEGACY_CHINESE_ENCODINGS = (("gb18030", "gb18030"), ("big5hkscs", "big5"))  # (codec, name stored)
# An encoding fits a file if at most this share of its non-ASCII bytes are invalid in it. A few bad
# bytes in a right guess are a tiny share; a wrong guess fails on most of them (GB18030 or Big5 read
# as UTF-8: 60-80%; cp1252 accents read as UTF-8: all).
MAX_BAD_SHARE = 0.1


class DocumentError(Exception):
    """A file that cannot become a document. str(error) is a one-line reason for the user."""


@dataclass
class LoadedFile:
    path: str
    data: bytes
    sha256: str
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def find_article_files(paths) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files named on the command line and article files found recursively in folders, sorted; and
    the folders that could not be searched, each with a one-line reason."""
    found, unsearched = [], []
    for path in map(Path, paths):
        if _is_folder(path):
            found.extend(sorted(_article_files_under(path, unsearched)))
        else:
            found.append(path)
    return found, unsearched


def display_path(path) -> str:
    """A path as messages print it: as it is, unless it could be misread, then quoted and escaped like
    a Python string. A newline in a file name would otherwise forge a line of output ("x: all good"),
    and a quote or an outer space hide where the name ends; non-UTF-8 bytes show as escapes."""
    path = str(path)
    if path.isprintable() and path == path.strip() and "'" not in path and '"' not in path:
        return path
    return repr(path)


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:  # not there or not reachable: read_bytes says which
        return False


def _article_files_under(folder: Path, unsearched: list) -> list[Path]:
    def report(error: OSError):  # os.walk would skip an unreadable folder without a word
        unsearched.append((os.path.normpath(error.filename), f"unreadable folder: {_os_reason(error)}"))

    found = []
    for root, folders, names in os.walk(folder, onerror=report):
        folders[:] = [name for name in folders if not name.startswith(".")]
        # Every name that is not a folder, FIFOs and devices too: read_bytes reports what it skips.
        found.extend(Path(root, name) for name in names
                     if not name.startswith(".") and Path(name).suffix.lower() in ARTICLE_SUFFIXES)
    return found


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most max_bytes. Anything else is never read: a FIFO blocks
    open() until a writer comes, /dev/zero never ends; and the size the file system reports is not
    trusted (a /proc file says 0, a file may grow while read)."""
    try:
        info = os.stat(path)
        _check_regular(info.st_mode)
        if info.st_size > max_bytes:
            raise DocumentError(f"file too large: {info.st_size:,} bytes, the limit is {max_bytes:,} (see --max-bytes)")
        with open(path, "rb", opener=_open_nonblocking) as f:
            _check_regular(os.fstat(f.fileno()).st_mode)  # replaced by a FIFO since the stat above?
            os.set_blocking(f.fileno(), True)
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise DocumentError("broken symbolic link" if os.path.islink(path) else "no such file")
    except OSError as error:
        raise DocumentError(f"unreadable: {_os_reason(error)}")
    if len(data) > max_bytes:
        raise DocumentError(f"file too large: more than the limit of {max_bytes:,} bytes (see --max-bytes)")
    return data


def _open_nonblocking(path, flags):
    # Should a FIFO take the file's place after the check, open() returns at once instead of waiting.
    return os.open(path, flags | os.O_NONBLOCK)


SPECIAL_FILE_KINDS = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"),
                      (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"))


def _check_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise DocumentError("is a directory")
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in SPECIAL_FILE_KINDS if test(mode)), "special file")
        raise DocumentError(f"not a regular file ({kind}): skipped")


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding name, warnings) for article bytes; DocumentError for empty or binary data."""
    if not data.strip():
        raise DocumentError("empty file")
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError(f"binary file ({kind}), not an article")
    for bom, codec, name in BOMS:
        if data.startswith(bom):  # the file names its encoding: bad bytes in it are only damage
            decoded = _decode_replacing(data, codec, name, start=len(bom))
            return decoded.text.removeprefix("\ufeff"), name, decoded.warnings()
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes), not an article")
    utf8 = _decode_replacing(data, "utf-8", "utf-8")
    if utf8.bad_bytes == 0:
        return utf8.text, "utf-8", []
    max_bad = MAX_BAD_SHARE * sum(1 for byte in data if byte > 127)
    if utf8.bad_bytes <= max_bad:
        return utf8.text, "utf-8", utf8.warnings()
    legacy = [_decode_replacing(data, codec, name) for codec, name in LEGACY_CHINESE_ENCODINGS]
    scored = [(common_text_ratio(d.text), -d.bad_bytes, d) for d in legacy if d.bad_bytes <= max_bad]
    if scored:
        score, _, best = max(scored, key=lambda item: item[:2])
        if score >= 0.5:
            return best.text, best.encoding, best.warnings()
    if _looks_like_text(data):
        return data.decode("cp1252", errors="replace"), "cp1252", []
    raise DocumentError("binary file or unknown text encoding (not UTF-8, UTF-16, GB18030 or Big5)")


@dataclass
class _Decoded:
    text: str
    encoding: str
    bad_bytes: int
    first_bad: int | None

    def warnings(self) -> list[str]:
        if not self.bad_bytes:
            return []
        if self.bad_bytes == 1:
            where = f"1 bad byte replaced by U+FFFD (at byte {self.first_bad:,})"
        else:
            where = f"{self.bad_bytes:,} bad bytes replaced by U+FFFD (the first at byte {self.first_bad:,})"
        return [f"decoded as {self.encoding} with {where}"]


# Error handlers are registered by name for the whole process: the count lives per thread.
_bad_bytes = threading.local()


def _count_and_replace(error: UnicodeDecodeError):
    if _bad_bytes.first is None:
        _bad_bytes.first = error.start
    _bad_bytes.count += error.end - error.start
    return "\ufffd", error.end


codecs.register_error("aicap-count-replace", _count_and_replace)


def _decode_replacing(data: bytes, codec: str, name: str, start: int = 0) -> _Decoded:
    """data[start:] decoded with U+FFFD for the bytes invalid in codec, and how many there were."""
    _bad_bytes.count, _bad_bytes.first = 0, None
    text = data[start:].decode(codec, "aicap-count-replace")
    first = None if _bad_bytes.first is None else start + _bad_bytes.first
    return _Decoded(text, name, _bad_bytes.count, first)


def _looks_like_text(data: bytes) -> bool:
    control = sum(1 for b in data if b < 32 and b not in (9, 10, 13))
    return control / len(data) < 0.01


@lru_cache(maxsize=1)
def common_characters() -> frozenset:
    """The commonest Chinese characters, simplified and traditional, from the encodings' own tables:
    GB2312 level 1 (3,755 most used simplified) and Big5 level 1 (5,401 most used traditional)."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    # Full-width punctuation and symbols of both encodings (first rows of each table).
    for trail in range(0xA1, 0xFF):
        for lead in (0xA1, 0xA3):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for code in range(0xA140, 0xA3C0):
        try:
            chars.add(code.to_bytes(2, "big").decode("big5"))
        except UnicodeDecodeError:
            pass
    return frozenset(chars)


def common_text_ratio(text: str) -> float:
    """Share of non-ASCII characters that are common Chinese characters or punctuation."""
    wide = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not wide:
        return 1.0
    common = common_characters()
    return sum(1 for c in wide if c in common) / len(wide)


def load_file(path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedFile:
    path = Path(path)
    data = read_bytes(path, max_bytes)
    text, encoding, warnings = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return LoadedFile(
        path=os.path.normpath(str(path)),
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        encoding=encoding,
        warnings=warnings,
    )
