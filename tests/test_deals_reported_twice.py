"""deals_reported_twice: the deals two or more reports state, which deal_conflicts reads instead of
grouping every report. Triggers keep it equal to that grouping through ingests, replaced articles
and edits by hand; a database from before the table gets it filled."""
from conftest import SEEDS, run_cli
from ingest.store.shape import ensure_db_shape, open_db

GROUPED = "select deal_id from deal_reports group by deal_id having count(*) > 1 order by deal_id"


def stored(db):
    return [r[0] for r in db.execute("select deal_id from deals_reported_twice order by deal_id")]


def grouped(db):
    return [r[0] for r in db.execute(GROUPED)]


def test_kept_through_ingests_and_edits(tmp_path, seed_copy):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, seed_copy, "--silent")
    db = open_db(db_path)
    twice = stored(db)
    assert twice and twice == grouped(db)
    conflicts_before = list(db.execute("select * from deal_conflicts"))
    assert conflicts_before
    # An article replaced: its reports are deleted (cascade) and new ones written.
    target = next(seed_copy.glob("002*"))
    target.write_text(target.read_text(encoding="utf-8").replace("实际投资额仅为300亿美元", "实际投资额仅为200亿美元"),
                      encoding="utf-8")
    run_cli("ingest", db_path, seed_copy, "--silent")
    db = open_db(db_path)
    assert stored(db) == grouped(db)
    # A report moved to another deal; that deal deleted with its reports (foreign keys on: cascade).
    deal = stored(db)[0]
    with db.conn:
        report, = db.execute("select min(id) from deal_reports where deal_id = ?", [deal]).fetchone()
        lonely, = db.execute("select min(deal_id) from deal_reports where deal_id not in "
                             "(select deal_id from deals_reported_twice)").fetchone()
        db.execute("update deal_reports set deal_id = ? where id = ?", [lonely, report])
    assert lonely in stored(db) and stored(db) == grouped(db)
    with db.conn:
        db.execute("delete from deals where id = ?", [lonely])
    assert lonely not in stored(db) and stored(db) == grouped(db)


def test_a_database_from_before_the_table_gets_it_filled(tmp_path):
    db_path = tmp_path / "aicap.db"
    run_cli("ingest", db_path, SEEDS, "--silent")
    db = open_db(db_path)
    expected = stored(db)
    conflicts = list(db.execute("select * from deal_conflicts"))
    with db.conn:  # as an aicap from before the table left the database
        db.execute("drop view deal_conflicts")
        db.execute("drop table deals_reported_twice")
    ensure_db_shape(db)
    assert stored(db) == expected == grouped(db)
    assert list(db.execute("select * from deal_conflicts")) == conflicts
