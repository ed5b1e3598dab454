"""The extraction of one document: a pure function from a parsed document to records.

extract_records touches no database, so it can run in worker processes while a single writer
(save_records) stores what it returns.
"""
from .db import save_deal_vocabulary


def save_reference_data(db) -> None:
    """Vocabularies and gazetteer rows that documents' records point at; idempotent."""
    save_deal_vocabulary(db)


def extract_records(document: dict) -> dict:
    """Everything the extractors find in document["text"]; keys name the record kinds."""
    return {}


def save_records(db, document_id: int, document: dict, records: dict) -> None:
    """Write what extract_records returned for a document. The caller holds the transaction."""
