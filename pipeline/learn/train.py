"""Train the counted-kind model from the visible gold: ``make train``
(``python -m pipeline.learn.train [--shared DIR] [--out FILE]``).

1. The engine, without any model, extracts the figures of every report of the visible splits
   (SHARED/eval/dev, dev-regions, incidents-dev).
2. Each report's figures are matched to its gold figures as ../shared/eval/score.py matches
   them (category, low and high equal; predictions of the same category, bounds, claimant
   and kind are one claim; pairs whose claimant agrees first), with score.py's own claimant
   functions. A matched figure is an example; its label is the gold counted_kind.
3. Folds: k = 5 by report, a report's fold int(sha256(body), 16) % 5 (kind_model.fold_of).
   Out-of-fold model k is fitted on the reports of the other folds. Its decision rule (which
   rule kinds it may replace, and the probability it needs) is chosen by an inner 4-fold CV
   within those reports (nested CV), for the best claim F1 over the three splits together.
   The full model is fitted on every report, its rule chosen by the 5-fold CV.
4. Reported scores are the out-of-fold ones: each report refined by the model that never saw
   it, scored as score.py scores (claim F1, counted_kind accuracy over matched pairs).

Everything is deterministic: sorted inputs, a fixed seed, lbfgs, weights rounded to 6 decimals
and written as sorted JSON. Training twice on the same engine gives the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.extract import EXTRACTOR_VERSION
from pipeline.extract.engine import ExtractedFigure, extract_figures
from pipeline.ids import figure_id
from pipeline.ingest.inbox import report_id_for
from pipeline.ingest.raw_format import parse_report
from pipeline.knowledge import load_actor_dictionary
from pipeline.knowledge.actors import ActorDictionary
from pipeline.learn.kind_features import features
from pipeline.learn.kind_model import (
    FORMAT,
    FORMAT_VERSION,
    MODEL_PATH,
    N_FOLDS,
    LinearKindModel,
    fold_of,
    models_sha256,
)
from schemas.vocabularies import COUNTED_KINDS

REPO = Path(__file__).resolve().parents[2]
SPLITS = ("dev", "dev-regions", "incidents-dev")
SEED = 20261124
CS = (1.0, 3.0, 10.0)  # inverse L2 strengths tried (chosen by nested CV); 1.0 is scikit-learn's default
MIN_COUNT = 2  # a feature is kept if at least this many training examples have it
DECIMALS = 5
# Decision rules tried, from the most conservative: the rule kinds the model may replace
# (never, only the vague kinds, any kind of people, any kind), and the probability it needs.
GATES: dict[str, tuple[str, ...]] = {
    "never": (),
    "vague": ("mixed", "unknown"),
    "people": ("armed_group", "civilians", "military", "mixed", "police", "unknown"),
    "all": tuple(sorted(COUNTED_KINDS)),
}
THRESHOLDS = (0.9, 0.8, 0.7, 0.6, 0.5, 0.0)
# A rule that lets the model replace kinds must beat the rules alone by this much pooled claim F1
# in the CV that chooses it: one or two claims of the ~540 gold ones are within that CV's noise.
MIN_GAIN = 0.005


def candidate_rules() -> list[tuple[str, float]]:
    """(gate, threshold), most conservative first: ties go to the earlier one."""
    rules = [("never", 1.0)]
    for t in THRESHOLDS:
        rules += [(g, t) for g in GATES if g != "never"]
    return rules


# ----- score.py's matching ----------------------------------------------------------------------
def load_score_module(shared: Path):
    path = shared / "eval" / "score.py"
    if not path.is_file():
        raise SystemExit(
            f"{path} not found: training needs the shared eval folder (make train SHARED=DIR, "
            "or --shared DIR / $CONFLICT_CLAIMS_SHARED)"
        )
    spec = importlib.util.spec_from_file_location("_gold_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Report:
    split: str
    name: str
    body: str
    fold: int
    txt_sha256: str
    gold_sha256: str
    figures: list[ExtractedFigure]  # in the release's order (char_start, figure_id)
    gold: list[dict]
    group: str = ""  # the event the report is about (incidents-dev clusters.json), else the report
    feats: list[dict[str, float]] = field(default_factory=list)
    keys: list[tuple] = field(default_factory=list)  # score.py's claim key without the kind
    # per gold figure: (figure index, claimant agrees) for every figure of its category and bounds
    candidates: list[list[tuple[int, bool]]] = field(default_factory=list)


def _opt_int(v):
    return None if v is None else int(v)


def prepare_scoring(reports: list[Report], actors: dict[str, dict], score) -> None:
    """What score.py computes that does not depend on the kinds, once per report."""

    def actor_names(actor_id, text=None) -> list[str]:
        names = []
        if actor_id is not None and actor_id in actors:
            names.append(str(actors[actor_id].get("name") or ""))
            names += score.as_list(actors[actor_id].get("aliases"))
        if text:
            names.append(str(text))
        return [n for n in names if n]

    for r in reports:
        rows = [
            {
                "category": f.category,
                "value_low": f.value_low,
                "value_high": f.value_high,
                "claimant_actor_id": f.claimant_actor_id,
                "claimant_text": f.claimant_text,
            }
            for f in r.figures
        ]
        r.keys = [
            (
                p["category"],
                _opt_int(p["value_low"]),
                _opt_int(p["value_high"]),
                " ".join(actor_names(p["claimant_actor_id"], p["claimant_text"])).lower(),
            )
            for p in rows
        ]
        r.candidates = [
            [
                (i, bool(score.claimant_agrees(gf, p, actor_names)))
                for i, p in enumerate(rows)
                if (p["category"], _opt_int(p["value_low"]), _opt_int(p["value_high"]))
                == (gf["category"], gf["low"], gf["high"])
            ]
            for gf in r.gold
        ]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    claim_tp: int = 0
    kind_ok: int = 0

    def add(self, o: Tally) -> None:
        self.tp += o.tp
        self.fp += o.fp
        self.fn += o.fn
        self.claim_tp += o.claim_tp
        self.kind_ok += o.kind_ok

    @staticmethod
    def _f1(t: int, fp: int, fn: int) -> float:
        p = t / (t + fp) if t + fp else 0.0
        r = t / (t + fn) if t + fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def claim_f1(self) -> float:
        wrong = self.tp - self.claim_tp
        return self._f1(self.claim_tp, self.fp + wrong, self.fn + wrong)

    def summary(self) -> dict:
        return {
            "detection_f1": round(self._f1(self.tp, self.fp, self.fn), 3),
            "claim_f1": round(self.claim_f1(), 3),
            "counted_kind_accuracy": round(self.kind_ok / self.tp, 3) if self.tp else 0.0,
            "matched": self.tp,
            "claims_right": self.claim_tp,
        }


def match(r: Report, kinds: list[str]) -> tuple[Tally, dict[int, int]]:
    """score.py on one report with these kinds: the tally and figure index -> gold index."""
    seen: set[tuple] = set()
    first: dict[int, int] = {}  # figure index -> its position among the kept predictions
    for i, key in enumerate(r.keys):
        k = (*key, kinds[i])
        if k not in seen:
            seen.add(k)
            first[i] = len(first)
    pairs = sorted(
        (0 if ok else 1, gi, first[i], i)
        for gi, cands in enumerate(r.candidates)
        for i, ok in cands
        if i in first
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    t = Tally()
    matched: dict[int, int] = {}
    for rank, gi, _, i in pairs:
        if gi in used_g or i in used_p:
            continue
        used_g.add(gi)
        used_p.add(i)
        matched[i] = gi
        t.tp += 1
        kind_ok = kinds[i] == r.gold[gi]["counted_kind"]
        t.kind_ok += kind_ok
        t.claim_tp += kind_ok and rank == 0
    t.fn = len(r.gold) - len(used_g)
    t.fp = len(first) - len(used_p)
    return t, matched


# ----- data ----------------------------------------------------------------------------------
def sha256_bytes(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def load_reports(shared: Path, book: ActorDictionary, score) -> list[Report]:
    far = dt.date(9999, 12, 31)
    reports: list[Report] = []
    for split in SPLITS:
        folder = shared / "eval" / split
        gold_paths = sorted(folder.glob("*.gold.json"))
        if not gold_paths:
            raise SystemExit(f"no gold files in {folder}")
        loaded = []
        for gp in gold_paths:
            gold_bytes = gp.read_bytes()
            g = json.loads(gold_bytes)
            txt = folder / g["report"]
            raw = txt.read_bytes()
            parsed = parse_report(raw, far)
            loaded.append((report_id_for(parsed.text_sha256), gp, g, raw, gold_bytes, parsed))
        discovered: dict[str, dict] = {}
        split_reports = []
        for rid, _, g, raw, gold_bytes, parsed in sorted(loaded, key=lambda x: x[0]):  # release order
            result = extract_figures(parsed.body, parsed.published_date, book)
            for d in result.discovered:
                discovered.setdefault(d.actor_id, {"name": d.name, "aliases": []})
            figs = sorted(
                result.figures,
                key=lambda f: (f.char_start, figure_id(rid, f.char_start, f.char_end, f.category)),
            )
            r = Report(
                split,
                g["report"],
                parsed.body,
                0,
                sha256_bytes(raw),
                sha256_bytes(gold_bytes),
                figs,
                g["figures"],
            )
            r.fold = fold_of(parsed.body)
            r.group = f"report:{r.txt_sha256}"
            r.feats = [features(f, parsed.body, book) for f in figs]
            split_reports.append(r)
        actors = {a.actor_id: {"name": a.name, "aliases": list(a.aliases)} for a in book.actors.values()}
        for actor_id, a in discovered.items():
            actors.setdefault(actor_id, a)
        prepare_scoring(split_reports, actors, score)
        clusters = folder / "clusters.json"
        if clusters.is_file():
            by_name = {r.name: r for r in split_reports}
            for event in json.loads(clusters.read_text(encoding="utf-8"))["events"]:
                for name in event["reports"]:
                    if name in by_name:
                        by_name[name].group = f"event:{split}/{event['event']}"
        reports += split_reports
    return reports


def data_sha256(reports: list[Report]) -> str:
    """sha256 of the sorted list of [sha256 of the report file, sha256 of its gold file]."""
    pairs = sorted([r.txt_sha256, r.gold_sha256] for r in reports)
    return sha256_bytes(json.dumps(pairs, separators=(",", ":")).encode())


@dataclass(frozen=True)
class Example:
    report: int  # index into reports
    figure: int
    label: str


def examples_of(reports: list[Report]) -> list[Example]:
    out = []
    for ri, r in enumerate(reports):
        _, matched = match(r, [f.counted_kind for f in r.figures])
        out += [Example(ri, i, r.gold[gi]["counted_kind"]) for i, gi in sorted(matched.items())]
    return out


def examples_sha256(reports: list[Report], examples: list[Example]) -> str:
    rows = [[reports[e.report].fold, sorted(reports[e.report].feats[e.figure]), e.label] for e in examples]
    return sha256_bytes(json.dumps(rows, separators=(",", ":")).encode())


# ----- fitting -------------------------------------------------------------------------------
def fit(reports: list[Report], examples: list[Example], c: float, seed: int = SEED) -> dict:
    """A multinomial logistic regression on these examples, as the JSON the model file holds
    (decision rule not yet set)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [reports[e.report].feats[e.figure] for e in examples]
    counts = Counter(name for row in rows for name in row)
    kept = [{k: v for k, v in row.items() if counts[k] >= MIN_COUNT} for row in rows]
    labels = [e.label for e in examples]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(kept)
    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=10000, tol=1e-6, random_state=seed)
    clf.fit(x, labels)
    classes = [str(k) for k in clf.classes_]
    coef = clf.coef_.tolist()
    intercept = clf.intercept_.tolist()
    if len(classes) == 2:  # binary: one row for the second class; the first scores 0
        coef = [[0.0] * len(coef[0]), coef[0]]
        intercept = [0.0, intercept[0]]

    def rnd(v: float) -> float:
        return round(float(v), DECIMALS) + 0.0  # + 0.0 folds -0.0 into 0.0

    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        row = [rnd(coef[c][j]) for c in range(len(classes))]
        if any(row):
            weights[str(name)] = row
    return {
        "classes": classes,
        "intercept": [rnd(v) for v in intercept],
        "weights": weights,
        "n_examples": len(examples),
        "n_reports": len({e.report for e in examples}),
        "label_counts": dict(sorted(Counter(labels).items())),
    }


