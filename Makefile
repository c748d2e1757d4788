# Klasvormer — two commands do everything on a fresh machine with Python 3.11+:
#   make run    create .venv, install, open the planner on the bundled sample
#   make test   create .venv, install, run every check and test
#   make dist   the planners' build: dist/klasvormer/ and dist/klasvormer-<version>-<system>-<machine>.tar.gz
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint solve bench bench-quick fuzz dist clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,dist]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m ui

solve: $(STAMP)
	$(PY) -m app.cli solve samples/b1_aanbieder.xlsx -o out/plan_b1_aanbieder.xlsx

lint: $(STAMP)
	$(VENV)/bin/ruff check optimizer app ui tests bench samples
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# The tests in this many processes (pytest-xdist); 1 runs them in this one, in order.
TEST_WORKERS ?= 2

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(if $(filter 1,$(TEST_WORKERS)),-p no:xdist,-n $(TEST_WORKERS))

bench: $(STAMP)
	bench/protocol.sh

bench-quick: $(STAMP)
	PYTHONPATH=. $(PY) -m bench.run --quick

# Long fuzzing run of the CLI (minutes): FUZZ_EXAMPLES cases; failures are listed in out/fuzz.jsonl.
FUZZ_EXAMPLES ?= 400
fuzz: $(STAMP)
	mkdir -p out && rm -f out/fuzz.jsonl
	KLASVORMER_FUZZ=long KLASVORMER_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) KLASVORMER_FUZZ_LOG=out/fuzz.jsonl \
		$(PY) -m pytest -q tests/fuzz --hypothesis-show-statistics
	@test ! -s out/fuzz.jsonl || { echo "fuzz: failing cases in out/fuzz.jsonl"; exit 1; }

# Self-contained application folder and archive for planners (PyInstaller, packaging/klasvormer.spec).
# Builds for the system it runs on; .github/workflows/dist.yml runs it on Windows and macOS.
dist: $(STAMP)
	$(PY) packaging/build.py --out dist

clean:
	rm -rf $(VENV) out .pytest_cache build dist
