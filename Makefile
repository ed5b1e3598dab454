# Two commands on a fresh machine: `make db` then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DB ?= aicap.db

.PHONY: db test serve bench eval clean FORCE

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

# Extraction quality (docs/quality.md): the development set and the seeds, each built into a
# database of its own from extracted facts only (--no-curated), scored by aicap eval against their
# gold files; eval/report.py writes the table into docs/quality.md and prints it. A database is built
# again from nothing (an article removed leaves nothing behind) only when its articles or the code
# changed, with the same stamps as aicap.db.
EVAL_OUT := eval/out
EVAL_CODE := $(shell find ingest/data) $(shell find ingest -name '*.py') $(wildcard views/*.sql) schema.sql

eval: $(EVAL_OUT)/dev.db.built $(EVAL_OUT)/seeds.db.built
	$(BIN)/aicap eval $(EVAL_OUT)/dev.db eval/devset/gold.yaml --json $(EVAL_OUT)/dev.json > $(EVAL_OUT)/dev.txt
	$(BIN)/aicap eval $(EVAL_OUT)/seeds.db eval/seeds.gold.yaml --json $(EVAL_OUT)/seeds.json > $(EVAL_OUT)/seeds.txt
	$(BIN)/python eval/report.py $(EVAL_OUT)/dev.json $(EVAL_OUT)/seeds.json --write docs/quality.md

$(EVAL_OUT)/dev.db.built: $(INSTALLED) $(EVAL_CODE) $(shell find eval/devset/articles) $(if $(wildcard $(EVAL_OUT)/dev.db),,FORCE)
	$(call build_eval_db,$(EVAL_OUT)/dev.db,eval/devset/articles)

$(EVAL_OUT)/seeds.db.built: $(INSTALLED) $(EVAL_CODE) $(shell find seeds) $(if $(wildcard $(EVAL_OUT)/seeds.db),,FORCE)
	$(call build_eval_db,$(EVAL_OUT)/seeds.db,seeds/)

define build_eval_db
mkdir -p $(EVAL_OUT)
touch $(1).built.started
rm -f $(1)
$(BIN)/aicap ingest $(1) --no-curated --silent $(2)
mv $(1).built.started $(1).built
endef

# The database goes with what SQLite and the writer lock may leave beside it after a crash.
clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(DB).lock $(STAMP) $(STAMP).started .pytest_cache $(EVAL_OUT)
