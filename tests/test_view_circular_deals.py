"""circular_deals: every 2- to 4-cycle of the money graph once, with its deals, pattern and articles;
a corporate family (Alphabet, Google, Google Cloud) is one node."""
import re
import sqlite3
import time

from conftest import run_cli
from ingest.graph import family_components
from ingest.resources import schema_path
from ingest.store.graph import refresh_graph_components
from ingest.store.orgs import org_row_id, save_gazetteer
from ingest.store.shape import ensure_db_shape, open_db
from test_view_deals_detailed import B, build_world, view_rows, world  # noqa: F401  (world is a fixture)

NVIDIA_OPENAI = {
    "length": 2, "path": "Nvidia → OpenAI → Nvidia", "orgs": '["Nvidia","OpenAI"]', "org_ids": "[1,2]",
    "deal_ids": "[2,3]", "kinds": "equity_investment → chip_purchase", "statuses": "completed → completed",
    "usd_known": 40 * B, "pattern": "vendor_financing", "document_ids": "[1,2,4]",
    "documents": '["英伟达投资OpenAI","Nvidia pays OpenAI less","云计算循环交易"]', "member_ids": "[[1],[2]]"}
THREE_PARTY = {
    "length": 3, "path": "Amazon → AMD → Anthropic → Amazon", "orgs": '["Amazon","AMD","Anthropic"]',
    "org_ids": "[6,7,8]", "deal_ids": "[8,6,7]", "kinds": "chip_purchase → equity_investment → cloud_contract",
    "statuses": "planned → announced → completed", "usd_known": 1.3 * B, "pattern": "vendor_financing",
    "document_ids": "[4]", "documents": '["云计算循环交易"]', "member_ids": "[[6],[7],[8]]"}
FOUR_PARTY = {
    "length": 4, "path": "Microsoft → Oracle → CoreWeave → Google → Microsoft",
    "orgs": '["Microsoft","Oracle","CoreWeave","Google"]', "org_ids": "[3,4,5,9]", "deal_ids": "[9,10,11,12]",
    "kinds": "equity_investment → equity_investment → loan → loan",
    "statuses": "completed → rumored → completed → completed", "usd_known": 2 * B, "pattern": "cycle",
    "document_ids": "[4]", "documents": '["云计算循环交易"]', "member_ids": "[[3],[4],[5],[9]]"}


def test_every_cycle_once(world):
    # The scaled-back promise (deal 1) is not an edge; the cancelled OpenAI → Lonely Capital promise
    # would close no cycle anyway and is not an edge either. The converted amount of deal 12 counts as
    # the 2 billion dollars it restates, once.
    assert view_rows(world, "select * from circular_deals") == [NVIDIA_OPENAI, THREE_PARTY, FOUR_PARTY]


def test_rotations_and_parallel_deals_do_not_duplicate(world):
    conn = sqlite3.connect(world)
    # A second deal on an edge, and the same loops entered from every other organization: still one row each.
    conn.execute("insert into deals (id, kind, status, from_org_id, to_org_id) values (50, 'cloud_contract', 'completed', 8, 6)")
    conn.execute("insert into deals (id, kind, status, from_org_id, to_org_id) values (51, 'chip_purchase', 'rumored', 2, 1)")
    conn.commit()
    rows = view_rows(world, "select path, deal_ids, statuses from circular_deals")
    assert rows == [
        {"path": "Nvidia → OpenAI → Nvidia", "deal_ids": "[2,3,51]", "statuses": "completed → completed, rumored"},
        {"path": "Amazon → AMD → Anthropic → Amazon", "deal_ids": "[8,6,7,50]",
         "statuses": "planned → announced → completed"},
        {"path": "Microsoft → Oracle → CoreWeave → Google → Microsoft", "deal_ids": "[9,10,11,12]",
         "statuses": "completed → rumored → completed → completed"},
    ]


def test_superseded_edges_close_no_cycle(world):
    conn = sqlite3.connect(world)
    conn.execute("update deals set status = 'cancelled' where id = 3")  # OpenAI's chip purchase never happened
    conn.execute("update deals set status = 'scaled_back' where id = 7")
    conn.commit()
    assert [r["path"] for r in view_rows(world, "select path from circular_deals")] == [
        "Microsoft → Oracle → CoreWeave → Google → Microsoft"]


def test_longer_cycles_and_self_loops_are_not_listed(tmp_path):
    path = build_world(tmp_path / "five.db")
    conn = sqlite3.connect(path)
    conn.execute("delete from deals where id = 12")  # break the four-party loop ...
    conn.executemany("insert into deals (kind, status, from_org_id, to_org_id) values ('loan', 'completed', ?, ?)",
                     [(9, 10), (10, 3), (10, 10)])  # ... into a five-party one, plus a self-loop
    conn.commit()
    assert [r["length"] for r in view_rows(path, "select length from circular_deals")] == [2, 3]


