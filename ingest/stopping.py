"""Stopping an ingest (Ctrl-C, SIGTERM) where it is safe to stop.

Python raises KeyboardInterrupt wherever the main thread happens to be. Inside a savepoint that
loses the signal: sqlite-utils' rollback then fails ("no such savepoint") and the document is
reported as an internal error while the ingest goes on. Inside the worker pool's own locking
(Pool.imap's result condition) it can leave a lock held, and the pool's shutdown then waits for
ever. So while documents are saved, a signal only notes the stop (deferred_stops); the writer
stops at stop_point(), between documents, and only code that may be interrupted anywhere (pure
extraction in this process) runs inside interruptible().
"""
import contextlib
import signal

_state = {"requested": False, "immediate": False, "depth": 0}


@contextlib.contextmanager
def deferred_stops():
    """Within: SIGINT and SIGTERM note a stop that stop_point() turns into KeyboardInterrupt.
    Nested uses share the outermost one. Outside the main thread signals cannot be handled, and
    nothing changes."""
    if _state["depth"]:
        _state["depth"] += 1
        try:
            yield
        finally:
            _state["depth"] -= 1
        return
    try:
        # A signal the process ignores stays ignored (`cmd &` in a shell without job control starts
        # it with SIGINT ignored: a Ctrl-C meant for the script around it must not stop it).
        previous = {signum: signal.signal(signum, _note_stop) for signum in (signal.SIGINT, signal.SIGTERM)
                    if signal.getsignal(signum) is not signal.SIG_IGN}
    except ValueError:  # not the main thread
        yield
        return
    _state.update(requested=False, immediate=False, depth=1)
    try:
        yield
    except BaseException:
        _restore(previous)
        raise
    requested = _state["requested"]
    _restore(previous)
    if requested:  # asked for after the last stop_point (during the final refresh): still a stop
        raise KeyboardInterrupt


def _restore(previous: dict) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)
    _state.update(requested=False, immediate=False, depth=0)


def stop_point() -> None:
    """Raise KeyboardInterrupt if a stop was asked for since deferred_stops began."""
    if _state["requested"]:
        raise KeyboardInterrupt


@contextlib.contextmanager
def interruptible():
    """Within: a signal stops at once, as it would without deferred_stops (for work that holds no
    lock and writes nothing, so that a long document does not delay the stop)."""
    stop_point()
    _state["immediate"] = True
    try:
        yield
    finally:
        _state["immediate"] = False


def _note_stop(signum, frame):
    _state["requested"] = True
    if _state["immediate"]:
        _state["immediate"] = False
        raise KeyboardInterrupt
