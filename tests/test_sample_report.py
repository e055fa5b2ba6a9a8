"""The sample report in raw/, end to end through a real Dagster build: the dataset says what
the report says. Pakistan says 133 Taliban fighters were killed, the Taliban say 55 Pakistani
soldiers and 8 of their own were: one battle, both sides' claims in one incident, dated only
where the text dates it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.conftest import run_build

RAW = Path(__file__).parents[1] / "raw"
QUERIES = Path(__file__).parents[1] / "docs" / "queries"


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    run_build(RAW, out, build_date="2026-03-01", log_level="ERROR")
    return out / "latest"


def rows(release: Path, table: str) -> list[dict]:
    return pq.read_table(release / f"{table}.parquet").to_pylist()


def killed(release: Path) -> dict[int, dict]:
    return {f["value_low"]: f for f in rows(release, "figures") if f["category"] == "killed"}


def test_both_sides_claims_about_the_battle_are_one_incident(release):
    figs = killed(release)
    battle = {figs[n]["incident_id"] for n in (133, 55, 8)}
    assert len(battle) == 1 and None not in battle
    claimants = {figs[n]["claimant_actor_id"] for n in (133, 55, 8)}
    assert claimants == {"pak-government", "afghan-taliban"}


def test_no_figure_of_the_battle_takes_a_background_date(release):
    figs = rows(release, "figures")
    battle = killed(release)[133]["incident_id"]
    of_battle = [f for f in figs if f["incident_id"] == battle]
    assert len(of_battle) >= 8
    assert all(f["event_date"] is None or f["event_date"].year == 2026 for f in of_battle)
    october = next(f for f in figs if f["number_text"] == "dozens")  # "Clashes ... in October"
    assert october["incident_id"] != battle and october["event_date"].isoformat() == "2025-10-01"


def test_estimates_keep_the_taliban_fighters_apart_from_the_pakistani_soldiers(release):
    battle = killed(release)[133]["incident_id"]
    groups = {
        e["group_id"]: e
        for e in rows(release, "incident_estimates")
        if e["incident_id"] == battle and e["category"] == "killed"
    }
    assert (groups["afghan-taliban"]["low"], groups["afghan-taliban"]["high"]) == (8, 133)
    assert (groups["pak-military"]["low"], groups["pak-military"]["high"]) == (55, 55)


def test_the_readme_queries_show_the_battle_and_put_it_in_february_2026(release):
    con = duckdb.connect(str(release / "conflict_claims.duckdb"), read_only=True)
    try:
        sides = con.execute(QUERIES.joinpath("claims_by_side.sql").read_text()).fetchall()
        monthly = con.execute(QUERIES.joinpath("monthly_killed.sql").read_text()).fetchall()
    finally:
        con.close()
    assert {r[6] for r in sides} >= {133, 55, 8}
    assert {r[4] for r in sides} >= {"a", "b"}
    months = {r[1] for r in monthly}
    assert "2026-02" in months
    battle_month = [r for r in monthly if r[1] == "2026-02"]
    assert sum(r[3] for r in battle_month) >= 8 + 55  # each side's dead, summed per group
