"""circular_deals: every 2- to 4-cycle of the money graph once, with its deals, pattern and articles."""
import re
import sqlite3

from test_view_deals_detailed import B, build_world, view_rows, world  # noqa: F401  (world is a fixture)

NVIDIA_OPENAI = {
    "length": 2, "path": "Nvidia → OpenAI → Nvidia", "orgs": '["Nvidia","OpenAI"]', "org_ids": "[1,2]",
    "deal_ids": "[2,3]", "kinds": "equity_investment → chip_purchase", "statuses": "completed → completed",
    "usd_known": 40 * B, "pattern": "vendor_financing", "document_ids": "[1,2,4]",
    "documents": '["英伟达投资OpenAI","Nvidia pays OpenAI less","云计算循环交易"]'}
THREE_PARTY = {
    "length": 3, "path": "Amazon → AMD → Anthropic → Amazon", "orgs": '["Amazon","AMD","Anthropic"]',
    "org_ids": "[6,7,8]", "deal_ids": "[8,6,7]", "kinds": "chip_purchase → equity_investment → cloud_contract",
    "statuses": "planned → announced → completed", "usd_known": 1.3 * B, "pattern": "vendor_financing",
    "document_ids": "[4]", "documents": '["云计算循环交易"]'}
FOUR_PARTY = {
    "length": 4, "path": "Microsoft → Oracle → CoreWeave → Google → Microsoft",
    "orgs": '["Microsoft","Oracle","CoreWeave","Google"]', "org_ids": "[3,4,5,9]", "deal_ids": "[9,10,11,12]",
    "kinds": "equity_investment → equity_investment → loan → loan",
    "statuses": "completed → rumored → completed → completed", "usd_known": 2 * B, "pattern": "cycle",
    "document_ids": "[4]", "documents": '["云计算循环交易"]'}


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
    ids = view_rows(seed_db_path, "select json_array((select id from organizations where name = 'Nvidia'), "
                                  "(select id from organizations where name = 'OpenAI')) as ids")[0]["ids"]
    assert view_rows(seed_db_path, "select * from circular_deals") == [{
        "length": 2, "path": "Nvidia → OpenAI → Nvidia", "orgs": '["Nvidia","OpenAI"]', "org_ids": ids,
        "deal_ids": "[4,14,13]", "kinds": "equity_investment → chip_purchase",
        "statuses": "in_talks, completed → announced", "usd_known": 30 * B, "pattern": "vendor_financing",
        "document_ids": "[1,3]", "documents": '["英伟达狂投AI初创，稳固首位宝座","英伟达停止投资OpenAI背后"]'}]


def test_the_search_walks_the_org_indexes(world):
    conn = sqlite3.connect(world)
    plan = " ".join(r[3] for r in conn.execute("explain query plan select * from circular_deals"))
    # deals_parties_kind (from_org_id, to_org_id, kind) serves lookups by investor as well as
    # deals_from_org_id; either way the deals are found through an index, never by a scan.
    assert re.search(r"SEARCH d USING INDEX deals_(from_org_id|parties_kind) \(from_org_id=\?", plan), plan
    assert re.search(r"SEARCH d USING INDEX deals_(to_org_id|parties_kind) \((from_org_id=\? AND )?to_org_id=\?", plan), plan
