# Two commands for everyone:  make lab  (open the course)   make test  (run every test)
# Both create .venv with the first python3 (3.10 or newer) they find; set PYTHON=... to choose.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Worker processes for the test run (pytest-xdist); CI machines have 2 cores.
WORKERS ?= 2

.PHONY: lab test test-deploy venv clean help

help:
	@echo "make lab    set up .venv if needed and open the course in JupyterLab"
	@echo "make test   set up .venv with the test tools and run every test"
	@echo "make test-deploy  JupyterHub (20 users), Voila and offline-slides tests (about 10 minutes)"
	@echo "make clean  remove .venv and build leftovers"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "kpo-course needs Python 3.10 or newer; found " + sys.version.split()[0] + ". Run: make lab PYTHON=python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $(VENV)/.installed $@

venv: $(VENV)/.installed

lab: $(VENV)/.installed
	$(BIN)/kpo-course start

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadscope --nbval --nbval-current-env -q

# Deployments (minutes): a real JupyterHub with 20 users, Voila, offline slides. Installs the deploy extra;
# the hub test installs configurable-http-proxy from npm into .deploy/ once.
test-deploy: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,bench,deploy]'
	KPO_DEPLOY=1 KPO_REQUIRE_DEPLOY=1 $(BIN)/python -m pytest -q -s -p no:cacheprovider tests/test_deploy_*.py

clean:
	rm -rf $(VENV) build *.egg-info
