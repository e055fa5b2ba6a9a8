"""The events table: one row per incident, on small frames written here and the real gazetteer."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.errors
import pytest

from assets.checks import SCHEMA_CHECKS
from pipeline.estimates import estimate_tables
from pipeline.events_table import events_frame
from pipeline.knowledge.gazetteer import load_gazetteer
from pipeline.tables import columns_of, place_row
from schemas import Events, Incidents
from tests.test_estimates import INC, INFOS, OTHER, battle, figures

DAY = dt.date(2025, 4, 3)


@pytest.fixture(scope="module")
def province() -> dict:
    row = place_row("Paktia province", "AFG", load_gazetteer())
    assert row is not None and row["geo_precision"] == "province"
    return row


def incident(incident_id: str, place_id: str | None, report_ids: list[str], n_figures: int) -> dict:
    row = dict.fromkeys(columns_of(Incidents))
    row |= {
        "incident_id": incident_id,
        "reported_date": DAY + dt.timedelta(days=1),
        "country_iso3": "AFG",
        "event_type": "air_strike",
        "description": "words",
        "report_ids": report_ids,
        "figure_ids": [],
        "n_reports": len(report_ids),
        "n_figures": n_figures,
    }
    if place_id:
        row |= {"date_start": DAY, "date_end": DAY + dt.timedelta(days=1), "date_precision": "day"}
        row |= {"place_id": place_id, "location_name": "Paktia province"}
    return row


@pytest.fixture(scope="module")
def events(province) -> pd.DataFrame:
    figs = pd.concat(
        [
            battle(),
            figures([("fig-31", OTHER, "incident", "detained", 4, 4, "ostra-military", None, "unknown")]),
        ],
        ignore_index=True,
    )
    incs = pd.DataFrame(
        [
            incident(INC, province["place_id"], ["rpt-b", "rpt-a", "rpt-c"], 6),
            incident(OTHER, None, ["rpt-c"], 1),
        ]
    )
    places = pd.DataFrame([province])
    reports = pd.DataFrame(
        {"report_id": ["rpt-a", "rpt-b", "rpt-c"], "publisher": ["Wire Two", None, "Daily One"]}
    )
    est = estimate_tables(figs, INFOS, incs)
    return events_frame(incs, figs, places, reports, est.totals, est.sides, INFOS)


def test_an_incidents_row_has_its_dates_place_and_coordinates(events, province):
    row = events.set_index("incident_id").loc[INC]
    assert (row["date_start"], row["date_end"], row["date_precision"]) == (DAY, DAY + dt.timedelta(1), "day")
    assert (row["place_id"], row["geo_precision"], row["admin1"]) == (
        province["place_id"],
        "province",
        "AF-PIA",
    )
    gaz = load_gazetteer().target("AF-PIA")
    assert (row["latitude"], row["longitude"]) == (gaz.latitude, gaz.longitude)
    assert 29 < row["latitude"] < 39 and 60 < row["longitude"] < 75  # inside Afghanistan


def test_an_incidents_row_has_its_parties_totals_and_sources(events):
    row = events.set_index("incident_id").loc[INC]
    assert row["actor_ids"] == ["grey-front", "ostra-government", "ostra-military"]
    assert (row["side_a_actor_id"], row["side_b_actor_id"]) == ("ostra", "grey-front")
    assert (row["side_a_name"], row["n_sides_claiming"]) == ("Ostra", 2)
    est = estimate_tables(battle(), INFOS, pd.DataFrame({"incident_id": [INC], "country_iso3": ["AFG"]}))
    killed = est.totals.set_index("category").loc["killed"]
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == tuple(
        killed[["low", "best", "high"]]
    )
    assert row["killed_high_open"]
    deaths = [row[c] for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")]
    assert deaths == list(killed[["best_side_a", "best_side_b", "best_civilians", "best_unknown"]])
    assert row["injured_best"] == est.totals.set_index("category").loc["injured", "best"]
    assert row["publishers"] == ["Daily One", "Wire Two"]  # sorted, the unknown one left out
    assert (row["n_reports"], row["n_claims"], row["n_claimants"]) == (3, 6, 4)


def test_an_incident_without_place_or_dead_has_nulls_not_zeros(events):
    row = events.set_index("incident_id").loc[OTHER]
    assert row["place_id"] is None and pd.isna(row["latitude"]) and row["geo_precision"] is None
    assert all(pd.isna(row[c]) for c in ("killed_best", "deaths_a", "deaths_civilians", "injured_low"))
    assert not row["killed_high_open"]
    assert (row["side_a_actor_id"], row["side_b_actor_id"], row["n_sides_claiming"]) == ("ostra", None, 1)


def test_the_events_schema_accepts_the_rows_and_rejects_a_bad_one(events):
    Events.validate(events, lazy=True)
    bad = events.copy()
    bad.loc[0, "deaths_a"] = bad.loc[0, "deaths_a"] + 1
    with pytest.raises(pandera.errors.SchemaErrors, match="deaths_add_up_to_killed_best"):
        Events.validate(bad, lazy=True)
    bad = events.copy()
    bad.loc[0, "longitude"] = None
    with pytest.raises(pandera.errors.SchemaErrors, match="coordinates_together"):
        Events.validate(bad, lazy=True)


def test_the_blocking_asset_check_fails_on_a_bad_row(events):
    check = next(c for c in SCHEMA_CHECKS if "events_schema" in {s.name for s in c.check_specs})
    assert check(events).passed
    bad = events.copy()
    bad.loc[0, "n_sides_claiming"] = 3
    result = check(bad)
    assert not result.passed and "n_sides_claiming" in result.metadata["error"].text


def test_rows_come_in_a_stable_order(events):
    assert list(events["incident_id"]) == sorted(events["incident_id"])
