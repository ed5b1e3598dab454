-- aicap schema: the public contract users write SQL against.
-- Applied by ingest.store.shape.ensure_db_shape() before every run; every statement is idempotent.
-- Offsets (char_start, char_end) are character offsets into documents.text:
--   substr(documents.text, char_start + 1, char_end - char_start) equals the quoted raw / evidence.

PRAGMA foreign_keys = ON;

-- One row per distinct article (same bytes under two paths = one document).
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,          -- of the original file bytes
    source_path TEXT NOT NULL,            -- path the file was first ingested from
    url TEXT,
    title TEXT,
    author TEXT,
    publisher TEXT,
    published_on TEXT,                    -- YYYY-MM-DD, NULL when the article does not say
    language TEXT CHECK (language IN ('zh-Hans', 'zh-Hant', 'en')),
    encoding TEXT,                        -- encoding the bytes were decoded from
    format TEXT,                          -- markdown | html | text
    raw TEXT NOT NULL,                    -- decoded file content, before cleaning
    text TEXT NOT NULL,                   -- clean article body; all offsets point here
    pipeline_version TEXT,                -- fingerprint of the code + vocabularies that extracted it
    -- The outlet the byline names (来源:凤凰网, 鉅亨網編譯…, 作者: EqualOcean) when the gazetteer
    -- knows it: an organization the article names outside its text (the cleaner drops bylines).
    source_org_id INTEGER REFERENCES organizations(id)
);
CREATE INDEX IF NOT EXISTS documents_source_path ON documents(source_path);
CREATE INDEX IF NOT EXISTS documents_source_org_id ON documents(source_org_id);
CREATE INDEX IF NOT EXISTS documents_published_on ON documents(published_on);

-- Every path a document was found at (the same bytes may sit in several places).
CREATE TABLE IF NOT EXISTS document_paths (
    path TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS document_paths_document_id ON document_paths(document_id);

-- Canonical entities. name is the canonical English name.
CREATE TABLE IF NOT EXISTS organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    name_zh TEXT,
    kind TEXT NOT NULL DEFAULT 'unknown', -- vocabulary in docs/organizations.md
    country TEXT,                         -- ISO 3166-1 alpha-2
    wikidata_id TEXT,
    in_gazetteer INTEGER NOT NULL DEFAULT 1, -- 0: discovered in an article, not in the gazetteer
    -- Corporate family (gazetteer `parent`, docs/organizations.md): the parent company, and the
    -- family's top (the top itself included; NULL outside any family). circular_deals counts a
    -- family as one organization: Alphabet → SSI → Google Cloud is a loop.
    parent_id INTEGER REFERENCES organizations(id),  -- Google Cloud → Google
    group_id INTEGER REFERENCES organizations(id)    -- Google Cloud, Google, Alphabet → Alphabet
);
CREATE INDEX IF NOT EXISTS organizations_group_id ON organizations(group_id);
-- Deleting an organization checks no other names it as parent (a foreign key): without this, a scan.
CREATE INDEX IF NOT EXISTS organizations_parent_id ON organizations(parent_id);

-- The gazetteer (ingest/data/gazetteer.yaml) as a reference list: every organization aicap knows
-- by name, mentioned or not. `organizations` holds only the organizations that documents mention or
-- deals, claims and people name (and their families' parents): a gazetteer organization gets its
-- row there, with this id, when first named, and loses it when nothing names it any more.
CREATE TABLE IF NOT EXISTS gazetteer_organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    name_zh TEXT,
    kind TEXT NOT NULL DEFAULT 'unknown',
    country TEXT,
    wikidata_id TEXT,
    parent_id INTEGER REFERENCES gazetteer_organizations(id),
    group_id INTEGER REFERENCES gazetteer_organizations(id),
    aliases TEXT NOT NULL DEFAULT '[]'    -- JSON array of surface forms
);

-- Every surface form of an organization: simplified, traditional, English, abbreviations.
CREATE TABLE IF NOT EXISTS org_aliases (
    alias TEXT PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS org_aliases_org_id ON org_aliases(org_id);

CREATE TABLE IF NOT EXISTS org_mentions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organizations(id),
    surface TEXT NOT NULL,                -- exactly substr(text, char_start + 1, char_end - char_start)
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS org_mentions_document_id ON org_mentions(document_id);
CREATE INDEX IF NOT EXISTS org_mentions_org_id ON org_mentions(org_id);

CREATE TABLE IF NOT EXISTS people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,            -- canonical (English / pinyin) name
    name_zh TEXT,
    aliases TEXT,                         -- JSON array of surface forms
    org_id INTEGER REFERENCES organizations(id),  -- affiliation
    role TEXT
);
CREATE INDEX IF NOT EXISTS people_org_id ON people(org_id);

