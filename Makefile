# Two commands on a fresh machine:
#   make demo   set up .venv, build the gazetteer index, map the seed article -> maps/out/seed.html
#   make test   set up .venv (and Debian's chromium + pinned map assets for the browser tests),
#               build the index, run ruff and pytest
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# the index, caches and map assets live in the checkout, so a rebuild follows the data
export GEO_HOME ?= $(CURDIR)/.cache/geo
INDEX  := $(GEO_HOME)/index/manifest.json

.PHONY: demo test smoke lint install index assets chromium clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,scale]'
	touch $@

install: $(BIN)/.installed

# rebuilt whenever the curated data or the builder changes
$(INDEX): $(BIN)/.installed $(wildcard data/gazetteer/*.csv data/gazetteer/*.gz) \
          $(wildcard geo/gazetteer/*.py) geo/_names.py
	$(BIN)/geo gazetteer build

index: $(INDEX)

demo: index
	$(BIN)/geo map maps/seed.toml --force
	@echo "open maps/out/seed.html in a browser"

# Browser tests drive Debian's chromium; install it when missing and we may.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "install Debian's chromium (sudo apt-get install chromium) for the browser tests" >&2; exit 1; fi; }

# the pinned Leaflet/plugin files, from the npm registry, checked against their sha256
assets: install
	$(BIN)/geo assets fetch

lint: install
	$(BIN)/ruff check geo tests benchmarks scripts

test: install chromium assets lint index
	$(BIN)/python -m pytest -q

# every shared dataset (../shared) through parse, ingest, events, frontline and map
smoke: install index
	$(BIN)/python scripts/smoke.py

clean:
	rm -rf $(VENV) maps/out .pytest_cache .cache
