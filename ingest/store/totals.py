"""Per-investor totals, stored in investor_totals so total_by_investor need not read every deal.

The view investor_totals_live computes the totals from the deals (it is the old total_by_investor,
and defines the numbers); investor_totals holds its rows. Triggers (schema.sql) list in
investor_totals_stale every investor whose deals, amounts or deal vocabulary changed;
total_by_investor reads those investors live and all others from the table. The writer calls
refresh_stale_investor_totals after every ingest run that changed something: it recomputes only
the listed investors, so ingesting one article into a million-deal database recomputes a handful.
"""

COLUMNS = ("investor_id, deals, deals_with_amount, deals_superseded, "
           "usd_completed, usd_completed_low, usd_completed_high, "
           "usd_committed, usd_committed_low, usd_committed_high, "
           "usd_reported, usd_reported_low, usd_reported_high, first_date, last_date")


def _conn(db):
    return getattr(db, "conn", db)


def refresh_investor_totals(db, org_ids=None) -> None:
    """Recompute the investor_totals rows of org_ids (every investor when None) from
    investor_totals_live, and take them off investor_totals_stale. An org_id that no longer invests
    loses its row. The caller holds the transaction."""
    conn = _conn(db)
    if org_ids is None:
        conn.execute("DELETE FROM investor_totals")
        conn.execute(f"INSERT INTO investor_totals ({COLUMNS}) SELECT {COLUMNS} FROM investor_totals_live")
        conn.execute("DELETE FROM investor_totals_stale")
        return
    org_ids = sorted({int(org_id) for org_id in org_ids if org_id is not None})
    for start in range(0, len(org_ids), CHUNK):
        chunk = org_ids[start:start + CHUNK]
        # A list of values, not a subquery: SQLite pushes `investor_id IN (?, ...)` down into the
        # view's aggregation, so only these investors' deals are read (deals_from_org_id index).
        listed = f"({', '.join('?' * len(chunk))})"
        conn.execute(f"DELETE FROM investor_totals WHERE investor_id IN {listed}", chunk)
        conn.execute(f"INSERT INTO investor_totals ({COLUMNS}) SELECT {COLUMNS} FROM investor_totals_live "
                     f"WHERE investor_id IN {listed}", chunk)
        conn.execute(f"DELETE FROM investor_totals_stale WHERE investor_id IN {listed}", chunk)


CHUNK = 500  # investors per statement (SQLite allows 32,766 parameters from 3.32 on, 999 before)


def refresh_stale_investor_totals(db) -> None:
    """Bring investor_totals up to date: every investor when the table was never filled (a database
    from before it), else only those listed in investor_totals_stale. The caller holds the
    transaction."""
    conn = _conn(db)
    if investor_totals_missing(conn):
        refresh_investor_totals(conn)
        return
    stale = [org_id for (org_id,) in conn.execute("SELECT investor_id FROM investor_totals_stale")]
    if stale:
        refresh_investor_totals(conn, stale)


def investor_totals_missing(db) -> bool:
    """Investment deals exist but investor_totals was never filled (a database from before the
    table: its deals were written before the triggers that list stale investors existed)."""
    conn = _conn(db)
    if conn.execute("SELECT EXISTS (SELECT 1 FROM investor_totals)").fetchone()[0]:
        return False
    return bool(conn.execute(
        "SELECT EXISTS (SELECT 1 FROM deals d JOIN deal_kinds k ON k.kind = d.kind "
        "WHERE k.category = 'investment' AND d.from_org_id IS NOT NULL)").fetchone()[0])


def investor_totals_pending(db) -> bool:
    """The writer has totals to refresh: stale investors are listed, or the table was never filled."""
    conn = _conn(db)
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM investor_totals_stale)").fetchone()[0]) \
        or investor_totals_missing(conn)
