"""One writer per database: an exclusive lock held for a whole ingest.

SQLite alone serializes transactions, not ingests: an ingest commits every second and extracts
between its writes, so a second one would take turns with it and time out, or store what the first
was about to store. The lock is flock() on a file next to the database, DB_PATH.lock; the kernel
releases it when its holder exits, however it exits, so a left-over lock file never blocks anyone.
Not a lock on the database file itself: closing any other descriptor of that file would drop the
POSIX locks SQLite holds on it in this process.
"""
import contextlib
import fcntl
import os

_held: set[int] = set()  # descriptors this process holds locks on (closed in forked children)


def lock_path(db_path) -> str:
    return f"{db_path}.lock"


@contextlib.contextmanager
def writer_lock(db_path, on_wait=None):
    """Hold the writer lock of db_path. When another process holds it, call on_wait() once and
    wait for it. Raises OSError when the lock file cannot be created (missing or read-only folder)."""
    path = lock_path(db_path)
    fd = _acquire(path, on_wait)
    _held.add(fd)
    try:
        yield
    finally:
        _held.discard(fd)
        # Removed while still held: whoever opens the path next gets a new file, and _acquire makes
        # a process that locked the old one meanwhile try again.
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _acquire(path: str, on_wait) -> int:
    waited = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait and not waited:
                    on_wait()
                    waited = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed the file we locked: lock the current one


def _same_file(fd: int, path: str) -> bool:
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (current.st_dev, current.st_ino)


def _close_in_child():
    # Extraction workers are forked while the lock is held. A flock belongs to the open file, which
    # the children share: one that outlived its parent would keep every later ingest waiting.
    for fd in list(_held):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)
