"""The benchmark inputs: synthetic corpora are deterministic, in the promised shapes and encodings,
and give the pipeline real work; the graph database plants exactly the cycles it says."""
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
import make_corpus  # noqa: E402
import make_graph_db  # noqa: E402

N = 24  # enough articles to meet every language, encoding and shape at this seed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus.main([str(N), str(folder), "--seed", "7"])
    return folder


def test_same_seed_same_bytes_and_a_prefix_is_the_smaller_corpus(corpus, tmp_path):
    make_corpus.main(["5", str(tmp_path / "again"), "--seed", "7"])
    first = sorted(corpus.iterdir())[:5]
    again = sorted((tmp_path / "again").iterdir())
    assert [p.name for p in first] == [p.name for p in again]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, again))
    make_corpus.main(["5", str(tmp_path / "other"), "--seed", "8"])
    assert [p.read_bytes() for p in sorted((tmp_path / "other").iterdir())] != [p.read_bytes() for p in first]


def test_encodings_and_shapes(corpus):
    files = sorted(corpus.iterdir())
    assert len(files) == N
    encodings = {}
    for path in files:
        _index, language, encoding = path.stem.split("_")
        data = path.read_bytes()
        encodings.setdefault(encoding, []).append(language)
        if encoding == "utf-16":
            assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
            text = data.decode("utf-16")
        elif encoding == "utf-8-sig":
            assert data.startswith(b"\xef\xbb\xbf")
            text = data.decode("utf-8-sig")
        elif encoding in ("gb18030", "big5"):
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            text = data.decode(encoding)
        else:
            text = data.decode("utf-8")
        if encoding == "big5":
            assert language == "zh-Hant"
        if text.startswith("---"):
            assert "<p>" in text and "\ndate: " in text  # front matter wrapping HTML, like seed 000
    assert set(encodings) == {"utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"}
    assert {"zh-Hans", "zh-Hant", "en"} <= {lang for langs in encodings.values() for lang in langs}
    texts = [p.read_bytes().decode(p.stem.split("_")[2]) for p in files]
    assert any(t.startswith("---") for t in texts)                      # markdown front matter
    assert any(t.startswith("<!doctype html>") for t in texts)          # whole HTML page
    assert any('<p style="' in t and not t.startswith("---") for t in texts)  # title + <p> paragraphs (003)
    assert any("<p" not in t and ("返回顶部" in t or "正文完" in t) for t in texts)  # plain text with chrome


def test_ingest_finds_deals_amounts_and_claims_in_every_chinese_article(corpus, tmp_path):
    db_path = tmp_path / "bench.db"
    run_cli("ingest", db_path, corpus, "--silent")
    conn = sqlite3.connect(db_path)
    per_document = conn.execute("""
        SELECT d.source_path, d.language, d.encoding,
               (SELECT count(*) FROM amounts a WHERE a.document_id = d.id),
               (SELECT count(*) FROM deal_reports r WHERE r.document_id = d.id),
               (SELECT count(*) FROM claims c WHERE c.document_id = d.id)
        FROM documents d""").fetchall()
    assert len(per_document) == N
    for path, language, encoding, amounts, deals, claims in per_document:
        written_language, written_encoding = Path(path).stem.split("_")[1:]
        assert (language, encoding) == (written_language, written_encoding.replace("-sig", "")), path
        assert amounts > 0 and claims > 0, path
        if language != "en":  # deal extraction reads Chinese only (docs/deals.md)
            assert deals > 0, path
    discovered = conn.execute("SELECT count(*) FROM organizations WHERE in_gazetteer = 0").fetchone()[0]
    assert discovered > 0  # the invented startups are found, not only gazetteer names


def test_graph_db_plants_exactly_its_cycles(tmp_path):
    db_path = tmp_path / "graph.db"
    make_graph_db.main([str(db_path), "--orgs", "1000", "--deals", "10000", "--documents", "50"])
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM organizations").fetchone()[0] == 1000
    assert conn.execute("SELECT count(*) FROM deals").fetchone()[0] == 10000
    assert conn.execute("SELECT count(*) FROM amounts").fetchone()[0] == 10000
    planted = make_graph_db.planted_cycles(db_path)
    assert sorted(c["length"] for c in planted if c["expected"]) == [2, 2, 3, 3, 4, 4]
    # Every cycle of 2 to 4 deals that are edges (not superseded), found by brute force in SQL.
    edges = """(SELECT DISTINCT from_org_id AS f, to_org_id AS t FROM deals
                WHERE from_org_id IS NOT NULL AND to_org_id IS NOT NULL
                  AND coalesce(status, '') NOT IN ('scaled_back', 'cancelled'))"""
    found = set()
    for a, b in conn.execute(f"SELECT e1.f, e1.t FROM {edges} e1 JOIN {edges} e2 ON e2.f = e1.t AND e2.t = e1.f "
                             "WHERE e1.f < e1.t"):
        found.add((a, b))
    for row in conn.execute(f"SELECT e1.f, e1.t, e2.t FROM {edges} e1 JOIN {edges} e2 ON e2.f = e1.t "
                            f"JOIN {edges} e3 ON e3.f = e2.t AND e3.t = e1.f WHERE e1.f < e1.t AND e1.f < e2.t"):
        found.add(row)
    for row in conn.execute(f"SELECT e1.f, e1.t, e2.t, e3.t FROM {edges} e1 JOIN {edges} e2 ON e2.f = e1.t "
                            f"JOIN {edges} e3 ON e3.f = e2.t JOIN {edges} e4 ON e4.f = e3.t AND e4.t = e1.f "
                            "WHERE e1.f < e1.t AND e1.f < e2.t AND e1.f < e3.t AND e2.t != e1.f AND e3.t != e1.t"):
        found.add(row)
    assert {frozenset(c) for c in found} == {frozenset(c["org_ids"]) for c in planted if c["expected"]}
    has_view = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'circular_deals'").fetchone()
    if has_view:
        rows = conn.execute("SELECT org_ids FROM circular_deals").fetchall()
        assert sorted(json.loads(ids) for (ids,) in rows) == sorted(c["org_ids"] for c in planted if c["expected"])
