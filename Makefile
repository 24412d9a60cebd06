# Every target CI runs is here; `make help` lists them.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup system run demo test test-fast test-slow lint typecheck format bench accuracy fixtures clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the pinned dependencies

system: ## Install the Debian packages the tests use (Chromium, PostgreSQL); needs root
	scripts/system-packages

run: setup ## Set up a demonstration council with the five seed plans and serve it on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo
	@# DEBUG serves the static files; a national service serves `collectstatic` output from its web server.
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup ## Lint, type-check and run every test (SQLite, then PostgreSQL where it is installed)
	@scripts/system-packages || echo "(browser and PostgreSQL tests need Chromium and PostgreSQL: sudo make system)"
	$(BIN)/ruff check .
	$(BIN)/mypy
	scripts/test-all

test-fast: setup ## The unit tests on SQLite only, no browser
	$(BIN)/pytest -q -m "not browser and not slow"

test-slow: setup ## The slow tests (a 500-page PDF, fuzzing)
	$(BIN)/pytest -q -m slow

lint: setup ## ruff
	$(BIN)/ruff check .

format: setup ## ruff format + fix imports
	$(BIN)/ruff check --fix --select I .
	$(BIN)/ruff format .

typecheck: setup ## mypy
	$(BIN)/mypy

bench: setup ## Print parser speed and memory figures
	$(BIN)/python bench/parse.py

accuracy: setup ## Print the parser's F1 against the checked readings, for every fixture and format
	$(BIN)/python bench/accuracy.py

fixtures: setup ## Re-make the .docx/.pdf fixtures from the seeds and the generated sample (needs LibreOffice)
	$(BIN)/python scripts/make_fixtures.py
	$(BIN)/python scripts/make_generated_fixtures.py

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