def with_rule(model: dict, gate: str, threshold: float) -> dict:
    return {**model, "rule": gate, "gate": list(GATES[gate]), "threshold": threshold}


def linear(model: dict) -> LinearKindModel:
    return LinearKindModel.from_json({**model, "gate": [], "threshold": 1.0}, "training")


def probabilities(model: dict, reports: list[Report], which: list[int]) -> dict[int, list[dict[str, float]]]:
    m = linear(model)
    return {ri: [m.proba(f) for f in reports[ri].feats] for ri in which}


def decide(rule_kind: str, proba: dict[str, float], gate: str, threshold: float) -> str:
    if rule_kind not in GATES[gate]:
        return rule_kind
    best = max(sorted(proba), key=lambda c: proba[c])
    return best if proba[best] >= threshold else rule_kind


def tally(
    reports: list[Report], probs: dict[int, list[dict[str, float]]], gate: str, threshold: float
) -> dict[str, Tally]:
    """Tallies per split (and "all") of these reports refined by the rule."""
    out = {s: Tally() for s in (*SPLITS, "all")}
    for ri, ps in probs.items():
        r = reports[ri]
        kinds = [decide(f.counted_kind, p, gate, threshold) for f, p in zip(r.figures, ps, strict=True)]
        t, _ = match(r, kinds)
        out[r.split].add(t)
        out["all"].add(t)
    return out


