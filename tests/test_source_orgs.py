"""The outlet a byline names is an organization of the article (documents.source_org_id): the
cleaner drops bylines from the text, so no mention points at it. Only names the gazetteer knows,
written as the whole publisher or author field: bylines also hold people and departments."""
import sqlite3

import pytest

from conftest import run_cli
from ingest.clean import header_metadata
from ingest.orgs import extract_source_org

BODY = "輝達宣布投資新創公司，金額未披露。這是本週第二筆投資。\n"


@pytest.mark.parametrize("byline, fields, source", [
    ("鉅亨網編譯段智恆 綜合外電 2025-11-04 02:30", {"publisher": "鉅亨網", "published_on": "2025-11-04"}, "Anue"),
    ("經濟日報／ 編譯季晶晶／綜合外電", {"publisher": "經濟日報"}, "Economic Daily News"),
    ("中东北非市场 作者: EqualOcean 2024-04-16 18:19", {"author": "EqualOcean", "published_on": "2024-04-16"}, "EqualOcean"),
    ("来源:凤凰网", {"publisher": "凤凰网"}, "Phoenix New Media"),
    ("新华社记者李四", {"publisher": "新华社"}, "Xinhua"),
    ("作者: 杨柳", {"author": "杨柳"}, None),             # a person
])
def test_the_byline_names_the_source(byline, fields, source):
    meta = header_metadata([byline])
    assert {key: meta[key] for key in fields} == fields
    assert extract_source_org(meta) == source


@pytest.mark.parametrize("headline", [
    "本报记者 张三", "本站记者 张三",                          # "this paper" names no outlet
    "黄仁勋接受记者采访称AI泡沫不存在", "马斯克回应记者提问：不会出售", "微软记者招待会宣布投资",
    "英伟达记者会：黄仁勋称将向OpenAI投资", "新华社北京3月5日电（记者张三）",
])
def test_a_headline_or_dateline_with_a_reporter_in_it_is_no_outlet(headline):
    assert "publisher" not in header_metadata([headline])


def test_only_an_outlet_is_a_source():
    # A feed's single category (categories: [OpenAI]) is the article's subject, not its source.
    assert extract_source_org({"publisher": "OpenAI", "author": None}) is None
    assert extract_source_org({"publisher": None, "author": "EqualOcean"}) == "EqualOcean"


def write(folder, name, byline):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"輝達投資新創\n\n{byline}\n\n{BODY}", encoding="utf-8")


def sources(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("select d.source_path, o.name, o.kind, (select count(*) from organizations where"
                            " name = 'Anue') from documents d left join organizations o on o.id = d.source_org_id"
                            " order by d.id").fetchall()
    finally:
        conn.close()


def test_the_source_is_stored_and_pruned_with_its_last_article(tmp_path):
    folder, db_path = tmp_path / "in", tmp_path / "aicap.db"
    write(folder, "a.txt", "鉅亨網編譯段智恆 綜合外電 2025-11-04 02:30")
    run_cli("ingest", db_path, folder, "--silent")
    assert sources(db_path) == [(str(folder / "a.txt"), "Anue", "media", 1)]
    write(folder, "a.txt", "作者: 杨柳")  # the same article without a known outlet
    run_cli("ingest", db_path, folder, "--silent")
    assert sources(db_path) == [(str(folder / "a.txt"), None, None, 0)]
