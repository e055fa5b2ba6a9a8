from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import BOOL, INT64, STRING, STRING_LIST, col, like
from schemas.incidents import Incidents, dates_ordered
from schemas.places import Places
from schemas.vocabularies import DATE_PRECISIONS, EVENT_TYPES, GEO_PRECISIONS


def _deaths(who: str) -> object:
    return col(
        f"{who}: the sum of the best estimates of the killed groups this covers (incident_totals); "
        "0 when no claim counts them, null when the incident has no claim of people killed.",
        INT64,
        nullable=True,
        ge=0,
    )


def _total(category: str, bound: str) -> object:
    return col(
        f"{bound.capitalize()} estimate of people {category} (incident_totals: the sum over counted groups); "
        f"null when no claim counts people {category}.",
        INT64,
        nullable=True,
        ge=0,
    )


class Events(pa.DataFrameModel):
    """One row per incident, in the shape users of ACLED and UCDP GED load first: when, where
    (with coordinates for towns and provinces), what kind of event, the parties and their sides,
    killed and injured low/best/high summed over counted groups, deaths by side, and how many
    reports, claims, claimants and publishers stand behind it. Running totals belong to no
    incident and are never added. Sides follow UCDP GED: side a is a state where the incident
    has one (a government, its forces, police and intelligence count as the state), among
    several states the one on whose territory the incident is, else the one in the most claims;
    with no state, the armed group in the most claims. Side b is the other party in the most
    claims (a state before a group). Ties go to the first actor_id."""

    incident_id: Series[str] = like(Incidents, "incident_id", unique=True, str_matches=r"^inc-[0-9a-f]{16}$")
    date_start: Series[pa.Date] = like(Incidents, "date_start")
    date_end: Series[pa.Date] = like(Incidents, "date_end")
    date_precision: Series[str] = like(Incidents, "date_precision", isin=list(DATE_PRECISIONS))
    reported_date: Series[pa.Date] = like(Incidents, "reported_date")
    country_iso3: Series[str] = like(Incidents, "country_iso3", str_matches=r"^[A-Z]{3}$")
    admin1: Series[str] = col(
        "ISO 3166-2 code of the province the event's place is or lies in, where known.",
        STRING,
        nullable=True,
    )
    location_name: Series[str] = like(Incidents, "location_name")
    place_id: Series[str] = like(Incidents, "place_id")
    place_name: Series[str] = col("The place's name in the places table.", STRING, nullable=True)
    geo_precision: Series[str] = like(
        Places,
        "geo_precision",
        "How precisely the event is located: " + ", ".join(GEO_PRECISIONS) + "; null when no place is "
        "named or the gazetteer does not hold it (then no coordinates).",
        isin=list(GEO_PRECISIONS),
    )
    latitude: Series[float] = like(Places, "latitude", ge=-90, le=90)
    longitude: Series[float] = like(Places, "longitude", ge=-180, le=180)
    event_type: Series[str] = like(Incidents, "event_type", isin=list(EVENT_TYPES))
    actor_ids: Series[object] = col(
        "The parties involved as named: every state body or armed group the incident's claims count "
        "or cite as claimant (actors.actor_id), sorted.",
        STRING_LIST,
    )
    side_a_actor_id: Series[str] = col(
        "Side a (actors.actor_id: a state, or an armed group); null when no party is named.",
        STRING,
        nullable=True,
    )
    side_a_name: Series[str] = col("Side a's name.", STRING, nullable=True)
    side_b_actor_id: Series[str] = col(
        "Side b (actors.actor_id); null when the incident names fewer than two parties.",
        STRING,
        nullable=True,
    )
    side_b_name: Series[str] = col("Side b's name.", STRING, nullable=True)
    n_sides_claiming: Series[pd.Int64Dtype] = col(
        "How many of side a and side b make claims in the incident: 2 when both sides' claims "
        "stand side by side.",
        INT64,
        ge=0,
        le=2,
    )
    killed_low: Series[pd.Int64Dtype] = _total("killed", "low")
    killed_best: Series[pd.Int64Dtype] = _total("killed", "best")
    killed_high: Series[pd.Int64Dtype] = _total("killed", "high")
    killed_high_open: Series[bool] = col(
        "True when killed_high comes partly from words that set no upper bound ('at least 40').", BOOL
    )
    injured_low: Series[pd.Int64Dtype] = _total("injured", "low")
    injured_best: Series[pd.Int64Dtype] = _total("injured", "best")
    injured_high: Series[pd.Int64Dtype] = _total("injured", "high")
    deaths_a: Series[pd.Int64Dtype] = _deaths("People of side a killed")
    deaths_b: Series[pd.Int64Dtype] = _deaths("People of side b killed")
    deaths_civilians: Series[pd.Int64Dtype] = _deaths("Civilians killed")
    deaths_unknown: Series[pd.Int64Dtype] = _deaths(
        "People killed whose side is unknown (unidentified, or on neither side)"
    )
    n_reports: Series[pd.Int64Dtype] = like(Incidents, "n_reports", ge=1)
    n_claims: Series[pd.Int64Dtype] = col("Claims (figures) of the incident, of every category.", INT64, ge=1)
    n_claimants: Series[pd.Int64Dtype] = col(
        "Distinct claimants among them (the report's own voice counts as one).", INT64, ge=1
    )
    publishers: Series[object] = col(
        "Publishers of the supporting reports (reports.publisher), sorted; unknown ones left out.",
        STRING_LIST,
    )

    @pa.dataframe_check(name="start_not_after_end")
    def start_not_after_end(cls, df: pd.DataFrame) -> Series[bool]:
        return dates_ordered(df)

    @pa.dataframe_check(name="deaths_add_up_to_killed_best")
    def deaths_add_up(cls, df: pd.DataFrame) -> Series[bool]:
        deaths = df[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]]
        none = df["killed_best"].isna() & deaths.isna().all(axis=1)
        return none | (deaths.sum(axis=1, min_count=4) == df["killed_best"]).fillna(False)

    @pa.dataframe_check(name="low_best_high_ordered")
    def ordered(cls, df: pd.DataFrame) -> Series[bool]:
        ok = pd.Series(True, index=df.index)
        for c in ("killed", "injured"):
            lo, best, hi = df[f"{c}_low"], df[f"{c}_best"], df[f"{c}_high"]
            known = lo.notna() & best.notna() & hi.notna()
            ok &= (lo.isna() & best.isna() & hi.isna()) | (known & (lo <= best) & (best <= hi)).fillna(False)
        return ok

    @pa.dataframe_check(name="coordinates_together")
    def coordinates_together(cls, df: pd.DataFrame) -> Series[bool]:
        return df["latitude"].isna() == df["longitude"].isna()

    class Config:
        strict = True
        name = "events"
