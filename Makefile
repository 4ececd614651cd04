# Two commands do all setup on a fresh machine:
#   make lab    create .venv, install, open the course in JupyterLab
#   make test   the same setup plus headless Chromium and axe-core, then every test
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# nbgrader runs alembic and jupyter sub-commands by name, so the venv's bin must be on PATH.
export PATH := $(abspath $(VENV))/bin:$(PATH)
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js
PYTEST_ARGS ?=
HOST ?= 127.0.0.1

.PHONY: lab test present grade bench install browser validate clean help

help:
	@echo "make lab      open the course in JupyterLab (sets everything up first)"
	@echo "make test     run every test (sets up Chromium too)"
	@echo "make present  start the facilitator dashboards in Voila"
	@echo "make grade A=01-who-is-difficult   autograde every submission of an assignment"
	@echo "make bench    run the benchmarks and print their tables"

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@echo "Installing Unruffled and its dependencies into $(VENV) (about a minute the first time)..."
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" ; test $${PIPESTATUS[0]} -eq 0
	@touch $@

install: $(STAMP)

browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Debian's chromium at $(CHROMIUM)."; \
		echo "Install it with: sudo apt-get install -y chromium   (or set CHROMIUM=/path/to/chromium)"; \
		exit 1; \
	fi

$(AXE): package.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed for axe-core, the accessibility checker"; exit 1; }
	@npm install --no-audit --no-fund --silent
	@touch $@

lab: install
	@echo "Opening the course. JupyterLab prints the address to open (with its token) below."
	@$(PY) -m jupyterlab --ServerApp.ip=$(HOST) --ServerApp.root_dir=. --no-browser \
		$$( [ "$$(id -u)" = 0 ] && echo --allow-root ) \
		--LabApp.default_url=/lab/tree/course/01-who-is-difficult.ipynb

test: install browser $(AXE)
	@UNRUFFLED_CHROMIUM=$(CHROMIUM) $(PY) -m pytest $(PYTEST_ARGS)

validate: install
	@$(VENV)/bin/unruffled validate

present: install
	@$(VENV)/bin/unruffled present --host $(HOST)

grade: install
	@test -n "$(A)" || { echo "usage: make grade A=<assignment>, e.g. make grade A=01-who-is-difficult"; exit 2; }
	@$(VENV)/bin/unruffled grade $(A)

bench: install browser
	@for b in benchmarks/bench_*.py; do echo "== $$b"; UNRUFFLED_CHROMIUM=$(CHROMIUM) $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) node_modules grading .pytest_cache
