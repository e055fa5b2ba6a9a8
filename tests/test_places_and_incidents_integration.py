"""Places, incidents across publishers and estimates, through a real Dagster build of reports
written for the test (tests/fixtures/incidents)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.conftest import run_build

FIXTURES = Path(__file__).parent / "fixtures" / "incidents"
QUERIES = Path(__file__).parents[1] / "docs" / "queries"  # the README shows these files


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for p in FIXTURES.glob("*.txt"):
        shutil.copy(p, raw / p.name)
    target = tmp_path_factory.mktemp("out")
    run_build(raw, target, log_level="ERROR")
    return target


def table(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / "latest" / f"{name}.parquet").to_pylist()


def by_source(out: Path) -> dict[str, list[dict]]:
    source = {r["report_id"]: r["source_file"] for r in table(out, "reports")}
    found: dict[str, list[dict]] = {}
    for f in table(out, "figures"):
        found.setdefault(source[f["report_id"]], []).append(f)
    return found


def test_one_event_from_two_publishers_is_one_incident(out):
    figs = by_source(out)
    wire = figs["2025-05-10-wirepost-kandahar-drone.txt"]
    herald = figs["2025-05-10-herald-kandahar-drone.txt"]
    incidents = {f["incident_id"] for f in wire + herald if f["category"] == "killed"}
    assert len(incidents) == 1
    (incident,) = [i for i in table(out, "incidents") if i["incident_id"] in incidents]
    assert incident["n_reports"] == 2 and incident["country_iso3"] == "AFG"


def test_two_events_on_one_day_stay_two(out):
    figs = by_source(out)
    kandahar = {f["incident_id"] for f in figs["2025-05-10-wirepost-kandahar-drone.txt"]}
    herat = {f["incident_id"] for f in figs["2025-05-10-wirepost-herat-checkpoint.txt"]}
    assert kandahar and herat and kandahar.isdisjoint(herat)


def test_places_resolve_in_the_gazetteer_with_the_reports_country(out):
    places = {p["place_id"]: p for p in table(out, "places")}
    figs = by_source(out)
    punjab = figs["2025-05-11-dispatch-punjab-arrests.txt"][0]
    assert punjab["place_id"] == "iso3166-2:PK-PB"  # Pakistan's Punjab, not India's
    assert places[punjab["place_id"]]["geo_precision"] == "province"
    kandahar = next(f for f in figs["2025-05-10-herald-kandahar-drone.txt"] if f["category"] == "killed")
    town = places[kandahar["place_id"]]
    assert (town["geo_precision"], town["country_iso3"]) == ("town", "AFG")
    assert 31 < town["latitude"] < 32 and 65 < town["longitude"] < 66


def test_an_unknown_armed_group_is_kept_as_discovered(out):
    actors = {a["actor_id"]: a for a in table(out, "actors")}
    group = next(a for a in actors.values() if "Brotherhood of the Red Valley" in a["name"])
    assert (group["curated"], group["kind"]) == (False, "armed_group")
    claims = [f for f in table(out, "figures") if f["claimant_actor_id"] == group["actor_id"]]
    assert [(f["category"], f["value_low"]) for f in claims] == [("killed", 6)]


def test_estimates_are_per_counted_group_and_totals_sum_them(out):
    figs = by_source(out)
    killed = [
        f
        for name in ("2025-05-10-wirepost-kandahar-drone.txt", "2025-05-10-herald-kandahar-drone.txt")
        for f in figs[name]
        if f["category"] == "killed"
    ]
    incident = killed[0]["incident_id"]
    groups = [
        e
        for e in table(out, "incident_estimates")
        if e["incident_id"] == incident and e["category"] == "killed"
    ]
    # 12 civilians and "at least 15 people" count different groups: not a range of one number
    assert {g["group_id"] for g in groups} == {"civilians", "unknown"}
    assert sorted(f for g in groups for f in g["figure_ids"]) == sorted(f["figure_id"] for f in killed)
    (total,) = [
        t for t in table(out, "incident_totals") if t["incident_id"] == incident and t["category"] == "killed"
    ]
    for column in ("low", "best", "high"):
        assert total[column] == sum(g[column] for g in groups)
    assert total["high_open"] == any(g["high_open"] for g in groups)
    (event,) = [e for e in table(out, "events") if e["incident_id"] == incident]
    assert (event["killed_low"], event["killed_best"], event["killed_high"]) == (
        total["low"],
        total["best"],
        total["high"],
    )
    assert event["deaths_civilians"] == next(g["best"] for g in groups if g["group_id"] == "civilians")


def test_events_give_a_province_its_coordinates(out):
    punjab = by_source(out)["2025-05-11-dispatch-punjab-arrests.txt"][0]
    (event,) = [e for e in table(out, "events") if e["incident_id"] == punjab["incident_id"]]
    assert (event["place_id"], event["geo_precision"], event["admin1"]) == (
        "iso3166-2:PK-PB",
        "province",
        "PK-PB",
    )
    assert 28 < event["latitude"] < 34 and 69 < event["longitude"] < 76  # inside Pakistan's Punjab
    assert {e["incident_id"] for e in table(out, "events")} == {
        i["incident_id"] for i in table(out, "incidents")
    }


def test_readme_queries_run_on_the_duckdb_file(out):
    """The two questions the README answers in SQL."""
    con = duckdb.connect(str(out / "latest" / "conflict_claims.duckdb"), read_only=True)
    try:
        sides = con.execute(QUERIES.joinpath("claims_by_side.sql").read_text())
        sides = sides.fetchall()
        monthly = con.execute(QUERIES.joinpath("monthly_killed.sql").read_text())
        monthly = monthly.fetchall()
    finally:
        con.close()
    events = table(out, "events")
    most = max(e["n_sides_claiming"] for e in events)
    (incident,) = {r[0] for r in sides}
    event = next(e for e in events if e["incident_id"] == incident)
    assert event["n_sides_claiming"] == most == 2
    assert {r[4] for r in sides} >= {"a", "b"}  # both sides' claims, side by side
    assert len({r[1] for r in sides}) >= 2  # from different claimants
    afg_may = [e for e in events if e["country_iso3"] == "AFG" and e["killed_best"] is not None]
    row = next(r for r in monthly if (r[0], r[1]) == ("AFG", "2025-05"))
    assert row[3] == sum(e["killed_best"] for e in afg_may) and row[6] == len(afg_may)


def test_the_readme_shows_the_queries_as_they_are():
    readme = (QUERIES.parents[1] / "README.md").read_text()
    for sql in QUERIES.glob("*.sql"):
        assert sql.read_text().strip() in readme, sql.name


# ---- episodes: one battle, a background clash, an arrest operation, a running total ---------
BATTLE = "2025-05-24-courier-obeid-battle.txt"


def battle_figures(out: Path) -> dict[int, dict]:
    return {f["value_low"]: f for f in by_source(out)[BATTLE]}


def test_one_battle_claimed_by_both_sides_is_one_incident(out):
    figs = battle_figures(out)
    army, rsf = [figs[n] for n in (210, 4)], [figs[n] for n in (63, 9)]
    assert {f["claimant_actor_id"] for f in army} == {"sdn-military"}
    assert {f["claimant_actor_id"] for f in rsf} == {"rsf"}
    assert len({f["incident_id"] for f in army + rsf + [figs[14]]}) == 1
    # dated by the lede for the whole episode, and placed where the lede sets it
    assert {(f["event_date"].isoformat(), f["date_basis"]) for f in army + rsf} == {("2025-05-23", "episode")}
    (event,) = [e for e in table(out, "events") if e["incident_id"] == figs[210]["incident_id"]]
    sides = (event["side_a_actor_id"], event["side_b_actor_id"], event["n_sides_claiming"])
    assert sides == ("sdn", "rsf", 2)
    # each side's dead: its own count (the lower of two claims, neither side being neutral) ...
    assert (event["deaths_a"], event["deaths_b"], event["deaths_civilians"]) == (4, 9, 0)
    # ... and the range the two sides' claims span
    assert (event["killed_low"], event["killed_high"]) == (4 + 9, 63 + 210)


def test_a_background_clash_is_its_own_incident_and_dates_nothing_else(out):
    figs = battle_figures(out)
    background = next(f for f in figs.values() if f["value_low"] == 24)  # "dozens of civilians"
    assert background["incident_id"] != figs[210]["incident_id"]
    assert (background["event_date"].isoformat(), background["date_precision"]) == ("2025-03-01", "month")
    others = [f for f in figs.values() if f is not background and f["event_date"] is not None]
    assert others and all(f["event_date"].month == 5 for f in others)


def test_a_separate_arrest_operation_is_its_own_incident(out):
    figs = battle_figures(out)
    arrests = figs[30]
    assert arrests["category"] == "detained" and arrests["location_name"] == "Khartoum"
    assert arrests["incident_id"] not in {figs[210]["incident_id"], figs[24]["incident_id"]}


def test_a_running_total_belongs_to_no_incident(out):
    total = battle_figures(out)[150001]
    assert (total["scope"], total["incident_id"]) == ("cumulative", None)
    assert total["date_basis"] == "running_total"
    counted = {f for e in table(out, "incident_estimates") for f in e["figure_ids"]}
    assert total["figure_id"] not in counted
    assert all(total["figure_id"] not in i["figure_ids"] for i in table(out, "incidents"))
