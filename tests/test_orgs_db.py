"""Saving organizations, aliases, people and mentions: idempotent, stable ids, SQLite offsets."""
import json

import pytest

from ingest.store.shape import ensure_db_shape, open_db
from ingest.orgs import extract_org_mentions, load_gazetteer
from ingest.store.orgs import prune_orgs, save_gazetteer, save_org_mentions
from ingest.store.reference import save_deal_vocabulary

TEXT = "據報導，輝達與軟銀集團投資新創公司Zephyr Robotics，北京星火矩阵科技有限公司亦參與。Zephyr Robotics表示感謝。"


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "orgs.db")
    ensure_db_shape(db)
    return db


def dump(db, table):
    return db.conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def add_document(db, text=TEXT, sha="a" * 64):
    cursor = db.conn.execute("INSERT INTO documents (sha256, source_path, raw, text) VALUES (?, ?, ?, ?)",
                             (sha, f"{sha[:4]}.txt", text, text))
    return cursor.lastrowid


def test_save_gazetteer_is_idempotent(db):
    with db.conn:
        save_gazetteer(db)
    tables = ("gazetteer_organizations", "organizations", "org_aliases", "people")
    first = {t: dump(db, t) for t in tables}
    changes = db.conn.total_changes
    with db.conn:
        save_gazetteer(db)
    assert db.conn.total_changes == changes  # not one row written
    assert {t: dump(db, t) for t in first} == first
    gaz = load_gazetteer()
    assert len(first["gazetteer_organizations"]) == len(gaz.orgs)
    nvidia = db.conn.execute("SELECT id, name_zh, kind, country, wikidata_id, aliases FROM gazetteer_organizations "
                             "WHERE name = 'Nvidia'").fetchone()
    assert nvidia[1:5] == ("英伟达", "chipmaker", "US", "Q182477")
    assert set(json.loads(nvidia[5])) == {"Nvidia", "英伟达", "NVIDIA", "Nvidia Corp.", "Nvidia Corp", "Nvidia Corporation",
                                          "NVIDIA Corporation", "英偉達", "輝達", "辉达"}
    son = db.conn.execute("SELECT p.name_zh, p.aliases, o.name, p.role FROM people p "
                          "JOIN organizations o ON o.id = p.org_id WHERE p.name = 'Masayoshi Son'").fetchone()
    assert (son[0], json.loads(son[1]), son[2], son[3]) == (
        "孙正义", ["Masayoshi Son", "孙正义", "孫正義"], "SoftBank Group", "founder and CEO")
    # Without a document, organizations holds the people's employers and their families' tops,
    # each with the reference row's id and columns.
    employers = {o.name for p in gaz.people if p.org for o in [gaz.org(p.org)]}
    in_use = {row[0] for row in db.conn.execute("SELECT name FROM organizations")}
    assert employers <= in_use and len(in_use) < len(gaz.orgs) / 5
    assert db.conn.execute(
        "SELECT count(*) FROM organizations o JOIN gazetteer_organizations g USING (id) WHERE o.name = g.name AND "
        "o.kind = g.kind AND o.parent_id IS g.parent_id AND o.group_id IS g.group_id").fetchone() == (len(in_use),)


def test_a_gazetteer_organization_gets_its_row_when_named_and_loses_it_when_not(db):
    text = "美团龙珠与SK海力士宣布合作。"
    with db.conn:
        save_gazetteer(db)
    before = {t: dump(db, t) for t in ("organizations", "org_aliases")}
    assert not {"Meituan", "SK Group"} & {row[1] for row in before["organizations"]}
    with db.conn:
        doc = add_document(db, text)
        save_org_mentions(db, doc, extract_org_mentions(text))
    rows = db.conn.execute(
        "SELECT o.name, o.in_gazetteer, p.name, g.name FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id "
        "LEFT JOIN organizations g ON g.id = o.group_id WHERE o.id NOT IN (SELECT org_id FROM people "
        "WHERE org_id IS NOT NULL) ORDER BY o.name").fetchall()
    assert {row for row in rows if row[0] in ("Meituan", "Meituan Longzhu", "SK Group", "SK Hynix")} == {
            ("Meituan", 1, None, "Meituan"), ("Meituan Longzhu", 1, "Meituan", "Meituan"),
            ("SK Group", 1, None, "SK Group"), ("SK Hynix", 1, "SK Group", "SK Group")}
    reference_id = db.conn.execute("SELECT id FROM gazetteer_organizations WHERE name = 'SK Hynix'").fetchone()
    aliases = db.conn.execute("SELECT alias FROM org_aliases WHERE org_id = ? ORDER BY alias", reference_id).fetchall()
    assert ("海力士",) in aliases and ("SK hynix Inc.",) in aliases
    with db.conn:
        db.conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
        prune_orgs(db)
    assert {t: dump(db, t) for t in before} == before  # the parents too, unless something else names them


