"""The trained counted-kind component (pipeline/learn): its features, its JSON model, the fold
rule, the decision rule, CV mode and a missing or damaged model file. Nothing here reads
../shared: the sentences are written for the test and the models are built in the test (or
are the committed file)."""

from __future__ import annotations

import copy
import hashlib
import json
import math
import os
from dataclasses import replace

import pandas as pd
import pytest

from pipeline.knowledge.gazetteer import load_gazetteer
from pipeline.learn import kind_model as km
from pipeline.learn.kind_features import features, sentence_of
from pipeline.learn.kind_model import (
    KindModelError,
    cv_from_env,
    fold_of,
    load_kind_model,
    models_sha256,
    parse_kind_model,
    refine_kinds,
)
from pipeline.learn.train import Report, Tally, dumps, match
from pipeline.tables import extract_all
from tests.engine_helpers import BOOK, FRIDAY, figs, one


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


SENTENCE = "Gunmen killed 12 villagers in an attack on the market, a local official said."


# ----- features -------------------------------------------------------------------------------
def test_features_of_a_figure_in_a_sentence_written_here():
    f = one(SENTENCE)
    feats = features(f, SENTENCE, BOOK)
    assert set(feats.values()) == {1.0}
    assert {
        f"rule={f.counted_kind}",
        "cat=killed",
        f"rule|cat={f.counted_kind}|killed",
        "scope=incident",
        "head=villagers",
        "q=villagers",
        "l=gunmen",
        "l=killed",
        "r=villagers",
        "s=market",
        "cue=armed_group",
        "cue=civilians",
        "qcue=civilians",
        "mag=10-99",
        "bounds=closed",
    } <= set(feats)
    assert "s=the" not in feats and "s=12" not in feats  # function words and digits left out
    named = "Gunmen killed 12 villagers in Dorvan market, a local official said."
    assert "s=dorvan" not in features(one(named), named, BOOK)  # names are no sentence words
    assert features(f, SENTENCE, BOOK) == feats  # pure


def test_sentence_window_and_paragraph_cues():
    body = "Troops fought rebels in the hills on Friday.\n\nSoldiers said 40 people were killed there."
    f = one(body)
    start, end = sentence_of(f, body)
    assert body[start:end] == "Soldiers said 40 people were killed there."
    feats = features(f, body, BOOK)
    assert {"head=people", "l=said", "l=soldiers", "cue=military", "pcue=military"} <= set(feats)
    assert "s=rebels" not in feats  # another paragraph's words are not the sentence's
    assert "rcue=armed_group" in feats  # ... but the report names fighters


def test_counted_actor_kind_is_a_feature():
    f = one(SENTENCE)
    assert features(replace(f, counted_actor_id=None), SENTENCE, BOOK)["actor=none"] == 1.0
    army = next(a for a in BOOK.actors.values() if a.kind == "military")
    assert "actor=military" in features(replace(f, counted_actor_id=army.actor_id), SENTENCE, BOOK)
    assert "actor=discovered" in features(replace(f, counted_actor_id="x-someone"), SENTENCE, BOOK)


# ----- the JSON model ---------------------------------------------------------------------------
def linear_doc(classes, intercept, weights, threshold=0.0, gate=("unknown",)):
    return {
        "classes": list(classes),
        "intercept": list(intercept),
        "weights": {k: list(v) for k, v in weights.items()},
        "threshold": threshold,
        "gate": list(gate),
    }


def model_doc(full: dict, folds: list[dict]) -> dict:
    doc = {
        "format": km.FORMAT,
        "format_version": km.FORMAT_VERSION,
        "folds": len(folds),
        "full": full,
        "out_of_fold": folds,
    }
    doc["models_sha256"] = models_sha256(doc)
    return doc


def favouring(kind: str, **rule) -> dict:
    """A model that gives `kind` probability e**4 / (e**4 + 1) ~ 0.98 for every figure."""
    classes = sorted({kind, "unknown"})
    return linear_doc(classes, [4.0 if c == kind else 0.0 for c in classes], {}, **rule)


def test_exp_is_the_exponential_from_basic_arithmetic():
    for x in [-700.0, -50.0, -3.3, -1.0, -1e-9, 0.0, 0.5, 2.0, 30.0]:
        assert km.exp(x) == pytest.approx(math.exp(x), rel=1e-14)
    assert km.exp(-800.0) == 0.0


def test_linear_model_probabilities_and_decision():
    doc = linear_doc(
        ["civilians", "mixed", "unknown"],
        [0.0, -1.0, 0.5],
        {"head=people": [1.5, 0.25, -0.5], "cat=killed": [0.0, 1.0, 0.0]},
        threshold=0.7,
        gate=("unknown", "mixed"),
    )
    m = km.LinearKindModel.from_json(doc, "test")
    p = m.proba({"head=people": 1.0, "cat=killed": 1.0, "not-in-model": 1.0})
    scores = [1.5, 0.25, 0.0]
    z = sum(math.exp(s) for s in scores)
    for cls, s in zip(m.classes, scores, strict=True):
        assert p[cls] == pytest.approx(math.exp(s) / z, rel=1e-14)
    assert sum(p.values()) == pytest.approx(1.0)
    assert p == m.proba({"cat=killed": 1.0, "head=people": 1.0})  # order of the features is no input
    assert 0.6 < p["civilians"] < 0.7
    assert m.decide("unknown", p) == "unknown"  # below the threshold: the rule stands
    assert replace(m, threshold=0.6).decide("unknown", p) == "civilians"
    assert replace(m, threshold=0.6).decide("military", p) == "military"  # not in the gate


