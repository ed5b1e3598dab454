"""The command line: help on every command and option, version."""
import click
import pytest

from conftest import run_cli
from ingest import __version__
from ingest.cli import cli


def test_version():
    assert run_cli("--version").output.strip() == f"aicap, version {__version__}"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_has_help(name):
    command = cli.commands[name]
    assert command.help
    undocumented = [p.name for p in command.params if isinstance(p, click.Option) and not p.help]
    assert undocumented == []
    assert "DB_PATH" in run_cli(name, "--help").output


def test_commands():
    assert sorted(cli.commands) == ["eval", "ingest", "serve"]
