"""An ingest's hold on its database: the writer lock, the connection, the checks, the shape.

`aicap ingest` writes through open_writer() only, so that
- two ingests of one database never interleave: the second waits for the first (store/lock.py);
- a database that is not aicap's is refused before anything in it changes;
- a folder that is missing or cannot be written is one clear line, not a traceback;
- SIGTERM stops an ingest as Ctrl-C does: the documents saved so far are committed.
"""
import contextlib
import os
import signal
import sqlite3

import click

from . import build, stopping
from .load import display_path
from .store import lock, shape


@contextlib.contextmanager
def open_writer(db_path, on_wait=None):
    """The database at db_path, locked for this process, checked and shaped; closed and unlocked
    on exit. on_wait() is called when another ingest holds the lock and this one waits for it."""
    db_path = os.fspath(db_path)
    with _stop_on_sigterm(), _locked(db_path, on_wait):
        try:
            db = shape.open_db(db_path)
        except sqlite3.Error as error:
            raise click.ClickException(f"{display_path(db_path)} could not be opened: {error}")
        try:
            _check_is_aicap(db, db_path)
            try:
                with stopping.deferred_stops():  # not inside prepare_db's savepoint
                    shape.use_wal(db)
                    build.prepare_db(db)
                    stopping.stop_point()
            except Exception as error:  # e.g. disk full, or a view file that does not apply
                raise click.ClickException(f"{display_path(db_path)} could not be prepared: {error}")
            try:
                yield db
            finally:
                shape.fold_log(db)
        finally:
            db.close()


@contextlib.contextmanager
def _locked(db_path: str, on_wait):
    folder = os.path.dirname(os.path.abspath(db_path))
    if not os.path.isdir(folder):
        raise click.ClickException(f"{display_path(db_path)}: the folder {display_path(folder)} does not exist")
    held = contextlib.ExitStack()
    try:
        held.enter_context(lock.writer_lock(db_path, on_wait))
    except OSError as error:
        raise click.ClickException(
            f"{display_path(db_path)}: cannot write in {display_path(folder)} ({error.strerror or error}); "
            "aicap ingest creates the database, its lock and its log there")
    with held:
        yield


def _check_is_aicap(db, db_path: str) -> None:
    try:
        reason = shape.not_aicap_reason(db)
    except sqlite3.DatabaseError as error:
        raise click.ClickException(f"{display_path(db_path)} is not an SQLite database ({error}); nothing was changed")
    if reason:
        raise click.ClickException(
            f"{display_path(db_path)} is not an aicap database: {reason}; nothing was changed. "
            "Give aicap ingest a new file or one it built.")


@contextlib.contextmanager
def _stop_on_sigterm():
    # `kill` and service managers send SIGTERM: unhandled, it ends the writer on the spot and its
    # workers die on a broken pipe. As KeyboardInterrupt it unwinds like Ctrl-C: grouped_writes
    # commits, the pool stops its workers, the lock is released.
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
