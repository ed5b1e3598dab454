"""HTML nested deeper than Python's recursion limit: the text at the bottom is still read (issue 14)."""
from conftest import run_cli
from ingest.store.shape import open_db

INSIDE = "英伟达宣布向一家人工智能初创企业投资。交易金额尚未披露。"


def test_text_inside_100000_nested_divs_is_ingested(tmp_path):
    depth = 100_000
    path = tmp_path / "deep.html"
    path.write_text(
        "<p>分析人士认为，此举将巩固其在人工智能芯片市场的地位。</p>\n"
        + "<div>" * depth + f"<p>{INSIDE}</p>" + "</div>" * depth
        + "\n<p>这是该公司今年的第十笔投资。</p>", encoding="utf-8")
    result = run_cli("ingest", tmp_path / "out.db", path)
    assert "Traceback" not in result.output
    assert "1 files: 1 added" in result.output
    rows = list(open_db(tmp_path / "out.db").query("select format, text from documents"))
    assert rows == [{"format": "html", "text": "分析人士认为，此举将巩固其在人工智能芯片市场的地位。\n\n"
                     f"{INSIDE}\n\n这是该公司今年的第十笔投资。"}]
