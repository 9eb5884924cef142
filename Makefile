# Two commands on a fresh machine:
#   make demo   set up .venv, build the gazetteer index, map the seed article -> maps/out/seed.html
#   make test   set up .venv (and Debian's chromium for the browser tests), run ruff and pytest
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint install index chromium clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,scale]'
	touch $@

install: $(BIN)/.installed

index: install
	$(BIN)/geo gazetteer build --if-missing

demo: index
	$(BIN)/geo map seeds/ -o maps/out/seed.html --title "Seed article"
	@echo "open maps/out/seed.html"

# Browser tests drive Debian's chromium; install it when missing and we may.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "install Debian's chromium (sudo apt-get install chromium) for the browser tests" >&2; fi; }

lint: install
	$(BIN)/ruff check geo tests benchmarks

test: install chromium lint index
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) maps/out .pytest_cache