def choose(
    reports: list[Report], probs_by_c: dict[float, dict[int, list[dict[str, float]]]]
) -> tuple[float, str, float, dict[str, float]]:
    """(C, gate, threshold) with the best pooled claim F1 over these out-of-fold probabilities;
    ties go to the earlier: the stronger regularisation, the more conservative rule. A rule that
    replaces kinds is chosen only if it beats the rules alone (never) by MIN_GAIN."""
    best, best_f1, grid = None, -1.0, {}
    for c in CS:
        for gate, threshold in candidate_rules():
            f1 = tally(reports, probs_by_c[c], gate, threshold)["all"].claim_f1()
            grid[f"C={c} {gate}@{threshold}"] = round(f1, 4)
            if gate == "never":
                never = f1  # the same for every C: nothing is replaced
            if f1 > best_f1 + 1e-12:
                best, best_f1 = (c, gate, threshold), f1
    assert best is not None
    if best_f1 < never + MIN_GAIN:
        best = (CS[0], "never", 1.0)
    return (*best, grid)


def event_fold(r: Report, k: int) -> int:
    """A fold that keeps the reports of one event together: from the hash of its event key."""
    return int(hashlib.sha256(r.group.encode("utf-8")).hexdigest(), 16) % k


def cross_validate(
    reports: list[Report], examples: list[Example], fold: dict[int, int], c: float
) -> tuple[dict[int, list[dict[str, float]]], dict[int, dict]]:
    """Over the reports in ``fold`` (report index -> fold): each fold's reports scored by a
    model fitted on the other folds' examples. Out-of-fold probabilities, and those models."""
    probs: dict[int, list[dict[str, float]]] = {}
    models = {}
    for j in sorted(set(fold.values())):
        train_on = [e for e in examples if fold.get(e.report, j) != j]
        models[j] = fit(reports, train_on, c)
        probs.update(probabilities(models[j], reports, [ri for ri, f in fold.items() if f == j]))
    return probs, models


