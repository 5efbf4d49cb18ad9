# The two entry points are the README's first two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test install lint check-migrations import-contracts pytest bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	mkdir -p var
	$(BIN)/python -m motcua migrate --noinput
	$(BIN)/python -m motcua load_demo
	DEBUG=$${DEBUG:-1} $(BIN)/python -m motcua runserver 127.0.0.1:$(PORT)

chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

check-migrations: $(VENV)/.installed
	$(BIN)/python -m motcua makemigrations --check --dry-run

import-contracts: $(VENV)/.installed
	$(BIN)/lint-imports

pytest: $(VENV)/.installed chromium
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test: lint check-migrations import-contracts pytest

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
