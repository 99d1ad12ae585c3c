# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up by them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/demo.lake
PORT ?= 8501

.PHONY: install install-test run test lint format demo browser-deps clean serve bench messages

# The virtual environment with the project (editable) and its runtime packages.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

# The same environment with the test extras (pytest, ruff, playwright).
$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# The embedded demo database, built only when it is missing (it may hold imported data).
$(DB): | $(VENV)/.installed
	$(PY) -m dashboard demo --db $(DB)

demo: $(VENV)/.installed
	$(PY) -m dashboard demo --db $(DB)

run: $(VENV)/.installed $(DB)
	DASHBOARD_DEMO=1 DASHBOARD_LAKE=$(DB) $(PY) -m dashboard serve --server.port $(PORT)

# Debian packages, each asked of apt only when what it gives is missing: chromium for the browser
# tests and the report's charts (Playwright and kaleido cannot download a browser here), DejaVu
# fonts for æøå in PDFs, poppler-utils to look at them, haproxy for `make serve`, Node.js and npm
# for axe-core, PostgreSQL's server for the catalog tests (tests/lakes.py). A Node.js from
# NodeSource brings its own npm, which Debian's npm conflicts with: npm is asked for only when
# there is no `npm`, nodejs only when there is no `node`.
browser-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v haproxy >/dev/null 2>&1 || missing="$$missing haproxy"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing="$$missing fonts-dejavu-core"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# axe-core for the accessibility tests, from the npm registry (pinned by package-lock.json).
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $@

# Two workers (pytest-xdist), each test file kept on one worker (its module's server and lakes
# made once). `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= 2
test: $(VENV)/.installed-test browser-deps $(AXE) lint
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile

# N Streamlit processes behind HAProxy on one shared lake, $(DB) (see docs/deployment.md).
N ?= 2
serve: $(VENV)/.installed $(DB) browser-deps
	DASHBOARD_DEMO=1 deploy/serve.sh $(N) $(PORT) $(DB)

# The benchmark: figures, not pass/fail. Builds bench/data/*.duckdb on first use.
bench: $(VENV)/.installed-test browser-deps
	$(PY) -m bench.run

# The translation catalogues (see docs/translation.md): every text the code marks goes to
# dashboard/locale/dashboard.pot and is merged into the nynorsk and English .po files, where
# translators fill in what is new; texts the code no longer has are dropped.
LOCALE := dashboard/locale
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel --quiet extract -F babel.cfg -k plural:2,3 --project dashboard \
		--version 0.1.0 --copyright-holder "the dashboard project" -o $(LOCALE)/dashboard.pot dashboard
	$(VENV)/bin/pybabel --quiet update --ignore-obsolete -i $(LOCALE)/dashboard.pot -d $(LOCALE) \
		-D dashboard

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/browser/screenshots
