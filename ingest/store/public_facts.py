"""Read the public tables of an aicap database back as plain records, the way a user's SQL sees them.

aicap eval scores these records against a gold file (ingest/quality.py). The database is opened
read-only and only public tables and views are read: documents.source_path, organizations,
org_aliases, amounts, deals, deal_reports, deal_kinds, claims and circular_deals.
"""
import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .shape import reader_problem

REQUIRED_COLUMNS = {
    "documents": ("id", "source_path"),
    "organizations": ("id", "name", "name_zh"),
    "org_aliases": ("alias", "org_id"),
    "amounts": ("id", "document_id", "raw", "value", "currency", "bound", "usd"),
    "deals": ("id", "kind", "from_org_id", "to_org_id", "amount_id", "counterparty_text"),
    "deal_reports": ("id", "deal_id", "document_id", "amount_id", "evidence"),
    "deal_kinds": ("kind", "family"),
    "claims": ("document_id", "subject_org_id", "amount_id"),
    "circular_deals": (),
}


class NotAnAicapDatabase(Exception):
    """The path is missing, not SQLite, or lacks the public tables aicap eval reads."""


@dataclass(frozen=True)
class Amount:
    id: int
    document_id: int
    raw: str
    value: float | None
    currency: str | None
    bound: str
    usd: float | None


@dataclass(frozen=True)
class DealReport:
    """One deal_reports row with its deal's kind, family and parties; amount_id is the report's
    amount, else the deal's."""
    id: int
    deal_id: int
    document_id: int
    kind: str
    family: str | None
    from_org_id: int | None
    to_org_id: int | None
    from_name: str | None
    to_name: str | None
    counterparty_text: str | None
    amount_id: int | None
    evidence: str


@dataclass(frozen=True)
class Claim:
    document_id: int
    subject_org_id: int | None
    amount_id: int | None


@dataclass
class PublicFacts:
    source_paths: dict[int, str]           # document id -> documents.source_path
    org_names: list[tuple[str, int]]       # every organizations.name, name_zh and org_aliases.alias, with its org id
    amounts: list[Amount]                  # in id order
    deal_reports: list[DealReport]
    claims: list[Claim]
    circular_deals: list[dict]             # the rows of the circular_deals view


def read_public_facts(db_path) -> PublicFacts:
    """Everything aicap eval needs from the database at db_path; raises NotAnAicapDatabase."""
    with contextlib.closing(_connect_read_only(db_path)) as conn:
        _check_public_tables(conn, db_path)
        try:
            return _read(conn)
        except sqlite3.Error as error:
            raise NotAnAicapDatabase(f"{db_path} could not be read: {error}")


def _connect_read_only(db_path) -> sqlite3.Connection:
    path = Path(db_path)
    if not path.is_file():
        raise NotAnAicapDatabase(f"{db_path}: no such database file")
    problem = reader_problem(db_path)
    if problem:
        raise NotAnAicapDatabase(problem)
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _read(conn) -> PublicFacts:
    return PublicFacts(
        source_paths=dict(conn.execute("SELECT id, source_path FROM documents").fetchall()),
        org_names=_read_org_names(conn),
        amounts=[Amount(*row) for row in conn.execute(
            "SELECT id, document_id, raw, value, currency, bound, usd FROM amounts ORDER BY id")],
        deal_reports=_read_deal_reports(conn),
        claims=[Claim(*row) for row in conn.execute(
            "SELECT document_id, subject_org_id, amount_id FROM claims ORDER BY id")],
        circular_deals=[dict(row) for row in conn.execute("SELECT * FROM circular_deals")],
    )


def _check_public_tables(conn, db_path) -> None:
    try:
        relations = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    except sqlite3.DatabaseError as error:
        raise NotAnAicapDatabase(f"{db_path} is not an SQLite database ({error})")
    missing = [name for name in REQUIRED_COLUMNS if name not in relations]
    if missing:
        raise NotAnAicapDatabase(f"{db_path} is not an aicap database (no {', '.join(missing)}); "
                                 "build one with `aicap ingest DB_PATH --no-curated ARTICLES...`")
    for table, columns in REQUIRED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        lacking = [column for column in columns if column not in have]
        if lacking:
            raise NotAnAicapDatabase(
                f"{db_path} was built by an older aicap ({table} has no {', '.join(lacking)}); "
                f"run `aicap ingest {db_path} ARTICLES...` again to update it")


def _read_org_names(conn) -> list[tuple[str, int]]:
    return [tuple(row) for row in conn.execute(
        "SELECT name, id FROM organizations "
        "UNION ALL SELECT name_zh, id FROM organizations WHERE name_zh IS NOT NULL "
        "UNION ALL SELECT alias, org_id FROM org_aliases")]


def _read_deal_reports(conn) -> list[DealReport]:
    return [DealReport(*row) for row in conn.execute(
        "SELECT r.id, d.id, r.document_id, d.kind, k.family, d.from_org_id, d.to_org_id, f.name, t.name, "
        "       d.counterparty_text, coalesce(r.amount_id, d.amount_id), r.evidence "
        "FROM deal_reports r JOIN deals d ON d.id = r.deal_id "
        "LEFT JOIN deal_kinds k ON k.kind = d.kind "
        "LEFT JOIN organizations f ON f.id = d.from_org_id "
        "LEFT JOIN organizations t ON t.id = d.to_org_id "
        "ORDER BY r.document_id, r.char_start, r.id")]
