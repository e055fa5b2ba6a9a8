"""Low, best and high per incident and category, from the claims themselves.

The rule (documented in schemas/estimates.py and the README): over the incident-scope
claims of one category, low is the smallest number any claim gives and high the largest
(a bound such as "at least 40" gives 40); best is the median claim, the lower of the two
middle ones, of the sources that are not a party to the fighting (monitors, the UN,
medics, the press, the report's own voice), or of all sources when no such source gave
one. Each bound is a number somebody claimed: nothing is averaged away."""

from __future__ import annotations

import pandas as pd

from schemas import IncidentEstimates

# Actor kinds that fight: their claims count for best only when nobody else counted.
PARTY_KINDS = {"state", "government", "military", "police", "armed_group"}


def point(low: object, high: object) -> int | None:
    """The number a claim gives: its value, or its one bound."""
    for v in (low, high):
        if not pd.isna(v):
            return int(v)
    return None


def incident_estimates(figures: pd.DataFrame, actor_kinds: dict[str, str]) -> pd.DataFrame:
    rows = []
    claims = figures[figures["scope"] == "incident"]
    for (incident, category), group in claims.groupby(["incident_id", "category"], sort=True):
        values = [
            (point(lo, hi), fid, claimant)
            for lo, hi, fid, claimant in zip(
                group["value_low"],
                group["value_high"],
                group["figure_id"],
                group["claimant_actor_id"],
                strict=True,
            )
        ]
        values = [v for v in values if v[0] is not None]
        if not values:
            continue
        neutral = [v for v in values if actor_kinds.get(v[2] or "", "") not in PARTY_KINDS]
        pool, basis = (neutral, "non-party") if neutral else (values, "all")
        ranked = sorted(pool, key=lambda v: (v[0], v[1]))
        best = ranked[(len(ranked) - 1) // 2]
        rows.append(
            {
                "incident_id": incident,
                "category": category,
                "low": min(v[0] for v in values),
                "best": best[0],
                "high": max(v[0] for v in values),
                "best_basis": basis,
                "best_figure_id": best[1],
                "n_claims": len(values),
                "n_claimants": len({v[2] or "report" for v in values}),
            }
        )
    df = pd.DataFrame.from_records(rows, columns=list(IncidentEstimates.to_schema().columns))
    return df.astype({c: "Int64" for c in ("low", "best", "high", "n_claims", "n_claimants")})
