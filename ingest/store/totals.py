"""Per-investor and per-receiver totals, stored so that total_by_investor and funding_received need
not read every deal.

The view investor_totals_live computes each investor's totals from the deals (it is the old
total_by_investor, and defines the numbers); investor_totals holds its rows. Likewise
funding_received_live computes what each organization received, and funding_totals holds its rows.
Triggers (schema.sql) list in investor_totals_stale and funding_totals_stale every investor and
receiver whose deals, amounts, deal vocabulary (or investors' names) changed; total_by_investor and
funding_received read those live and all others from the tables. The writer calls
refresh_stale_investor_totals and refresh_stale_funding_totals after every ingest run that changed
something: they recompute only the listed organizations, so ingesting one article into a
million-deal database recomputes a handful.
"""

COLUMNS = ("investor_id, deals, deals_with_amount, deals_superseded, "
           "usd_completed, usd_completed_low, usd_completed_high, "
           "usd_committed, usd_committed_low, usd_committed_high, "
           "usd_reported, usd_reported_low, usd_reported_high, first_date, last_date")

FUNDING_COLUMNS = ("org_id, deals, rounds, investors, deals_with_amount, deals_superseded, "
                   "usd_completed, usd_completed_low, usd_completed_high, "
                   "usd_committed, usd_committed_low, usd_committed_high, "
                   "usd_reported, usd_reported_low, usd_reported_high, first_date, last_date")

# (stored table, its live view, the stale list, their key, the columns stored)
INVESTORS = ("investor_totals", "investor_totals_live", "investor_totals_stale", "investor_id", COLUMNS)
RECEIVERS = ("funding_totals", "funding_received_live", "funding_totals_stale", "org_id", FUNDING_COLUMNS)


def _conn(db):
    return getattr(db, "conn", db)


def _refresh(conn, stored, org_ids) -> None:
    table, live, stale, key, columns = stored
    if org_ids is None:
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {live}")
        conn.execute(f"DELETE FROM {stale}")
        return
    org_ids = sorted({int(org_id) for org_id in org_ids if org_id is not None})
    for start in range(0, len(org_ids), CHUNK):
        chunk = org_ids[start:start + CHUNK]
        # A list of values, not a subquery: SQLite pushes `key IN (?, ...)` down into the view's
        # aggregation, so only these organizations' deals are read (deals_from_org_id or
        # deals_to_org_id index).
        listed = f"({', '.join('?' * len(chunk))})"
        conn.execute(f"DELETE FROM {table} WHERE {key} IN {listed}", chunk)
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {live} WHERE {key} IN {listed}", chunk)
        conn.execute(f"DELETE FROM {stale} WHERE {key} IN {listed}", chunk)


def refresh_investor_totals(db, org_ids=None) -> None:
    """Recompute the investor_totals rows of org_ids (every investor when None) from
    investor_totals_live, and take them off investor_totals_stale. An org_id that no longer invests
    loses its row. The caller holds the transaction."""
    _refresh(_conn(db), INVESTORS, org_ids)


def refresh_funding_totals(db, org_ids=None) -> None:
    """Recompute the funding_totals rows of org_ids (every receiver when None) from
    funding_received_live, and take them off funding_totals_stale. The caller holds the transaction."""
    _refresh(_conn(db), RECEIVERS, org_ids)


CHUNK = 500  # organizations per statement (SQLite allows 32,766 parameters from 3.32 on, 999 before)


def refresh_stale_investor_totals(db) -> None:
    """Bring investor_totals up to date: every investor when the table was never filled (a database
    from before it), else only those listed in investor_totals_stale. The caller holds the
    transaction."""
    _refresh_stale(_conn(db), INVESTORS, investor_totals_missing, refresh_investor_totals)


def refresh_stale_funding_totals(db) -> None:
    """Bring funding_totals up to date, as refresh_stale_investor_totals does investor_totals."""
    _refresh_stale(_conn(db), RECEIVERS, funding_totals_missing, refresh_funding_totals)


def _refresh_stale(conn, stored, missing, refresh) -> None:
    stale, key = stored[2], stored[3]
    if missing(conn):
        refresh(conn)
        return
    listed = [org_id for (org_id,) in conn.execute(f"SELECT {key} FROM {stale}")]
    if listed:
        refresh(conn, listed)


def investor_totals_missing(db) -> bool:
    """Investment deals exist but investor_totals was never filled (a database from before the
    table: its deals were written before the triggers that list stale investors existed)."""
    return _never_filled(_conn(db), "investor_totals",
                         "k.category = 'investment' AND d.from_org_id IS NOT NULL")


def funding_totals_missing(db) -> bool:
    """Investment or round deals with a receiver exist but funding_totals was never filled (a
    database from before the table)."""
    return _never_filled(_conn(db), "funding_totals",
                         "k.category IN ('investment', 'round') AND d.to_org_id IS NOT NULL")


def _never_filled(conn, table: str, deals_it_holds: str) -> bool:
    if conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]:
        return False
    return bool(conn.execute(
        f"SELECT EXISTS (SELECT 1 FROM deals d JOIN deal_kinds k ON k.kind = d.kind WHERE {deals_it_holds})"
    ).fetchone()[0])


def investor_totals_pending(db) -> bool:
    """The writer has totals to refresh: stale investors are listed, or the table was never filled."""
    return _pending(_conn(db), INVESTORS, investor_totals_missing)


def funding_totals_pending(db) -> bool:
    """The writer has receivers' totals to refresh: some are listed, or the table was never filled."""
    return _pending(_conn(db), RECEIVERS, funding_totals_missing)


def _pending(conn, stored, missing) -> bool:
    return bool(conn.execute(f"SELECT EXISTS (SELECT 1 FROM {stored[2]})").fetchone()[0]) or missing(conn)
