# Two commands do everything on a fresh machine:
#   make run    set up, load the framework and a demo workspace, serve http://127.0.0.1:8000
#   make test   set up and run the whole suite (lint, types, contracts, unit, SQLite, PostgreSQL, browser)
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3
export PYTHONDONTWRITEBYTECODE := 1
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --frozen

.PHONY: help install run test lint unit check-fresh bench

help:
	@echo "make run    serve the demo at http://127.0.0.1:8000 (sets everything up first)"
	@echo "make test   run the whole test suite (sets everything up first)"

.venv/.installed: pyproject.toml uv.lock
	@scripts/ensure-system.sh uv
	$(UV) sync --frozen --quiet
	@touch $@

install: .venv/.installed

lint: install
	$(RUN) ruff check src tests benchmarks
	$(RUN) ruff format --check src tests benchmarks
	$(RUN) mypy
	$(RUN) lint-imports

unit: install
	$(RUN) pytest tests/unit

test: install
	@scripts/ensure-system.sh packages
	@scripts/ensure-system.sh postgres
	$(MAKE) --no-print-directory lint
	$(RUN) pytest

run: install
	$(RUN) sufficiency framework list
	$(RUN) sufficiency framework show hmip-probation-2018

bench: install
	$(RUN) python benchmarks/run.py