def test_mentions_and_discovered_organizations(db):
    with db.conn:
        save_gazetteer(db)
        doc = add_document(db)
        save_org_mentions(db, doc, extract_org_mentions(TEXT))
    rows = db.conn.execute(
        "SELECT o.name, o.kind, o.in_gazetteer, m.surface, m.char_start, m.char_end, "
        "substr(d.text, m.char_start + 1, m.char_end - m.char_start) "
        "FROM org_mentions m JOIN organizations o ON o.id = m.org_id JOIN documents d ON d.id = m.document_id "
        "ORDER BY m.char_start").fetchall()
    assert [r[:4] for r in rows] == [
        ("Nvidia", "chipmaker", 1, "輝達"),
        ("SoftBank Group", "corporate_vc", 1, "軟銀集團"),
        ("Zephyr Robotics", "unknown", 0, "Zephyr Robotics"),
        ("北京星火矩阵科技有限公司", "unknown", 0, "北京星火矩阵科技有限公司"),
        ("Zephyr Robotics", "unknown", 0, "Zephyr Robotics"),
    ]
    assert all(r[6] == r[3] for r in rows)  # SQLite offsets == Python offsets
    assert rows[0][4:6] == (TEXT.index("輝達"), TEXT.index("輝達") + 2)
    new = db.conn.execute("SELECT name, name_zh FROM organizations WHERE in_gazetteer = 0 ORDER BY id").fetchall()
    assert new == [("Zephyr Robotics", None), ("北京星火矩阵科技有限公司", "北京星火矩阵科技有限公司")]
    alias_owner = dict(db.conn.execute(
        "SELECT a.alias, o.name FROM org_aliases a JOIN organizations o ON o.id = a.org_id "
        "WHERE o.in_gazetteer = 0").fetchall())
    assert alias_owner == {"Zephyr Robotics": "Zephyr Robotics",
                           "北京星火矩阵科技有限公司": "北京星火矩阵科技有限公司"}


def test_reextracting_a_document_changes_nothing(db):
    with db.conn:
        save_gazetteer(db)
        doc = add_document(db)
        save_org_mentions(db, doc, extract_org_mentions(TEXT))
    before = {t: dump(db, t) for t in ("organizations", "org_aliases", "people")}
    mentions = db.conn.execute("SELECT document_id, org_id, surface, char_start, char_end "
                               "FROM org_mentions ORDER BY char_start").fetchall()
    with db.conn:  # what the pipeline does on a new pipeline version
        db.conn.execute("DELETE FROM org_mentions WHERE document_id = ?", (doc,))
        save_gazetteer(db)
        save_org_mentions(db, doc, extract_org_mentions(TEXT))
        prune_orgs(db)
    assert {t: dump(db, t) for t in before} == before
    assert db.conn.execute("SELECT document_id, org_id, surface, char_start, char_end "
                           "FROM org_mentions ORDER BY char_start").fetchall() == mentions


def test_a_discovered_name_is_one_organization_across_documents(db):
    other = "Zephyr Robotics與英偉達達成合作。"
    with db.conn:
        save_gazetteer(db)
        save_org_mentions(db, add_document(db), extract_org_mentions(TEXT))
        save_org_mentions(db, add_document(db, other, "b" * 64), extract_org_mentions(other))
    assert db.conn.execute("SELECT count(*), count(DISTINCT org_id) FROM org_mentions m JOIN organizations o "
                           "ON o.id = m.org_id WHERE o.name = 'Zephyr Robotics'").fetchone() == (3, 1)


def test_prune_removes_discovered_organizations_no_longer_mentioned(db):
    with db.conn:
        save_gazetteer(db)
        doc = add_document(db)
        save_org_mentions(db, doc, extract_org_mentions(TEXT))
        db.conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
        prune_orgs(db)
    assert db.conn.execute("SELECT count(*) FROM organizations WHERE in_gazetteer = 0").fetchone() == (0,)
    assert db.conn.execute("SELECT count(*) FROM organizations WHERE name = 'Nvidia'").fetchone() == (
        int(any(p.org == "Nvidia" for p in load_gazetteer().people)),)


