"""investor_totals: the stored per-investor totals total_by_investor reads, kept equal to the live
aggregation (investor_totals_live) by the writer, which recomputes only the investors whose deals
changed (listed in investor_totals_stale by triggers)."""
import sqlite3
import subprocess

import pytest

from conftest import SEEDS, run_cli
from ingest.store import totals
from ingest.store.shape import open_db
from ingest.store.totals import COLUMNS, refresh_stale_investor_totals

B = 1e9


def query(db_path, sql, params=()):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def assert_up_to_date(db_path):
    """The table holds exactly the live aggregation's rows, nothing is waiting for a refresh, and
    total_by_investor (read from the table) equals investor_totals_live row for row."""
    stored = query(db_path, f"select {COLUMNS} from investor_totals order by investor_id")
    live = query(db_path, f"select {COLUMNS} from investor_totals_live order by investor_id")
    assert stored == live
    assert query(db_path, "select investor_id from investor_totals_stale") == []
    assert query(db_path, "select * from total_by_investor order by investor_id") == \
        query(db_path, "select * from investor_totals_live order by investor_id")
    return stored


def org_id(db_path, name):
    return query(db_path, "select id from organizations where name = ?", [name])[0][0]


def totals_of(db_path, name):
    return query(db_path, f"select {COLUMNS} from investor_totals where investor_id = ?", [org_id(db_path, name)])


@pytest.fixture
def spy(monkeypatch):
    """Records the org_ids argument of every refresh_investor_totals call (None: everyone)."""
    calls = []
    real = totals.refresh_investor_totals

    def recording(db, org_ids=None):
        calls.append(None if org_ids is None else sorted(org_ids))
        return real(db, org_ids)

    monkeypatch.setattr(totals, "refresh_investor_totals", recording)
    return calls


def investors_reported_by(db_path, path):
    return {r[0] for r in query(db_path, "select distinct d.from_org_id from deals d "
                                         "join deal_reports r on r.deal_id = d.id "
                                         "join document_paths p on p.document_id = r.document_id "
                                         "where p.path = ? and d.from_org_id is not null", [str(path)])}