-- Every monetary expression of every document.
CREATE TABLE IF NOT EXISTS amounts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    raw TEXT NOT NULL,                    -- the expression exactly as written, qualifier included
    value REAL,                           -- in units of currency; NULL for ranges
    value_low REAL,
    value_high REAL,
    currency TEXT,                        -- ISO 4217, NULL when neither the text nor its context gives one
    currency_source TEXT CHECK (currency_source IN ('text', 'context')),  -- context: 融资5.54亿 in a yuan article
    bound TEXT NOT NULL DEFAULT 'exact'
        CHECK (bound IN ('exact', 'at_least', 'up_to', 'approx', 'range')),
    usd REAL,
    usd_low REAL,
    usd_high REAL,
    fx_rate REAL,                         -- USD per unit of currency
    fx_date TEXT,                         -- date of the ECB rate used
    fx_date_source TEXT,                  -- published_on | latest_date_in_text | latest_rate
    converts_amount_id INTEGER REFERENCES amounts(id) ON DELETE CASCADE,  -- 约合…: restates that amount
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS amounts_document_id ON amounts(document_id);
CREATE INDEX IF NOT EXISTS amounts_converts_amount_id ON amounts(converts_amount_id);

-- The deal vocabulary (filled from ingest/data/deal_vocabulary.yaml): views join on it.
CREATE TABLE IF NOT EXISTS deal_kinds (
    kind TEXT PRIMARY KEY,
    category TEXT NOT NULL CHECK (category IN ('investment', 'round', 'purchase', 'other')),
    description TEXT,
    family TEXT CHECK (family IN ('invest', 'acquisition', 'purchase', 'other'))  -- what aicap eval scores (docs/quality.md)
);
CREATE TABLE IF NOT EXISTS deal_statuses (
    status TEXT PRIMARY KEY,
    bucket TEXT NOT NULL CHECK (bucket IN ('completed', 'committed', 'reported', 'superseded')),
    description TEXT
);

-- One row per real-world deal. Money (or value) flows from_org_id -> to_org_id.
CREATE TABLE IF NOT EXISTS deals (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL REFERENCES deal_kinds(kind),
    status TEXT REFERENCES deal_statuses(status),
    from_org_id INTEGER REFERENCES organizations(id),
    to_org_id INTEGER REFERENCES organizations(id),
    amount_id INTEGER REFERENCES amounts(id) ON DELETE SET NULL,
    announced_on TEXT,                    -- YYYY-MM-DD, YYYY-MM or YYYY (see announced_precision)
    announced_precision TEXT CHECK (announced_precision IN ('day', 'month', 'year')),
    -- Where announced_on comes from: 'text' (the article dates the deal), 'published' (it does
    -- not: the publication date of the first article that reported it), NULL (neither).
    date_source TEXT CHECK (date_source IN ('text', 'published')),
    counterparty_text TEXT,               -- when the counterparty is not one organization
    -- 'each': the amount is per receiver (每家初创机构25万美元, $250,000 in each startup), so the
    -- totals leave it out; 'total': the amount of the whole deal.
    scope TEXT NOT NULL DEFAULT 'total' CHECK (scope IN ('total', 'each')),
    round_name TEXT,                      -- e.g. B轮, Series B
    project TEXT,                         -- a named project or vehicle the money is for (Izanagi)
    role TEXT,                            -- lead | participant
    parent_deal_id INTEGER REFERENCES deals(id) ON DELETE SET NULL,  -- an investor's share of a round
    superseded_by_deal_id INTEGER REFERENCES deals(id) ON DELETE SET NULL, -- scaled_back promise -> what was paid
    source TEXT NOT NULL DEFAULT 'extracted' CHECK (source IN ('extracted', 'curated')),
    status_report_id INTEGER              -- the deal_reports row the status comes from (its latest report)
);
CREATE INDEX IF NOT EXISTS deals_from_org_id ON deals(from_org_id);
CREATE INDEX IF NOT EXISTS deals_to_org_id ON deals(to_org_id);
CREATE INDEX IF NOT EXISTS deals_amount_id ON deals(amount_id);
-- deals_detailed's default order on its Datasette page (the latest deals first: metadata.yaml),
-- and date ranges (?announced_on__gte=2025): read from the index, not sorted from every deal.
CREATE INDEX IF NOT EXISTS deals_announced_on ON deals(announced_on);
-- How a new report finds the deal it repeats (same parties and kind) without walking all of an
-- investor's deals.
CREATE INDEX IF NOT EXISTS deals_parties_kind ON deals(from_org_id, to_org_id, kind);
-- Who pays an organization, read from the index alone: the refresh of deal_graph_components walks the
-- graph backwards from the deals an ingest added (forwards, deals_parties_kind serves).
CREATE INDEX IF NOT EXISTS deals_to_from ON deals(to_org_id, from_org_id);
-- The few deals a later report scaled back or cancelled, and the deals that record what was paid
-- (deal_conflicts lists both), without reading every deal; deleting a deal finds the deals that
-- point at it (ON DELETE SET NULL) by it too. Partial: almost every deal has none.
CREATE INDEX IF NOT EXISTS deals_superseded_by_deal_id ON deals(superseded_by_deal_id)
WHERE superseded_by_deal_id IS NOT NULL;

