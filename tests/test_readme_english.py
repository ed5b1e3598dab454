"""The README's English example is true: the paragraph it shows, ingested as it shows, gives the
deals it prints. The commands run as a user types them (the installed aicap and sqlite-utils)."""
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent


def readme_example() -> tuple[str, list[str], str]:
    """(the article, the commands, their expected output) of the README block."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- english-example:.*?-->\n```\n(.*?)```", readme, re.S).group(1)
    lines = block.splitlines()
    article = lines[1] + "\n"                       # after "$ cat news.txt"
    commands = [line[2:] for line in lines[2:] if line.startswith("$ ")]
    output = "\n".join(line for line in lines[2:] if not line.startswith("$ ")) + "\n"
    return article, commands, output


def test_the_english_paragraph_of_the_readme_gives_its_deals(tmp_path):
    article, commands, expected = readme_example()
    (tmp_path / "news.txt").write_text(article, encoding="utf-8")
    printed = ""
    for command in commands:
        program, rest = command.split(" ", 1)
        result = subprocess.run(f"{BIN / program} {rest}", shell=True, cwd=tmp_path,
                                capture_output=True, text=True, check=True)
        printed += result.stdout
    assert printed.replace("\r\n", "\n") == expected
    assert "Google,Anthropic" in expected  # the example shows the elided-object clause, not just a list
