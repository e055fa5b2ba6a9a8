"""The events table: one row per incident, joined from incidents, places, reports, the
incident totals and the incident's sides (see schemas/events.py for the columns)."""

from __future__ import annotations

import pandas as pd

from pipeline.sides import PARTY_KINDS, ActorInfo, PartyResolver, Sides, opt_str
from schemas import Events
from schemas.vocabularies import REPORT_VOICE

# incident_totals column -> events column, for the killed and the injured
_TOTALS = {"low": "{c}_low", "best": "{c}_best", "high": "{c}_high"}
_DEATHS = {
    "best_side_a": "deaths_a",
    "best_side_b": "deaths_b",
    "best_civilians": "deaths_civilians",
    "best_unknown": "deaths_unknown",
}
_INT_COLUMNS = [
    *(f"{c}_{b}" for c in ("killed", "injured") for b in ("low", "best", "high")),
    *_DEATHS.values(),
    "n_sides_claiming",
    "n_reports",
    "n_claims",
    "n_claimants",
]


def _totals_of(totals: list) -> dict:
    """The events columns taken from one incident's totals (rows) of the killed and the injured."""
    row: dict = {f"{c}_{b}": None for c in ("killed", "injured") for b in _TOTALS}
    row |= dict.fromkeys(_DEATHS.values())
    row["killed_high_open"] = False
    for t in totals:
        if t.category not in ("killed", "injured"):
            continue
        row |= {name.format(c=t.category): getattr(t, column) for column, name in _TOTALS.items()}
        if t.category == "killed":
            row |= {name: getattr(t, column) for column, name in _DEATHS.items()}
            row["killed_high_open"] = bool(t.high_open)
    return row


def events_frame(
    incidents: pd.DataFrame,
    figures: pd.DataFrame,
    places: pd.DataFrame,
    reports: pd.DataFrame,
    totals: pd.DataFrame,
    sides: dict[str, Sides],
    actors: dict[str, ActorInfo],
) -> pd.DataFrame:
    place = places.set_index("place_id")
    publisher = dict(zip(reports["report_id"], reports["publisher"], strict=True))
    by_incident = dict(iter(figures[figures["incident_id"].notna()].groupby("incident_id", sort=True)))
    resolver = PartyResolver(actors)
    # each incident's totals in table order, gathered once (filtering per incident was N²)
    totals_by_incident: dict[str, list] = {}
    for t in totals.itertuples(index=False):
        totals_by_incident.setdefault(t.incident_id, []).append(t)
    rows = []
    for inc in incidents.sort_values("incident_id").itertuples(index=False):
        figs = by_incident.get(inc.incident_id, figures.iloc[0:0])
        p = place.loc[inc.place_id] if opt_str(inc.place_id) in place.index else None
        named = {a for a in (*figs["counted_actor_id"], *figs["claimant_actor_id"]) if opt_str(a)}
        side = sides.get(inc.incident_id, Sides(None, None))
        claiming = {resolver.party(opt_str(c)) for c in figs["claimant_actor_id"]} - {None}
        row = {
            "incident_id": inc.incident_id,
            "date_start": inc.date_start,
            "date_end": inc.date_end,
            "date_precision": inc.date_precision,
            "reported_date": inc.reported_date,
            "country_iso3": inc.country_iso3,
            "admin1": None if p is None else opt_str(p["admin1"]),
            "location_name": inc.location_name,
            "place_id": opt_str(inc.place_id),
            "place_name": None if p is None else p["name"],
            "geo_precision": None if p is None else opt_str(p["geo_precision"]),
            "latitude": None if p is None else p["latitude"],
            "longitude": None if p is None else p["longitude"],
            "event_type": inc.event_type,
            "actor_ids": sorted(a for a in named if a in actors and actors[a].kind in PARTY_KINDS),
            "side_a_actor_id": side.a,
            "side_a_name": actors[side.a].name if side.a else None,
            "side_b_actor_id": side.b,
            "side_b_name": actors[side.b].name if side.b else None,
            "n_sides_claiming": len(claiming & {side.a, side.b}),
            **_totals_of(totals_by_incident.get(inc.incident_id, [])),
            "n_reports": inc.n_reports,
            "n_claims": len(figs),
            "n_claimants": len({opt_str(c) or REPORT_VOICE for c in figs["claimant_actor_id"]}),
            "publishers": sorted({publisher[r] for r in inc.report_ids if opt_str(publisher.get(r))}),
        }
        rows.append(row)
    df = pd.DataFrame.from_records(rows, columns=list(Events.to_schema().columns))
    return df.astype({c: "Int64" for c in _INT_COLUMNS}).astype(
        {"latitude": "float64", "longitude": "float64", "killed_high_open": "bool"}
    )
