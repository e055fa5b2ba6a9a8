"""The counted-kind model at build time: load the committed JSON, score a figure's features,
and let the model's kind replace the rules' where its decision rule says.

Inference is the standard library alone: a linear model (one weight per feature and class,
one intercept per class), a softmax whose exponential is computed with additions,
multiplications and ``math.ldexp`` only, so the same file gives the same kinds bit for bit on
every platform and Python version. The file (models/counted_kind.json, written by
``make train``) holds the model trained on every visible report and the five models each
trained without one fold of reports; a report's fold is a pure function of its body
(``fold_of``). In CV mode a report is refined by the model that never saw its fold, so
scores on the training splits are cross-validated.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.extract.engine import ExtractedFigure
from pipeline.knowledge.actors import ActorDictionary
from pipeline.learn.kind_features import features
from schemas.vocabularies import COUNTED_KINDS

MODEL_PATH = Path(__file__).parent / "models" / "counted_kind.json"
FORMAT = "conflict-claims/counted-kind-model"
FORMAT_VERSION = 1
N_FOLDS = 5
ENV_KIND_CV = "CONFLICT_CLAIMS_KIND_CV"
# Kinds that name no one group: a figure of such a kind has no counted actor (as in the engine).
_NO_ACTOR_KINDS = {"civilians", "unknown"}


class KindModelError(RuntimeError):
    """The counted-kind model file is missing, unreadable or not a model of this format."""


def fold_of(body: str, k: int = N_FOLDS) -> int:
    """A report's cross-validation fold: int(sha256(body as UTF-8), 16) % k."""
    return int(hashlib.sha256(body.encode("utf-8")).hexdigest(), 16) % k


def cv_from_env(environ: dict[str, str] | None = None) -> bool:
    """CONFLICT_CLAIMS_KIND_CV: 1/true/yes turns CV mode on; unset, empty, 0/false/no off."""
    value = (os.environ if environ is None else environ).get(ENV_KIND_CV, "").strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise ValueError(f"{ENV_KIND_CV}={value!r}: expected 1 or 0")


# ----- deterministic arithmetic ---------------------------------------------------------------
_LN2 = 0.6931471805599453
_INV_FACTORIALS = [1 / math.factorial(n) for n in range(18, -1, -1)]  # Horner order


def exp(x: float) -> float:
    """e**x from +, *, / and ldexp only (no libm): the same bits everywhere. Relative error
    below 1e-15 for the range a softmax needs (x <= 0)."""
    if x < -745.0:
        return 0.0
    k = round(x / _LN2)
    r = x - k * _LN2  # |r| <= ln2 / 2
    p = 0.0
    for c in _INV_FACTORIALS:
        p = p * r + c
    return math.ldexp(p, k)


