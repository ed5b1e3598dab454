"""File names in messages: printed as they are, unless a name could be misread; then quoted and
escaped, so a newline in a name cannot forge a line of output (issue 14)."""
import pytest

from conftest import run_cli
from ingest.load import display_path


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nFAKE.txt: all good.txt").write_bytes(b"")
    (folder / "plain.txt").write_bytes(b"")
    result = run_cli("ingest", tmp_path / "out.db", folder, expect_exit=1)
    assert result.output.splitlines() == [
        f"'{folder}/a\\nFAKE.txt: all good.txt': empty file",
        f"{folder}/plain.txt: empty file",
        "2 files: 2 failed",
        "Error: 2 of 2 files could not be ingested (see above)",
    ]


@pytest.mark.parametrize("path, shown", [
    ("seeds/000_eee745b692254dfb.txt", "seeds/000_eee745b692254dfb.txt"),
    ("新闻/英伟达 投资.html", "新闻/英伟达 投资.html"),
    ("a\nb.txt", "'a\\nb.txt'"),
    ("tab\there.txt", "'tab\\there.txt'"),
    ("\x1b[2Jclear.txt", "'\\x1b[2Jclear.txt'"),
    (" leading.txt", "' leading.txt'"),
    ("trailing.txt ", "'trailing.txt '"),
    ("it's.txt", '"it\'s.txt"'),
    ('say "hi".txt', "'say \"hi\".txt'"),
    ("bad\udcffbyte.txt", "'bad\\udcffbyte.txt'"),  # a non-UTF-8 byte, as Python decodes file names
])
def test_display_path(path, shown):
    assert display_path(path) == shown
