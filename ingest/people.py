"""People the articles quote or name (ingest/data/people.yaml), for naming claims' speakers.

The matching shares the organizations' compiled matcher (ingest/orgs.py), so a person's name
and an organization alias never compete: the longest surface wins (阿里·戈德斯 is Ali Ghodsi,
not 阿里 = Alibaba Group).
"""
from .orgs import Person, extract_person_mentions, load_gazetteer

__all__ = ["Person", "extract_person_mentions", "load_people", "person"]


def load_people() -> tuple[Person, ...]:
    return load_gazetteer().people


def person(name: str) -> Person | None:
    """The people.yaml entry of a canonical name."""
    return next((p for p in load_gazetteer().people if p.name == name), None)