def test_seeds_list_exactly_nvidia_openai_nvidia(seed_db_path):
    nvidia, openai = org_ids(seed_db_path, "Nvidia", "OpenAI")
    assert view_rows(seed_db_path, "select * from circular_deals") == [{
        "length": 2, "path": "Nvidia → OpenAI → Nvidia", "orgs": '["Nvidia","OpenAI"]', "org_ids": f"[{nvidia},{openai}]",
        "deal_ids": "[4,14,13]", "kinds": "equity_investment → chip_purchase",
        "statuses": "in_talks, completed → announced", "usd_known": 30 * B, "pattern": "vendor_financing",
        "document_ids": "[1,3]", "documents": '["英伟达狂投AI初创，稳固首位宝座","英伟达停止投资OpenAI背后"]',
        "member_ids": f"[[{nvidia}],[{openai}]]"}]


def test_the_search_walks_the_org_indexes(world):
    conn = sqlite3.connect(world)
    plan = " ".join(r[3] for r in conn.execute("explain query plan select * from circular_deals"))
    # deals_parties_kind (from_org_id, to_org_id, kind) serves lookups by investor as well as
    # deals_from_org_id, and deals_to_from (to_org_id, from_org_id) lookups of both parties as well;
    # either way the deals are found through an index, never by a scan.
    assert re.search(r"SEARCH d USING INDEX deals_(from_org_id|parties_kind) \(from_org_id=\?", plan), plan
    assert re.search(r"SEARCH d USING INDEX deals_(to_org_id|parties_kind|to_from) \((from_org_id=\? AND )?to_org_id=\?",
                     plan), plan


# --- corporate families ------------------------------------------------------------------------

def org_ids(path, *names):
    conn = sqlite3.connect(path)
    try:
        return [conn.execute("select id from organizations where name = ?", [name]).fetchone()[0] for name in names]
    finally:
        conn.close()


def add_deal(conn, deal_id, kind, status, from_id, to_id, evidence, document_id=4):
    """A deal and its report in an article of the world (the quote appended to its text)."""
    text = conn.execute("select text from documents where id = ?", [document_id]).fetchone()[0]
    conn.execute("update documents set text = ?, raw = ? where id = ?", [text + evidence, text + evidence, document_id])
    conn.execute("insert into deals (id, kind, status, from_org_id, to_org_id) values (?, ?, ?, ?, ?)",
                 [deal_id, kind, status, from_id, to_id])
    conn.execute("insert into deal_reports (deal_id, document_id, status, evidence, char_start, char_end) "
                 "values (?, ?, ?, ?, ?, ?)", [deal_id, document_id, status, evidence, len(text), len(text) + len(evidence)])


def test_a_family_is_one_node(tmp_path):
    # The world with the real gazetteer's organizations and parents: Google (9) becomes a member of
    # Alphabet's family, Amazon (6) the top of Amazon Web Services'.
    path = build_world(tmp_path / "families.db")
    db = open_db(path)
    with db.conn:
        save_gazetteer(db)
        # Gazetteer organizations get their organizations row when a deal names them, as here.
        alphabet, google_cloud, ssi, aws = (org_row_id(db.conn, name) for name in (
            "Alphabet", "Google Cloud", "Safe Superintelligence", "Amazon Web Services"))
    conn = db.conn
    with conn:
        add_deal(conn, 20, "equity_investment", "completed", alphabet, ssi, "Alphabet入股SSI。")
        add_deal(conn, 21, "chip_purchase", "announced", ssi, google_cloud, "SSI将使用谷歌云的TPU。")
        add_deal(conn, 22, "equity_investment", "completed", alphabet, 9, "Alphabet向谷歌注资。")  # inside a family
        add_deal(conn, 23, "cloud_contract", "completed", 8, aws, "Anthropic租用AWS算力。")
    family_loop = {
        "length": 2, "path": "Alphabet / Google Cloud → Safe Superintelligence → Alphabet / Google Cloud",
        "orgs": '["Alphabet / Google Cloud","Safe Superintelligence"]', "org_ids": f"[{alphabet},{ssi}]",
        "deal_ids": "[20,21]", "kinds": "equity_investment → chip_purchase", "statuses": "completed → announced",
        "usd_known": None, "pattern": "vendor_financing", "document_ids": "[4]", "documents": '["云计算循环交易"]',
        "member_ids": f"[[{alphabet},{google_cloud}],[{ssi}]]"}
    # Anthropic now also pays Amazon Web Services: the node is the family, its top's id in org_ids.
    three_party = dict(THREE_PARTY, path="Amazon / Amazon Web Services → AMD → Anthropic → Amazon / Amazon Web Services",
                       orgs='["Amazon / Amazon Web Services","AMD","Anthropic"]', deal_ids="[8,6,7,23]",
                       member_ids=f"[[6,{aws}],[7],[8]]")
    # Only Google's deals make the four-party loop: it keeps Google's name and id. The deal from
    # Alphabet to Google stays inside the family: no loop.
    expected = [family_loop, NVIDIA_OPENAI, three_party, FOUR_PARTY]
    assert view_rows(path, "select * from circular_deals") == expected  # every deal walked (no components yet)
    with conn:
        refresh_graph_components(db)
    component = {org_id for (org_id,) in conn.execute(
        "select org_id from deal_graph_components where component = (select component from deal_graph_components "
        "where org_id = ?)", [ssi])}
    db.close()
    assert {alphabet, 9, google_cloud, ssi} <= component
    assert view_rows(path, "select * from circular_deals") == expected  # the same from the components


