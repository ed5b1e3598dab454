"""Organizations and people: the gazetteer's rows and corporate families, the organizations
documents mention, and discovered organizations nothing points at any more.

Functions take a sqlite_utils Database or a plain sqlite3 connection, and open no transaction.
"""
import json


def _conn(db):
    return getattr(db, "conn", db)


def _org_id(conn, name: str):
    row = conn.execute("SELECT id FROM organizations WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def save_gazetteer(db, gazetteer=None, parents=None) -> None:
    """Upsert every gazetteer organization, its aliases, its family links and every person.
    Idempotent: same ids, no change on a second run. gazetteer: ingest.orgs.load_gazetteer() when
    None; parents ({name: parent name}): ingest.families.load_parents() when None, which raises
    ValueError on a parent that is no gazetteer name or a cycle of parents."""
    if gazetteer is None:
        from ..orgs import load_gazetteer  # the reader of gazetteer.yaml lives with the matcher
        gazetteer = load_gazetteer()
    if parents is None:
        from ..families import load_parents
        parents = load_parents()
    conn = _conn(db)
    for org in gazetteer.orgs:
        org_id = _save_gazetteer_org(conn, org)
        for alias in org.aliases:
            conn.execute("INSERT INTO org_aliases (alias, org_id) VALUES (?, ?) "
                         "ON CONFLICT(alias) DO UPDATE SET org_id = excluded.org_id "
                         "WHERE org_aliases.org_id != excluded.org_id", (alias, org_id))
    # After every organization is saved: a parent may come later in the file than its child.
    _save_families(conn, {org.name for org in gazetteer.orgs}, parents)
    for person in gazetteer.people:
        _save_person(conn, person)


def _save_gazetteer_org(conn, org) -> int:
    # Rows already as the gazetteer says are left untouched (no write, no trigger).
    row = (org.name_zh, org.kind, org.country, org.wikidata_id)
    existing = conn.execute(
        "SELECT id, name_zh, kind, country, wikidata_id, in_gazetteer FROM organizations "
        "WHERE name = ?", (org.name,)).fetchone()
    if existing is None:
        conn.execute("INSERT INTO organizations (name, name_zh, kind, country, wikidata_id, "
                     "in_gazetteer) VALUES (?, ?, ?, ?, ?, 1)", (org.name, *row))
        return _org_id(conn, org.name)
    if tuple(existing[1:]) != (*row, 1):
        conn.execute("UPDATE organizations SET name_zh = ?, kind = ?, country = ?, "
                     "wikidata_id = ?, in_gazetteer = 1 WHERE id = ?", (*row, existing[0]))
    return existing[0]


def _save_families(conn, names: set[str], parents: dict[str, str]) -> None:
    """parent_id and group_id (the family's top, the top included) of every organization as the
    parents say; NULL for both outside any family, also for a link the gazetteer dropped since.
    Only rows that change are written."""
    from ..families import top_of
    # Links to organizations this gazetteer does not hold (a trimmed one in a test) are ignored.
    links = {child: parent for child, parent in parents.items() if child in names and parent in names}
    ids = {name: _org_id(conn, name) for name in {*links, *links.values()}}
    wanted = {}
    for child, parent in links.items():
        group_id = ids[top_of(child, links)]
        wanted[ids[child]] = (ids[parent], group_id)
        wanted.setdefault(group_id, (None, group_id))
    stored = {row[0]: (row[1], row[2]) for row in conn.execute(
        "SELECT id, parent_id, group_id FROM organizations "
        "WHERE parent_id IS NOT NULL OR group_id IS NOT NULL")}
    for org_id in sorted(wanted.keys() | stored.keys()):
        values = wanted.get(org_id, (None, None))
        if stored.get(org_id, (None, None)) != values:
            conn.execute("UPDATE organizations SET parent_id = ?, group_id = ? WHERE id = ?",
                         (*values, org_id))


def _save_person(conn, person) -> None:
    org_id = _org_id(conn, person.org) if person.org else None
    values = (person.name_zh, json.dumps(list(person.aliases), ensure_ascii=False), org_id,
              person.role)
    existing = conn.execute("SELECT id, name_zh, aliases, org_id, role FROM people "
                            "WHERE name = ?", (person.name,)).fetchone()
    if existing is None:
        conn.execute("INSERT INTO people (name, name_zh, aliases, org_id, role) "
                     "VALUES (?, ?, ?, ?, ?)", (person.name, *values))
    elif tuple(existing[1:]) != values:
        conn.execute("UPDATE people SET name_zh = ?, aliases = ?, org_id = ?, role = ? "
                     "WHERE id = ?", (*values, existing[0]))


def save_org_mentions(db, document_id: int, mentions: list[dict]) -> None:
    """Insert the mention rows of one document; discovered organizations are inserted when absent
    (in_gazetteer = 0, kind 'unknown') and their surface becomes an alias when free.
    Opens no transaction: the caller wraps each document in one."""
    conn = _conn(db)
    ids: dict[str, int] = {}
    for m in mentions:
        name = m["name"]
        org_id = ids.get(name)
        if org_id is None:
            org_id = ids[name] = _mentioned_org_id(conn, m)
        if not m["in_gazetteer"]:
            # The name and the surface, each once, empty ones skipped.
            for alias in dict.fromkeys(alias for alias in (name, m["surface"]) if alias):
                conn.execute("INSERT OR IGNORE INTO org_aliases (alias, org_id) VALUES (?, ?)",
                             (alias, org_id))
        conn.execute("INSERT INTO org_mentions (document_id, org_id, surface, char_start, "
                     "char_end) VALUES (?, ?, ?, ?, ?)",
                     (document_id, org_id, m["surface"], m["char_start"], m["char_end"]))


def _mentioned_org_id(conn, mention: dict) -> int:
    """The row of a mentioned organization: by name, else (discovered names) by alias, else a new
    discovered organization."""
    name = mention["name"]
    org_id = _org_id(conn, name)
    if org_id is None and not mention["in_gazetteer"]:
        row = conn.execute("SELECT org_id FROM org_aliases WHERE alias = ?", (name,)).fetchone()
        if row is not None:
            return row[0]
        conn.execute("INSERT INTO organizations (name, name_zh, kind, in_gazetteer) "
                     "VALUES (?, ?, ?, 0)", (name, mention.get("name_zh"), mention.get("kind") or "unknown"))
        org_id = _org_id(conn, name)
    if org_id is None:
        raise LookupError(f"{name} is not in the database: run save_gazetteer first")
    return org_id


def prune_discovered_orgs(db) -> None:
    """Delete discovered organizations (in_gazetteer = 0) that no mention, deal, claim or person
    points at any more, with their aliases: after documents are replaced or re-extracted with new
    rules, names no rule finds any longer do not linger. Only the organizations that lost a
    reference since the last prune are looked at (org_prune_candidates, kept by triggers), each
    through the indexes on the referencing columns. Opens no transaction."""
    conn = _conn(db)
    conn.execute(
        "DELETE FROM organizations WHERE id IN (SELECT org_id FROM org_prune_candidates) AND in_gazetteer = 0"
        " AND NOT EXISTS (SELECT 1 FROM org_mentions WHERE org_id = organizations.id)"
        " AND NOT EXISTS (SELECT 1 FROM deals WHERE from_org_id = organizations.id)"
        " AND NOT EXISTS (SELECT 1 FROM deals WHERE to_org_id = organizations.id)"
        " AND NOT EXISTS (SELECT 1 FROM claims WHERE subject_org_id = organizations.id)"
        " AND NOT EXISTS (SELECT 1 FROM claims WHERE speaker_org_id = organizations.id)"
        " AND NOT EXISTS (SELECT 1 FROM people WHERE org_id = organizations.id)")
    conn.execute("DELETE FROM org_prune_candidates")
