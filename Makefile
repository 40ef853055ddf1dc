# Samverka — every target is listed by `make help`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Samverka refuses to start without SECRET_KEY (DEBUG off). Unless one is given, the targets use a
# random key generated once for this checkout (not in git).
DEV_SECRET := .dev-secret-key
ifeq ($(origin SECRET_KEY)$(origin SECRET_KEY_FILE),undefinedundefined)
export SECRET_KEY_FILE := $(CURDIR)/$(DEV_SECRET)
endif

.PHONY: help run test test-fast bench lint format demo migrate messages lock clean load

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV_SECRET):
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

venv: $(STAMP) ## Create the virtual environment with the pinned dependencies

migrate: $(STAMP) | $(DEV_SECRET) ## Migrate the database (SQLite by default, DATABASE_URL otherwise)
	$(BIN)/python manage.py migrate --verbosity 0

demo: migrate ## Load the demo municipality built from the seeds (idempotent)
	$(BIN)/samverka load_demo

run: demo ## Set up everything and serve the app on http://127.0.0.1:8000
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Samverka körs på http://$(HOST):$(PORT)/  (avsluta med Ctrl+C)"
	$(BIN)/python manage.py runserver --insecure --noreload $(HOST):$(PORT)

test: $(STAMP) | $(DEV_SECRET) ## Run the whole test suite (browser tests where Chromium is installed)
	@command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || \
	  echo "OBS: Chromium saknas – webbläsartesterna hoppas över (apt-get install -y chromium)."
	$(BIN)/python -m pytest -q -n 2

test-fast: $(STAMP) | $(DEV_SECRET) ## Run the suite without browser tests
	$(BIN)/python -m pytest -q -m "not browser"

bench: $(STAMP) | $(DEV_SECRET) ## Benchmarks under bench/; needs DATABASE_URL=postgres://… (see bench/README.md)
	$(BIN)/python bench/run.py

load: $(STAMP) ## Load test: 50 users for 60 s on gunicorn (2 workers) + PostgreSQL (bench/README.md)
	bash bench/load.sh

lint: $(STAMP) | $(DEV_SECRET) ## Lint with ruff, type-check the calculation modules, check migrations
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0

format: $(STAMP) ## Format and fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP) ## Update and compile the English translation
	cd samverka && ../$(BIN)/django-admin makemessages -l en --no-obsolete
	cd samverka && ../$(BIN)/django-admin compilemessages

lock: ## Regenerate requirements.lock from a fresh environment
	rm -rf /tmp/samverka-lock && $(PYTHON) -m venv /tmp/samverka-lock
	/tmp/samverka-lock/bin/pip install --quiet . -r requirements-dev.txt
	(echo "# Pinned lock file: make venv installs exactly these. Regenerate with \`make lock\`."; \
	 /tmp/samverka-lock/bin/pip freeze --all | grep -vE '^(samverka|pip)[= ]') > requirements.lock

clean: ## Remove the virtual environment and the embedded database
	rm -rf $(VENV) samverka.sqlite3 staticfiles $(DEV_SECRET)
