"""Transitional alias of the storage layer, which is ingest/store/: import from there.

Kept only while code written against the old module changes (ingest/cli.py and a test of aicap eval
import these two names from here). Holds no SQL and nothing else.
"""
from .store.reference import save_deal_vocabulary  # noqa: F401
from .store.shape import open_db  # noqa: F401
