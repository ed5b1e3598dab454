"""Amounts: a document's monetary expressions with their USD values at the document's date."""
from ..fx import usd_fields


def save_amounts(db, document_id: int, amounts: list[dict], fx_date: str,
                 fx_date_source: str) -> list[int]:
    """Insert a document's amounts with their USD fields; returns row ids in list order.

    One statement per row, not sqlite-utils' insert_all: a row that converts an earlier one
    (约合…) needs that row's id, and this runs for every document.
    Opens no transaction: the caller wraps the whole document in one.
    """
    ids: list[int] = []
    for amount in amounts:
        row = {k: amount[k] for k in ("raw", "value", "value_low", "value_high", "currency",
                                       "bound", "char_start", "char_end")}
        row["currency_source"] = amount.get("currency_source")
        row.update(usd_fields(amount, fx_date))
        row["fx_date_source"] = fx_date_source if row["fx_date"] else None  # no rate, no date
        row["document_id"] = document_id
        row["converts_amount_id"] = ids[amount["converts"]] if amount["converts"] is not None else None
        columns = ", ".join(row)
        placeholders = ", ".join("?" for _ in row)
        cursor = db.conn.execute(f"INSERT INTO amounts ({columns}) VALUES ({placeholders})",
                                 list(row.values()))
        ids.append(cursor.lastrowid)
    return ids
