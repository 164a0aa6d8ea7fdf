# One-command set-up: every target creates .venv and installs what it needs, with the
# tested versions pinned by requirements-lock.txt (ranges stay in pyproject.toml).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
LOCK   := requirements-lock.txt

.PHONY: report explore test test-fast test-repeat test-busy check lint imports format figures \
	docs-figures docs bench check-installed lock catalogs clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml or the lock changes.
$(VENV)/.installed-%: pyproject.toml $(LOCK) | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e ".[$*]"
	touch $@

report: $(VENV)/.installed-report
	$(BIN)/ecei rank --weights equal --ties dense --format csv \
		--out reports/baseline_ranking.csv
	$(BIN)/ecei report --notebook briefing

# The live explorer served by Voilà to this machine only (127.0.0.1); the kernel of
# a closed page is shut down after ten idle minutes, so visits do not pile up.
explore: $(VENV)/.installed-notebooks
	JUPYTER_PATH=ecei_analysis/reports/voila_templates \
		$(BIN)/voila notebooks/04_explore.ipynb --Voila.ip=127.0.0.1 --template=ecei \
		--MappingKernelManager.cull_idle_timeout=600 \
		--MappingKernelManager.cull_interval=60

# Tests run in parallel on every core (pytest-xdist); idle workers steal queued
# tests, so the long report and browser tests do not line up on one worker.
PYTEST := $(BIN)/pytest -q -n auto --dist worksteal

# Everything: unit, property, notebooks, browser, the full findings grid.
test: $(VENV)/.installed-test
	$(PYTEST)

# Unit and property tests with a reduced grid: under a minute on two cores.
test-fast: $(VENV)/.installed-test
	$(PYTEST) -m "not slow"

# The tests of signals, servers and concurrent processes, five times over: a
# flaky one fails here rather than on a newcomer's machine.
REPEAT ?= 5
test-repeat: $(VENV)/.installed-test
	for i in $$(seq $(REPEAT)); do $(PYTEST) -m interrupt || exit 1; done

# The whole suite with two busy processes per core beside it.
test-busy: $(VENV)/.installed-test
	bash .ci/with-load $(PYTEST)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

imports: $(VENV)/.installed-test
	$(BIN)/lint-imports

check: lint imports test

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

figures: $(VENV)/.installed-report
	$(BIN)/ecei figures --out reports/figures

# The README's picture, through the same save path as every figure (the set is
# drawn in a temporary folder; only the pictures the docs show are kept), and the
# offline explorer's screenshots in both languages (Chromium, Playwright).
docs-figures: $(VENV)/.installed-report
	tmp=$$(mktemp -d) && $(BIN)/ecei figures --out $$tmp/set --formats png \
		--draws 200000 && cp $$tmp/set/weight_map_winner.png docs/figures/ && \
		rm -rf $$tmp
	$(PY) docs/shoot_explorer.py

# The documentation site, offline, warnings as errors: the notebooks are executed
# first (small draws) and rendered as tutorials; the gallery runs every plot.
docs: $(VENV)/.installed-docs
	$(PY) docs/run_tutorials.py
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	$(PY) docs/check_offline.py docs/_build/html
	@echo "docs: docs/_build/html/index.html"

bench: $(VENV)/.installed-test
	$(PY) bench/run_all.py

# Build the wheel, install it into a fresh venv and run the commands outside the
# checkout (what a pip user does).
check-installed: $(VENV)/.installed-test
	bash .ci/check-installed

# Refresh the pinned versions from the development environment.
lock: $(VENV)/.installed-dev
	$(BIN)/pip freeze --exclude-editable | sort > $(LOCK)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache result_images docs/_build docs/generated \
		docs/tutorials/_runs docs/tutorials/*.ipynb

# Message catalogs: extract the marked texts, update each language, compile.
CATALOG := ecei_analysis/locale
catalogs: $(VENV)/.installed-test
	$(BIN)/pybabel extract -F $(CATALOG)/babel.cfg -k _ -k N_ -k ngettext:1,2 \
		-k pgettext:1c,2 -k NP_:1c,2 --no-location --sort-output \
		--project=ecei_analysis -o $(CATALOG)/ecei.pot .
	$(BIN)/pybabel update -D ecei -d $(CATALOG) -i $(CATALOG)/ecei.pot --no-fuzzy-matching \
		--ignore-obsolete
	$(BIN)/pybabel compile -D ecei -d $(CATALOG) --statistics
