"""Low, best and high per incident, category and counted group, and totals over the groups.

The rules (written in schemas/estimates.py and the README):

- A figure's counted group is its counted_actor_id, else ``civilians`` when it counts
  civilians, else ``unknown``. Claims about different groups are never rivals: 13 civilians
  and 133 fighters are two groups, not a range.
- Per group, low is the smallest number any claim gives and high the largest (a bound such as
  "at least 40" gives 40, and high_open says so); best is the median claim, the lower of the two
  middle ones, of the sources that are not a party to the fighting (monitors, the UN, medics,
  the press, the report's own voice), or of all sources when no such source gave one. Each
  bound is a number somebody claimed: nothing is averaged away.
- Per incident and category, low, best and high are the sums of the groups' lows, bests and
  highs, and best is split by side (pipeline/sides.py) as UCDP's deaths_a, deaths_b,
  deaths_civilians and deaths_unknown.
- Only incident-scope claims count: a running total belongs to no incident and is never added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from pipeline.sides import PARTY_KINDS, ActorInfo, PartyResolver, Sides, choose_sides, opt_str
from schemas import IncidentEstimates, IncidentTotals
from schemas.vocabularies import REPORT_VOICE

CIVILIANS, UNKNOWN = "civilians", "unknown"
GROUP_NAMES = {CIVILIANS: "civilians", UNKNOWN: "people or objects the words do not identify"}
SIDE_COLUMNS = {"a": "best_side_a", "b": "best_side_b", CIVILIANS: "best_civilians", UNKNOWN: "best_unknown"}
COUNT_COLUMNS = ("low", "best", "high", "n_claims", "n_claimants")


@dataclass(frozen=True)
class Claim:
    value: int
    figure_id: str
    claimant: str  # the claimant's actor id, or "report" for the report's own voice
    party: bool  # the claimant fights in the conflict
    open_ended: bool  # "at least 40", "dozens": the words set no upper bound


@dataclass
class Estimates:
    groups: pd.DataFrame  # incident_estimates
    totals: pd.DataFrame  # incident_totals
    sides: dict[str, Sides]  # incident_id -> its sides


def point(low: object, high: object) -> int | None:
    """The number a claim gives: its value, or its one bound."""
    for v in (low, high):
        if not pd.isna(v):
            return int(v)
    return None


def counted_group(counted_actor_id: object, counted_kind: str) -> str:
    if not pd.isna(counted_actor_id) and counted_actor_id:
        return str(counted_actor_id)
    return CIVILIANS if counted_kind == CIVILIANS else UNKNOWN


def summarize(claims: list[Claim]) -> dict:
    """low, best, high and how best was chosen, over the claims about one group."""
    neutral = [c for c in claims if not c.party]
    pool, basis = (neutral, "non-party") if neutral else (claims, "all")
    ranked = sorted(pool, key=lambda c: (c.value, c.figure_id))
    best = ranked[(len(ranked) - 1) // 2]
    high = max(c.value for c in claims)
    return {
        "low": min(c.value for c in claims),
        "best": best.value,
        "high": high,
        "high_open": any(c.open_ended for c in claims if c.value == high),
        "best_basis": basis,
        "best_figure_id": best.figure_id,
        "figure_ids": sorted(c.figure_id for c in claims),
        "n_claims": len(claims),
        "n_claimants": len({c.claimant for c in claims}),
    }


def _claims(rows: Iterable[tuple], actors: dict[str, ActorInfo]) -> list[Claim]:
    """Claims of (value_low, value_high, figure_id, claimant_actor_id) rows that give a number."""
    out = []
    for lo, hi, fid, claimant in rows:
        value = point(lo, hi)
        if value is None:
            continue
        claimant = opt_str(claimant)
        info = actors.get(claimant or "")
        party = info is not None and info.kind in PARTY_KINDS
        out.append(Claim(value, fid, claimant or REPORT_VOICE, party, pd.isna(hi)))
    return out


def _group_identity(group: str, resolver: PartyResolver, sides: Sides) -> dict:
    if group in (CIVILIANS, UNKNOWN):
        return {"group_type": group, "group_name": GROUP_NAMES[group], "side": group}
    info = resolver.actors.get(group)
    return {
        "group_type": "actor",
        "group_name": info.name if info else group,
        "side": sides.of(resolver.party(group)),
    }


def estimate_tables(
    figures: pd.DataFrame, actors: dict[str, ActorInfo], incidents: pd.DataFrame
) -> Estimates:
    """incident_estimates (per incident, category and counted group) and incident_totals
    (per incident and category), with each incident's sides."""
    resolver = PartyResolver(actors)
    claims = figures[(figures["scope"] == "incident") & figures["incident_id"].notna()].copy()
    claims["group_id"] = [
        counted_group(a, k) for a, k in zip(claims["counted_actor_id"], claims["counted_kind"], strict=True)
    ]
    country = dict(zip(incidents["incident_id"], incidents["country_iso3"], strict=True))
    sides = {
        inc: choose_sides(
            zip(rows["counted_actor_id"].map(opt_str), rows["claimant_actor_id"].map(opt_str), strict=True),
            opt_str(country.get(inc)),
            resolver,
        )
        for inc, rows in figures[figures["incident_id"].notna()].groupby("incident_id", sort=True)
    }
    # rows by (incident, category), then counted group, in table order: plain lists, since a
    # pandas group per incident and group cost a millisecond each
    grouped: dict[tuple[str, str], dict[str, list[tuple]]] = {}
    columns = [
        "incident_id",
        "category",
        "group_id",
        "value_low",
        "value_high",
        "figure_id",
        "claimant_actor_id",
    ]
    for inc, category, group, *claim in claims[columns].itertuples(index=False, name=None):
        grouped.setdefault((inc, category), {}).setdefault(group, []).append(tuple(claim))
    groups, totals = [], []
    for (inc, category), by_group in sorted(grouped.items()):
        per_group = []
        for group, grows in sorted(by_group.items()):
            found = _claims(grows, actors)
            if found:
                row = {"incident_id": inc, "category": category, "group_id": group}
                row |= _group_identity(group, resolver, sides[inc]) | summarize(found)
                per_group.append((row, found))
        if per_group:
            groups += [r for r, _ in per_group]
            totals.append(total_row(inc, category, per_group))
    return Estimates(
        _frame(groups, IncidentEstimates, COUNT_COLUMNS),
        _frame(totals, IncidentTotals, (*COUNT_COLUMNS, *SIDE_COLUMNS.values(), "n_groups")),
        sides,
    )


def total_row(incident: str, category: str, per_group: Iterable[tuple[dict, list[Claim]]]) -> dict:
    """Sums over one incident's groups in one category; best split by side."""
    rows = list(per_group)
    row = {"incident_id": incident, "category": category}
    for column in ("low", "best", "high"):
        row[column] = sum(r[column] for r, _ in rows)
    row["high_open"] = any(r["high_open"] for r, _ in rows)
    for side, column in SIDE_COLUMNS.items():
        row[column] = sum(r["best"] for r, _ in rows if r["side"] == side)
    row["n_groups"] = len(rows)
    row["n_claims"] = sum(r["n_claims"] for r, _ in rows)
    row["n_claimants"] = len({c.claimant for _, found in rows for c in found})
    return row


def _frame(rows: list[dict], model, int_columns: Iterable[str]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows, columns=list(model.to_schema().columns))
    return df.astype({c: "Int64" for c in int_columns}).astype({"high_open": "bool"})
