"""Deals: one deals row per real-world deal, one deal_reports row per document that reports it.

A document's deals are merged into deals other documents reported when kind, parties and amount
agree; a deal's status and amount are folded in from its reports as they arrive, and recomputed
from all of them (refresh_deal) when some are deleted.
"""
# The amount comparison of the extractor, which groups one document's mentions of a deal by it:
# deals merge across documents by the same rule (equal within 1%).
from ..deal_merge import same_value
from .orgs import org_row_id


def save_deals(db, document_id: int, published_on: str | None, deals: list[dict], amount_ids: list[int]) -> None:
    """Insert a document's deals, merging each into an existing deal reported by another document
    when kind and parties agree and (_matching_deal) the amounts and dates do not disagree. A
    promise and a later, different payment never merge: their amounts differ.
    The caller holds the transaction."""
    org_ids = _org_ids(db, [name for deal in deals for name in (deal["from"], deal["to"])])
    deal_ids: list[int] = []
    for deal in deals:
        amount_id = amount_ids[deal["amount_index"]] if deal["amount_index"] is not None else None
        from_id, to_id = org_ids.get(deal["from"]), org_ids.get(deal["to"])
        deal_id = _matching_deal(db, deal, from_id, to_id, amount_id, document_id, published_on)
        if deal_id is None:
            deal_id = _insert_deal(db, deal, from_id, to_id, amount_id, published_on)
        else:
            _date_from_report(db, deal_id, deal, published_on)
        report_id = _insert_report(db, deal, deal_id, document_id, amount_id)
        _add_report(db, deal_id, report_id, deal["status"], amount_id, published_on)
        deal_ids.append(deal_id)
    _link_deals(db, deals, deal_ids)


def _insert_deal(db, deal: dict, from_id, to_id, amount_id, published_on: str | None) -> int:
    """A deal the text does not date is dated by its report's publication, marked as such."""
    announced_on, precision, date_source = deal["announced_on"], deal["announced_precision"], "text"
    if not announced_on:
        announced_on, precision = published_on, _precision_of(published_on)
        date_source = "published" if published_on else None
    return db.conn.execute(
        "INSERT INTO deals (kind, status, from_org_id, to_org_id, amount_id, announced_on, announced_precision,"
        " date_source, counterparty_text, scope, round_name, role, project, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [deal["kind"], deal["status"], from_id, to_id, amount_id, announced_on, precision, date_source,
         deal["counterparty_text"], deal.get("scope") or "total", deal["round_name"], deal["role"],
         deal.get("project"), deal["source"]]).lastrowid


def _precision_of(date: str | None) -> str | None:
    return {10: "day", 7: "month", 4: "year"}.get(len(date)) if date else None


def _date_from_report(db, deal_id: int, deal: dict, published_on: str | None) -> None:
    """A later report that dates the deal in its text replaces a date taken from publication; one
    published earlier than the deal's first report moves a publication date back."""
    if deal["announced_on"]:
        db.conn.execute("UPDATE deals SET announced_on = ?, announced_precision = ?, date_source = 'text' "
                        "WHERE id = ? AND date_source IS NOT 'text'",
                        [deal["announced_on"], deal["announced_precision"], deal_id])
    elif published_on:
        db.conn.execute("UPDATE deals SET announced_on = ?, announced_precision = ?, date_source = 'published' "
                        "WHERE id = ? AND (date_source IS NULL OR date_source = 'published' AND announced_on > ?)",
                        [published_on, _precision_of(published_on), deal_id, published_on])


def _insert_report(db, deal: dict, deal_id: int, document_id: int, amount_id) -> int:
    return db.conn.execute(
        "INSERT INTO deal_reports (deal_id, document_id, amount_id, status, evidence, char_start, char_end, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [deal_id, document_id, amount_id, deal["status"], deal["evidence"], deal["char_start"], deal["char_end"],
         deal["source"]]).lastrowid


def _link_deals(db, deals: list[dict], deal_ids: list[int]) -> None:
    """Parent rounds and superseding deals, which the records name by list index."""
    for deal, deal_id in zip(deals, deal_ids):
        links = {"parent_deal_id": deal.get("parent_index"), "superseded_by_deal_id": deal.get("superseded_by_index")}
        for column, index in links.items():
            if index is not None and deal_ids[index] != deal_id:
                db.conn.execute(f"UPDATE deals SET {column} = ? WHERE id = ?", [deal_ids[index], deal_id])


def _org_ids(db, names) -> dict:
    """Row ids of the named organizations (a gazetteer one gets its row now if it has none)."""
    ids = {name: org_row_id(db.conn, name) for name in sorted({name for name in names if name})}
    return {name: org_id for name, org_id in ids.items() if org_id is not None}


