# Two commands on a fresh machine: `make db` then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DB ?= aicap.db

.PHONY: db test serve bench clean FORCE

# The virtualenv is rebuilt when the package's dependencies change.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(INSTALLED)

# What aicap.db is built from: files and the folders holding them (a folder's date changes when a
# file is added, renamed or deleted). aicap ingest itself skips unchanged files; make does not even
# start it while nothing is newer than the stamp of the last complete build. (Names with spaces
# would need quoting here.)
INPUTS := $(shell find seeds annotations ingest/data) $(shell find ingest -name '*.py') $(wildcard views/*.sql) schema.sql
STAMP := $(DB).built

db: $(STAMP)

# The stamp records when the last build that finished started: an input edited during a build is
# newer, and an interrupted or failed build leaves the stamp as it was, so the next `make db` runs
# again. The database itself is never a make target (make deletes an interrupted target) and is
# rebuilt when missing.
$(STAMP): $(INSTALLED) $(INPUTS) $(if $(wildcard $(DB)),,FORCE)
	touch $(STAMP).started
	$(BIN)/aicap ingest $(DB) seeds/
	mv $(STAMP).started $(STAMP)

FORCE:

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
	rm -rf $(VENV) $(DB) $(STAMP) $(STAMP).started .pytest_cache