-- Organizations that lie on a cycle of the money-flow graph, whose nodes are corporate families
-- (coalesce(group_id, id)): every organization of a family that is a member of a strongly connected
-- component of two or more families (component = the smallest family id in it). Derived from
-- deals by ingest.store.graph.refresh_graph_components after every ingest run; circular_deals reads it.
CREATE TABLE IF NOT EXISTS deal_graph_components (
    org_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    component INTEGER NOT NULL
);
-- The refresh rewrites the components a change touched, found by name.
CREATE INDEX IF NOT EXISTS deal_graph_components_component ON deal_graph_components(component);

-- Every document's report of a deal, with the verbatim sentence that states it.
CREATE TABLE IF NOT EXISTS deal_reports (
    id INTEGER PRIMARY KEY,
    deal_id INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    amount_id INTEGER REFERENCES amounts(id) ON DELETE SET NULL,
    status TEXT REFERENCES deal_statuses(status),
    evidence TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT 'extracted' CHECK (source IN ('extracted', 'curated'))
);
-- A deal's reports in the order deals_detailed lists them (document, then place in it, then id:
-- the rowid ends every index entry), so its quotes, document ids and titles need no sort; it
-- replaces an index on deal_id alone.
DROP INDEX IF EXISTS deal_reports_deal_id;
CREATE INDEX IF NOT EXISTS deal_reports_deal_document ON deal_reports(deal_id, document_id, char_start);
CREATE INDEX IF NOT EXISTS deal_reports_document_id ON deal_reports(document_id);
-- Deleting a document's amounts sets these references to NULL: without the index every deleted
-- amount scans the whole table.
CREATE INDEX IF NOT EXISTS deal_reports_amount_id ON deal_reports(amount_id);

-- Deals that two or more reports state: the only deals whose reports can contradict each other
-- (deal_conflicts reads them instead of grouping every report, 0.4 s on a million). Kept by the
-- triggers below; ingest.store.shape.ensure_db_shape fills it once in a database from before it.
CREATE TABLE IF NOT EXISTS deals_reported_twice (
    deal_id INTEGER PRIMARY KEY
);
DROP TRIGGER IF EXISTS deals_reported_twice_report_inserted;
CREATE TRIGGER deals_reported_twice_report_inserted AFTER INSERT ON deal_reports BEGIN
    INSERT INTO deals_reported_twice (deal_id) SELECT new.deal_id
    WHERE NOT EXISTS (SELECT 1 FROM deals_reported_twice WHERE deal_id = new.deal_id)
      AND EXISTS (SELECT 1 FROM deal_reports WHERE deal_id = new.deal_id AND id != new.id);
END;
DROP TRIGGER IF EXISTS deals_reported_twice_report_deleted;
CREATE TRIGGER deals_reported_twice_report_deleted AFTER DELETE ON deal_reports BEGIN
    DELETE FROM deals_reported_twice WHERE deal_id = old.deal_id
      AND (SELECT count(*) FROM (SELECT 1 FROM deal_reports WHERE deal_id = old.deal_id LIMIT 2)) < 2;
END;
DROP TRIGGER IF EXISTS deals_reported_twice_report_moved;
CREATE TRIGGER deals_reported_twice_report_moved AFTER UPDATE OF deal_id ON deal_reports
WHEN old.deal_id IS NOT new.deal_id BEGIN
    DELETE FROM deals_reported_twice WHERE deal_id = old.deal_id
      AND (SELECT count(*) FROM (SELECT 1 FROM deal_reports WHERE deal_id = old.deal_id LIMIT 2)) < 2;
    INSERT INTO deals_reported_twice (deal_id) SELECT new.deal_id
    WHERE NOT EXISTS (SELECT 1 FROM deals_reported_twice WHERE deal_id = new.deal_id)
      AND EXISTS (SELECT 1 FROM deal_reports WHERE deal_id = new.deal_id AND id != new.id);
END;

-- Metric claims, attributed statements and regulatory actions.
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                   -- metric | statement | regulatory
    subject_org_id INTEGER REFERENCES organizations(id),
    predicate TEXT,                       -- vocabulary in docs/claims.md
    amount_id INTEGER REFERENCES amounts(id) ON DELETE SET NULL,
    number REAL,                          -- non-monetary value (percent, GPU count, ...)
    unit TEXT,
    period TEXT,                          -- e.g. FY2026, 2023
    speaker TEXT,
    speaker_person_id INTEGER REFERENCES people(id),
    speaker_org_id INTEGER REFERENCES organizations(id),
    statement TEXT,
    evidence TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT 'extracted' CHECK (source IN ('extracted', 'curated'))
);
CREATE INDEX IF NOT EXISTS claims_document_id ON claims(document_id);
CREATE INDEX IF NOT EXISTS claims_subject_org_id ON claims(subject_org_id);
CREATE INDEX IF NOT EXISTS claims_speaker_org_id ON claims(speaker_org_id);
CREATE INDEX IF NOT EXISTS claims_amount_id ON claims(amount_id);

-- Bookkeeping of the build itself, e.g. the fingerprint of the reference data (gazetteer,
-- vocabularies) last written, so an unchanged rebuild need not rewrite it.
CREATE TABLE IF NOT EXISTS aicap_meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

