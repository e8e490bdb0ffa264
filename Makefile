# wagtail-disclosure: developer commands. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
MANAGE := $(PY) example_project/manage.py
PYTEST := $(PY) -m pytest

.PHONY: demo test test-sqlite test-postgres test-compat test-wagtail74 test-custom-page bench bench-quick fuzz loadtest access-matrix docs messages clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test,docs]"
	touch $(STAMP)

demo: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) disclosure_demo
	$(MANAGE) runserver 127.0.0.1:8000

# The whole suite: SQLite always; PostgreSQL too when DISCLOSURE_TEST_POSTGRES_URL is set
# (.ci/run sets it; in CI a missing database is an error, never a skip).
test: $(STAMP)
	$(MAKE) test-sqlite
	@if [ -n "$$DISCLOSURE_TEST_POSTGRES_URL" ]; then \
		$(MAKE) test-postgres; \
	elif [ -n "$$CI" ]; then \
		echo "CI is set but DISCLOSURE_TEST_POSTGRES_URL is not: the PostgreSQL leg cannot run." >&2; exit 1; \
	else \
		echo "PostgreSQL leg not run: set DISCLOSURE_TEST_POSTGRES_URL=postgres://user:pass@host/db to run it."; \
	fi

test-sqlite: $(STAMP)
	$(PYTEST) -m "not postgres"

test-postgres: $(STAMP)
	DATABASE_URL="$$DISCLOSURE_TEST_POSTGRES_URL" $(PYTEST)

# The non-browser suite on Wagtail 7.4 LTS and with a custom WAGTAIL_PAGE_MODEL.
test-compat: test-wagtail74 test-custom-page

test-wagtail74: setup.cfg
	$(PYTHON) -m venv .venv-wagtail74
	.venv-wagtail74/bin/pip install --quiet --upgrade pip
	.venv-wagtail74/bin/pip install --quiet -e ".[test]" "wagtail>=7.4,<7.5"
	.venv-wagtail74/bin/python -m pytest -m "not browser and not postgres" -p no:cacheprovider

test-custom-page: $(STAMP)
	DJANGO_SETTINGS_MODULE=tests.settings_custom_page $(PYTEST) -m "not browser and not postgres" -p no:cacheprovider

bench: $(STAMP)
	$(PY) tests/benchmarks/run.py
	$(PY) tests/benchmarks/requests_bench.py
	$(PY) tests/benchmarks/reports_bench.py

# The column/cache/API benchmark in smoke-test mode (about two minutes; figures not for the docs).
bench-quick: $(STAMP)
	$(PY) tests/benchmarks/run.py --quick

# Schemathesis and the property tests with many more cases (docs/explanation/fuzzing.md).
fuzz: $(STAMP)
	DISCLOSURE_FUZZ_EXAMPLES=250 HYPOTHESIS_PROFILE=fuzz $(PYTEST) -p no:cacheprovider tests/test_fuzz_api.py tests/test_properties_*.py

# The load test (docs/explanation/load-test.md): gunicorn, PostgreSQL and Redis on loopback.
# Needs redis-server and DATABASE_URL or DISCLOSURE_TEST_POSTGRES_URL; its own database
# <name>_load is created and dropped.
loadtest: $(STAMP)
	mkdir -p .bench
	$(PY) tests/load/loadtest.py --json .bench/loadtest.json

# The access matrix's docs page, from tests/access_matrix.py (tests/test_access_matrix.py checks it).
access-matrix: $(STAMP)
	$(PY) -m tests.access_matrix --write

docs: $(STAMP)
	$(VENV)/bin/sphinx-build -W --keep-going -b html docs docs/_build/html

messages: $(STAMP)
	cd wagtail_disclosure && ../$(PY) ../example_project/manage.py makemessages -l zh_Hans --no-obsolete --no-location
	cd wagtail_disclosure && ../$(PY) ../example_project/manage.py compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) .venv-wagtail74 docs/_build example_project/db.sqlite3