def train(reports: list[Report], log=print) -> dict:
    """Fit the full and out-of-fold models. Outer folds: each report's ``fold``. C and the
    decision rule are chosen by CVs whose folds keep the reports of one event together
    (``event_fold``): inside each outer fold's training reports (4 folds, nested) for its
    model, over every report (5 folds) for the full model."""
    examples = examples_of(reports)
    outer_fold = {ri: r.fold for ri, r in enumerate(reports)}
    # for each C, every report's probabilities from the model fitted without its fold
    outer = {c: cross_validate(reports, examples, outer_fold, c) for c in CS}
    out_of_fold: list[dict] = []
    nested: list[dict] = []
    for k in range(N_FOLDS):
        inner_fold = {ri: event_fold(r, N_FOLDS - 1) for ri, r in enumerate(reports) if r.fold != k}
        inner = {c: cross_validate(reports, examples, inner_fold, c)[0] for c in CS}
        c, gate, threshold, grid = choose(reports, inner)
        model = outer[c][1][k]
        out_of_fold.append({**with_rule(model, gate, threshold), "C": c, "trained_without_fold": k})
        nested.append({"fold": k, "C": c, "rule": gate, "threshold": threshold, "inner_cv_claim_f1": grid})
        log(f"fold {k}: C={c} rule {gate}@{threshold} (inner CV claim F1 {max(grid.values()):.3f})")

    # the scores: every report refined by the model trained without its fold, with that
    # model's own C and rule (chosen without the fold)
    rules_only = {s: Tally() for s in (*SPLITS, "all")}
    cv = {s: Tally() for s in (*SPLITS, "all")}
    for ri, r in enumerate(reports):
        m = out_of_fold[r.fold]
        ps = outer[m["C"]][0][ri]
        base, _ = match(r, [f.counted_kind for f in r.figures])
        refined, _ = match(
            r,
            [
                decide(f.counted_kind, p, m["rule"], m["threshold"])
                for f, p in zip(r.figures, ps, strict=True)
            ],
        )
        for s in (r.split, "all"):
            rules_only[s].add(base)
            cv[s].add(refined)
    # the full model: C and rule from a 5-fold CV over every report, events kept together
    every = {ri: event_fold(r, N_FOLDS) for ri, r in enumerate(reports)}
    every_probs = {c: cross_validate(reports, examples, every, c)[0] for c in CS}
    c, gate, threshold, grid = choose(reports, every_probs)
    full = {**with_rule(fit(reports, examples, c), gate, threshold), "C": c}
    log(f"full model: C={c} rule {gate}@{threshold} (5-fold CV claim F1 {max(grid.values()):.3f})")
    per_rule = {
        f"C={c} {g}@{t}": {s: tl.summary() for s, tl in tally(reports, outer[c][0], g, t).items()}
        for c in CS
        for g, t in candidate_rules()
    }
    return {
        "examples": examples,
        "full": full,
        "out_of_fold": out_of_fold,
        "cv": {
            "protocol": (
                "5-fold by report (fold = int(sha256(body), 16) % 5); each report refined by the model "
                "trained without its fold, whose C and decision rule were chosen by a 4-fold CV inside "
                "its own training reports (nested; those folds keep the reports of one incidents-dev "
                "event together); scored as score.py scores"
            ),
            "rules_only": {s: t.summary() for s, t in rules_only.items()},
            "rules_plus_model": {s: t.summary() for s, t in cv.items()},
            "nested_choice": nested,
            "full_model_choice": {"C": c, "rule": gate, "threshold": threshold, "cv_claim_f1": grid},
            "every_choice_5fold_not_nested": per_rule,
        },
    }


