# factdesk — run `make help` for the list of targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_SYSTEM ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
JOBS ?= 2

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name factdesk --display-name "Python (factdesk)" >/dev/null
	@# Outputs of notebooks run while exploring never reach a commit: nbstripout cleans
	@# notebooks/*.ipynb as they are staged (.gitattributes; executed reports keep theirs).
	@# JupyterLab: no "news" prompt (nothing is fetched either way).
	@mkdir -p $(VENV)/share/jupyter/lab/settings && printf '%s\n' \
	  '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' \
	  > $(VENV)/share/jupyter/lab/settings/overrides.json
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean "$(CURDIR)/$(VENV)/bin/nbstripout --keep-id" && \
	  git config filter.nbstripout.smudge cat; fi
	@touch $(STAMP)

.PHONY: help
help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: setup
setup: $(STAMP) ## Create .venv, install factdesk and register the "factdesk" Jupyter kernel

.PHONY: system-deps
system-deps: ## Debian's Chromium for static images and browser tests (apt-get, as root)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Chromium is missing: sudo apt-get install chromium" >&2; exit 1; fi; }

.PHONY: check
check: $(STAMP) ## Validate the fact base and reports.yml (schemas, keys, quotes, verdict rules)
	$(PY) -m factdesk check

.PHONY: status
status: $(STAMP) ## What is left to do, per article and language (a to-do list; `check` is the gate)
	$(PY) -m factdesk status

.PHONY: diff
diff: $(STAMP) ## What changed in the fact tables since the last commit (REV=... to compare)
	$(PY) -m factdesk diff $(REV)

.PHONY: reports
reports: $(STAMP) system-deps ## Render every report into reports/ (set-up included; skips up-to-date ones)
	$(PY) -m factdesk render --jobs $(JOBS)

.PHONY: test
# TEST_WORKERS: processes that share the suite (pytest-xdist); each takes one test file at a
# time (--dist loadfile: a file's fixtures and a report's nbval cells stay in one process).
TEST_WORKERS ?= 2
test: $(STAMP) system-deps ## Run the whole test suite, nbval on every report (set-up included)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --nbval --nbval-kernel-name factdesk tests reports

.PHONY: test-fast
test-fast: $(STAMP) ## The inner loop (about a minute): every test outside the slow tiers (tests/conftest.py)
	$(PY) -m pytest -q -m "not (slow or browser or jupyterlab or corpus or nbval)" tests

# `make lab`: JupyterLab on the project root (FACTDESK_ROOT when set, so a scratch copy can be
# served), the factdesk kernel by default, localhost only, token auth (LAB_TOKEN, or a fresh
# random one), port LAB_PORT; --allow-root only when run as root (a container).
# LAB_LANGUAGE=nl opens the prose cells of the other languages folded (src/factdesk/build/lab.py).
LAB_PORT ?= 8888
LAB_LANGUAGE ?=
LAB_TOKEN ?=
LAB_ROOT ?= $(or $(FACTDESK_ROOT),$(CURDIR))

.PHONY: lab
lab: $(STAMP) ## JupyterLab on the project (127.0.0.1:LAB_PORT, token auth; prints the URL)
	@token='$(LAB_TOKEN)'; \
	[ -n "$$token" ] || token="$$($(PY) -c 'import secrets; print(secrets.token_hex(24))')"; \
	echo "JupyterLab serves $(LAB_ROOT) with the factdesk kernel; open:"; \
	echo "    http://127.0.0.1:$(LAB_PORT)/lab?token=$$token"; \
	exec env FACTDESK_ROOT='$(LAB_ROOT)' $(VENV)/bin/jupyter lab --no-browser \
	  --ServerApp.ip=127.0.0.1 --ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0 \
	  --ServerApp.root_dir='$(LAB_ROOT)' --IdentityProvider.token="$$token" \
	  --MappingKernelManager.default_kernel_name=factdesk \
	  --ServerApp.contents_manager_class=factdesk.build.lab.StoryContentsManager \
	  --StoryContentsManager.language='$(LAB_LANGUAGE)' \
	  --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	  $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# `make datasette`: the fact base (reports/data/factdesk.db, built first if missing or stale)
# in Datasette on 127.0.0.1, read-only; a free port unless DATASETTE_PORT is set; prints the URL.
DATASETTE_PORT ?= 0

.PHONY: datasette
datasette: $(STAMP) ## Serve the fact base as SQLite in Datasette (127.0.0.1, free port; prints the URL)
	@exec $(PY) -m factdesk.publish.serve --port $(DATASETTE_PORT)

.PHONY: lint
lint: $(STAMP) ## Ruff lint + format check, notebooks stripped of outputs
	$(VENV)/bin/ruff check src tests bench notebooks
	$(VENV)/bin/ruff format --check src tests bench notebooks
	$(VENV)/bin/nbstripout --keep-id --verify notebooks/*.ipynb
	$(PY) -m factdesk.build.pairs

.PHONY: format
format: $(STAMP) ## Ruff format + fix, strip notebook outputs
	$(VENV)/bin/ruff check --fix src tests bench notebooks
	$(VENV)/bin/ruff format src tests bench notebooks
	$(VENV)/bin/nbstripout --keep-id notebooks/*.ipynb
	$(VENV)/bin/jupytext --sync notebooks/*.ipynb

.PHONY: vendor
vendor: $(STAMP) ## Refresh vendored plotly.js (pages) and axe-core, TimelineJS, schema.org context (tests)
	bash src/factdesk/build/vendor/refresh.sh
	bash tests/vendor/refresh.sh

.PHONY: bench
bench: $(STAMP) ## Run the benchmarks in bench/ (prints figures and ratios)
	$(PY) bench/bench_check.py
	$(PY) bench/bench_render.py

.PHONY: clean
clean: ## Remove build outputs (HTML, images, caches); keeps committed reports and .venv
	rm -rf reports/*.html reports/*/*.html reports/*/img reports/data reports/.cache .pytest_cache build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

.PHONY: distclean
distclean: clean ## Also remove the virtualenv
	rm -rf $(VENV)
