# Two commands do everything on a fresh machine:
#   make run    set up, load the framework and a demo workspace, serve http://127.0.0.1:8000
#   make test   set up and run the whole suite (lint, types, contracts, unit, SQLite, PostgreSQL, browser)
#   make serve  the same app as a real server: DEBUG off, gunicorn, SQLite in WAL mode or DATABASE_URL
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
# Everything is installed into this checkout's own .venv, never into the machine's Python: the venv
# is made by the standard library, uv is installed inside it, and every command runs from it.
VENV := $(CURDIR)/.venv
export VIRTUAL_ENV := $(VENV)
export PATH := $(VENV)/bin:$(PATH)
UV := $(VENV)/bin/uv
RUN :=

.PHONY: help install lock assets run serve test lint unit bench

help:
	@echo "make run    serve the demo at http://127.0.0.1:8000 (sets everything up first)"
	@echo "make test   run the whole test suite (sets everything up first)"
	@echo "make serve  serve with DEBUG off on gunicorn (README: Deployment)"

# The lock is requirements.lock: every package pinned with its hashes (and no download addresses),
# resolved from pyproject.toml by `make lock`. uv installs it into .venv exactly.
.venv/.installed: pyproject.toml requirements.lock
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	@test -x $(UV) || $(VENV)/bin/python -m pip install --quiet --disable-pip-version-check 'uv==0.13.8'  # then pinned by the lock
	$(UV) pip sync --quiet --python $(VENV)/bin/python --require-hashes requirements.lock
	$(UV) pip install --quiet --python $(VENV)/bin/python --no-deps --editable .
	@touch $@

lock: install
	$(UV) pip compile --quiet pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.11 --output-file requirements.lock

install: .venv/.installed

# Web assets: GOV.UK Frontend (and axe-core for the browser tests) from the npm registry, copied
# into var/assets by scripts/build-assets.sh. Neither node_modules nor var/ is committed.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: node_modules/.installed
	@scripts/build-assets.sh

# The web adapter's settings for `make run` (a local demo: DEBUG on, SQLite under var/).
DEMO_ENV := SUFFICIENCY_DEBUG=1
# The PostgreSQL database the integration tests run against a second time.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres

lint: install
	$(RUN) ruff check src tests benchmarks
	$(RUN) ruff format --check src tests benchmarks
	$(RUN) mypy
	$(RUN) lint-imports

unit: install
	$(RUN) pytest tests/unit

test: install assets
	@scripts/ensure-system.sh packages
	@scripts/ensure-system.sh postgres
	$(MAKE) --no-print-directory lint
	$(RUN) pytest
	DATABASE_URL=$(TEST_DATABASE_URL) $(RUN) pytest tests/integration

run: install assets
	$(DEMO_ENV) $(RUN) sufficiency-admin migrate --noinput
	$(DEMO_ENV) $(RUN) sufficiency-admin seed_demo
	@echo "==> Sufficiency: http://127.0.0.1:8000 (sign in with a demo user above; Ctrl-C stops)"
	$(DEMO_ENV) $(RUN) sufficiency-admin runserver --noreload 127.0.0.1:8000

# A real server (README: Deployment): DEBUG off, gunicorn with workers from the core count,
# WhiteNoise for static files, the secret key from SUFFICIENCY_SECRET_KEY or generated once into
# var/secret_key, SQLite in WAL mode (or DATABASE_URL). No demo users: create accounts with
# `sufficiency-admin createsuperuser`.
serve: install assets
	$(RUN) sufficiency-admin migrate --noinput
	$(RUN) sufficiency-admin load_frameworks
	$(RUN) gunicorn -c python:sufficiency.web.gunicorn_conf

bench: install
	$(RUN) python benchmarks/sampling.py --repeats 9 --check
	$(RUN) python benchmarks/published_parse.py
	$(RUN) python benchmarks/framework_aliases.py
	$(RUN) python benchmarks/report_pdf.py --check
	$(RUN) python benchmarks/results_live.py
