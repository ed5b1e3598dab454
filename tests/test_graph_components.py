"""deal_graph_components kept up to date incrementally: after any mix of deals inserted, deleted,
moved or re-statused and organizations changing family, the refresh (which recomputes only what the
changes touched, from what schema.sql's triggers list) leaves exactly the rows a recomputation of the
whole graph gives."""
import random
import shutil
import sqlite3

import pytest

from conftest import SEEDS, run_cli
from ingest.graph import cycle_region, family_components
from ingest.store import graph
from ingest.store.graph import EDGES_SQL, FAMILIES_SQL, refresh_graph_components
from ingest.store.reference import save_deal_vocabulary
from ingest.store.shape import ensure_db_shape, open_db

ORGS = 9
TOPS = (1, 2)  # organizations that may head a family
STATUSES = ["completed", "announced", "rumored", "cancelled", "scaled_back", None]  # the last three: not edges


@pytest.fixture
def full_recomputations(monkeypatch):
    """Counts the recomputations of the whole graph (the refresh's fallback)."""
    calls = []
    real = graph.recompute_graph_components

    def counting(db):
        calls.append(1)
        return real(db)

    monkeypatch.setattr(graph, "recompute_graph_components", counting)
    return calls


def new_db(folder):
    folder.mkdir(parents=True, exist_ok=True)
    db = open_db(folder / "graph.db")
    db.conn.execute("PRAGMA synchronous = OFF")  # a few thousand commits: not each to the disk
    ensure_db_shape(db)
    with db.conn:
        save_deal_vocabulary(db)
        db.conn.executemany("insert into organizations (id, name) values (?, ?)",
                            [(i, f"Org {i}") for i in range(1, ORGS + 1)])
    return db.conn


def stored(conn):
    return conn.execute("select org_id, component from deal_graph_components order by org_id").fetchall()


def recomputed(conn):
    """What a recomputation of the whole graph writes, computed without writing."""
    return sorted(family_components(conn.execute(EDGES_SQL), dict(conn.execute(FAMILIES_SQL))).items())


def refresh(conn):
    with conn:
        refresh_graph_components(conn)


def random_change(conn, rng):
    """One change of the kind an ingest, the gazetteer or a user in the sqlite3 shell makes."""
    deals = [row[0] for row in conn.execute("select id from deals")]
    roll = rng.random()
    org = lambda: rng.randint(1, ORGS)  # noqa: E731
    if roll < 0.4 or not deals:
        from_id = None if rng.random() < 0.1 else org()
        conn.execute("insert into deals (kind, status, from_org_id, to_org_id) values ('other', ?, ?, ?)",
                     [rng.choice(STATUSES), from_id, org()])
    elif roll < 0.6:
        conn.execute("delete from deals where id = ?", [rng.choice(deals)])
    elif roll < 0.7:
        conn.execute("update deals set status = ? where id = ?", [rng.choice(STATUSES), rng.choice(deals)])
    elif roll < 0.8:
        column = rng.choice(["from_org_id", "to_org_id"])
        conn.execute(f"update deals set {column} = ? where id = ?", [org(), rng.choice(deals)])
    else:
        # A member joins a family, moves to another or leaves; each top heads its family (group_id its
        # own id) while the family has members, as the gazetteer writes them.
        member = rng.randint(len(TOPS) + 1, ORGS)
        conn.execute("update organizations set group_id = ? where id = ?", [rng.choice([None, *TOPS]), member])
        for top in TOPS:
            conn.execute("update organizations set group_id = case when exists (select 1 from organizations "
                         "where group_id = ?1 and id != ?1) then ?1 end where id = ?1", [top])


def test_incremental_equals_full_recomputation(tmp_path, full_recomputations):
    seeds_with_cycles = table_changes = 0
    for seed in range(40):
        rng = random.Random(seed)
        conn = new_db(tmp_path / str(seed))
        refresh(conn)  # the first refresh recomputes everything: the changes were not listed before
        before = []
        for step in range(40):
            with conn:
                for _ in range(rng.randint(1, 4)):
                    random_change(conn, rng)
            refresh(conn)
            after = stored(conn)
            assert after == recomputed(conn), f"seed {seed}, step {step}"
            assert conn.execute("select count(*) from deal_graph_stale_components").fetchone()[0] == 0
            assert conn.execute("select count(*) from deal_graph_new_edges").fetchone()[0] == 0
            table_changes += after != before
            seeds_with_cycles += bool(after) and not before
            before = after
        conn.close()
    assert full_recomputations == [1] * 40  # only each database's first refresh was a full one
    # The changes make and break cycles, join and split components, often (7 in 10 refreshes of
    # 9 organizations and a few dozen deals hold a cycle).
    assert seeds_with_cycles >= 35 and table_changes >= 200, (seeds_with_cycles, table_changes)


