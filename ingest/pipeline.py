"""The extraction of one document: a pure function from a parsed document to records.

extract_records touches no database, so it can run in worker processes while a single writer
(save_records) stores what it returns through the storage layer, ingest/store/. Amount, deal and
claim records refer to each other by list index; save_records turns indexes into row ids.
"""
from .claims import extract_claims
from .deals import extract_deals
from .fx import fx_date_for
from .orgs import extract_source_org, load_gazetteer
from .text import build_text_model
from .store.amounts import save_amounts
from .store.claims import save_claims
from .store.deals import save_deals
from .store.orgs import save_gazetteer, save_org_mentions, save_source_org
from .store.reference import save_deal_vocabulary


def save_reference_data(db) -> None:
    """Vocabularies and gazetteer rows that documents' records point at; idempotent."""
    save_deal_vocabulary(db)
    save_gazetteer(db, load_gazetteer())


def extract_records(document: dict) -> dict:
    """Everything the extractors find in document["text"]; keys name the record kinds. The text
    model (ingest/text.py) is built once and read by every extractor."""
    model = build_text_model(document["text"], document.get("published_on"), document.get("language"))
    deals = extract_deals(model)
    claims = extract_claims(model, document)
    return {"amounts": model.amounts, "org_mentions": model.org_mentions, "person_mentions": model.person_mentions,
            "deals": deals, "claims": claims, "source_org": extract_source_org(document)}


def save_records(db, document_id: int, document: dict, records: dict) -> None:
    """Write what extract_records returned for a document. The caller holds the transaction."""
    fx_date, fx_source = fx_date_for(document, document["text"])
    amount_ids = save_amounts(db, document_id, records["amounts"], fx_date, fx_source)
    save_org_mentions(db, document_id, records["org_mentions"])
    save_source_org(db, document_id, records.get("source_org"))
    save_deals(db, document_id, document.get("published_on"), records["deals"], amount_ids)
    save_claims(db, document_id, records["claims"], amount_ids)
