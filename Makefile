# The one interface: make dataset | test | eval | train | bench | ui | lint | lock | clean
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RAW    ?= raw
OUT    ?= output
SHARED ?= ../shared
EVAL_OUT ?= output/eval
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: dataset test eval train bench ui lint lock clean venv

venv: $(VENV)/.installed

# The environment is built from the hash-locked requirements only; the project itself
# is installed without dependencies so nothing unpinned slips in.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("conflict-claims needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

dataset: venv
	@mkdir -p $(DAGSTER_HOME) && touch $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/conflict-claims build --raw "$(RAW)" --out "$(OUT)"

test: venv
	@mkdir -p $(DAGSTER_HOME) && touch $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/python -m pytest

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

ui: venv
	@mkdir -p $(DAGSTER_HOME) && touch $(DAGSTER_HOME)/dagster.yaml
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

clean:
	rm -rf $(VENV) .dagster_home .pytest_cache output/eval
