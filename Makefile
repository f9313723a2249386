# Every target sets itself up: a fresh clone needs nothing but python3 and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site check test lint clean

# The distribution was named accord before accord-okrs: an old install of it is removed.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip uninstall --quiet --yes accord 2>/dev/null || true
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# The day the example organisation is written for: its check-ins run to 20 November 2026, so
# built on a later day its site fills with stale check-in warnings nobody meant. `accord build`
# itself uses today; `make site AS_OF=2027-01-15` (or AS_OF=) chooses another day.
AS_OF ?= 2026-11-23

## site: set up, check the example organisation and build its site into site/public/
site: $(STAMP)
	$(BIN)/accord build --repo . $(if $(AS_OF),--as-of $(AS_OF))

check: site

# axe-core for the accessibility tests (tests/test_browser.py), from the npm registry with
# the machine's npm; the lock file pins it. Without npm the tests skip (and fail under CI).
AXE := tests/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/axe/package.json tests/axe/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/axe --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility tests will skip (CI installs npm)"; fi

## test: set up, lint, type-check and run the tests
test: $(STAMP) $(AXE)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) site/public dist build .pytest_cache .mypy_cache .ruff_cache tests/axe/node_modules
