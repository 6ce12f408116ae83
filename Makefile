# One entry point for set-up, tests, the demo and the benchmarks.
# Everything installs into .venv from the exact pins in constraints.txt.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# pytest-xdist workers: the suites wait on servers, subprocesses and Chromium more than on the CPU,
# so two workers on two cores keep `make test` under 10 minutes (docs/testing.md).
PYTEST_WORKERS ?= 2

.PHONY: setup test test-py lint types pytest features-browser demo bench fixtures screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; assert sys.version_info[:2] == (3, 11), "make setup maakt .venv met Python 3.11; voor 3.12 of 3.13: make test-py PY=3.12"'
	$(BIN)/python -m pip install -q --disable-pip-version-check pip==26.3
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy --strict over [tool.mypy] files, then over each test tree on its own, with the tree first
# on the module path as pytest puts it on sys.path (see the note at [tool.mypy] in pyproject.toml).
# The other trees follow on the path: some tests put another tree on sys.path themselves
# (tests/handbook imports features/gate.py, the dashboard test tests/boomlink_web's axe helper).
TYPED_TEST_TREES = features $(sort $(wildcard tests/*/))
TEST_TREE_PATH = $(subst $(eval) ,:,$(strip $(TYPED_TEST_TREES)))

types: $(STAMP)
	@status=0; echo "mypy"; $(BIN)/mypy || status=1; \
	for tree in $(TYPED_TEST_TREES); do \
		echo "mypy $$tree"; MYPYPATH=$$tree:$(TEST_TREE_PATH) $(BIN)/mypy $$tree || status=1; \
	done; exit $$status

pytest: $(STAMP)
	@mkdir -p reports
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal --cucumberjson=reports/cucumber.json --junitxml=reports/junit.xml $(PYTEST_ARGS)

# The handbook's Boom-side scenarios again, through the browser (docs/features.md).
features-browser: $(STAMP)
	@mkdir -p reports
	$(BIN)/pytest features --driver=browser -n $(PYTEST_WORKERS) --junitxml=reports/junit-browser.xml $(PYTEST_ARGS)

# The two test runs side by side: each waits on servers and Chromium about half of the time, so
# together they keep both cores busy (docs/testing.md); each one's output is printed when it ends.
test: lint types
	@$(MAKE) --no-print-directory -j2 --output-sync=target pytest features-browser

# The version subset (tests/uwlr, tests/mock_esis*, tests/conformance, features) on another
# supported Python, in its own venv .venvs/py$(PY) (.ci/test-py; README "Python versions").
PY ?= 3.12
test-py:
	bash .ci/test-py $(PY) $(PYTEST_ARGS)

demo: $(STAMP)
	$(BIN)/python -m demo

screenshots: $(STAMP)
	$(BIN)/python -m demo.screenshots docs/screens

bench: $(STAMP)
	$(BIN)/python -m benchmarks

fixtures: $(STAMP)
	$(BIN)/python -m uwlr.fake.regenerate fixtures

clean:
	rm -rf $(VENV) .venvs reports .mypy_cache .pytest_cache .ruff_cache