def test_after_ingesting_the_seeds(tmp_path, spy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    stored = assert_up_to_date(db_path)
    assert len(stored) == 13
    # A new database is filled in one pass.
    assert spy == [None]
    nvidia = org_id(db_path, "Nvidia")
    assert totals_of(db_path, "Nvidia") == [
        (nvidia, 7, 3, 1, 32 * B, 30 * B, 32 * B, 10 * B, 10 * B, 10 * B, None, None, None, "2024-09-11", "2026-03-08")]


def test_unchanged_rebuild_refreshes_nothing(tmp_path, seed_copy, spy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    before = assert_up_to_date(db_path)
    run_cli("ingest", db_path, seed_copy, "--silent")
    assert spy == [None]
    assert assert_up_to_date(db_path) == before


def test_a_changed_document_recomputes_only_its_investors(tmp_path, seed_copy, spy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    before = {row[0]: row for row in assert_up_to_date(db_path)}
    target = next(seed_copy.glob("002*"))
    reported_before = investors_reported_by(db_path, target)
    text = target.read_text(encoding="utf-8")
    assert text.count("实际投资额仅为300亿美元") == 1
    target.write_text(text.replace("实际投资额仅为300亿美元", "实际投资额仅为200亿美元"), encoding="utf-8")

    result = run_cli("ingest", db_path, seed_copy)
    assert "5 files: 4 unchanged, 1 replaced" in result.output
    after = {row[0]: row for row in assert_up_to_date(db_path)}
    nvidia = org_id(db_path, "Nvidia")
    # 20 billion paid to OpenAI instead of 30, plus up to 2 billion in xAI.
    assert after[nvidia] == (nvidia, 7, 3, 1, 22 * B, 20 * B, 22 * B, 10 * B, 10 * B, 10 * B, None, None, None,
                             "2024-09-11", "2026-03-08")
    assert {k: v for k, v in after.items() if k != nvidia} == {k: v for k, v in before.items() if k != nvidia}
    # Only the investors of the replaced article's deals were recomputed, not everyone.
    refreshed = spy[1]
    assert refreshed is not None and nvidia in refreshed
    assert set(refreshed) <= reported_before | investors_reported_by(db_path, target)


def test_a_replaced_document_drops_and_adds_investors(tmp_path, seed_copy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    assert_up_to_date(db_path)
    names = lambda: {r[0] for r in query(db_path, "select investor from total_by_investor")}  # noqa: E731
    assert {"SoftBank Group", "Sequoia Capital", "Microsoft"} <= names()
    microsoft_before = totals_of(db_path, "Microsoft")
    # 004 was the only article about SoftBank's and Sequoia's deals; it now reports other deals.
    target = next(seed_copy.glob("004*"))
    target.write_text("腾讯投资月之暗面\n\n<p>2025年3月1日，腾讯宣布向月之暗面投资5亿美元。</p>\n"
                      "<p>腾讯已完成对智谱AI的3亿美元投资。</p>\n", encoding="utf-8")

    result = run_cli("ingest", db_path, seed_copy)
    assert "5 files: 4 unchanged, 1 replaced" in result.output
    assert_up_to_date(db_path)
    assert "SoftBank Group" not in names() and "Sequoia Capital" not in names()
    tencent = org_id(db_path, "Tencent")
    assert totals_of(db_path, "Tencent") == [
        (tencent, 2, 2, 0, 0.3 * B, 0.3 * B, 0.3 * B, 0.5 * B, 0.5 * B, 0.5 * B, None, None, None,
         "2025-03-01", "2025-03-01")]
    # Microsoft keeps its one deal of 003 only (no amount): the 10+ billion and Graphcore of 004 are gone.
    assert totals_of(db_path, "Microsoft") != microsoft_before
    assert totals_of(db_path, "Microsoft")[0][1:7] == (1, 0, 0, None, None, None)


def test_changes_by_hand_are_read_live_until_the_refresh(tmp_path):
    """Triggers list the investors whose deals, amounts or deal vocabulary change; total_by_investor
    computes those live, so it never shows a stale row, and the refresh recomputes just those."""
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    assert_up_to_date(db_path)
    db = open_db(db_path)
    nvidia, microsoft, sbi = (org_id(db_path, n) for n in ("Nvidia", "Microsoft", "SBI Holdings"))
    stale = lambda: sorted(r[0] for r in db.execute("select investor_id from investor_totals_stale"))  # noqa: E731

    def view_equals_live():
        assert list(db.execute("select * from total_by_investor order by investor_id")) == \
            list(db.execute("select * from investor_totals_live order by investor_id"))

    # A deal deleted: its investor.
    with db.conn:
        db.execute("delete from deals where from_org_id = ? and to_org_id = ?",
                   [nvidia, org_id(db_path, "xAI")])
    assert stale() == [nvidia]
    view_equals_live()
    # An amount converted again: the investors of the deals that use it.
    with db.conn:
        db.execute("update amounts set usd = usd * 2 where id = (select amount_id from deals where from_org_id = ? "
                   "and amount_id is not null)", [sbi])
    assert stale() == sorted([nvidia, sbi])
    view_equals_live()
    # A deal handed to another investor: both.
    with db.conn:
        db.execute("update deals set from_org_id = ? where id = (select min(id) from deals where from_org_id = ?)",
                   [microsoft, sbi])
    assert stale() == sorted([nvidia, sbi, microsoft])
    view_equals_live()
    with db.conn:
        refresh_stale_investor_totals(db)
    assert_up_to_date(db_path)
    assert [r[0] for r in db.execute("select investor_id from investor_totals where investor_id = ?", [sbi])] == []
    # Updates that change nothing the totals read list nobody.
    with db.conn:
        db.execute("update deals set round_name = 'X', status = status, kind = kind")
        db.execute("update deal_kinds set description = 'changed', category = category")
    assert stale() == []
    # A status moved to another bucket: every investor with a deal of that status.
    with db.conn:
        db.execute("update deal_statuses set bucket = 'reported' where status = 'completed'")
    assert set(stale()) == {r[0] for r in db.execute("select distinct from_org_id from deals "
                                                     "where status = 'completed' and from_org_id is not null")}
    with db.conn:
        refresh_stale_investor_totals(db)
    assert_up_to_date(db_path)


def test_a_database_from_before_the_table_is_filled_by_the_next_ingest(tmp_path, seed_copy, spy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    expected = assert_up_to_date(db_path)
    db = open_db(db_path)
    with db.conn:  # as an older aicap left it: deals, but no totals and nobody listed
        db.execute("delete from investor_totals")
    run_cli("ingest", db_path, seed_copy, "--silent")
    assert spy == [None, None]
    assert assert_up_to_date(db_path) == expected


def test_refresh_of_given_investors(tmp_path):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    expected = assert_up_to_date(db_path)
    db = open_db(db_path)
    nvidia, apple = org_id(db_path, "Nvidia"), org_id(db_path, "Apple")
    with db.conn:
        db.execute("update investor_totals set deals = 0, usd_completed = 1")
        totals.refresh_investor_totals(db, [nvidia, apple, None])
    rows = {r[0]: r for r in query(db_path, f"select {COLUMNS} from investor_totals")}
    assert rows[nvidia] == next(r for r in expected if r[0] == nvidia)
    assert rows[apple] == next(r for r in expected if r[0] == apple)
    assert all(r[1] == 0 for k, r in rows.items() if k not in (nvidia, apple))
    with db.conn:
        totals.refresh_investor_totals(db)
    assert assert_up_to_date(db_path) == expected


def test_edits_in_the_sqlite3_shell_with_its_defaults(tmp_path):
    """The sqlite3 shell runs with foreign keys off: deleting an amount there leaves its deal
    pointing at nothing instead of setting amount_id to NULL. The totals must follow all the same."""
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    assert_up_to_date(db_path)
    sbi = org_id(db_path, "SBI Holdings")
    shell = subprocess.run(
        ["sqlite3", str(db_path)], text=True, capture_output=True, check=True,
        input="PRAGMA foreign_keys;\n"
              f"DELETE FROM amounts WHERE id = (SELECT amount_id FROM deals WHERE from_org_id = {sbi});\n"
              f"UPDATE deals SET scope = 'each' WHERE from_org_id = (SELECT id FROM organizations WHERE name = 'Nvidia')"
              " AND to_org_id = (SELECT id FROM organizations WHERE name = 'xAI');\n")
    assert shell.stdout.split() == ["0"]  # the shell's default: foreign keys off
    db = open_db(db_path)
    nvidia = org_id(db_path, "Nvidia")
    assert sorted(r[0] for r in db.execute("select investor_id from investor_totals_stale")) == sorted([sbi, nvidia])
    assert list(db.execute("select * from total_by_investor order by investor_id")) == \
        list(db.execute("select * from investor_totals_live order by investor_id"))
    assert list(db.execute("select deals_with_amount, usd_completed from total_by_investor where investor_id = ?",
                           [sbi])) == [(0, None)]
    with db.conn:
        refresh_stale_investor_totals(db)
    assert_up_to_date(db_path)