def test_prune_looks_only_at_organizations_that_lost_a_reference(db):
    """Triggers list the organizations whose mentions, deals or claims went away; the prune checks
    those, through indexes, and empties the list: its cost is what changed, not the database."""
    other = "Zephyr Robotics與英偉達達成合作。"
    with db.conn:
        save_gazetteer(db)
        first = add_document(db)
        save_org_mentions(db, first, extract_org_mentions(TEXT))
        save_org_mentions(db, add_document(db, other, "b" * 64), extract_org_mentions(other))
        db.conn.execute("DELETE FROM org_prune_candidates")
        # A discovered organization nothing points at that no deletion listed stays: nothing changed.
        db.conn.execute("INSERT INTO organizations (name, kind, in_gazetteer) VALUES ('Orphan Labs', 'unknown', 0)")
        db.conn.execute("DELETE FROM documents WHERE id = ?", (first,))
    listed = {row[0] for row in db.conn.execute(
        "SELECT o.name FROM org_prune_candidates c JOIN organizations o ON o.id = c.org_id")}
    assert "Zephyr Robotics" in listed and "Orphan Labs" not in listed
    discovered_only_in_first = {m["name"] for m in extract_org_mentions(TEXT) if not m["in_gazetteer"]} - {"Zephyr Robotics"}
    statements = []
    db.conn.set_trace_callback(statements.append)
    with db.conn:
        prune_orgs(db)
    db.conn.set_trace_callback(None)
    remaining = {row[0] for row in db.conn.execute("SELECT name FROM organizations WHERE in_gazetteer = 0")}
    assert remaining == {"Zephyr Robotics", "Orphan Labs"} and not discovered_only_in_first & remaining
    assert db.conn.execute("SELECT count(*) FROM org_prune_candidates").fetchone() == (0,)
    delete = next(s for s in statements if s.startswith("DELETE FROM organizations"))
    plan = " ".join(row[3] for row in db.conn.execute("EXPLAIN QUERY PLAN " + delete))
    assert "SCAN" not in plan.replace("SCAN org_prune_candidates", ""), plan


def test_a_deal_moved_away_lists_its_old_organization_when_the_other_side_is_empty(db):
    """A round has no investor (from_org_id NULL): handing it to another company still lists the
    one it left, which NOT IN (…, NULL) would not."""
    with db.conn:
        save_gazetteer(db)
        save_deal_vocabulary(db)
        first, second = (db.conn.execute("INSERT INTO organizations (name, kind, in_gazetteer) VALUES (?, 'unknown', 0)",
                                         (name,)).lastrowid for name in ("Left Labs", "Taken Labs"))
        deal = db.conn.execute("INSERT INTO deals (kind, to_org_id) VALUES ('funding_round', ?)", (first,)).lastrowid
        db.conn.execute("DELETE FROM org_prune_candidates")
        db.conn.execute("UPDATE deals SET to_org_id = ? WHERE id = ?", (second, deal))
    assert db.conn.execute("SELECT org_id FROM org_prune_candidates").fetchall() == [(first,)]


def test_an_entry_removed_from_the_gazetteer_leaves_the_reference_list(db):
    # Its organizations row, while a document names it, stays as a discovered one; then it is pruned.
    from dataclasses import replace
    gaz = load_gazetteer()
    text = "SK海力士宣布扩产。"
    with db.conn:
        save_gazetteer(db, gaz)
        doc = add_document(db, text)
        save_org_mentions(db, doc, extract_org_mentions(text))
    trimmed = replace(gaz, orgs=tuple(org for org in gaz.orgs if org.name != "SK Hynix"))
    with db.conn:
        save_gazetteer(db, trimmed)
    assert db.conn.execute("SELECT count(*) FROM gazetteer_organizations WHERE name = 'SK Hynix'").fetchone() == (0,)
    assert db.conn.execute("SELECT in_gazetteer, parent_id FROM organizations WHERE name = 'SK Hynix'").fetchone() == (0, None)
    with db.conn:
        db.conn.execute("DELETE FROM documents WHERE id = ?", (doc,))
        prune_orgs(db)
    assert db.conn.execute("SELECT count(*) FROM organizations WHERE name IN ('SK Hynix', 'SK Group')").fetchone() == (0,)
