# motcua: `make demo` runs the portal with demo data; `make test` runs the test suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
export MOTCUA_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve worker test test-browser test-postgres lint format bench clean browser-deps tools

# Debian packages some tests use: pdftoppm and zbarimg (render and decode slips) and the
# browser tests' chromium and npm. Installed with apt-get when we are root; otherwise the
# tests that need them say what is missing.
APT_TOOLS := pdftoppm:poppler-utils zbarimg:zbar-tools
APT_BROWSER := chromium:chromium npm:npm
define apt_ensure
	@missing=""; for pair in $(1); do cmd=$${pair%%:*}; pkg=$${pair##*:}; \
	  command -v $$cmd >/dev/null || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing from Debian:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Not root: please install$$missing (apt-get install$$missing)"; fi; fi
endef

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "motcua needs Python 3.11 or newer (found %d.%d)" % sys.version_info[:2])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

demo: install
	@mkdir -p $(MOTCUA_DATA_DIR)
	$(VENV)/bin/motcua demo --host $(HOST) --port $(PORT)

serve: install
	$(VENV)/bin/motcua serve --host $(HOST) --port $(PORT)

worker: install
	$(VENV)/bin/motcua worker

tools:
	$(call apt_ensure,$(APT_TOOLS))

test: install tools
	$(PY) -m pytest -m "not browser" -q $(PYTEST_ARGS)

# The same suite against PostgreSQL: DATABASE_URL must name a server we may create a
# throwaway database on (pytest-django creates and drops test_<name>).
test-postgres: install tools
	@test -n "$$DATABASE_URL" || (echo "Set DATABASE_URL=postgres://... first"; exit 2)
	$(PY) -m pytest -m "not browser" -q $(PYTEST_ARGS)

browser-deps: install tools
	$(call apt_ensure,$(APT_BROWSER))
	@$(PY) -c 'import shutil,sys; sys.exit(0 if shutil.which("chromium") and shutil.which("npm") else "chromium and npm are needed: apt-get install chromium npm")'
	npm ci --no-audit --no-fund --loglevel=error

test-browser: browser-deps
	$(PY) -m pytest -m browser -q $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	MOTCUA_DEBUG=true $(VENV)/bin/mypy
	MOTCUA_DEBUG=true $(PY) -m django check --settings=motcua.settings
	MOTCUA_DEBUG=true $(PY) -m django makemigrations --check --dry-run --settings=motcua.settings

format: install
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

bench: install
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf var .pytest_cache test-artifacts

# Refresh the English catalog after changing translated text (needs GNU gettext).
messages: install
	cd src/motcua && MOTCUA_DEBUG=true ../../$(PY) -m django makemessages -l en --no-location -i "migrations/*" --settings=motcua.settings
	cd src/motcua && MOTCUA_DEBUG=true ../../$(PY) -m django compilemessages -l en --settings=motcua.settings