-- Full-text search over title and text. The trigram tokenizer needs no word segmentation, so it
-- works for Chinese; for one- and two-character words (投资, 融资) use the search_articles canned
-- query, which falls back to LIKE on the same table.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS documents_fts_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
-- Only when an indexed column changes: re-indexing a text (trigram) costs more than saving the
-- rest of its document, and the writer updates other columns (source_org_id) after the insert.
DROP TRIGGER IF EXISTS documents_fts_au;
CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- total_by_investor's numbers, stored: one row per organization that invests, equal to its row of
-- the view investor_totals_live (which computes them from the deals, and defines them; see
-- views/investor_totals_live.sql for their meaning). Names are not stored: total_by_investor joins
-- organizations. Kept by the writer (ingest.store.totals) at the end of every ingest run: the triggers
-- below list in investor_totals_stale every investor whose totals a change may have moved, and
-- only those are recomputed. Until then total_by_investor reads a listed investor's row live.
CREATE TABLE IF NOT EXISTS investor_totals (
    investor_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    deals INTEGER NOT NULL,               -- investment deals, superseded ones excluded
    deals_with_amount INTEGER NOT NULL,   -- of those, with an amount known in US dollars
    deals_superseded INTEGER NOT NULL,    -- scaled-back or cancelled promises (never added)
    usd_completed REAL,                   -- paid; NULL when no amount is known
    usd_completed_low REAL,
    usd_completed_high REAL,              -- NULL when an amount has no upper bound
    usd_committed REAL,                   -- announced or planned
    usd_committed_low REAL,
    usd_committed_high REAL,
    usd_reported REAL,                    -- rumored or in talks
    usd_reported_low REAL,
    usd_reported_high REAL,
    first_date TEXT,                      -- earliest announced_on (YYYY-MM-DD, YYYY-MM or YYYY)
    last_date TEXT                        -- latest announced_on
);

-- Investors whose investor_totals row may be out of date (deals inserted, deleted or changed since
-- the last refresh). No foreign key: the organization may be gone by the time of the refresh.
CREATE TABLE IF NOT EXISTS investor_totals_stale (
    investor_id INTEGER PRIMARY KEY
);
-- What an investor's totals read: its deals (kind, status, from_org_id, amount_id, announced_on, scope),
-- their amounts (and the amount a converted one restates), and the deal vocabulary's category and
-- bucket. Foreign-key actions (an amount deleted sets deals.amount_id to NULL) fire these too.
-- (No INSERT OR IGNORE: in a trigger the outer statement's conflict clause would override it.)
-- Dropped and created again on every run, so a database always has the current definitions.
DROP TRIGGER IF EXISTS investor_totals_deal_inserted;
CREATE TRIGGER investor_totals_deal_inserted AFTER INSERT ON deals
WHEN new.from_org_id IS NOT NULL BEGIN
    INSERT INTO investor_totals_stale (investor_id) SELECT new.from_org_id
    WHERE NOT EXISTS (SELECT 1 FROM investor_totals_stale WHERE investor_id = new.from_org_id);
END;
DROP TRIGGER IF EXISTS investor_totals_deal_deleted;
CREATE TRIGGER investor_totals_deal_deleted AFTER DELETE ON deals
WHEN old.from_org_id IS NOT NULL BEGIN
    INSERT INTO investor_totals_stale (investor_id) SELECT old.from_org_id
    WHERE NOT EXISTS (SELECT 1 FROM investor_totals_stale WHERE investor_id = old.from_org_id);
END;
DROP TRIGGER IF EXISTS investor_totals_deal_updated;
CREATE TRIGGER investor_totals_deal_updated
AFTER UPDATE OF kind, status, from_org_id, amount_id, announced_on, scope ON deals
WHEN old.kind IS NOT new.kind OR old.status IS NOT new.status OR old.from_org_id IS NOT new.from_org_id
  OR old.amount_id IS NOT new.amount_id OR old.announced_on IS NOT new.announced_on
  OR old.scope IS NOT new.scope BEGIN
    INSERT INTO investor_totals_stale (investor_id) SELECT old.from_org_id
    WHERE old.from_org_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM investor_totals_stale WHERE investor_id = old.from_org_id);
    INSERT INTO investor_totals_stale (investor_id) SELECT new.from_org_id
    WHERE new.from_org_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM investor_totals_stale WHERE investor_id = new.from_org_id);
END;
DROP TRIGGER IF EXISTS investor_totals_amount_updated;
CREATE TRIGGER investor_totals_amount_updated
AFTER UPDATE OF usd, usd_low, usd_high, bound, converts_amount_id ON amounts BEGIN
    INSERT INTO investor_totals_stale (investor_id)
    SELECT DISTINCT d.from_org_id FROM deals d
    WHERE (d.amount_id = new.id OR d.amount_id IN (SELECT c.id FROM amounts c WHERE c.converts_amount_id = new.id))
      AND d.from_org_id IS NOT NULL
      AND d.from_org_id NOT IN (SELECT investor_id FROM investor_totals_stale);
