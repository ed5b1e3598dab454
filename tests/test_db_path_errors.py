"""A DB_PATH in a folder that is missing or cannot be written is one clear line and exit 1, never a
traceback (issue 14, item 7)."""
import errno
import os

import datasette.cli
import pytest

from conftest import SEEDS, run_cli
from ingest.resources import REPO_DIR

GOLD = REPO_DIR / "eval" / "seeds.gold.yaml"


def only_line(result):
    lines = result.output.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_ingest_into_a_missing_folder(tmp_path):
    db_path = tmp_path / "missing" / "aicap.db"
    assert only_line(run_cli("ingest", db_path, SEEDS, expect_exit=1)) == (
        f"Error: {db_path}: the folder {tmp_path / 'missing'} does not exist")
    assert list(tmp_path.iterdir()) == []


def test_reading_a_database_in_a_missing_folder(tmp_path):
    db_path = tmp_path / "missing" / "aicap.db"
    assert only_line(run_cli("eval", db_path, GOLD, expect_exit=1)) == f"Error: {db_path}: no such database file"
    # serve checks DB_PATH as click checks an argument: a usage reminder, then the one error line.
    output = run_cli("serve", db_path, expect_exit=2).output
    assert "Traceback" not in output
    assert [line for line in output.splitlines() if line.startswith("Error")] == [
        f"Error: Invalid value for 'DB_PATH': File '{db_path}' does not exist."]


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch):
    """A folder this process may read but not write. Tests run as root, whom chmod does not stop:
    the operating system's answers for that folder are those it gives any other user."""
    folder = tmp_path / "ro"
    folder.mkdir()
    real_open, real_access = os.open, os.access

    def open_(path, flags, *args, **kwargs):
        if os.path.dirname(os.path.abspath(path)) == str(folder) and flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    def access(path, mode, *args, **kwargs):
        if os.path.abspath(path) == str(folder) and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "access", access)
    return folder


def test_ingest_into_a_read_only_folder(read_only_folder):
    db_path = read_only_folder / "aicap.db"
    assert only_line(run_cli("ingest", db_path, SEEDS, expect_exit=1)) == (
        f"Error: {db_path}: cannot write in {read_only_folder} (Permission denied); "
        "aicap ingest creates the database, its lock and its log there")
    assert list(read_only_folder.iterdir()) == []


@pytest.mark.parametrize("command", [["serve"], ["eval", GOLD]])
def test_reading_a_database_in_a_read_only_folder(tmp_path, read_only_folder, command, monkeypatch):
    # A database in WAL mode is read through a -shm file next to it, which SQLite cannot create
    # there: say so rather than serve pages that all fail.
    monkeypatch.setattr(datasette.cli.cli, "main", lambda *a, **k: pytest.fail("the server started"))
    run_cli("ingest", tmp_path / "aicap.db", SEEDS, "--silent")
    db_path = read_only_folder / "aicap.db"
    os.rename(tmp_path / "aicap.db", db_path)
    assert only_line(run_cli(command[0], db_path, *command[1:], expect_exit=1)) == (
        f"Error: {db_path} cannot be read where it is: it uses write-ahead logging, and SQLite cannot "
        f"create its aicap.db-shm file in {read_only_folder} (not writable); make the folder writable "
        "or copy the database to one that is")
