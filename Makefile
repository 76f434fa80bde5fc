# The README's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FIXTURES := fixtures/vocabulary.json fixtures/services.json

.PHONY: install browser run test lint format ci bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# Browser tests use Debian's chromium (Playwright never downloads one). Installed when
# missing and this user may; otherwise those tests skip and say why.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && \
		apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || \
		{ apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium; }; } || \
		echo "chromium is not installed: browser tests will be skipped (apt-get install chromium)"

# Local only: DEBUG on and plain HTTP. Production settings come from the environment.
run: install
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py loaddata $(FIXTURES)
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install browser
	$(BIN)/pytest

lint: install
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

ci:
	bash .ci/run

# The place-search benchmark (README, "Place search and its benchmark") on the kind of
# database DATABASE_URL names (SQLite by default), built in a throwaway database of its own.
# Options go in BENCH_ARGS: make bench BENCH_ARGS="--sizes 1000 --rounds 20".
bench: install
	DEBUG=1 $(BIN)/python manage.py search_benchmark $(BENCH_ARGS)
