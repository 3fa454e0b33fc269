# The front door: `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: help run test setup setup-test system-packages venv migrate serve preview lint format translations-extract translations-update translations-compile bench bench-load mutate clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 24

run: setup migrate serve  ## Set everything up and serve the app on http://127.0.0.1:5000

test: setup-test lint  ## Set everything up, lint (ruff, mypy) and run the whole test suite
	$(BIN)/python -m pytest -n 2 --dist loadfile

setup: system-packages $(VENV)/.installed translations-compile  ## Debian packages, venv, pinned requirements, catalogues

AXE_CORE_VERSION := 4.14.1


# axe-core (pinned, git-ignored) for the accessibility gate in tests/browser/test_accessibility.py.
setup-test: setup
	./scripts/system-packages.sh --test
	grep -qs '"version": "$(AXE_CORE_VERSION)"' .cache/axe/node_modules/axe-core/package.json || \
	  npm install --prefix .cache/axe --no-audit --no-fund --no-save axe-core@$(AXE_CORE_VERSION)

system-packages:
	./scripts/system-packages.sh

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

migrate:  ## Apply database migrations (SQLite under instance/ unless DATABASE_URL is set)
	$(FLASK) db upgrade

serve:  ## Serve with gunicorn (2 sync workers); cookies without Secure and an http address for local use
	FORMBUILDER_COOKIE_SECURE=$${FORMBUILDER_COOKIE_SECURE:-0} FORMBUILDER_BASE_URL=$${FORMBUILDER_BASE_URL:-http://$(HOST):$(PORT)} FORMBUILDER_TRUSTED_HOSTS=$${FORMBUILDER_TRUSTED_HOSTS:-localhost} $(BIN)/gunicorn --workers 2 --preload --bind $(HOST):$(PORT) --access-logfile - --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms' wsgi:app

preview: setup  ## For form authors: serve form_definitions/ on http://127.0.0.1:5001 with a throw-away database (SLUG=… opens one form)
	$(FLASK) forms preview $(SLUG)

lint: setup  ## ruff check and format check, mypy on formbuilder/ (configured in pyproject.toml)
	$(BIN)/ruff check formbuilder tests bench
	$(BIN)/ruff format --check formbuilder tests bench
	$(BIN)/mypy

format:
	$(BIN)/ruff format formbuilder tests bench

# Catalogues: translations/<language>/LC_MESSAGES/messages.po (zh_Hans, pt_BR, ja_easy …; docs/i18n.md).
# Japanese is the source language (msgids) and has no catalogue. The .mo files are git-ignored.
# Catalogues carry no header (no dates to churn), which Babel reads as "fuzzy as a whole":
# hence --use-fuzzy; fuzzy entries themselves are refused by tests/i18n.
translations-extract:  ## Extract UI strings into translations/messages.pot
	mkdir -p translations
	$(BIN)/pybabel --quiet extract -F babel.cfg -k N_ -o translations/messages.pot --sort-by-file --omit-header formbuilder

translations-update: translations-extract  ## Merge new strings into every catalogue
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --omit-header --ignore-obsolete

translations-compile:  ## Compile catalogues (.po → .mo)
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then $(BIN)/pybabel --quiet compile --use-fuzzy -d translations; fi

bench: setup migrate  ## Throughput, receipt and CSV figures (see bench/README.md)
	$(BIN)/python bench/run.py

bench-load: setup  ## The long load-and-faults run: 10,000 journeys × 50 clients, workers killed (see bench/README.md)
	$(BIN)/python bench/load.py

# Not part of `make test`: each mutant is a pytest run (docs/testing.md). MODULES=path … for some only.
MODULES ?=
JOBS ?= 1
mutate: setup-test  ## Mutation check: do the tests fail when what decides accepted values is wrong? (slow)
	$(BIN)/python scripts/mutate.py --jobs $(JOBS) $(MODULES)

clean:
	rm -rf $(VENV) .pytest_cache