# ----- provenance and the file ------------------------------------------------------------------
def engine_provenance() -> dict:
    extract = REPO / "pipeline" / "extract"
    h = hashlib.sha256()
    for p in sorted(x for x in extract.rglob("*") if x.is_file() and "__pycache__" not in x.parts):
        h.update(p.relative_to(REPO).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    info = {"extractor_version": EXTRACTOR_VERSION, "engine_files_sha256": h.hexdigest()}
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "log", "-1", "--format=%H"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "pipeline/extract", "pipeline/knowledge"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        info.update(commit=commit, engine_uncommitted_changes=bool(dirty))
    except (OSError, subprocess.CalledProcessError):
        info.update(commit=None, engine_uncommitted_changes=None)
    return info


def library_versions() -> dict:
    import numpy
    import scipy
    import sklearn

    return {
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "python": platform.python_version(),
    }


def dumps(doc: dict) -> str:
    """Sorted JSON, one model weight row a line (readable diffs, stable bytes)."""

    def enc(v, indent: str) -> str:
        if isinstance(v, dict):
            if not v:
                return "{}"
            inner = indent + " "
            items = [f"{inner}{json.dumps(k)}: {enc(v[k], inner)}" for k in sorted(v)]
            return "{\n" + ",\n".join(items) + "\n" + indent + "}"
        if isinstance(v, list) and any(isinstance(x, dict | list) for x in v):
            inner = indent + " "
            return "[\n" + ",\n".join(inner + enc(x, inner) for x in v) + "\n" + indent + "]"
        return json.dumps(v, separators=(", ", ": "))

    return enc(doc, "") + "\n"


def build_document(reports: list[Report], result: dict, book: ActorDictionary) -> dict:
    examples = result["examples"]
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "target": "counted_kind",
        "folds": N_FOLDS,
        "fold_of": "int(sha256(report body as UTF-8).hexdigest(), 16) % 5",
        "full": result["full"],
        "out_of_fold": result["out_of_fold"],
        "training": {
            "splits": list(SPLITS),
            "reports": len(reports),
            "reports_per_split": dict(Counter(r.split for r in reports)),
            "reports_per_fold": {str(k): v for k, v in sorted(Counter(r.fold for r in reports).items())},
            "gold_figures": sum(len(r.gold) for r in reports),
            "extracted_figures": sum(len(r.figures) for r in reports),
            "examples": len(examples),
            "label_counts": dict(sorted(Counter(e.label for e in examples).items())),
            "data_sha256": data_sha256(reports),
            "data_sha256_of": "sha256 of the sorted JSON list of [sha256(NAME.txt), sha256(NAME.gold.json)]",
            "examples_sha256": examples_sha256(reports, examples),
            "knowledge_fingerprint": book.fingerprint,
            "engine": engine_provenance(),
            "libraries": library_versions(),
            "estimator": {
                "name": "sklearn.linear_model.LogisticRegression",
                "solver": "lbfgs",
                "C": list(CS),
                "penalty": "l2",
                "max_iter": 10000,
                "tol": 1e-6,
                "random_state": SEED,
                "features": "sklearn.feature_extraction.DictVectorizer(sort=True) of kind_features.features",
                "min_feature_count": MIN_COUNT,
                "decision_rule_min_gain": MIN_GAIN,
                "weights_rounded_to_decimals": DECIMALS,
            },
            "seed": SEED,
        },
        "cv": result["cv"],
    }
    doc["models_sha256"] = models_sha256(doc)
    return doc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.learn.train", description=__doc__.split("\n")[0])
    ap.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("CONFLICT_CLAIMS_SHARED") or REPO.parent / "shared"),
    )
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument(
        "--event-folds",
        action="store_true",
        help="diagnostic, writes nothing: the same training and CV with outer folds that keep the "
        "reports of one incidents-dev event (clusters.json) together, so no report is scored by a "
        "model that saw another report of its event",
    )
    a = ap.parse_args(argv)
    score = load_score_module(a.shared)
    book = load_actor_dictionary()
    print(f"extracting the visible gold reports in {a.shared / 'eval'} ({', '.join(SPLITS)}) ...")
    reports = load_reports(a.shared, book, score)
    if a.event_folds:
        moved = group_event_folds(reports)
        print(f"event folds: each report in its event's fold ({moved} reports moved)")
        print_scores(train(reports)["cv"])
        return 0
    result = train(reports)
    doc = build_document(reports, result, book)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = a.out.with_suffix(".tmp")
    tmp.write_text(dumps(doc), encoding="utf-8")
    os.replace(tmp, a.out)
    t = doc["training"]
    print(f"{t['examples']} examples from {t['reports']} reports; data sha256 {t['data_sha256']}")
    print(f"full model rule: {doc['full']['rule']}@{doc['full']['threshold']}; wrote {a.out}")
    print_scores(doc["cv"])
    return 0


def print_scores(cv: dict) -> None:
    print("cross-validated (5-fold by report, nested choice of C and rule): rules -> rules + model")
    for s in (*SPLITS, "all"):
        base, refined = cv["rules_only"][s], cv["rules_plus_model"][s]
        print(
            f"  {s:14} claim F1 {base['claim_f1']:.3f} -> {refined['claim_f1']:.3f}   "
            f"counted_kind {base['counted_kind_accuracy']:.3f} -> {refined['counted_kind_accuracy']:.3f}"
        )


def group_event_folds(reports: list[Report]) -> int:
    """Diagnostic folds: every report in its event's fold (event_fold), not its own."""
    moved = 0
    for r in reports:
        fold = event_fold(r, N_FOLDS)
        moved += fold != r.fold
        r.fold = fold
    return moved


if __name__ == "__main__":
    sys.exit(main())
