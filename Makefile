# The two entry points are the README's first two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# make serve: the address gunicorn listens on, and its worker processes (sync workers, two per core of a 2-core
# machine; for more cores, about 2 per core).
HOST ?= 127.0.0.1
WORKERS ?= 4
PYTEST_ARGS ?=
SECRET_KEY_FILE ?= var/secret_key

.PHONY: demo serve secret-key test install lint check-migrations import-contracts pytest bench clean chromium pdf-packages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The installation's own SECRET_KEY, created once (random, mode 600) unless SECRET_KEY is set; settings.py reads
# it when SECRET_KEY is unset. Never overwritten: sessions and signed links depend on it.
secret-key: $(VENV)/.installed
	@mkdir -p var
	@if [ -z "$$SECRET_KEY" ] && [ ! -e "$(SECRET_KEY_FILE)" ]; then \
	  $(BIN)/python -c 'import os, secrets, sys; fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600); os.write(fd, secrets.token_urlsafe(64).encode()); os.close(fd)' "$(SECRET_KEY_FILE)" \
	  && echo "Created $(SECRET_KEY_FILE) (the installation's SECRET_KEY; keep it, back it up)"; \
	fi

demo: $(VENV)/.installed secret-key pdf-packages
	mkdir -p var
	$(BIN)/python -m motcua migrate --noinput
	$(BIN)/python -m motcua load_demo
	DEBUG=$${DEBUG:-1} $(BIN)/python -m motcua runserver 127.0.0.1:$(PORT)

# The production server on this machine: DEBUG off, gunicorn, static files collected into STATIC_ROOT (var/static)
# and served by WhiteNoise, on the embedded SQLite default (var/) or on DATABASE_URL. No demo data is loaded.
serve: export DEBUG := 0
serve: export MOTCUA_COLLECTED_STATIC := 1
serve: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: $(VENV)/.installed secret-key pdf-packages
	mkdir -p var
	$(BIN)/python -m motcua migrate --noinput
	$(BIN)/python -m motcua collectstatic --noinput --verbosity 0
	exec $(BIN)/gunicorn motcua.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --timeout 60 \
	  --control-socket var/gunicorn.ctl --access-logfile - --error-logfile -

chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)

# The official forms (WeasyPrint) need Pango; the tests read the PDFs back with poppler's pdftoppm.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
pdf-packages:
	@missing=""; for p in $(PDF_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then apt-get update -q && apt-get install -y -q $$missing; fi

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

check-migrations: $(VENV)/.installed secret-key
	$(BIN)/python -m motcua makemigrations --check --dry-run

import-contracts: $(VENV)/.installed
	$(BIN)/lint-imports

pytest: $(VENV)/.installed chromium pdf-packages
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test: lint check-migrations import-contracts pytest

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
