# inmprep: two commands set everything up on a fresh machine.
#   make run    set up, migrate, load the reference data, serve on http://127.0.0.1:8000 with the
#               task worker beside the server (both stop together)
#   make test   set up, then lint, checks, translations and the whole test suite (SQLite)
PY := .venv/bin/python
MANAGE := $(PY) manage.py
TEST_ENV := INMPREP_TESTING=1 INMPREP_DOTENV=

.PHONY: run worker setup setup-dev test test-postgres lint format messages check-messages serve serve-local bench bench-layers bench-pdf bench-worker bench-compare lighthouse

setup:
	scripts/setup.sh requirements.txt

setup-dev:
	scripts/setup.sh requirements-dev.txt

run: setup
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_reference
	$(MANAGE) ensure_dev_admin
	scripts/with_worker.sh $(MANAGE) runserver 127.0.0.1:8000

# The task worker alone, in the foreground (it renders packet PDFs; the queue is in the database).
worker: setup
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) db_worker --interval 0.5

# Production: settings from the environment (see .env.example and README "Deploying").
serve: setup
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_reference
	$(MANAGE) collectstatic --no-input -v0
	scripts/with_worker.sh .venv/bin/gunicorn -c gunicorn.conf.py inmprep.wsgi

# The local profile: production code on http://127.0.0.1:8000, secure cookies off, loopback
# hosts only. For benchmarks and demos; every page says so.
LOCAL := DEBUG=0 INMPREP_LOCAL_PROFILE=1
serve-local: setup
	$(LOCAL) $(MANAGE) migrate --no-input -v0
	$(LOCAL) $(MANAGE) load_reference
	$(LOCAL) $(MANAGE) collectstatic --no-input -v0
	$(LOCAL) scripts/with_worker.sh .venv/bin/gunicorn -c gunicorn.conf.py inmprep.wsgi

# Lighthouse (npm, package.json) on the public pages in Debian's Chromium, against the local
# profile on a free port; about two minutes, so not part of make test.
lighthouse: setup-dev
	.venv/bin/python scripts/lighthouse.py

# Benchmarks (not tests): against a throwaway PostgreSQL and Redis; prints one report.
bench: setup-dev
	scripts/with_services.sh .venv/bin/python bench/run.py

# What each performance layer earns: section 1 of make bench with one layer off at a time.
bench-layers: setup-dev
	scripts/with_services.sh .venv/bin/python bench/layers.py

# This checkout's pages against an earlier revision's, in turns (3 rounds): make bench-compare BASE=a122f4b
BASE ?= HEAD~1
bench-compare: setup-dev
	.venv/bin/python bench/compare.py $(BASE)

# The PDF part of the benchmark alone (WeasyPrint against Chromium, the canje packet).
bench-pdf: setup-dev
	scripts/with_services.sh .venv/bin/python bench/run.py pdf

# Section 2b alone: the first PDF after completion, with gunicorn and the task worker running.
bench-worker: setup-dev
	scripts/with_services.sh .venv/bin/python bench/run.py worker

lint: setup-dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup-dev
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Extract every marked string, then fail on any untranslated or fuzzy Spanish entry.
messages: setup-dev
	$(TEST_ENV) $(MANAGE) makemessages -l es --no-location --ignore=.venv --ignore=staticfiles --ignore=node_modules -v0

check-messages: messages
	scripts/check_translations.sh locale/es/LC_MESSAGES/django.po
	$(TEST_ENV) $(MANAGE) compilemessages -v0 --ignore=.venv

# makemigrations --check compares models and migration files: an in-memory database will do (a
# fresh clone has no db.sqlite3, and SQLite no longer creates one by opening it).
test: setup-dev lint check-messages
	$(TEST_ENV) $(MANAGE) check --fail-level WARNING
	$(TEST_ENV) DATABASE_URL=sqlite://:memory: $(MANAGE) makemigrations --check --dry-run -v0
	$(TEST_ENV) .venv/bin/pytest -n 2 --dist loadfile -m "not postgres_only"

test-postgres: setup-dev
	$(TEST_ENV) scripts/with_services.sh .venv/bin/pytest -n 2 --dist loadfile -m "not sqlite_only"
