"""The storage layer: every SQL statement aicap runs lives in this package.

Extraction (ingest/text.py, the readers) never imports it: readers return records, and the
modules here write them (save_*) or read the public tables back (read_*).
"""
