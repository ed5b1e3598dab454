"""Paths that are not readable article files (issue 14): devices, FIFOs, sockets and broken links
are reported and skipped without being opened, at most --max-bytes are ever read, and every unreadable file or folder is
reported on its own line while the other files are still ingested (exit 1, no traceback)."""
import errno
import os
import signal
import socket

import pytest

from conftest import run_cli
from ingest.store.shape import open_db

GOOD = "人工智能初创企业获得融资\n2025-01-02\n一家人工智能初创企业宣布获得新一轮融资。投资者看好其技术。\n"


@pytest.fixture
def no_hang():
    """Fail, rather than wait for ever, if the command blocks (opening a FIFO waits for a writer)."""
    def timed_out(signum, frame):
        raise TimeoutError("aicap ingest blocked for 60 seconds")

    previous = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def deny_access(monkeypatch, *locked):
    """What a user who is not root meets after `chmod 000` on each locked path: it is listed and its
    own status read, but it cannot be opened or searched, and nothing under a locked folder can even
    be stat'ed. The tests run as root, whom chmod does not stop, so os refuses on its behalf."""
    locked = [os.path.abspath(path) for path in locked]
    real = {name: getattr(os, name) for name in ("stat", "open", "scandir", "access")}

    def refused(path, inside_only=False):
        if isinstance(path, int):
            return False
        path = os.path.abspath(os.fsdecode(path))
        return any(path.startswith(lock + os.sep) or (path == lock and not inside_only) for lock in locked)

    def guard(name, inside_only=False):
        def call(path, *args, **kwargs):
            if refused(path, inside_only):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
            return real[name](path, *args, **kwargs)
        monkeypatch.setattr(os, name, call)

    guard("stat", inside_only=True)
    guard("open")
    guard("scandir")
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: not refused(path) and real["access"](path, mode, **kw))


def titles(db_path):
    return [row["title"] for row in open_db(db_path).query("select title from documents order by id")]


def test_devices_fifos_sockets_and_broken_links_are_skipped(tmp_path, monkeypatch, no_hang):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named-pipe.txt")
    os.symlink(tmp_path / "moved-away.txt", folder / "gone.txt")
    monkeypatch.chdir(folder)  # a socket's path must be short
    server = socket.socket(socket.AF_UNIX)
    server.bind("socket.md")
    try:
        result = run_cli("ingest", tmp_path / "out.db", "/dev/zero", "/dev/urandom", tmp_path / "named-pipe.txt",
                         folder, "--max-bytes", "1MB", expect_exit=1)
    finally:
        server.close()
    assert "Traceback" not in result.output
    assert result.output.splitlines() == [
        "Ingesting",  # the progress bar's label (more than 3 files); off a terminal it draws no bar
        "/dev/zero: not a regular file (character device): skipped",
        "/dev/urandom: not a regular file (character device): skipped",
        f"{tmp_path}/named-pipe.txt: not a regular file (FIFO): skipped",
        f"{folder}/gone.txt: broken symbolic link",
        f"{folder}/pipe.txt: not a regular file (FIFO): skipped",
        f"{folder}/socket.md: not a regular file (socket): skipped",
        "7 files: 6 failed, 1 added",
        "Error: 6 of 7 files could not be ingested (see above)",
    ]
    assert titles(tmp_path / "out.db") == ["人工智能初创企业获得融资"]


def test_a_file_whose_size_reads_0_is_read_only_up_to_the_limit(tmp_path):
    # /proc files report a size of 0 and can be read: the size reported is not trusted.
    assert os.stat("/proc/self/status").st_size == 0
    result = run_cli("ingest", tmp_path / "out.db", "/proc/self/status", "--max-bytes", "100", expect_exit=1)
    assert result.output.splitlines()[0] == (
        "/proc/self/status: file too large: more than the limit of 100 bytes (see --max-bytes)")


def test_unreadable_file_next_to_a_good_one(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(GOOD, encoding="utf-8")
    deny_access(monkeypatch, tmp_path / "locked.txt")
    result = run_cli("ingest", tmp_path / "out.db", tmp_path / "locked.txt", tmp_path / "good.txt", expect_exit=1)
    assert result.output.splitlines() == [
        f"{tmp_path}/locked.txt: unreadable: permission denied",
        "2 files: 1 failed, 1 added",
        "Error: 1 of 2 files could not be ingested (see above)",
    ]
    assert titles(tmp_path / "out.db") == ["人工智能初创企业获得融资"]


def test_unreadable_folders_are_reported(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    (folder / "closed" / "deeper").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "closed" / "hidden.txt").write_text(GOOD.replace("人工智能", "AI"), encoding="utf-8")
    (folder / "closed" / "deeper" / "too.txt").write_text(GOOD.replace("人工智能", "AI"), encoding="utf-8")
    deny_access(monkeypatch, folder / "closed")
    result = run_cli("ingest", tmp_path / "out.db", folder, expect_exit=1)
    assert result.output.splitlines() == [
        f"{folder}/closed: unreadable folder: permission denied",
        "2 files: 1 failed, 1 added",
        "Error: 1 of 2 files could not be ingested (see above)",
    ]
    assert titles(tmp_path / "out.db") == ["人工智能初创企业获得融资"]
    # The locked folder named itself, and a file inside it named on the command line.
    result = run_cli("ingest", tmp_path / "out.db", folder / "closed", folder / "closed" / "hidden.txt", expect_exit=1)
    assert result.output.splitlines() == [
        f"{folder}/closed: unreadable folder: permission denied",
        f"{folder}/closed/hidden.txt: unreadable: permission denied",
        "2 files: 2 failed",
        "Error: 2 of 2 files could not be ingested (see above)",
    ]
