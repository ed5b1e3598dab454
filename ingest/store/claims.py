"""Claims: a document's metric claims, attributed statements and regulatory actions."""
from .orgs import org_row_id


def _id(conn, table: str, name: str | None):
    if name is None:
        return None
    if table == "organizations":  # a gazetteer organization gets its row on first use
        row = (org_row_id(conn, name),)
    else:
        row = conn.execute(f"SELECT id FROM {table} WHERE name = ?", (name,)).fetchone()
    if row is None or row[0] is None:
        raise LookupError(f"{name} is not in {table}: save organizations and people first")
    return row[0]


def save_claims(db, document_id: int, claims: list[dict], amount_ids: list[int]) -> None:
    """Insert a document's claims, their names resolved to organizations and people rows and
    amount_index to amount_ids. Opens no transaction: the caller wraps the document in one."""
    conn = getattr(db, "conn", db)
    for c in claims:
        amount_id = amount_ids[c["amount_index"]] if c.get("amount_index") is not None else None
        conn.execute(
            "INSERT INTO claims (document_id, kind, subject_org_id, predicate, amount_id, number, unit, "
            "period, speaker, speaker_person_id, speaker_org_id, statement, evidence, char_start, "
            "char_end, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document_id, c["kind"], _id(conn, "organizations", c.get("subject")), c.get("predicate"),
             amount_id, c.get("number"), c.get("unit"), c.get("period"), c.get("speaker"),
             _id(conn, "people", c.get("speaker_person")), _id(conn, "organizations", c.get("speaker_org")),
             c.get("statement"), c["evidence"], c["char_start"], c["char_end"], c.get("source", "extracted")))
