# One entry point for set-up, tests, the demo and the benchmarks.
# Everything installs into .venv from the exact pins in constraints.txt.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: setup test lint types pytest demo bench fixtures screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is nodig (spyne 2.14)"'
	$(BIN)/python -m pip install -q --disable-pip-version-check pip==26.3
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	@mkdir -p reports
	$(BIN)/pytest --cucumberjson=reports/cucumber.json --junitxml=reports/junit.xml $(PYTEST_ARGS)

test: lint types pytest

demo: $(STAMP)
	$(BIN)/python -m demo

screenshots: $(STAMP)
	$(BIN)/python -m demo.screenshots docs/screens

bench: $(STAMP)
	$(BIN)/python -m benchmarks

fixtures: $(STAMP)
	$(BIN)/python -m uwlr.fake.regenerate fixtures

clean:
	rm -rf $(VENV) reports .mypy_cache .pytest_cache .ruff_cache
