# Two commands on a fresh machine: `make db` then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DB ?= aicap.db

.PHONY: db test serve bench clean

# The virtualenv is rebuilt when the package's dependencies change.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(INSTALLED)

# What aicap.db is built from. aicap ingest itself skips unchanged files; make does not even start
# it while no input is newer than the database. (Names with spaces would need quoting here.)
INPUTS := $(shell find seeds annotations ingest/data -type f) $(wildcard ingest/*.py views/*.sql) schema.sql

db: $(DB)

# Touched on success, so a changed input that changes no row is not rebuilt again and again; on
# failure given the oldest date, so the next `make db` tries again.
$(DB): $(INSTALLED) $(INPUTS)
	$(BIN)/aicap ingest $(DB) seeds/ || { touch -d @0 $(DB) 2>/dev/null; exit 1; }
	touch $(DB)

test: $(INSTALLED)
	$(BIN)/pytest

serve: db
	$(BIN)/aicap serve $(DB)

# Benchmarks (docs/benchmarks.md): installs the bench extra (jionlp) once, generates corpora and
# a 1M-deal database into bench/out/ (reused while unchanged), prints the table.
bench: $(INSTALLED)
	$(BIN)/python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('jionlp') is None)" \
		|| $(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py --json bench/out/bench.json --table bench/out/table.txt $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