def test_the_committed_model_loads_and_predicts_deterministically():
    model = load_kind_model()
    assert len(model.out_of_fold) == km.N_FOLDS
    training = model.meta["training"]
    assert len(training["data_sha256"]) == 64
    assert training["seed"] == model.meta["training"]["estimator"]["random_state"]
    assert {"rules_only", "rules_plus_model", "nested_choice"} <= set(model.meta["cv"])
    f = one(SENTENCE)
    feats = features(f, SENTENCE, BOOK)
    first = [m.proba(feats) for m in (model.full, *model.out_of_fold)]
    again = parse_kind_model(json.loads(km.MODEL_PATH.read_text(encoding="utf-8")))
    assert [m.proba(feats) for m in (again.full, *again.out_of_fold)] == first
    for p in first:
        assert sum(p.values()) == pytest.approx(1.0)
    # the file is written in its canonical form: retraining writes the same bytes for the same model
    assert dumps(json.loads(km.MODEL_PATH.read_text(encoding="utf-8"))) == km.MODEL_PATH.read_text(
        encoding="utf-8"
    )


# ----- folds and the CV switch ------------------------------------------------------------------
def test_fold_is_a_pure_function_of_the_body():
    bodies = [f"Report {i}: {i} people were killed." for i in range(40)]
    folds = [fold_of(b) for b in bodies]
    assert folds == [fold_of(b) for b in bodies]
    assert folds == [int(hashlib.sha256(b.encode("utf-8")).hexdigest(), 16) % 5 for b in bodies]
    assert set(folds) == set(range(5))
    assert fold_of("x" + bodies[0]) == int(hashlib.sha256(("x" + bodies[0]).encode()).hexdigest(), 16) % 5


def test_cv_flag_from_the_environment():
    assert cv_from_env({}) is False
    assert cv_from_env({km.ENV_KIND_CV: "0"}) is False
    assert cv_from_env({km.ENV_KIND_CV: "1"}) is True
    assert cv_from_env({km.ENV_KIND_CV: "true"}) is True
    with pytest.raises(ValueError, match=km.ENV_KIND_CV):
        cv_from_env({km.ENV_KIND_CV: "maybe"})


def test_cli_sets_cv_mode_for_one_build_only(monkeypatch):
    from pipeline.cli import kind_cv_mode

    monkeypatch.delenv(km.ENV_KIND_CV, raising=False)
    with kind_cv_mode(True):
        assert cv_from_env() is True
    assert km.ENV_KIND_CV not in os.environ
    monkeypatch.setenv(km.ENV_KIND_CV, "1")
    with kind_cv_mode(False):
        assert cv_from_env() is False
    assert os.environ[km.ENV_KIND_CV] == "1"


# ----- refine_kinds -----------------------------------------------------------------------------
PEOPLE = "Twelve people were killed in the attack, police said."


def test_refine_kinds_respects_gate_and_threshold():
    found = figs(PEOPLE)
    assert [f.counted_kind for f in found] == ["unknown"]

    def refined(**rule) -> str:
        doc = model_doc(favouring("civilians", **rule), [favouring("civilians", **rule)] * 5)
        return refine_kinds(found, PEOPLE, BOOK, parse_kind_model(doc))[0].counted_kind

    assert refined(threshold=0.9, gate=("unknown",)) == "civilians"
    assert refined(threshold=0.99, gate=("unknown",)) == "unknown"  # not sure enough
    assert refined(threshold=0.0, gate=("mixed",)) == "unknown"  # the rule kind is not one it may replace
    assert refined(threshold=0.0, gate=()) == "unknown"


def test_a_kind_that_names_no_group_drops_the_counted_actor():
    f = replace(one(PEOPLE), counted_kind="military", counted_actor_id="xyz-military")
    to_civilians = parse_kind_model(
        model_doc(favouring("civilians", gate=("military",)), [favouring("civilians")] * 5)
    )
    out = refine_kinds([f], PEOPLE, BOOK, to_civilians)[0]
    assert (out.counted_kind, out.counted_actor_id) == ("civilians", None)
    to_police = parse_kind_model(
        model_doc(favouring("police", gate=("military",)), [favouring("police")] * 5)
    )
    out = refine_kinds([f], PEOPLE, BOOK, to_police)[0]
    assert (out.counted_kind, out.counted_actor_id) == ("police", "xyz-military")