def test_far_reaching_changes_recompute_everything(tmp_path, monkeypatch, full_recomputations):
    monkeypatch.setattr(graph, "SEARCH_LIMIT", 3)
    conn = new_db(tmp_path)
    refresh(conn)
    with conn:
        conn.executemany("insert into deals (kind, status, from_org_id, to_org_id) values ('other', 'completed', ?, ?)",
                         [(i, i + 1) for i in range(1, 8)] + [(8, 1)])
    refresh(conn)
    assert full_recomputations == [1, 1]  # the search gave up: the whole graph again
    assert stored(conn) == [(i, 1) for i in range(1, 9)]


def test_a_change_of_what_counts_as_superseded_recomputes_everything(tmp_path, full_recomputations):
    conn = new_db(tmp_path)
    with conn:
        conn.executemany("insert into deals (kind, status, from_org_id, to_org_id) values ('other', ?, ?, ?)",
                         [("completed", 1, 2), ("cancelled", 2, 1)])
    refresh(conn)
    assert stored(conn) == []
    with conn:
        conn.execute("update deal_statuses set bucket = 'completed' where status = 'cancelled'")
    refresh(conn)
    assert stored(conn) == [(1, 1), (2, 1)]
    assert full_recomputations == [1, 1]


def test_cycle_region_finds_the_nodes_on_paths_back():
    # 1 → 2 → 3 → 1 and 3 → 4 → 5, 5 → 2: adding 1 → 2 closes 1 2 3 and 2 3 4 5 through it.
    edges = [(2, 3), (3, 1), (3, 4), (4, 5), (5, 2), (6, 1)]
    succ = lambda nodes: [t for s, t in edges if s in nodes]  # noqa: E731
    pred = lambda nodes: [s for s, t in edges if t in nodes]  # noqa: E731
    assert cycle_region(1, 2, succ, pred, 100)[0] == {1, 2, 3, 4, 5}
    assert cycle_region(6, 1, succ, pred, 100)[0] == set()  # nothing leads back to 6
    assert cycle_region(4, 4, succ, pred, 100)[0] == {2, 3, 4, 5}  # the node's own component


# --- end to end: aicap ingest ------------------------------------------------------------------

def rows(path):
    conn = sqlite3.connect(path)
    try:
        # Every column but deal_ids: a re-ingested article's deals get new ids.
        return (conn.execute("select length, path, orgs, org_ids, kinds, statuses, usd_known, pattern, document_ids, "
                             "documents, member_ids from circular_deals").fetchall(),
                conn.execute("select o.name, c.name from deal_graph_components g join organizations o on o.id = g.org_id "
                             "join organizations c on c.id = g.component order by 1").fetchall())
    finally:
        conn.close()


def test_reingesting_a_changed_article_equals_a_fresh_build(tmp_path, full_recomputations):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, folder, "--silent")
    circular, components = rows(db_path)
    assert len(circular) == 1 and components  # Nvidia → OpenAI → Nvidia
    assert full_recomputations == [1]
    # In the article that reports OpenAI's promise to buy Nvidia's chips, Anthropic promises it now:
    # Nvidia → OpenAI → Nvidia is no loop any more, Nvidia → Anthropic → Nvidia is a new one.
    article = folder / "002_8da328b7cf59d160.txt"
    text = article.read_text(encoding="utf-8")
    assert "OpenAI则承诺购买英伟达芯片" in text
    article.write_text(text.replace("OpenAI则承诺购买英伟达芯片", "Anthropic则承诺购买英伟达芯片"), encoding="utf-8")
    run_cli("ingest", db_path, folder, "--silent")
    assert full_recomputations == [1]  # the second run refreshed incrementally
    fresh = tmp_path / "fresh.db"
    run_cli("ingest", fresh, folder, "--silent")
    assert rows(db_path) == rows(fresh)
    assert [row[1] for row in rows(db_path)[0]] == ["Nvidia → Anthropic → Nvidia"]
