"""Corporate families: the gazetteer's optional `parent` field (Google Cloud → Google → Alphabet).

A family is an organization with every organization below it. circular_deals treats a family as
one node, so money that leaves Alphabet and comes back to Google Cloud closes a loop
(docs/organizations.md). The parent links are read here rather than by ingest/orgs.py's
load_gazetteer, which builds the alias matcher and needs none of them; ingest/store/orgs.py
writes them as organizations.parent_id and group_id.
"""
from __future__ import annotations

from functools import lru_cache

from .vocab import vocabulary


def parse_parents(entries) -> dict[str, str]:
    """{name: parent name} for every gazetteer entry that names a parent. ValueError when a parent
    is not a gazetteer name (a typo would silently split a family) or the parents form a cycle
    (no family would have a top)."""
    names = {entry["name"] for entry in entries}
    parents = {}
    for entry in entries:
        parent = entry.get("parent")
        if parent is None:
            continue
        if parent not in names:
            raise ValueError(f"{entry['name']}: parent {parent!r} is not the name of a gazetteer organization")
        parents[entry["name"]] = parent
    for name in parents:
        chain = [name]
        while chain[-1] in parents:
            parent = parents[chain[-1]]
            if parent in chain:
                loop = " → ".join(chain[chain.index(parent):] + [parent])
                raise ValueError(f"the gazetteer's parents form a cycle: {loop}")
            chain.append(parent)
    return parents


def top_of(name: str, parents: dict[str, str]) -> str:
    """The organization at the top of name's family (name itself when it has no parent)."""
    while name in parents:
        name = parents[name]
    return name


@lru_cache(maxsize=1)
def load_parents() -> dict[str, str]:
    """The parents of gazetteer.yaml, checked (see parse_parents); parsed once per process."""
    return parse_parents(vocabulary("gazetteer")["organizations"])