@dataclass(frozen=True)
class LinearKindModel:
    """One multinomial linear model and the decision rule that goes with it."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float  # the model's kind must have at least this probability
    gate: frozenset[str]  # rule kinds the model may replace

    def proba(self, feats: dict[str, float]) -> dict[str, float]:
        scores = list(self.intercept)
        for name in sorted(feats):
            w = self.weights.get(name)
            if w is None:
                continue
            v = feats[name]
            for c in range(len(scores)):
                scores[c] += w[c] * v
        top = max(scores)
        e = [exp(s - top) for s in scores]
        total = 0.0
        for v in e:
            total += v
        return {cls: v / total for cls, v in zip(self.classes, e, strict=True)}

    def decide(self, rule_kind: str, proba: dict[str, float]) -> str:
        """The kind to publish: the model's most probable kind where the rule kind is one it may
        replace and that probability reaches the threshold; else the rule kind."""
        if rule_kind not in self.gate:
            return rule_kind
        best = max(self.classes, key=lambda c: proba[c])  # first of equals, in class order
        return best if proba[best] >= self.threshold else rule_kind

    @classmethod
    def from_json(cls, d: dict, where: str) -> LinearKindModel:
        try:
            classes = tuple(d["classes"])
            intercept = tuple(float(v) for v in d["intercept"])
            weights = {str(k): tuple(float(x) for x in v) for k, v in d["weights"].items()}
            threshold = float(d["threshold"])
            gate = frozenset(d["gate"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise KindModelError(f"{where}: not a counted-kind model ({exc!r})") from None
        unknown = (set(classes) | gate) - set(COUNTED_KINDS)
        if unknown or len(classes) < 2 or len(intercept) != len(classes):
            raise KindModelError(f"{where}: classes {classes} / gate {sorted(gate)} do not fit the kinds")
        if any(len(w) != len(classes) for w in weights.values()):
            raise KindModelError(f"{where}: a weight row does not have one weight per class")
        return cls(classes, intercept, weights, threshold, gate)


@dataclass(frozen=True)
class KindModel:
    """The committed file: the full model and the out-of-fold models, with their provenance."""

    full: LinearKindModel
    out_of_fold: tuple[LinearKindModel, ...]  # [k] was trained without fold k
    meta: dict
    path: str = ""

    def for_body(self, body: str, cv: bool) -> LinearKindModel:
        return self.out_of_fold[fold_of(body, len(self.out_of_fold))] if cv else self.full


def models_sha256(doc: dict) -> str:
    """The hash the file records of its own models (full and out-of-fold)."""
    canon = json.dumps([doc["full"], doc["out_of_fold"]], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def parse_kind_model(doc: object, where: str = "counted-kind model") -> KindModel:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise KindModelError(f"{where}: not a {FORMAT} file")
    if doc.get("format_version") != FORMAT_VERSION:
        raise KindModelError(
            f"{where}: format_version {doc.get('format_version')!r}, this code reads {FORMAT_VERSION}"
        )
    try:
        recorded = doc["models_sha256"]
        folds = doc["out_of_fold"]
        full = doc["full"]
    except KeyError as exc:
        raise KindModelError(f"{where}: missing {exc}") from None
    if not isinstance(folds, list) or len(folds) != doc.get("folds"):
        raise KindModelError(f"{where}: expected {doc.get('folds')} out-of-fold models")
    if models_sha256(doc) != recorded:
        raise KindModelError(f"{where}: its models do not match their recorded sha256 (edited or damaged)")
    return KindModel(
        LinearKindModel.from_json(full, f"{where} (full)"),
        tuple(LinearKindModel.from_json(m, f"{where} (fold {i})") for i, m in enumerate(folds)),
        {k: v for k, v in doc.items() if k not in ("full", "out_of_fold")},
        where,
    )


_CACHE: dict[tuple[str, int, int], KindModel] = {}


def load_kind_model(path: Path | str | None = None) -> KindModel:
    """Read and check the model file (default: the committed MODEL_PATH); a missing or damaged
    file is a KindModelError that says how to get it back. Cached per file (path, size, mtime)."""
    p = Path(MODEL_PATH if path is None else path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise KindModelError(
            f"counted-kind model {p} is missing: it is committed with the code "
            "(git checkout it, or retrain with `make train`)"
        ) from None
    key = (str(p.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _CACHE:
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KindModelError(
                f"counted-kind model {p} cannot be read ({exc}); restore it or retrain with `make train`"
            ) from None
        _CACHE.clear()
        _CACHE[key] = parse_kind_model(doc, str(p))
    return _CACHE[key]


def refine_kinds(
    figures: Iterable[ExtractedFigure],
    body: str,
    book: ActorDictionary,
    model: KindModel,
    cv: bool = False,
) -> list[ExtractedFigure]:
    """The report's figures with the model's counted kind where its decision rule lets it
    replace the rules'. ``cv``: use the model trained without this report's fold. A figure whose
    kind becomes civilians or unknown loses its counted actor, as the engine gives them none."""
    linear = model.for_body(body, cv)
    out = []
    for f in figures:
        kind = linear.decide(f.counted_kind, linear.proba(features(f, body, book)))
        if kind != f.counted_kind:
            f = replace(
                f,
                counted_kind=kind,
                counted_actor_id=None if kind in _NO_ACTOR_KINDS else f.counted_actor_id,
            )
        out.append(f)
    return out
