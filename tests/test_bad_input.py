"""Bad input files: one clear line each, the other files still ingested, exit code 1, no traceback."""
import builtins

from conftest import SEEDS, run_cli
from ingest import load
from ingest.store.shape import open_db

GOOD = "人工智能初创企业获得融资\n2025-01-02\n一家人工智能初创企业宣布获得新一轮融资。投资者看好其技术。\n"


def make_bad_files(folder):
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b"  \n\n ")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "nul.txt").write_bytes("正文".encode() + b"\x00\x00\x00binary")
    (folder / "big.txt").write_text(GOOD + "很长的文字。" * 2000, encoding="utf-8")
    (folder / "truncated.html").write_text(
        "<!DOCTYPE html><html><head><title>英伟达投资报道</title></head><body><article>"
        "<p>英伟达宣布向一家人工智能初创企业投资。交易金额尚未披露。这是该公司今年的第十笔投资。</p>"
        "<p>分析人士认为，此举将巩固其在人工智能芯片市场的地", encoding="utf-8")
    (folder / "locked.txt").write_text(GOOD, encoding="utf-8")
    (folder / "notes.csv").write_text("not,an,article", encoding="utf-8")  # ignored: not an article suffix
    return folder


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path, monkeypatch):
    folder = make_bad_files(tmp_path / "in")
    locked = str(folder / "locked.txt")
    real_open = builtins.open

    def open_refusing_locked(path, *args, **kwargs):  # root ignores chmod 000, so refuse in open()
        if str(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(load, "open", open_refusing_locked, raising=False)
    db_path = tmp_path / "out.db"
    result = run_cli("ingest", db_path, folder, "--max-bytes", "10KB", expect_exit=1)
    lines = result.output.strip().split("\n")
    assert "Traceback" not in result.output
    assert sorted(line for line in lines if line.startswith(str(folder))) == sorted([
        f"{folder}/big.txt: file too large: 36,136 bytes, the limit is 10,240 (see --max-bytes)",
        f"{folder}/blank.md: empty file",
        f"{folder}/empty.txt: empty file",
        f"{folder}/image.html: binary file (PNG image), not an article",
        f"{folder}/locked.txt: unreadable: permission denied",
        f"{folder}/nul.txt: binary file (contains NUL bytes), not an article",
        f"{folder}/truncated.html: truncated HTML page (no closing </html>): kept the text before the cut",
    ])
    assert "8 files: 6 failed, 2 added" in result.output
    assert lines[-1] == "Error: 6 of 8 files could not be ingested (see above)"
    db = open_db(db_path)
    rows = list(db.query("select source_path, title, text from documents order by source_path"))
    assert rows == [
        {"source_path": f"{folder}/good.txt", "title": "人工智能初创企业获得融资",
         "text": "一家人工智能初创企业宣布获得新一轮融资。投资者看好其技术。"},
        {"source_path": f"{folder}/truncated.html", "title": "英伟达投资报道",
         "text": "英伟达宣布向一家人工智能初创企业投资。交易金额尚未披露。这是该公司今年的第十笔投资。\n\n"
                 "分析人士认为，此举将巩固其在人工智能芯片市场的地"},
    ]


def test_missing_path_is_a_clear_error(tmp_path):
    result = run_cli("ingest", tmp_path / "x.db", tmp_path / "nowhere.txt", expect_exit=1)
    assert f"{tmp_path}/nowhere.txt: no such file" in result.output


def test_folder_without_articles(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_cli("ingest", tmp_path / "x.db", tmp_path / "empty", expect_exit=1)
    assert "Error: no article files (.txt, .md, .html, .htm) found in" in result.output


def test_unknown_encoding_is_reported(tmp_path):
    path = tmp_path / "weird.txt"
    path.write_bytes(bytes([0x81, 0x30, 0xFE, 0x39]) * 50 + bytes(range(1, 31)) * 20)
    result = run_cli("ingest", tmp_path / "x.db", path, expect_exit=1)
    assert f"{path}: binary file or unknown text encoding (not UTF-8, UTF-16, GB18030 or Big5)" in result.output


def test_bad_size_option_is_a_usage_error(tmp_path):
    result = run_cli("ingest", tmp_path / "x.db", SEEDS, "--max-bytes", "lots", expect_exit=2)
    assert "'lots' is not a size like 20MB" in result.output