END;
-- An amount deleted: with foreign keys on, its deals' amount_id is set to NULL (the trigger above
-- fires); with them off, the sqlite3 shell's default, the deals keep pointing at the missing row.
DROP TRIGGER IF EXISTS investor_totals_amount_deleted;
CREATE TRIGGER investor_totals_amount_deleted AFTER DELETE ON amounts BEGIN
    INSERT INTO investor_totals_stale (investor_id)
    SELECT DISTINCT d.from_org_id FROM deals d
    WHERE (d.amount_id = old.id OR d.amount_id IN (SELECT c.id FROM amounts c WHERE c.converts_amount_id = old.id))
      AND d.from_org_id IS NOT NULL
      AND d.from_org_id NOT IN (SELECT investor_id FROM investor_totals_stale);
END;
DROP TRIGGER IF EXISTS investor_totals_kind_changed;
CREATE TRIGGER investor_totals_kind_changed AFTER UPDATE OF category ON deal_kinds
WHEN old.category IS NOT new.category BEGIN
    INSERT INTO investor_totals_stale (investor_id)
    SELECT DISTINCT d.from_org_id FROM deals d
    WHERE d.kind = new.kind AND d.from_org_id IS NOT NULL
      AND d.from_org_id NOT IN (SELECT investor_id FROM investor_totals_stale);
END;
DROP TRIGGER IF EXISTS investor_totals_status_changed;
CREATE TRIGGER investor_totals_status_changed AFTER UPDATE OF bucket ON deal_statuses
WHEN old.bucket IS NOT new.bucket BEGIN
    INSERT INTO investor_totals_stale (investor_id)
    SELECT DISTINCT d.from_org_id FROM deals d
    WHERE d.status = new.status AND d.from_org_id IS NOT NULL
      AND d.from_org_id NOT IN (SELECT investor_id FROM investor_totals_stale);
END;

-- funding_received's numbers, stored: one row per organization that receives investment, equal to
-- its row of the view funding_received_live (which computes them from the deals, and defines them),
-- names of its investors included; its own names are not stored (funding_received joins
-- organizations). Kept as investor_totals is: the triggers below list in funding_totals_stale every
-- receiver whose row a change may have moved, the writer (ingest.store.totals) recomputes those at
-- the end of every ingest run, and until then funding_received reads them live.
CREATE TABLE IF NOT EXISTS funding_totals (
    org_id INTEGER PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    deals INTEGER NOT NULL,               -- investment and round deals received, superseded ones excluded
    rounds INTEGER NOT NULL,              -- of those, funding rounds (round totals)
    investors TEXT NOT NULL,              -- JSON array of its investors' names, by name
    deals_with_amount INTEGER NOT NULL,
    deals_superseded INTEGER NOT NULL,
    usd_completed REAL,
    usd_completed_low REAL,
    usd_completed_high REAL,
    usd_committed REAL,
    usd_committed_low REAL,
    usd_committed_high REAL,
    usd_reported REAL,
    usd_reported_low REAL,
    usd_reported_high REAL,
    first_date TEXT,
    last_date TEXT
);
-- Receivers whose funding_totals row may be out of date. No foreign key, as investor_totals_stale.
CREATE TABLE IF NOT EXISTS funding_totals_stale (
    org_id INTEGER PRIMARY KEY
);
-- A deal's shares of a round (parent_deal_id): the triggers below find the shares of a deal whose
-- amount changed (a share is not added again when its round's amount is known), and deleting a
-- round finds the shares that point at it (ON DELETE SET NULL). Partial: most deals are no share.
CREATE INDEX IF NOT EXISTS deals_parent_deal_id ON deals(parent_deal_id) WHERE parent_deal_id IS NOT NULL;
-- What a receiver's row reads: the deals it receives (kind, status, from_org_id, to_org_id,
-- amount_id, announced_on, scope, parent_deal_id), their amounts and their rounds' amounts and
-- scope, the deal vocabulary's category and bucket, and its investors' names. Each trigger lists
-- the receivers of the deals a change touches, and of their shares when a round's amount moves.
DROP TRIGGER IF EXISTS funding_totals_deal_inserted;
CREATE TRIGGER funding_totals_deal_inserted AFTER INSERT ON deals BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT to_org_id FROM (
        SELECT new.to_org_id AS to_org_id
        UNION ALL SELECT to_org_id FROM deals WHERE parent_deal_id = new.id)  -- shares written before it
    WHERE to_org_id IS NOT NULL AND to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;
DROP TRIGGER IF EXISTS funding_totals_deal_deleted;
CREATE TRIGGER funding_totals_deal_deleted AFTER DELETE ON deals BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT to_org_id FROM (
        SELECT old.to_org_id AS to_org_id
        UNION ALL SELECT to_org_id FROM deals WHERE parent_deal_id = old.id)
    WHERE to_org_id IS NOT NULL AND to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;
