# `make run` and `make test` work on a fresh machine with Python >= 3.11 and make:
# both create .venv when it is missing and (re)install when pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install screenshots golden bench evaluate fuzz clean

run: $(VENV)/.installed
	$(BIN)/synopsis $(STORY)

test: $(VENV)/.installed-test
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(VENV)/.installed

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "synopsis needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) build *.egg-info

# Regenerate the SVG screenshots of the reader shown in the README.
screenshots: $(VENV)/.installed-test
	$(BIN)/python tests/tools/make_screenshots.py

# Regenerate the report golden files from the hand-made comparison in tests/support/fixed_comparison.py
# deliberately (then review `git diff`): alignment changes never move them.
golden: $(VENV)/.installed-test
	$(BIN)/python tests/tools/regenerate_golden.py

# Speed figures quoted in the issues' closing notes.
bench: $(VENV)/.installed-test
	$(BIN)/python tests/benchmarks/run_all.py

# Quality figures: alignment, quotes and discrepancies against the hand labels; then
# furniture, quote, outlet and date figures on the labelled real stories in ../shared/eval.
evaluate: $(VENV)/.installed-test
	$(BIN)/python tests/benchmarks/evaluate_alignment.py
	$(BIN)/python tests/benchmarks/evaluate_quotes.py
	$(BIN)/python tests/benchmarks/evaluate_quote_speakers.py
	$(BIN)/python tests/benchmarks/evaluate_pages.py
	$(BIN)/python tests/benchmarks/evaluate_discrepancies.py

# The fuzz test of the suite, run long: thousands of random articles and manifests.
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/unit/test_fuzz.py -q --hypothesis-show-statistics
