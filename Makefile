# Quick start: `make run` serves the portal, `make test` lints and runs every test.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Development password of the demo accounts (see README: never use it on a real server).
DEMO_PASSWORD ?= pilot-demo-2019

.PHONY: install run demo test lint format clean bench

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (set PYTHON=/path/to/python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $(STAMP)

# Days from today that `make run` keeps the batch's filing period open, so that a
# newcomer can try a submission long after the notice's 2019 deadline.
DEMO_OPEN_DAYS ?= 30

run: export DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_reference_data
	$(BIN)/python manage.py create_demo_accounts --password "$(DEMO_PASSWORD)"
	@# The demo sets its own timeline (seed_demo prints it): one deadline, never two.
	@if [ -n "$(DEMO)" ]; then \
		$(BIN)/python manage.py seed_demo --replace; \
	else \
		$(BIN)/python manage.py open_filing_period --days $(DEMO_OPEN_DAYS); \
	fi
	@echo ""
	@echo "  1+X pilot filing portal: http://$(HOST):$(PORT)/"
	@echo "  Public directory (no login): http://$(HOST):$(PORT)/directory/"
	@echo "  Log in at http://$(HOST):$(PORT)/accounts/login/ with password $(DEMO_PASSWORD):"
	@echo "    provincial staff: the unit's code, e.g. 420000 (湖北省), 110000 (北京市), 900000 (国家开放大学)"
	@echo "    national reviewer (职教所): reviewer"
	@echo "  These demo accounts are for development only."
	@if [ -z "$(DEMO)" ]; then echo "  For demonstration filings (units in every state, a few not started): make demo (replaces the filings)."; fi
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# make run, with demonstration filings (replaces existing filings): units in every state, a
# few not started, on the demo's own timeline instead of DEMO_OPEN_DAYS.
demo:
	$(MAKE) run DEMO=1

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# With branch coverage, reported at the end; below the floor in pyproject.toml
# ([tool.coverage.report] fail_under) the run fails.
test: lint
	$(BIN)/pytest --cov --cov-report=term

# Benchmarks (docs/benchmarks.md): on demand, never part of `make test`. They build their
# own databases (var/bench.sqlite3, and pilot_bench on the local PostgreSQL).
bench: install
	$(BIN)/python -m bench --db sqlite
	$(BIN)/python -m bench --db postgres

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
