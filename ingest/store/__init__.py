"""The storage layer: every SQL statement aicap runs lives in this package.

Extraction (ingest/text.py, the readers) never imports it: readers return records, and the
modules here write them (save_*) or read the public tables back (read_*).

  shape.py      open_db, schema.sql and views (ensure_db_shape), aicap's mark, write-ahead logging
                and grouped writes, aicap_meta
  lock.py       one writer per database: the lock an ingest holds from start to end (no SQL)
  documents.py  documents and their paths; forgetting what was extracted from a document
  reference.py  the deal vocabulary's rows; counts that tell whether reference data is intact
  orgs.py       gazetteer organizations (with their corporate families) and people, org mentions,
                pruning discovered names
  amounts.py    amounts with their USD values
  deals.py      deals merged across documents, one deal_reports row per document
  claims.py     claims
  graph.py      deal_graph_components (strongly connected components of the money flow between
                corporate families)
  totals.py     investor_totals and funding_totals, refreshed for the organizations whose deals changed
  public_facts.py  reads the public tables back for `aicap eval` (as a user's SQL would)

Functions open no transaction of their own unless they say so: the writer (ingest/build.py)
holds it. Plain SQL rather than sqlite-utils' insert_all/upsert on purpose where rows are written
per document: those cost about 0.1 ms a call in table checks, and the first upsert on a
connection creates and drops a scratch table in the database.
"""
