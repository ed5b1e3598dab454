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

db: $(INSTALLED)
	$(BIN)/aicap ingest $(DB) seeds/

test: $(INSTALLED)
	$(BIN)/pytest

serve: db
	$(BIN)/aicap serve $(DB)

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
