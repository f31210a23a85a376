# pctstats: two commands on a fresh machine — `make figures` and `make test`.
# Every target creates the virtual environment (.venv) itself when it is missing, installing the
# package with the versions pinned in requirements/constraints.txt, so a rebuild uses the same
# libraries as the committed figures. `make` alone lists the targets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CONSTRAINTS := requirements/constraints.txt
# The oldest Python pctstats supports (pyproject.toml's requires-python).
MIN_PYTHON := 3.11

# One line instead of pip's ResolutionImpossible when the interpreter is too old.
CHECK_PYTHON = import sys; want = tuple(int(p) for p in "$(MIN_PYTHON)".split(".")); \
  v = sys.version_info; sys.exit(None if v[:2] >= want else f"make: pctstats needs Python \
  $(MIN_PYTHON) or newer, but {sys.executable} is {v.major}.{v.minor}: install a newer Python \
  and run make PYTHON=python$(MIN_PYTHON) (or newer)")

.DEFAULT_GOAL := help
.PHONY: help test figures docs bench lint venv clean

help:
	@echo "pctstats — make TARGET (each target sets up .venv with the pinned versions first):"
	@echo "  figures  execute the notebooks and rebuild figures/ (figures, numbers.tex/json)"
	@echo "  test     ruff, the import layers contract and the whole test suite (doctests, README)"
	@echo "  docs     build the documentation site into docs/_build/html (notebooks executed)"
	@echo "  bench    run the benchmarks"
	@echo "  lint     ruff and the import layers contract only"
	@echo "  venv     only set up .venv (Python $(MIN_PYTHON)+; PYTHON=... picks the interpreter)"
	@echo "  clean    remove .venv and build caches"

# A .venv without pip (left by a failed 'python -m venv', e.g. without Debian's python3-venv) is
# rebuilt rather than failing every later run.
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  $(PYTHON) -c '$(CHECK_PYTHON)' || exit 1; \
	  rm -rf $(VENV); \
	  echo "creating $(VENV) with $(PYTHON)"; \
	  $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "make: '$(PYTHON) -m venv' failed: \
	  on Debian or Ubuntu install the venv module (apt install python3-venv) and run make again" >&2; \
	  exit 1; }; \
	fi
	@$(BIN)/python -c '$(CHECK_PYTHON)' || { echo "(remove the old environment: make clean)" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev,notebooks,docs]'
	@# cffconvert (used by the tests to validate CITATION.cff) pins jsonschema<4, which frictionless
	@# and nbformat cannot use; installed without its pins, its validation works with jsonschema 4.
	$(BIN)/python -m pip install --quiet --no-deps -c $(CONSTRAINTS) cffconvert
	@touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m ruff check pctstats tests benchmarks docs
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest

figures: $(STAMP)
	$(BIN)/pctstats figures

# Warnings fail the build (-W); executed notebooks are cached in docs/_build/.jupyter_cache.
docs: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -q -b html docs docs/_build/html
	@echo "docs: open docs/_build/html/index.html"

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/python -m ruff check pctstats tests benchmarks docs
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis .ruff_cache docs/_build docs/_generated
