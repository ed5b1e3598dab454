"""Where the SQL files and vocabularies live, in a source checkout and in an installed wheel."""
from functools import lru_cache
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"


def sql_dir() -> Path:
    """The folder holding schema.sql and views/: the repo in a checkout, ingest/sql in a wheel."""
    if (REPO_DIR / "schema.sql").exists():
        return REPO_DIR
    return PACKAGE_DIR / "sql"


def schema_path() -> Path:
    return sql_dir() / "schema.sql"


def view_paths() -> list[Path]:
    return sorted((sql_dir() / "views").glob("*.sql"))


def default_annotations_dir() -> Path:
    return sql_dir() / "annotations"


def metadata_path() -> Path:
    return sql_dir() / "metadata.yaml"


@lru_cache(maxsize=None)
def load_vocabulary(name: str):
    """Parse ingest/data/<name>.yaml once per process."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)
