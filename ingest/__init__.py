"""aicap: turn news articles about AI capital flows into a SQLite knowledge base."""

__version__ = "0.1.0"