def test_components_of_families():
    # Alphabet 1 (Google 2, Google Cloud 3) ↔ SSI 4; 5 → 6 → 7 one way; Alphabet → Google inside the family.
    family = {1: 1, 2: 1, 3: 1}
    edges = [(1, 4), (4, 3), (1, 2), (5, 6), (6, 7)]
    assert family_components(edges, family) == {1: 1, 2: 1, 3: 1, 4: 1}
    assert family_components(edges, {}) == {}  # without families no loop
    assert family_components(edges + [(7, 5)], {}) == {5: 5, 6: 5, 7: 5}


def test_a_family_loop_read_from_an_article(tmp_path):
    # Through the real pipeline: gazetteer parents → organizations.group_id → deal_graph_components → view.
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ssi.txt").write_text(
        "Alphabet backs Safe Superintelligence\n\n"
        "Alphabet Inc. has taken a stake in Safe Superintelligence Inc., the startup said on Friday. "
        "Safe Superintelligence has committed to using Google Cloud's Tensor Processing Units for its research.\n",
        encoding="utf-8")
    path = tmp_path / "ssi.db"
    run_cli("ingest", path, folder, "--silent")
    alphabet, google_cloud, ssi = org_ids(path, "Alphabet", "Google Cloud", "Safe Superintelligence")
    assert view_rows(path, "select * from circular_deals") == [{
        "length": 2, "path": "Alphabet / Google Cloud → Safe Superintelligence → Alphabet / Google Cloud",
        "orgs": '["Alphabet / Google Cloud","Safe Superintelligence"]', "org_ids": f"[{alphabet},{ssi}]",
        "deal_ids": "[1,2]", "kinds": "equity_investment → chip_purchase", "statuses": "completed → announced",
        "usd_known": None, "pattern": "vendor_financing", "document_ids": "[1]",
        "documents": '["Alphabet backs Safe Superintelligence"]', "member_ids": f"[[{alphabet},{google_cloud}],[{ssi}]]"}]


def test_a_database_from_before_families_gets_the_columns(tmp_path):
    # organizations as an older aicap created it, without parent_id and group_id (nor the triggers
    # that read them).
    old_schema = re.sub(r"DROP TRIGGER IF EXISTS (\w+);\nCREATE TRIGGER \1 [^;]*?group_id.*?\nEND;\n", "",
                        schema_path().read_text(encoding="utf-8"), flags=re.S)
    old_schema = "\n".join(line for line in old_schema.splitlines() if not re.search(r"\b(parent_id|group_id)\b", line))
    old_schema = old_schema.replace("in_gazetteer INTEGER NOT NULL DEFAULT 1,", "in_gazetteer INTEGER NOT NULL DEFAULT 1")
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(old_schema)
    conn.execute("insert into organizations (name) values ('Google Cloud')")
    conn.commit()
    conn.close()
    db = open_db(path)
    for _ in range(2):  # the second time finds nothing to add
        ensure_db_shape(db)
    columns = [row[1:3] for row in db.conn.execute("pragma table_info(organizations)")]
    assert columns[-2:] == [("parent_id", "INTEGER"), ("group_id", "INTEGER")]
    assert db.conn.execute("select name, parent_id, group_id from organizations").fetchall() == [
        ("Google Cloud", None, None)]
    assert db.conn.execute("select 1 from sqlite_master where name = 'organizations_group_id'").fetchone() == (1,)


def test_sqlite_plans_the_view_in_a_few_milliseconds(seed_db_path):
    # SQLite copies a CTE's definition wherever a CTE names it, and the copies nest: the view used
    # to take about 0.5 s to plan (uncached, e.g. each Datasette facet), over Datasette's 1 s limit
    # on a busy machine. Now about 15 ms; a copy too many multiplies it again.
    conn = sqlite3.connect(seed_db_path, cached_statements=0)
    conn.execute("select count(*) from sqlite_master").fetchone()  # read the schema first
    times = []
    for _ in range(3):
        start = time.perf_counter()
        conn.execute("explain select * from circular_deals").fetchall()
        times.append(time.perf_counter() - start)
    assert min(times) < 0.1, times
