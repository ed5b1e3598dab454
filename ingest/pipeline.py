"""The extraction of one document: a pure function from a parsed document to records.

It touches no database, so it can run in worker processes (aicap ingest --jobs N) while a
single writer saves the records.
"""


def extract_records(document: dict) -> dict:
    """Everything the extractors find in document["text"]; keys name the record kinds."""
    return {}
