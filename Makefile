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
	@touch $(STAMP)

.PHONY: help
help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: setup
setup: $(STAMP) ## Create .venv, install factdesk and register the "factdesk" Jupyter kernel

.PHONY: check
check: $(STAMP) ## Validate the fact base (schemas, ids, quotes, time zones)
	$(PY) -m factdesk check

.PHONY: reports
reports: $(STAMP) ## Render every report into reports/ (set-up included; skips up-to-date ones)
	$(PY) -m factdesk render --jobs $(JOBS)

.PHONY: test
test: $(STAMP) ## Run the whole test suite (set-up included)
	$(PY) -m pytest

.PHONY: lab
lab: $(STAMP) ## Open JupyterLab on the project
	$(VENV)/bin/jupyter lab --notebook-dir=. notebooks/

.PHONY: lint
lint: $(STAMP) ## Ruff lint + format check, notebooks stripped of outputs
	$(VENV)/bin/ruff check src tests bench notebooks
	$(VENV)/bin/ruff format --check src tests bench notebooks
	$(VENV)/bin/nbstripout --verify notebooks/*.ipynb

.PHONY: format
format: $(STAMP) ## Ruff format + fix, strip notebook outputs
	$(VENV)/bin/ruff check --fix src tests bench notebooks
	$(VENV)/bin/ruff format src tests bench notebooks
	$(VENV)/bin/nbstripout notebooks/*.ipynb

.PHONY: bench
bench: $(STAMP) ## Run the benchmarks in bench/ (prints figures and ratios)
	$(PY) bench/bench_check.py
	$(PY) bench/bench_render.py

.PHONY: clean
clean: ## Remove build outputs (HTML, images, caches); keeps committed reports and .venv
	rm -rf reports/*.html reports/*/*.html reports/*/img reports/data .pytest_cache build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

.PHONY: distclean
distclean: clean ## Also remove the virtualenv
	rm -rf $(VENV)
