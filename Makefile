# The one interface: make dataset | test | eval | train | bench | ui | lint | lock | clean
SHELL  := bash
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RAW    ?= raw
OUT    ?= output
SHARED ?= ../shared
EVAL_OUT ?= output/eval
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: dataset test eval train bench bench-build ui lint lock clean venv crosspy browser

venv: $(VENV)/.installed

# The environment is built from the hash-locked requirements only; the project itself
# is installed without dependencies so nothing unpinned slips in.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("conflict-claims needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	@echo "creating $(VENV) and installing the hash-locked packages of requirements.lock (the first time: 2-3 minutes)"
	$(PYTHON) -m venv $(VENV)
	@set -o pipefail; $(BIN)/python -m pip install --progress-bar off --require-hashes --no-deps -r requirements.lock \
		| awk '/^Collecting/ { n++; if (n % 25 == 0) { print "  " n " packages fetched"; fflush() } } /^Successfully installed/ { print "  all installed"; fflush() }'
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

dataset: venv
	@mkdir -p $(DAGSTER_HOME) && touch $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/conflict-claims build --raw "$(RAW)" --out "$(OUT)"

test: venv browser
	@mkdir -p $(DAGSTER_HOME) && touch $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m pytest

# Debian's packages for the tests that start real programs: Chromium and ChromeDriver for the
# release-page test (tests/test_release_page.py), redis-server as the Celery broker of the
# distributed backfill test (tests/test_celery_backfill.py). Installed when missing and apt-get
# can (as root). Without them those tests are skipped, saying so, unless
# CONFLICT_CLAIMS_REQUIRE_BROWSER=1 / CONFLICT_CLAIMS_REQUIRE_REDIS=1 (as .ci/run sets): then they fail.
browser:
	@missing=""; \
	[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || missing="chromium chromium-driver"; \
	[ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			echo "installing Debian's $$missing (release-page and Celery tests)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "missing $$missing and no apt-get as root: the tests that need them will be skipped"; \
		fi; \
	fi

# Every visible split, each built into its own folder and scored for figures (score.py: detection,
# claims, attributes, strict dates and places) and for incidents (score_incidents.py: within
# reports from the gold `event` labels, across reports from clusters.json). The counted-kind
# model was trained on these splits, so eval builds in CV mode (--kind-cv): each report is
# refined by the model trained without its fold, and every score printed is cross-validated.
EVAL_SPLITS ?= dev dev-regions incidents-dev
eval: venv
	@mkdir -p $(DAGSTER_HOME) && touch $(DAGSTER_HOME)/dagster.yaml
	@set -e; for split in $(EVAL_SPLITS); do \
		echo "== $$split"; \
		$(BIN)/conflict-claims build --kind-cv --raw "$(SHARED)/eval/$$split" --out "$(EVAL_OUT)/$$split"; \
		$(BIN)/python "$(SHARED)/eval/score.py" "$(EVAL_OUT)/$$split/latest" "$(SHARED)/eval/$$split" $(if $(VERBOSE),--verbose,); \
		$(BIN)/python "$(SHARED)/eval/score_incidents.py" "$(EVAL_OUT)/$$split/latest" "$(SHARED)/eval/$$split"; \
	done

# Retrain the counted-kind model (pipeline/learn) from the visible gold with the current engine:
# writes pipeline/learn/models/counted_kind.json (commit it) and prints its cross-validated scores.
train: venv
	$(BIN)/python -m pipeline.learn.train --shared "$(SHARED)"

# spaCy and its en_core_web_sm model are in requirements.lock: bench needs only the venv.
bench: venv
	$(BIN)/python -m pipeline.bench --reports "$(SHARED)/eval/dev"

# Whole builds through the CLI (issue 12, measured) on synthetic archives of copies of the eval
# reports, each with its own date: full builds of 1,000 and 10,000 reports, one new report, an
# unchanged rebuild, the one-report overhead, and merging comparisons per doubling. Builds go in a
# fresh folder under /tmp, removed afterwards. About 12 minutes on 2 cores.
bench-build: venv
	@mkdir -p $(DAGSTER_HOME) && touch $(DAGSTER_HOME)/dagster.yaml
	@work=$$(mktemp -d /tmp/conflict-claims-bench-build.XXXXXX); \
	$(BIN)/python -m pipeline.bench_build --reports "$(SHARED)/eval/dev" --reports "$(SHARED)/eval/dev-regions" \
		--reports "$(SHARED)/eval/incidents-dev" --sizes 1000,10000 --count-sizes 1250,2500,5000,10000 \
		--work "$$work"; \
	rc=$$?; rm -rf "$$work"; exit $$rc

ui: venv
	@mkdir -p $(DAGSTER_HOME) && { [ -s $(DAGSTER_HOME)/dagster.yaml ] || cp dagster.yaml $(DAGSTER_HOME)/; }
	CONFLICT_CLAIMS_RAW="$(RAW)" CONFLICT_CLAIMS_OUT="$(OUT)" \
		$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-resolve the lock (developers only; needs uv): exact versions and hashes for every platform.
# uv keeps the versions already in requirements.lock unless told to upgrade.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --no-header --index-url https://pypi.org/simple
lock:
	uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) -o requirements.lock

# Cross-Python check: the same inbox must give the same Parquet bytes on another Python (docstrings
# are dedented at compile time from 3.13; the lock picks other numpy/scipy on >= 3.12). Builds
# $(RAW) with the main venv and with .venv-$(CROSS_PYTHON), made from the same hash lock, on one
# build date (not before any report in $(RAW), else it is rejected), and fails naming any Parquet
# file whose sha256 differs. A pyenv interpreter that is not the active version is found under
# $(pyenv root)/versions.
CROSS_PYTHON ?= python3.13
crosspy: venv
	@set -e; cv=.venv-$(CROSS_PYTHON); \
	if [ ! -f $$cv/.installed ] || [ requirements.lock -nt $$cv/.installed ] || [ pyproject.toml -nt $$cv/.installed ]; then \
		py=$(CROSS_PYTHON); $$py -c '' 2>/dev/null || py=$$(ls -d $$(pyenv root 2>/dev/null)/versions/*/bin/$(CROSS_PYTHON) 2>/dev/null | tail -1); \
		[ -n "$$py" ] || { echo "crosspy: no $(CROSS_PYTHON) found" >&2; exit 1; }; \
		echo "== $$cv from requirements.lock ($$py)"; \
		$$py -m venv $$cv; \
		$$cv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock; \
		$$cv/bin/python -m pip install --quiet --no-deps -e .; \
		touch $$cv/.installed; \
	fi; \
	tmp=$$(mktemp -d); \
	for side in main:$(VENV) cross:$$cv; do \
		name=$${side%%:*}; venv=$${side#*:}; \
		echo "== build $(RAW) with $$($$venv/bin/python -V) ($$venv)"; \
		mkdir -p $$tmp/home-$$name && touch $$tmp/home-$$name/dagster.yaml; \
		DAGSTER_HOME=$$tmp/home-$$name $$venv/bin/python -m pipeline.cli build \
			--raw "$(RAW)" --out $$tmp/out-$$name --build-date 2026-12-31 >/dev/null; \
	done; \
	if $(BIN)/python -m pipeline.publish.compare_releases $$tmp/out-main $$tmp/out-cross; then rm -rf $$tmp; \
	else echo "crosspy: Parquet differs between $(VENV) and $$cv; builds kept in $$tmp" >&2; exit 1; fi

clean:
	rm -rf $(VENV) .dagster_home .pytest_cache output/eval
