"""Shared fixtures: the real seed articles are the fixtures."""
import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cli import cli
from ingest.store.shape import open_db

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def run_cli(*args, expect_exit=0):
    """Run `aicap ARGS` in-process; assert the exit code; return the click Result."""
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == expect_exit, result.output
    return result


def served_datasette(db_path):
    """The Datasette that `aicap serve DB_PATH` runs (its metadata, templates, plugins and settings),
    not started: for datasette's in-process client (`await ds.client.get(path)`)."""
    import datasette.cli

    captured = []
    serve_main = datasette.cli.cli.main
    datasette.cli.cli.main = lambda args, **_: captured.append(args)
    try:
        run_cli("serve", db_path)
    finally:
        datasette.cli.cli.main = serve_main
    command = datasette.cli.serve
    context = command.make_context("serve", captured[0][1:])
    return context.invoke(command.callback, **context.params, return_instance=True)


@pytest.fixture(scope="session")
def seed_db_path(tmp_path_factory):
    """aicap.db built from seeds/ exactly as `make db` does, once per test session."""
    path = tmp_path_factory.mktemp("seeddb") / "aicap.db"
    run_cli("ingest", path, SEEDS, "--silent")
    return path


@pytest.fixture
def seed_db(seed_db_path):
    return open_db(seed_db_path)


@pytest.fixture
def seed_copy(tmp_path):
    """A private copy of seeds/ that a test may change."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def document_by_file(db, name_prefix):
    return next(db.query("select * from documents where source_path like ?", [f"%/{name_prefix}%"]))


# `aicap ...` in a process of its own, running this checkout's code with this interpreter.
AICAP = [sys.executable, "-c", "from ingest.cli import cli; cli(prog_name='aicap')"]


@contextlib.contextmanager
def aicap_serve(db_path, log_path, wait_seconds=60):
    """`aicap serve DB_PATH` on a free port in a process of its own, its output in log_path: yields
    the base URL once the server answers, and stops it whatever happens."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([*AICAP, "serve", str(db_path), "--host", "127.0.0.1", "--port", str(port)],
                                   cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + wait_seconds
            while True:
                try:
                    urllib.request.urlopen(url + "/-/versions.json", timeout=2).read()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("aicap serve did not start: "
                                           + Path(log_path).read_text(errors="replace"))
                    time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_seed_variants(folder, count):
    """count distinct article files in folder: the seeds, each with a line of its own appended."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        seed = SEED_FILES[n % len(SEED_FILES)]
        text = seed.read_text(encoding="utf-8") + f"\n\n第{n}版。\n"
        (folder / f"{seed.stem}_{n:03}.txt").write_text(text, encoding="utf-8")
    return folder