def _matching_deal(db, deal: dict, from_id, to_id, amount_id, document_id, published_on) -> int | None:
    """The deal of other documents this report repeats: the same kind and parties, dates that do
    not disagree (_dates_agree), and the same amount (equal within 1%). A report without an amount
    joins a deal without one, else the only such deal; a report with an amount fills the only such
    deal when that one has none (Microsoft → OpenAI reported once with 100亿美元, once without)."""
    candidates = [c for c in db.query(
        "SELECT d.id, d.amount_id, d.announced_on, d.date_source, a.value, a.value_high, a.currency FROM deals d "
        "LEFT JOIN amounts a ON a.id = d.amount_id "
        "WHERE d.from_org_id IS ? AND d.to_org_id IS ? AND d.kind = ? "
        "AND (d.to_org_id IS NOT NULL OR d.counterparty_text IS ?) "
        "AND NOT EXISTS (SELECT 1 FROM deal_reports r WHERE r.deal_id = d.id AND r.document_id = ?)",
        [from_id, to_id, deal["kind"], deal["counterparty_text"], document_id])
        if _dates_agree(deal["announced_on"], published_on, c)]
    without_amount = [c for c in candidates if c["amount_id"] is None]
    if amount_id is None:
        if without_amount:
            return without_amount[0]["id"]
        return candidates[0]["id"] if len(candidates) == 1 else None
    mine = next(db.query("SELECT value, value_high, currency FROM amounts WHERE id = ?", [amount_id]))
    same = [c for c in candidates if c["amount_id"] is not None and same_value(mine, c)]
    if same:
        return same[0]["id"]
    return candidates[0]["id"] if len(candidates) == 1 and without_amount else None


def _dates_agree(announced_on: str | None, published_on: str | None, candidate: dict) -> bool:
    """Whether a report (its text's date, else its publication's) can be about the candidate deal:
    dates in the text must name the same month; a report published before the month a deal is
    dated in is about another deal, and so is a deal first reported before the report's date.
    Undated reports published more than a year apart are taken for different deals (talks in
    2024, an investment paid in 2026)."""
    theirs, source = candidate["announced_on"], candidate["date_source"]
    if not theirs:
        return True
    if source == "text":
        if announced_on:
            return announced_on[:7] == theirs[:7]
        return not published_on or published_on[:7] >= theirs[:7]
    if announced_on:
        return theirs[:7] >= announced_on[:7]
    return not published_on or abs(_month_number(published_on) - _month_number(theirs)) <= MONTHS_APART


MONTHS_APART = 12


def _month_number(date: str) -> int:
    return int(date[:4]) * 12 + (int(date[5:7]) if len(date) >= 7 else 1)


# A deal's status is that of its latest report: by the reporting document's date, undated
# documents last, then by report id. Its amount is the first report's that states one.
LATEST_REPORT_FIRST = "d.published_on IS NULL, d.published_on DESC, r.id DESC"


def _add_report(db, deal_id: int, report_id: int, status: str | None, amount_id: int | None,
                published_on: str | None) -> None:
    """Fold one new report (the highest id so far) into its deal, comparing with the report that
    decides the status now instead of re-sorting every report: big deals collect thousands."""
    row = db.conn.execute(
        "SELECT deals.amount_id, deals.status_report_id, d.published_on FROM deals "
        "LEFT JOIN deal_reports r ON r.id = deals.status_report_id "
        "LEFT JOIN documents d ON d.id = r.document_id WHERE deals.id = ?", [deal_id]).fetchone()
    current_amount, deciding_report, deciding_date = row
    if deciding_report is None and db.conn.execute(
            "SELECT 1 FROM deal_reports WHERE deal_id = ? AND id != ? LIMIT 1", [deal_id, report_id]).fetchone():
        # Reports saved by an aicap from before status_report_id: recount this deal once.
        refresh_deal(db, deal_id)
        return
    newer = (deciding_report is None or deciding_date is None
             or (published_on is not None and published_on >= deciding_date))
    if newer:
        db.conn.execute("UPDATE deals SET status = coalesce(?, status), status_report_id = ? WHERE id = ?",
                        [status, report_id, deal_id])
    if current_amount is None and amount_id is not None:
        db.conn.execute("UPDATE deals SET amount_id = ? WHERE id = ?", [amount_id, deal_id])


def refresh_deal(db, deal_id: int) -> None:
    """Recompute a deal's status and amount from all its reports: after some of them were deleted."""
    db.conn.execute(
        "UPDATE deals SET "
        f" status_report_id = (SELECT r.id FROM deal_reports r JOIN documents d ON d.id = r.document_id "
        f"   WHERE r.deal_id = deals.id ORDER BY {LATEST_REPORT_FIRST} LIMIT 1),"
        " amount_id = coalesce(amount_id, (SELECT amount_id FROM deal_reports WHERE deal_id = deals.id "
        "   AND amount_id IS NOT NULL ORDER BY id LIMIT 1))"
        " WHERE id = ?", [deal_id])
    db.conn.execute(
        "UPDATE deals SET status = coalesce((SELECT status FROM deal_reports WHERE id = deals.status_report_id), status) "
        "WHERE id = ?", [deal_id])
