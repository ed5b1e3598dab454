"""Datasette: metadata describes every table and column; Chinese search works, two-character words too."""
import asyncio
import re
import sqlite3

import pytest
import yaml
from datasette.app import Datasette

from conftest import served_datasette
from ingest.resources import metadata_path

METADATA = yaml.safe_load(metadata_path().read_text(encoding="utf-8"))
DESCRIBED = METADATA["databases"]["aicap"]["tables"]


def get_json(db_path, path):
    async def fetch():
        ds = Datasette([str(db_path)], immutables=[], metadata=METADATA)
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()
    return asyncio.run(fetch())


def relations(db_path):
    conn = sqlite3.connect(db_path)
    names = [r[0] for r in conn.execute(
        "select name from sqlite_master where type in ('table', 'view') and name not like 'documents_fts_%' "
        "and name not like 'sqlite_%'")]
    return {name: [r[1] for r in conn.execute(f"pragma table_info([{name}])")] for name in names}


def test_every_table_view_and_column_is_described(seed_db_path):
    undescribed = []
    for name, columns in relations(seed_db_path).items():
        if not DESCRIBED.get(name, {}).get("description"):
            undescribed.append(name)
        if name == "documents_fts":
            continue
        undescribed += [f"{name}.{c}" for c in columns if not DESCRIBED.get(name, {}).get("columns", {}).get(c)]
    assert undescribed == []


def test_metadata_has_title_description_source_license():
    assert {k: bool(METADATA.get(k)) for k in ("title", "description_html", "source", "license")} == {
        "title": True, "description_html": True, "source": True, "license": True}


def search(db_path, q):
    rows = get_json(db_path, f"/aicap/search_articles.json?q={q}&_shape=array")
    return sorted(row["id"] for row in rows)


def ids_containing(db_path, word):
    conn = sqlite3.connect(db_path)
    return sorted(r[0] for r in conn.execute("select id from documents where instr(title || text, ?) > 0", [word]))


@pytest.mark.parametrize("word", ["英伟达", "投资", "融资", "Sakana AI", "收购", "a16z"])
def test_search_articles_finds_the_documents_containing_the_word(seed_db_path, word):
    expected = ids_containing(seed_db_path, word)
    assert expected, word  # the word is in the corpus, so an empty answer would be a miss
    assert search(seed_db_path, word) == expected


def test_search_for_absent_word_finds_nothing(seed_db_path):
    assert search(seed_db_path, "比特币") == []
    assert search(seed_db_path, '"') == []


def test_search_results_show_context(seed_db_path):
    rows = get_json(seed_db_path, "/aicap/search_articles.json?q=融资轮&_shape=array")
    assert [(r["title"], "融资轮" in r["context"]) for r in rows] == [("英伟达停止投资OpenAI背后", True)]


def test_table_search_box_uses_the_trigram_index(seed_db_path):
    rows = get_json(seed_db_path, "/aicap/documents.json?_search=英伟达&_shape=array&_col=title")
    assert len(rows) == len(ids_containing(seed_db_path, "英伟达")) == 5


def served_page(db_path, path):
    async def fetch():
        response = await served_datasette(db_path).client.get(path)
        assert response.status_code == 200, response.text
        return response.text
    return asyncio.run(fetch())


def search_note(html):
    """(text, link) of the note under the documents table's description."""
    note = re.search(r'<p class="[^"]*search-note">(.*?)</p>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", note).split()), re.search(r'href="([^"]+)"', note).group(1)


def test_the_documents_search_box_says_why_a_two_character_word_finds_nothing(seed_db_path):
    html = served_page(seed_db_path, "/aicap/documents?_search=投资")
    assert re.search(r"<h3>\s*0 rows", html)  # the box finds nothing: the index needs three characters
    text, link = search_note(html)
    assert text == ("The search box finds only words of three characters or more, so it cannot find «投资»: "
                    "search with the search_articles query, which finds words of any length.")
    assert link == "/aicap/search_articles?q=%E6%8A%95%E8%B5%84"
    found = get_json(seed_db_path, link.replace("search_articles?", "search_articles.json?_shape=array&"))
    assert sorted(r["id"] for r in found) == ids_containing(seed_db_path, "投资") != []


def test_the_documents_page_says_where_short_words_are_found(seed_db_path):
    html = served_page(seed_db_path, "/aicap/documents?_search=英伟达")
    assert re.search(r"<h3>\s*5 rows", html)
    assert search_note(html) == (
        "The search box finds words of three characters or more. For one- or two-character words such as "
        "投资 or 融资 use the search_articles query.", "/aicap/search_articles?q=%E8%8B%B1%E4%BC%9F%E8%BE%BE")
