"""Organizations and people: the gazetteer as a reference list with its corporate families, the
organizations documents mention or deals and claims name (gazetteer ones copied from the list on
first use), and pruning organizations nothing points at any more.

Functions take a sqlite_utils Database or a plain sqlite3 connection, and open no transaction.
"""
import json


def _conn(db):
    return getattr(db, "conn", db)


def _org_id(conn, name: str, table: str = "organizations"):
    """The id of name in organizations, or in the reference list (table gazetteer_organizations)."""
    row = conn.execute(f"SELECT id FROM {table} WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def save_gazetteer(db, gazetteer=None, parents=None) -> None:
    """Write the gazetteer as the reference list gazetteer_organizations (every organization,
    its aliases and family links; ids stable) and every person; bring the organizations rows of
    gazetteer names already in use up to date. organizations gets a gazetteer organization only
    when a document, deal, claim or person names it (org_row_id). Idempotent: no change on a
    second run. gazetteer: ingest.orgs.load_gazetteer() when None; parents ({name: parent name}):
    ingest.families.load_parents() when None, which raises ValueError on a parent that is no
    gazetteer name or a cycle of parents."""
    if gazetteer is None:
        from ..orgs import load_gazetteer  # the reader of gazetteer.yaml lives with the matcher
        gazetteer = load_gazetteer()
    if parents is None:
        from ..families import load_parents
        parents = load_parents()
    conn = _conn(db)
    for org in gazetteer.orgs:
        _save_reference_org(conn, org)
    # After every organization is saved: a parent may come later in the file than its child.
    _save_families(conn, {org.name for org in gazetteer.orgs}, parents)
    _forget_removed_orgs(conn, {org.name for org in gazetteer.orgs})
    _refresh_orgs_in_use(conn)
    for person in gazetteer.people:
        _save_person(conn, person)


def _save_reference_org(conn, org) -> None:
    # Rows already as the gazetteer says are left untouched (no write).
    row = (org.name_zh, org.kind, org.country, org.wikidata_id, json.dumps(list(org.aliases), ensure_ascii=False))
    existing = conn.execute("SELECT id, name_zh, kind, country, wikidata_id, aliases FROM gazetteer_organizations "
                            "WHERE name = ?", (org.name,)).fetchone()
    if existing is None:
        # A name discovered in an article before the gazetteer knew it keeps its id.
        org_id = _org_id(conn, org.name) or _next_org_id(conn)
        conn.execute("INSERT INTO gazetteer_organizations (id, name, name_zh, kind, country, wikidata_id, aliases) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (org_id, org.name, *row))
    elif tuple(existing[1:]) != row:
        conn.execute("UPDATE gazetteer_organizations SET name_zh = ?, kind = ?, country = ?, wikidata_id = ?, "
                     "aliases = ? WHERE id = ?", (*row, existing[0]))


def _forget_removed_orgs(conn, names: set[str]) -> None:
    """Reference rows of names gazetteer.yaml no longer holds go; an organizations row of one
    stays while something names it, as a discovered organization would (and is pruned after)."""
    removed = [(org_id,) for org_id, name in conn.execute("SELECT id, name FROM gazetteer_organizations")
               if name not in names]
    conn.executemany("UPDATE organizations SET in_gazetteer = 0, parent_id = NULL, group_id = NULL WHERE id = ?", removed)
    conn.executemany("INSERT OR IGNORE INTO org_prune_candidates (org_id) SELECT id FROM organizations WHERE id = ?",
                     removed)
    conn.executemany("DELETE FROM gazetteer_organizations WHERE id = ?", removed)


def _next_org_id(conn) -> int:
    """An id neither table uses: an organizations row of a gazetteer name takes the reference
    row's id, so a discovered organization must not take one of those."""
    return conn.execute("SELECT max(coalesce((SELECT max(id) FROM organizations), 0), "
                        "coalesce((SELECT max(id) FROM gazetteer_organizations), 0)) + 1").fetchone()[0]


def _save_families(conn, names: set[str], parents: dict[str, str]) -> None:
    """parent_id and group_id (the family's top, the top included) of every reference organization
    as the parents say; NULL for both outside any family, also for a link the gazetteer dropped
    since. Only rows that change are written."""
    from ..families import top_of
    # Links to organizations this gazetteer does not hold (a trimmed one in a test) are ignored.
    links = {child: parent for child, parent in parents.items() if child in names and parent in names}
    ids = {name: _org_id(conn, name, "gazetteer_organizations") for name in {*links, *links.values()}}
    wanted = {}
    for child, parent in links.items():
        group_id = ids[top_of(child, links)]
        wanted[ids[child]] = (ids[parent], group_id)
        wanted.setdefault(group_id, (None, group_id))
    stored = {row[0]: (row[1], row[2]) for row in conn.execute(
        "SELECT id, parent_id, group_id FROM gazetteer_organizations "
        "WHERE parent_id IS NOT NULL OR group_id IS NOT NULL")}
    for org_id in sorted(wanted.keys() | stored.keys()):
        values = wanted.get(org_id, (None, None))
        if stored.get(org_id, (None, None)) != values:
            conn.execute("UPDATE gazetteer_organizations SET parent_id = ?, group_id = ? WHERE id = ?",
                         (*values, org_id))


REFERENCE_COLUMNS = "id, name, name_zh, kind, country, wikidata_id, parent_id, group_id, aliases"


def _refresh_orgs_in_use(conn) -> None:
    """organizations rows of gazetteer names: as the reference list now says."""
    changed = conn.execute(
        f"SELECT {', '.join('g.' + c for c in REFERENCE_COLUMNS.split(', '))} FROM gazetteer_organizations g "
        "JOIN organizations o ON o.id = g.id WHERE o.name IS NOT g.name OR o.name_zh IS NOT g.name_zh "
        "OR o.kind IS NOT g.kind OR o.country IS NOT g.country OR o.wikidata_id IS NOT g.wikidata_id "
        "OR o.in_gazetteer != 1 OR o.parent_id IS NOT g.parent_id OR o.group_id IS NOT g.group_id").fetchall()
    for reference in changed:
        _copy_reference_org(conn, reference)
    # New aliases of organizations in use (an unchanged alias is not written).
    for org_id, aliases in conn.execute("SELECT g.id, g.aliases FROM gazetteer_organizations g "
                                        "JOIN organizations o ON o.id = g.id").fetchall():
        _save_reference_aliases(conn, org_id, aliases)


def org_row_id(conn, name: str | None):
    """The organizations row id of name: its row, else a gazetteer organization's row written
    now (with its family's parents, which its parent_id and group_id point at); None for a name
    neither table holds."""
    if name is None:
        return None
    org_id = _org_id(conn, name)
    if org_id is None:
        reference = conn.execute(f"SELECT {REFERENCE_COLUMNS} FROM gazetteer_organizations WHERE name = ?",
                                 (name,)).fetchone()
        if reference is not None:
            org_id = _copy_reference_org(conn, reference)
    return org_id


def _copy_reference_org(conn, reference) -> int:
    org_id, name, name_zh, kind, country, wikidata_id, parent_id, group_id, aliases = reference
    for relative in {parent_id, group_id} - {None, org_id}:
        if conn.execute("SELECT 1 FROM organizations WHERE id = ?", (relative,)).fetchone() is None:
            _copy_reference_org(conn, conn.execute(
                f"SELECT {REFERENCE_COLUMNS} FROM gazetteer_organizations WHERE id = ?", (relative,)).fetchone())
    conn.execute(
        "INSERT INTO organizations (id, name, name_zh, kind, country, wikidata_id, in_gazetteer, parent_id, group_id) "
        "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "name_zh = excluded.name_zh, kind = excluded.kind, country = excluded.country, "
        "wikidata_id = excluded.wikidata_id, in_gazetteer = 1, parent_id = excluded.parent_id, "
        "group_id = excluded.group_id",
        (org_id, name, name_zh, kind, country, wikidata_id, parent_id, group_id))
    _save_reference_aliases(conn, org_id, aliases)
    return org_id


def _save_reference_aliases(conn, org_id: int, aliases: str) -> None:
    # A gazetteer alias a discovered organization took first goes to the gazetteer's.
    for alias in json.loads(aliases):
        conn.execute("INSERT INTO org_aliases (alias, org_id) VALUES (?, ?) "
                     "ON CONFLICT(alias) DO UPDATE SET org_id = excluded.org_id "
                     "WHERE org_aliases.org_id != excluded.org_id", (alias, org_id))


def _save_person(conn, person) -> None:
    org_id = org_row_id(conn, person.org)
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


def save_source_org(db, document_id: int, name: str | None) -> None:
    """documents.source_org_id: the organization the article's byline names (None clears it)."""
    conn = _conn(db)
    org_id = org_row_id(conn, name)
    conn.execute("UPDATE documents SET source_org_id = ? WHERE id = ? AND source_org_id IS NOT ?",
                 (org_id, document_id, org_id))


def _mentioned_org_id(conn, mention: dict) -> int:
    """The row of a mentioned organization: by name (a gazetteer one written now if absent), else
    (discovered names) by alias, else a new discovered organization."""
    name = mention["name"]
    org_id = org_row_id(conn, name)
    if org_id is None and not mention["in_gazetteer"]:
        row = conn.execute("SELECT org_id FROM org_aliases WHERE alias = ?", (name,)).fetchone()
        if row is not None:
            return row[0]
        org_id = _next_org_id(conn)
        conn.execute("INSERT INTO organizations (id, name, name_zh, kind, in_gazetteer) VALUES (?, ?, ?, ?, 0)",
                     (org_id, name, mention.get("name_zh"), mention.get("kind") or "unknown"))
    if org_id is None:
        raise LookupError(f"{name} is not in the database: run save_gazetteer first")
    return org_id


def prune_orgs(db) -> None:
    """Delete organizations that no mention, deal, claim, person, byline or family member points at any
    more, with their aliases: after documents are replaced or re-extracted with new rules, names
    no rule finds any longer do not linger, and a gazetteer organization no document names any
    longer goes back to being a reference row only (gazetteer_organizations). Only organizations
    that lost a reference since the last prune are looked at (org_prune_candidates, kept by
    triggers), each through the indexes on the referencing columns; a parent becomes a candidate
    when its last member goes. Opens no transaction."""
    conn = _conn(db)
    while True:
        candidates = [row for row in conn.execute("SELECT org_id FROM org_prune_candidates")]
        if not candidates:
            return
        conn.execute("DELETE FROM org_prune_candidates")
        conn.executemany(
            "DELETE FROM organizations WHERE id = ?"
            " AND NOT EXISTS (SELECT 1 FROM org_mentions WHERE org_id = organizations.id)"
            " AND NOT EXISTS (SELECT 1 FROM deals WHERE from_org_id = organizations.id)"
            " AND NOT EXISTS (SELECT 1 FROM deals WHERE to_org_id = organizations.id)"
            " AND NOT EXISTS (SELECT 1 FROM claims WHERE subject_org_id = organizations.id)"
            " AND NOT EXISTS (SELECT 1 FROM claims WHERE speaker_org_id = organizations.id)"
            " AND NOT EXISTS (SELECT 1 FROM people WHERE org_id = organizations.id)"
            " AND NOT EXISTS (SELECT 1 FROM documents WHERE source_org_id = organizations.id)"
            " AND NOT EXISTS (SELECT 1 FROM organizations c WHERE c.parent_id = organizations.id)"
            " AND NOT EXISTS (SELECT 1 FROM organizations c WHERE c.group_id = organizations.id"
            "                 AND c.id != organizations.id)", candidates)


def mark_all_orgs_for_pruning(db) -> None:
    """Every organization a prune candidate: after the reference data was rewritten (a database
    built when organizations held the whole gazetteer loses the names nothing points at)."""
    _conn(db).execute("INSERT OR IGNORE INTO org_prune_candidates (org_id) SELECT id FROM organizations")
