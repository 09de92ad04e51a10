# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test index bench ablation soak clean

$(VENV)/.installed-run: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

index: $(VENV)/.installed-run
	$(PY) -m bot index

## Set up, build or refresh the index, and open the chat at http://127.0.0.1:7860. app.py indexes at start
## itself and serves what it could read, naming the files it could not (`make index` exits 1 on them).
run: $(VENV)/.installed-run
	$(PY) app.py

## Set up and run the whole test suite (unit, integration, browser, evaluation)
test: $(VENV)/.installed-test
	$(PY) -m pytest

## Benchmarks (figures in docs/benchmarks.md). BENCH_SIZES=1000 10000 for a shorter run: the first
## 100k run embeds 100,000 synthetic passages (int8 embedder: ~10 min on 2 quiet cores; cached for later runs).
BENCH_SIZES ?= 1000 10000 100000
bench: $(VENV)/.installed-test
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/cold_start.py --runs 5
	$(PY) benchmarks/latency.py
	$(PY) benchmarks/latency.py --model e5-small-torch
	$(PY) benchmarks/scale.py --sizes $(BENCH_SIZES)
	$(PY) benchmarks/compare.py
	$(PY) benchmarks/load.py --clients 16 --questions 200 --unique

## Each rule family switched off in turn, every evaluation set scored (table in docs/calibration.md, section
## "Ablation"); indexes the seed, the seed with synthetic documents and the real-documents folder once (~5 min).
ablation: $(VENV)/.installed-test
	$(PY) benchmarks/ablation.py $(if $(ABLATION_OUT),--out $(ABLATION_OUT))

## What an anonymous client may try, replayed against the app (its own, on a free loopback port; or
## SOAK_URL=http://127.0.0.1:7860 for a running one): prints case / expected / got.
soak: $(VENV)/.installed-test
	$(PY) benchmarks/soak.py $(if $(SOAK_URL),--url $(SOAK_URL))

clean:
	rm -rf $(VENV) index/CURRENT index/.CURRENT.* index/.lock index/gen-* index/damaged-* index/last-run.json index/chroma.sqlite3 index/*-*-*-*-*
