"""Reference data: the deal vocabulary's rows (deal_kinds, deal_statuses), and the row counts
that tell the writer whether the reference data it wrote last is still all there. (The gazetteer's
organizations and people are saved by ingest/store/orgs.py.)"""
from .. import resources


def save_deal_vocabulary(db) -> None:
    """Fill deal_kinds and deal_statuses from data/deal_vocabulary.yaml (idempotent upsert). Every
    kind states its family (what aicap eval scores it as)."""
    families = ("invest", "acquisition", "purchase", "other")
    vocabulary = resources.load_vocabulary("deal_vocabulary")
    for kind, entry in vocabulary["kinds"].items():
        if entry.get("family") not in families:
            raise ValueError(f"deal_vocabulary.yaml: kind {kind} needs a family, one of {', '.join(families)}")
        db.conn.execute(
            "INSERT INTO deal_kinds (kind, category, description, family) VALUES (?, ?, ?, ?) ON CONFLICT(kind) "
            "DO UPDATE SET category = excluded.category, description = excluded.description, family = excluded.family",
            [kind, entry["category"], entry["description"], entry["family"]])
    for status, entry in vocabulary["statuses"].items():
        db.conn.execute(
            "INSERT INTO deal_statuses (status, bucket, description) VALUES (?, ?, ?) ON CONFLICT(status) DO UPDATE "
            "SET bucket = excluded.bucket, description = excluded.description",
            [status, entry["bucket"], entry["description"]])


def reference_counts(db) -> str:
    """Row counts of the reference data (gazetteer organizations, people, vocabularies)."""
    return ",".join(str(db.conn.execute(sql).fetchone()[0]) for sql in (
        "SELECT count(*) FROM gazetteer_organizations",
        "SELECT count(*) FROM people", "SELECT count(*) FROM deal_kinds", "SELECT count(*) FROM deal_statuses"))