DROP TRIGGER IF EXISTS funding_totals_deal_updated;
CREATE TRIGGER funding_totals_deal_updated
AFTER UPDATE OF kind, status, from_org_id, to_org_id, amount_id, announced_on, scope, parent_deal_id ON deals
WHEN old.kind IS NOT new.kind OR old.status IS NOT new.status OR old.from_org_id IS NOT new.from_org_id
  OR old.to_org_id IS NOT new.to_org_id OR old.amount_id IS NOT new.amount_id
  OR old.announced_on IS NOT new.announced_on OR old.scope IS NOT new.scope
  OR old.parent_deal_id IS NOT new.parent_deal_id BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT to_org_id FROM (
        SELECT old.to_org_id AS to_org_id
        UNION ALL SELECT new.to_org_id
        UNION ALL SELECT to_org_id FROM deals WHERE parent_deal_id = new.id
          AND (old.amount_id IS NOT new.amount_id OR old.scope IS NOT new.scope))
    WHERE to_org_id IS NOT NULL AND to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;
DROP TRIGGER IF EXISTS funding_totals_amount_updated;
CREATE TRIGGER funding_totals_amount_updated
AFTER UPDATE OF usd, usd_low, usd_high, bound, converts_amount_id ON amounts BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT x.to_org_id FROM deals d
    JOIN deals x ON x.id = d.id OR x.parent_deal_id = d.id  -- the deal and its shares
    WHERE (d.amount_id = new.id OR d.amount_id IN (SELECT c.id FROM amounts c WHERE c.converts_amount_id = new.id))
      AND x.to_org_id IS NOT NULL
      AND x.to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;
DROP TRIGGER IF EXISTS funding_totals_amount_deleted;
CREATE TRIGGER funding_totals_amount_deleted AFTER DELETE ON amounts BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT x.to_org_id FROM deals d
    JOIN deals x ON x.id = d.id OR x.parent_deal_id = d.id
    WHERE (d.amount_id = old.id OR d.amount_id IN (SELECT c.id FROM amounts c WHERE c.converts_amount_id = old.id))
      AND x.to_org_id IS NOT NULL
      AND x.to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;
DROP TRIGGER IF EXISTS funding_totals_kind_changed;
CREATE TRIGGER funding_totals_kind_changed AFTER UPDATE OF category ON deal_kinds
WHEN old.category IS NOT new.category BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT d.to_org_id FROM deals d
    WHERE d.kind = new.kind AND d.to_org_id IS NOT NULL
      AND d.to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;
DROP TRIGGER IF EXISTS funding_totals_status_changed;
CREATE TRIGGER funding_totals_status_changed AFTER UPDATE OF bucket ON deal_statuses
WHEN old.bucket IS NOT new.bucket BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT d.to_org_id FROM deals d
    WHERE d.status = new.status AND d.to_org_id IS NOT NULL
      AND d.to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;
