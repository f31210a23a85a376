# pctstats: two commands on a fresh machine — `make figures` and `make test`.
# Every target creates the virtual environment (.venv) itself when it is missing, installing the
# package with the versions pinned in requirements/constraints.txt, so a rebuild uses the same
# libraries as the committed figures.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CONSTRAINTS := requirements/constraints.txt

.PHONY: test figures bench lint venv clean

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev,notebooks]'
	@# cffconvert (used by the tests to validate CITATION.cff) pins jsonschema<4, which frictionless
	@# and nbformat cannot use; installed without its pins, its validation works with jsonschema 4.
	$(BIN)/python -m pip install --quiet --no-deps -c $(CONSTRAINTS) cffconvert
	@touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m ruff check pctstats tests benchmarks
	$(BIN)/python -m pytest

figures: $(STAMP)
	$(BIN)/python -m pctstats.build

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/python -m ruff check pctstats tests benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis .ruff_cache