def test_cv_mode_uses_the_model_trained_without_the_reports_fold():
    kinds = ["civilians", "military", "police", "armed_group", "mixed"]
    doc = model_doc(favouring("objects"), [favouring(k) for k in kinds])
    model = parse_kind_model(doc)
    bodies = [f"{PEOPLE} It was report number {i}." for i in range(30)]
    seen = set()
    for body in bodies:
        found = figs(body)
        cv = refine_kinds(found, body, BOOK, model, cv=True)
        assert [f.counted_kind for f in cv] == [kinds[fold_of(body)]] * len(found)
        assert {f.counted_kind for f in refine_kinds(found, body, BOOK, model)} == {"objects"}
        seen.add(fold_of(body))
    assert seen == set(range(5))


def test_extract_all_refines_and_switches_to_cv(monkeypatch, gazetteer):
    kinds = ["civilians", "military", "police", "armed_group", "mixed"]
    model = parse_kind_model(model_doc(favouring("objects"), [favouring(k) for k in kinds]))
    bodies = pd.DataFrame({"report_id": ["r1"], "published_date": [FRIDAY], "body": [PEOPLE]})
    full, *_ = extract_all(bodies, BOOK, gazetteer, kind_model=model, kind_cv=False)
    assert list(full["counted_kind"]) == ["objects"]
    monkeypatch.setenv(km.ENV_KIND_CV, "1")
    cv, *_ = extract_all(bodies, BOOK, gazetteer, kind_model=model)
    assert list(cv["counted_kind"]) == [kinds[fold_of(PEOPLE)]]


# ----- a missing or damaged model file ----------------------------------------------------------
def test_missing_model_file_is_a_clear_error(tmp_path, monkeypatch, gazetteer):
    with pytest.raises(KindModelError, match=r"missing.*make train"):
        load_kind_model(tmp_path / "counted_kind.json")

    monkeypatch.setattr(km, "MODEL_PATH", tmp_path / "gone.json")
    bodies = pd.DataFrame({"report_id": ["r1"], "published_date": [FRIDAY], "body": [PEOPLE]})
    with pytest.raises(KindModelError, match=r"gone\.json is missing"):
        extract_all(bodies, BOOK, gazetteer)


def test_damaged_model_files_are_clear_errors(tmp_path):
    good = model_doc(favouring("civilians"), [favouring("civilians")] * 5)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(good))
    assert load_kind_model(path).full.classes == ("civilians", "unknown")

    path.write_text(json.dumps(good)[:-20])
    with pytest.raises(KindModelError, match="cannot be read"):
        load_kind_model(path)

    edited = copy.deepcopy(good)
    edited["full"]["intercept"][0] = 9.0
    path.write_text(json.dumps(edited))
    with pytest.raises(KindModelError, match="sha256"):
        load_kind_model(path)

    for broken, message in [
        ({**good, "format": "something-else"}, "not a"),
        ({**good, "format_version": 99}, "format_version"),
        ({**good, "folds": 4}, "out-of-fold"),
    ]:
        path.write_text(json.dumps(broken))
        with pytest.raises(KindModelError, match=message):
            load_kind_model(path)

    bad_kind = model_doc(linear_doc(["civilians", "aliens"], [0, 0], {}), [favouring("civilians")] * 5)
    with pytest.raises(KindModelError, match="kinds"):
        parse_kind_model(bad_kind)
    ragged = model_doc(
        linear_doc(["civilians", "unknown"], [0, 0], {"x": [1.0]}), [favouring("civilians")] * 5
    )
    with pytest.raises(KindModelError, match="one weight per class"):
        parse_kind_model(ragged)


# ----- training's copy of score.py's matching --------------------------------------------------
def test_matching_counts_one_claim_once_and_prefers_the_agreeing_claimant():
    gold = [
        {"category": "killed", "low": 12, "high": 12, "counted_kind": "civilians"},
        {"category": "killed", "low": 12, "high": 12, "counted_kind": "unknown"},
    ]
    r = Report("dev", "r.txt", "", 0, "", "", [None, None, None], gold)
    # figures 0 and 1: the same claim twice (same key); figure 2 another claimant's
    r.keys = [("killed", 12, 12, "police"), ("killed", 12, 12, "police"), ("killed", 12, 12, "army")]
    # gold 0 is the army's claim, gold 1 the police's
    r.candidates = [[(0, False), (1, False), (2, True)], [(0, True), (1, True), (2, False)]]
    t, matched = match(r, ["unknown", "unknown", "civilians"])
    assert matched == {2: 0, 0: 1}
    assert (t.tp, t.fp, t.fn, t.claim_tp, t.kind_ok) == (2, 0, 0, 2, 2)
    # two kinds make the repeat a separate prediction: now one extra
    t, _ = match(r, ["unknown", "mixed", "civilians"])
    assert (t.tp, t.fp, t.fn) == (2, 1, 0)
    assert Tally(tp=2, fp=1, fn=0, claim_tp=2, kind_ok=2).claim_f1() == pytest.approx(0.8)
