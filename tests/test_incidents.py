"""Incidents within and across reports, on figures and places made up for the test."""

from __future__ import annotations

import datetime as dt

from pipeline.incidents import FigureRef, PlaceInfo, group_figures

FRI = dt.date(2025, 5, 9)
SAT = dt.date(2025, 5, 10)

# Two towns 90 km apart in one country, a province holding the first, and a country.
KELL = PlaceInfo("geonames:1", "Kell", "town", "AFG", "Varda", 31.6, 65.7)
KELL_AIRPORT = PlaceInfo("geonames:2", "Kell Airport", "town", "AFG", "Varda", 31.5, 65.85)
DORN = PlaceInfo("geonames:3", "Dorn", "town", "AFG", "Osk", 32.3, 66.3)
VARDA = PlaceInfo("iso3166-2:AF-VAR", "Varda", "province", "AFG", "Varda", None, None)
AFG = PlaceInfo("iso3166-1:AFG", "Afghanistan", "country", "AFG", None, None, None)
PLACES = {p.place_id: p for p in (KELL, KELL_AIRPORT, DORN, VARDA, AFG)}


def fig(report, n, place, day=FRI, published=SAT, scope="incident", etype="air_strike", country="AFG"):
    return FigureRef(
        figure_id=f"fig-{report}-{n}",
        report_id=report,
        published_date=published,
        char_start=n * 10,
        scope=scope,
        event_date=day,
        date_precision="day" if day else None,
        location_name=place.name if place else None,
        event_type=etype,
        event_words=None,
        quote=f"quote {n}",
        place_id=place.place_id if place else None,
        country_iso3=country,
    )


def incident_of(drafts):
    return {f.figure_id: d.incident_id for d in drafts for f in d.figures}


def test_one_event_from_two_publishers_is_one_incident():
    figures = [fig("rep-a", 1, KELL), fig("rep-a", 2, KELL), fig("rep-b", 1, KELL_AIRPORT, etype=None)]
    of = incident_of(group_figures(figures, PLACES))
    assert of["fig-rep-a-1"] == of["fig-rep-a-2"] == of["fig-rep-b-1"]


def test_a_province_and_a_town_inside_it_meet_but_other_provinces_towns_do_not():
    of = incident_of(group_figures([fig("rep-a", 1, VARDA), fig("rep-b", 1, KELL)], PLACES))
    assert of["fig-rep-a-1"] == of["fig-rep-b-1"]
    of = incident_of(group_figures([fig("rep-a", 1, VARDA), fig("rep-b", 1, DORN)], PLACES))
    assert of["fig-rep-a-1"] != of["fig-rep-b-1"]


def test_two_events_on_one_day_in_one_country_stay_two():
    of = incident_of(group_figures([fig("rep-a", 1, KELL), fig("rep-b", 1, DORN)], PLACES))
    assert of["fig-rep-a-1"] != of["fig-rep-b-1"]


def test_days_apart_or_other_countries_stay_apart():
    later = fig("rep-b", 1, KELL, day=FRI + dt.timedelta(days=3), published=FRI + dt.timedelta(days=3))
    assert len(group_figures([fig("rep-a", 1, KELL), later], PLACES)) == 2
    abroad = fig("rep-b", 1, None, country="PAK")
    assert len(group_figures([fig("rep-a", 1, KELL), abroad], PLACES)) == 2


def test_a_round_up_is_not_the_strike():
    arrests = fig("rep-b", 1, KELL, etype="arrests")
    assert len(group_figures([fig("rep-a", 1, KELL), arrests], PLACES)) == 2


def test_running_totals_belong_to_no_incident():
    totals = [fig("rep-a", 1, AFG, scope="cumulative"), fig("rep-b", 1, AFG, scope="cumulative")]
    strike = fig("rep-a", 2, AFG)
    drafts = group_figures([*totals, strike], PLACES)
    assert [[f.figure_id for f in d.figures] for d in drafts] == [[strike.figure_id]]


def test_ids_stay_when_a_later_report_is_added():
    before = group_figures([fig("rep-a", 1, KELL), fig("rep-c", 1, DORN)], PLACES)
    later = fig("rep-b", 1, KELL, published=SAT + dt.timedelta(days=1))
    after = group_figures([fig("rep-a", 1, KELL), fig("rep-c", 1, DORN), later], PLACES)
    assert {d.incident_id for d in before} == {d.incident_id for d in after}
    assert incident_of(after)["fig-rep-b-1"] == incident_of(after)["fig-rep-a-1"]
