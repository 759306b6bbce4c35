# Qogam: `make run` starts the dashboard, `make test` runs the whole suite.
# Both create the virtual environment and build the database when needed.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PORT     ?= 8501
DB       := data/civic.duckdb
CHROMIUM := /usr/bin/chromium
HAPROXY  := /usr/sbin/haproxy
# `make cluster`: the balancer's address (0.0.0.0 for every interface) and how many replicas.
BIND     ?= 127.0.0.1
REPLICAS ?= 2
FONT     := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
# Everything the database is built from: a change to any of these rebuilds it.
DB_INPUTS := $(shell find data/raw data/reference etl -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: run test db bench clean cluster

run: $(DB)
	$(BIN)/streamlit run serve.py --server.port $(PORT) --server.headless true

# Lint (ruff, configured in pyproject.toml) and the import contracts (lint-imports, same file) first.
test: $(VENV)/.installed $(CHROMIUM) $(FONT) $(HAPROXY)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

db: $(DB)

$(DB): $(VENV)/.installed $(DB_INPUTS)
	$(BIN)/python -m etl build --db $(DB)
	$(BIN)/python -m etl.exports --db $(DB)

$(VENV)/.installed: requirements.txt
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver

# N replicas of the dashboard behind HAProxy on $(PORT), in the foreground (docs/deploying.md).
cluster: $(DB) $(HAPROXY)
	$(BIN)/python -m deploy.cluster --port $(PORT) --replicas $(REPLICAS) --bind $(BIND) --db $(DB)

# The cluster's load balancer (and the cluster test's) is Debian's HAProxy.
$(HAPROXY):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy

# The PDF-intake test writes a PDF with Cyrillic text in this font.
$(FONT):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core

# Datasette (the export comparison) lives in its own venv so it never enters the app's pins.
bench: $(DB)
	test -x bench/out/venv/bin/datasette || ($(PYTHON) -m venv bench/out/venv && \
		bench/out/venv/bin/pip install --quiet -r bench/requirements.txt)
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) $(DB) test-artifacts
