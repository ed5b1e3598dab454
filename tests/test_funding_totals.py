"""funding_totals: the stored per-receiver rows funding_received reads, kept equal to the live
aggregation (funding_received_live) by the writer, which recomputes only the organizations whose
deals changed (listed in funding_totals_stale by triggers)."""
import sqlite3
import subprocess

import pytest

from conftest import SEEDS, run_cli
from ingest.store import totals
from ingest.store.shape import open_db
from ingest.store.totals import FUNDING_COLUMNS, refresh_stale_funding_totals

B = 1e9


def query(db_path, sql, params=()):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def assert_up_to_date(db_path):
    """The table holds exactly the live aggregation's rows, nothing is waiting for a refresh, and
    funding_received (read from the table) equals funding_received_live row for row."""
    stored = query(db_path, f"select {FUNDING_COLUMNS} from funding_totals order by org_id")
    live = query(db_path, f"select {FUNDING_COLUMNS} from funding_received_live order by org_id")
    assert stored == live
    assert query(db_path, "select org_id from funding_totals_stale") == []
    assert_view_equals_live(db_path)
    return stored


def assert_view_equals_live(db_path):
    assert query(db_path, "select * from funding_received order by org_id") == \
        query(db_path, "select * from funding_received_live order by org_id")


def org_id(db_path, name):
    return query(db_path, "select id from organizations where name = ?", [name])[0][0]


def stale(db_path):
    return sorted(r[0] for r in query(db_path, "select org_id from funding_totals_stale"))


@pytest.fixture
def spy(monkeypatch):
    """Records the org_ids argument of every refresh_funding_totals call (None: everyone)."""
    calls = []
    real = totals.refresh_funding_totals

    def recording(db, org_ids=None):
        calls.append(None if org_ids is None else sorted(org_ids))
        return real(db, org_ids)

    monkeypatch.setattr(totals, "refresh_funding_totals", recording)
    return calls


def test_after_ingesting_the_seeds_and_again(tmp_path, seed_copy, spy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    stored = assert_up_to_date(db_path)
    assert len(stored) == 13
    assert spy == [None]  # a new database is filled in one pass
    run_cli("ingest", db_path, seed_copy, "--silent")
    assert spy == [None]  # nothing changed: nothing recomputed
    assert assert_up_to_date(db_path) == stored


def test_a_changed_document_recomputes_only_its_receivers(tmp_path, seed_copy, spy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    before = {row[0]: row for row in assert_up_to_date(db_path)}
    target = next(seed_copy.glob("002*"))
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("实际投资额仅为300亿美元", "实际投资额仅为200亿美元"), encoding="utf-8")
    run_cli("ingest", db_path, seed_copy, "--silent")
    after = {row[0]: row for row in assert_up_to_date(db_path)}
    refreshed = spy[1]
    assert refreshed is not None and org_id(db_path, "OpenAI") in refreshed
    assert len(refreshed) < len(after)
    assert {k: v for k, v in after.items() if k not in refreshed} == \
        {k: v for k, v in before.items() if k not in refreshed}


def test_changes_by_hand_are_read_live_until_the_refresh(tmp_path):
    """Triggers list the receivers whose deals, amounts, rounds, vocabulary or investors' names
    change; funding_received computes those live, so it never shows a stale row."""
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    assert_up_to_date(db_path)
    db = open_db(db_path)
    openai, xai, graphcore, luma, anthropic = (
        org_id(db_path, n) for n in ("OpenAI", "xAI", "Graphcore", "Luma AI", "Anthropic"))

    def step(sql, params=(), expected=None):
        with db.conn:
            db.execute(sql, params)
        if expected is not None:
            assert stale(db_path) == sorted(expected)
        assert_view_equals_live(db_path)
        with db.conn:
            refresh_stale_funding_totals(db)
        assert_up_to_date(db_path)

    # A round's amount unknown: its shares now add their own (Nvidia's 2 billion in xAI).
    round_amount = query(db_path, "select amount_id from deals where kind = 'funding_round' and to_org_id = ?",
                         [xai])[0][0]
    xai_before = query(db_path, "select usd_completed from funding_received where org_id = ?", [xai])
    step("update amounts set usd = null, usd_low = null, usd_high = null where id = ?", [round_amount], [xai])
    assert query(db_path, "select usd_completed from funding_received where org_id = ?", [xai]) != xai_before
    # A deal handed to another receiver: both.
    step("update deals set to_org_id = ? where from_org_id = (select id from organizations where name = 'Apple')",
         [anthropic], [openai, anthropic])
    # An investor renamed: the organizations it invests in (their investors' names are stored).
    step("update organizations set name = 'Sequoia' where name = 'Sequoia Capital'", (), [graphcore])
    assert '"Sequoia"' in query(db_path, "select investors from funding_received where org_id = ?", [graphcore])[0][0]
    # A round deleted: its receiver, and the receivers of its shares (set free of it).
    step("delete from deals where kind = 'funding_round' and to_org_id = ?", [luma], [luma])
    # A status moved to another bucket: every receiver of a deal of that status.
    expected = [r[0] for r in query(db_path, "select distinct to_org_id from deals where status = 'in_talks' "
                                             "and to_org_id is not null")]
    step("update deal_statuses set bucket = 'superseded' where status = 'in_talks'", (), expected)
    # Updates that change nothing the rows read list nobody.
    step("update deals set round_name = 'X', status = status, kind = kind", (), [])
    step("update organizations set name = name, country = 'XX'", (), [])


def test_edits_in_the_sqlite3_shell_with_its_defaults(tmp_path):
    """Foreign keys off: a deleted round leaves its shares pointing at nothing, a deleted amount
    its deal. funding_received must follow all the same."""
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    assert_up_to_date(db_path)
    openai, graphcore = org_id(db_path, "OpenAI"), org_id(db_path, "Graphcore")
    shell = subprocess.run(
        ["sqlite3", str(db_path)], text=True, capture_output=True, check=True,
        input="PRAGMA foreign_keys;\n"
              f"DELETE FROM amounts WHERE id = (SELECT amount_id FROM deals WHERE kind = 'funding_round' "
              f"AND to_org_id = {openai});\n"
              f"DELETE FROM deals WHERE kind = 'funding_round' AND to_org_id = {graphcore};\n")
    assert shell.stdout.split() == ["0"]  # the shell's default: foreign keys off
    assert stale(db_path) == sorted([openai, graphcore])
    assert_view_equals_live(db_path)
    db = open_db(db_path)
    with db.conn:
        refresh_stale_funding_totals(db)
    assert_up_to_date(db_path)


def test_a_database_from_before_the_table_is_filled_by_the_next_ingest(tmp_path, seed_copy, spy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    expected = assert_up_to_date(db_path)
    db = open_db(db_path)
    with db.conn:  # as an older aicap left it: deals, but no stored rows and nobody listed
        db.execute("delete from funding_totals")
    run_cli("ingest", db_path, seed_copy, "--silent")
    assert spy == [None, None]
    assert assert_up_to_date(db_path) == expected