-- An investor renamed, or deleted (the sqlite3 shell's foreign keys are off): the names stored in
-- the rows of the organizations it invests in.
DROP TRIGGER IF EXISTS funding_totals_investor_renamed;
CREATE TRIGGER funding_totals_investor_renamed AFTER UPDATE OF name ON organizations
WHEN old.name IS NOT new.name BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT d.to_org_id FROM deals d
    WHERE d.from_org_id = new.id AND d.to_org_id IS NOT NULL
      AND d.to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;
DROP TRIGGER IF EXISTS funding_totals_investor_deleted;
CREATE TRIGGER funding_totals_investor_deleted AFTER DELETE ON organizations BEGIN
    INSERT INTO funding_totals_stale (org_id)
    SELECT DISTINCT d.to_org_id FROM deals d
    WHERE d.from_org_id = old.id AND d.to_org_id IS NOT NULL
      AND d.to_org_id NOT IN (SELECT org_id FROM funding_totals_stale);
END;

-- Organizations that lost a reference (a mention, deal, claim, person or family member deleted or
-- moved to another organization), listed by the triggers below: the only rows prune_orgs looks
-- at, so pruning after an ingest costs what the ingest changed, not the size of the database.
-- (IS NOT, not NOT IN: a round's empty from_org_id would make NOT IN (…, NULL) list nobody.)
CREATE TABLE IF NOT EXISTS org_prune_candidates (
    org_id INTEGER PRIMARY KEY
);
DROP TRIGGER IF EXISTS org_prune_mention_deleted;
CREATE TRIGGER org_prune_mention_deleted AFTER DELETE ON org_mentions BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT old.org_id
    WHERE NOT EXISTS (SELECT 1 FROM org_prune_candidates WHERE org_id = old.org_id);
END;
DROP TRIGGER IF EXISTS org_prune_deal_deleted;
CREATE TRIGGER org_prune_deal_deleted AFTER DELETE ON deals BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT id FROM organizations
    WHERE id IN (old.from_org_id, old.to_org_id) AND id NOT IN (SELECT org_id FROM org_prune_candidates);
END;
DROP TRIGGER IF EXISTS org_prune_deal_moved;
CREATE TRIGGER org_prune_deal_moved AFTER UPDATE OF from_org_id, to_org_id ON deals BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT id FROM organizations
    WHERE id IN (old.from_org_id, old.to_org_id) AND id IS NOT new.from_org_id AND id IS NOT new.to_org_id
      AND id NOT IN (SELECT org_id FROM org_prune_candidates);
END;
DROP TRIGGER IF EXISTS org_prune_claim_deleted;
CREATE TRIGGER org_prune_claim_deleted AFTER DELETE ON claims BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT id FROM organizations
    WHERE id IN (old.subject_org_id, old.speaker_org_id) AND id NOT IN (SELECT org_id FROM org_prune_candidates);
END;
DROP TRIGGER IF EXISTS org_prune_claim_moved;
CREATE TRIGGER org_prune_claim_moved AFTER UPDATE OF subject_org_id, speaker_org_id ON claims BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT id FROM organizations
    WHERE id IN (old.subject_org_id, old.speaker_org_id) AND id IS NOT new.subject_org_id
      AND id IS NOT new.speaker_org_id AND id NOT IN (SELECT org_id FROM org_prune_candidates);
END;
DROP TRIGGER IF EXISTS org_prune_person_changed;
CREATE TRIGGER org_prune_person_changed AFTER UPDATE OF org_id ON people WHEN old.org_id IS NOT NULL BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT old.org_id
    WHERE NOT EXISTS (SELECT 1 FROM org_prune_candidates WHERE org_id = old.org_id);
END;
DROP TRIGGER IF EXISTS org_prune_family_changed;
CREATE TRIGGER org_prune_family_changed AFTER UPDATE OF parent_id, group_id ON organizations BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT id FROM organizations
    WHERE id IN (old.parent_id, old.group_id) AND id IS NOT new.parent_id AND id IS NOT new.group_id
      AND id NOT IN (SELECT org_id FROM org_prune_candidates);
END;
DROP TRIGGER IF EXISTS org_prune_member_deleted;
CREATE TRIGGER org_prune_member_deleted AFTER DELETE ON organizations BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT id FROM organizations
    WHERE id IN (old.parent_id, old.group_id) AND id NOT IN (SELECT org_id FROM org_prune_candidates);
END;
DROP TRIGGER IF EXISTS org_prune_source_changed;
CREATE TRIGGER org_prune_source_changed AFTER UPDATE OF source_org_id ON documents
WHEN old.source_org_id IS NOT NULL BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT old.source_org_id
    WHERE NOT EXISTS (SELECT 1 FROM org_prune_candidates WHERE org_id = old.source_org_id);
END;
DROP TRIGGER IF EXISTS org_prune_source_deleted;
CREATE TRIGGER org_prune_source_deleted AFTER DELETE ON documents WHEN old.source_org_id IS NOT NULL BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT old.source_org_id
    WHERE NOT EXISTS (SELECT 1 FROM org_prune_candidates WHERE org_id = old.source_org_id);
END;
DROP TRIGGER IF EXISTS org_prune_person_deleted;
CREATE TRIGGER org_prune_person_deleted AFTER DELETE ON people WHEN old.org_id IS NOT NULL BEGIN
    INSERT INTO org_prune_candidates (org_id) SELECT old.org_id
    WHERE NOT EXISTS (SELECT 1 FROM org_prune_candidates WHERE org_id = old.org_id);
END;

-- What deal_graph_components has to catch up with, listed by the triggers below, so that the refresh
-- after an ingest (ingest.store.graph.refresh_graph_components, which empties both tables) recomputes
-- what the ingest changed rather than the whole graph. An edge removed can only split the component
-- that held it: listed is the component of both its ends (none when they were in different ones or
-- in none). An edge added can only join the nodes on its paths back to itself: listed is the deal's
-- pair of organizations, unless another deal between them is an edge already. A pair (x, x) is an
-- organization that changed family: each of its deals may be a new edge of its new family, and its
-- old family's component lost a member. No foreign keys: the organizations may be gone by then.
-- A change of what counts as superseded (deal_statuses.bucket) may make or unmake edges of any deal:
-- its trigger removes the aicap_meta row that says the changes are listed, and the next refresh
-- recomputes everything.
CREATE TABLE IF NOT EXISTS deal_graph_stale_components (
    component INTEGER PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS deal_graph_new_edges (
    from_org_id INTEGER NOT NULL,
    to_org_id INTEGER NOT NULL,
    PRIMARY KEY (from_org_id, to_org_id)
) WITHOUT ROWID;
DROP TRIGGER IF EXISTS deal_graph_deal_inserted;
CREATE TRIGGER deal_graph_deal_inserted AFTER INSERT ON deals
WHEN new.from_org_id IS NOT NULL AND new.to_org_id IS NOT NULL AND new.from_org_id != new.to_org_id BEGIN
    INSERT INTO deal_graph_new_edges (from_org_id, to_org_id) SELECT new.from_org_id, new.to_org_id
    WHERE NOT EXISTS (SELECT 1 FROM deal_statuses WHERE status = new.status AND bucket = 'superseded')
      AND NOT EXISTS (SELECT 1 FROM deal_graph_new_edges WHERE from_org_id = new.from_org_id AND to_org_id = new.to_org_id)
      AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.from_org_id = new.from_org_id AND d.to_org_id = new.to_org_id
                      AND d.id != new.id
                      AND NOT EXISTS (SELECT 1 FROM deal_statuses s WHERE s.status = d.status AND s.bucket = 'superseded'));
END;
DROP TRIGGER IF EXISTS deal_graph_deal_deleted;
CREATE TRIGGER deal_graph_deal_deleted AFTER DELETE ON deals
WHEN old.from_org_id IS NOT NULL AND old.to_org_id IS NOT NULL AND old.from_org_id != old.to_org_id BEGIN
    INSERT INTO deal_graph_stale_components (component)
    SELECT f.component FROM deal_graph_components f JOIN deal_graph_components t ON t.component = f.component
    WHERE f.org_id = old.from_org_id AND t.org_id = old.to_org_id
      AND f.component NOT IN (SELECT component FROM deal_graph_stale_components);
END;
-- A deal that stays the same edge (same organizations, superseded neither before nor after) lists nothing.
DROP TRIGGER IF EXISTS deal_graph_deal_updated;
CREATE TRIGGER deal_graph_deal_updated AFTER UPDATE OF from_org_id, to_org_id, status ON deals
WHEN old.from_org_id IS NOT new.from_org_id OR old.to_org_id IS NOT new.to_org_id OR old.status IS NOT new.status BEGIN
    INSERT INTO deal_graph_stale_components (component)
    SELECT f.component FROM deal_graph_components f JOIN deal_graph_components t ON t.component = f.component
    WHERE f.org_id = old.from_org_id AND t.org_id = old.to_org_id
      AND NOT (old.from_org_id IS new.from_org_id AND old.to_org_id IS new.to_org_id
               AND NOT EXISTS (SELECT 1 FROM deal_statuses WHERE status = new.status AND bucket = 'superseded'))
      AND f.component NOT IN (SELECT component FROM deal_graph_stale_components);
    INSERT INTO deal_graph_new_edges (from_org_id, to_org_id) SELECT new.from_org_id, new.to_org_id
    WHERE new.from_org_id IS NOT NULL AND new.to_org_id IS NOT NULL AND new.from_org_id != new.to_org_id
      AND NOT EXISTS (SELECT 1 FROM deal_statuses WHERE status = new.status AND bucket = 'superseded')
      AND NOT (old.from_org_id IS new.from_org_id AND old.to_org_id IS new.to_org_id
               AND NOT EXISTS (SELECT 1 FROM deal_statuses WHERE status = old.status AND bucket = 'superseded'))
      AND NOT EXISTS (SELECT 1 FROM deal_graph_new_edges WHERE from_org_id = new.from_org_id AND to_org_id = new.to_org_id)
      AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.from_org_id = new.from_org_id AND d.to_org_id = new.to_org_id
                      AND d.id != new.id
                      AND NOT EXISTS (SELECT 1 FROM deal_statuses s WHERE s.status = d.status AND s.bucket = 'superseded'));
END;
-- An organization that joins a family, leaves one or moves to another; or is deleted from one (only
-- possible with foreign keys off: its deals then stay, as edges of its own).
DROP TRIGGER IF EXISTS deal_graph_org_regrouped;
CREATE TRIGGER deal_graph_org_regrouped AFTER UPDATE OF group_id ON organizations
WHEN old.group_id IS NOT new.group_id BEGIN
    INSERT INTO deal_graph_stale_components (component) SELECT component FROM deal_graph_components
    WHERE org_id = old.id AND component NOT IN (SELECT component FROM deal_graph_stale_components);
    INSERT INTO deal_graph_new_edges (from_org_id, to_org_id) SELECT new.id, new.id
    WHERE NOT EXISTS (SELECT 1 FROM deal_graph_new_edges WHERE from_org_id = new.id AND to_org_id = new.id);
END;
DROP TRIGGER IF EXISTS deal_graph_org_inserted;
CREATE TRIGGER deal_graph_org_inserted AFTER INSERT ON organizations WHEN new.group_id IS NOT NULL BEGIN
    INSERT INTO deal_graph_new_edges (from_org_id, to_org_id) SELECT new.id, new.id
    WHERE NOT EXISTS (SELECT 1 FROM deal_graph_new_edges WHERE from_org_id = new.id AND to_org_id = new.id);
END;
DROP TRIGGER IF EXISTS deal_graph_org_deleted;
CREATE TRIGGER deal_graph_org_deleted AFTER DELETE ON organizations WHEN old.group_id IS NOT NULL BEGIN
    INSERT INTO deal_graph_stale_components (component) SELECT component FROM deal_graph_components
    WHERE org_id = old.id AND component NOT IN (SELECT component FROM deal_graph_stale_components);
    INSERT INTO deal_graph_new_edges (from_org_id, to_org_id) SELECT old.id, old.id
    WHERE NOT EXISTS (SELECT 1 FROM deal_graph_new_edges WHERE from_org_id = old.id AND to_org_id = old.id);
END;
DROP TRIGGER IF EXISTS deal_graph_status_changed;
CREATE TRIGGER deal_graph_status_changed AFTER UPDATE OF bucket ON deal_statuses
WHEN (old.bucket = 'superseded') IS NOT (new.bucket = 'superseded') BEGIN
    DELETE FROM aicap_meta WHERE key = 'deal_graph_changes_listed';
END;
