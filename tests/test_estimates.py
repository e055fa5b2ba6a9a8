"""Estimates per counted group, totals over groups and sides, on small frames written here."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from pipeline.estimates import estimate_tables
from pipeline.sides import PartyResolver, actor_infos, choose_sides
from schemas import IncidentEstimates, IncidentTotals

INC = "inc-00000000000000a1"
OTHER = "inc-00000000000000b2"

# Two made-up countries, their organs, an armed group with a faction, and bodies that do not fight.
ACTORS = pd.DataFrame(
    [
        ("ostra", "Ostra", "state", "OST", None),
        ("ostra-government", "Government of Ostra", "government", "OST", "ostra"),
        ("ostra-military", "Ostran armed forces", "military", "OST", "ostra"),
        ("ostra-intel", "Ostran intelligence", "intelligence", "OST", "ostra-military"),
        ("velm", "Velm", "state", "VLM", None),
        ("velm-military", "Velmish armed forces", "military", "VLM", "velm"),
        ("grey-front", "Grey Front", "armed_group", "VLM", None),
        ("grey-front-south", "Grey Front southern wing", "armed_group", "VLM", "grey-front"),
        ("black-hand", "Black Hand", "armed_group", "VLM", None),
        ("monitor", "Ceasefire monitor", "ngo", None, None),
        ("un", "United Nations", "igo", None, None),
    ],
    columns=["actor_id", "name", "kind", "country_iso3", "parent_actor_id"],
)
INFOS = actor_infos(ACTORS)
COLUMNS = [
    "figure_id",
    "incident_id",
    "scope",
    "category",
    "value_low",
    "value_high",
    "claimant_actor_id",
    "counted_actor_id",
    "counted_kind",
]


def figures(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS).astype({"value_low": "Int64", "value_high": "Int64"})


def incidents(*pairs: tuple[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["incident_id", "country_iso3"])


def battle() -> pd.DataFrame:
    """Ostra strikes the Grey Front in Velm: each side counts the other's dead and its own."""
    return figures(
        [
            ("fig-01", INC, "incident", "killed", 140, 140, "ostra-government", "grey-front", "armed_group"),
            ("fig-02", INC, "incident", "killed", 9, 9, "grey-front", "grey-front", "armed_group"),
            ("fig-03", INC, "incident", "killed", 60, 60, "grey-front", "ostra-military", "military"),
            ("fig-04", INC, "incident", "killed", 12, 12, "monitor", None, "civilians"),
            ("fig-05", INC, "incident", "killed", 20, None, None, None, "unknown"),  # "at least 20"
            ("fig-06", INC, "incident", "injured", 30, 30, "grey-front", None, "civilians"),
            # a running total: in no incident, never added
            ("fig-07", None, "cumulative", "killed", 5000, None, "un", None, "civilians"),
        ]
    )


def rows_by(df: pd.DataFrame, *keys: str) -> dict:
    return {tuple(r[k] for k in keys): r for r in df.to_dict("records")}


def test_claims_about_different_groups_are_not_rival_estimates():
    est = estimate_tables(battle(), INFOS, incidents((INC, "VLM")))
    groups = rows_by(est.groups, "category", "group_id")
    assert set(groups) == {
        ("killed", "grey-front"),
        ("killed", "ostra-military"),
        ("killed", "civilians"),
        ("killed", "unknown"),
        ("injured", "civilians"),
    }
    fighters = groups[("killed", "grey-front")]
    assert (fighters["low"], fighters["best"], fighters["high"]) == (9, 9, 140)
    assert fighters["best_basis"] == "all" and fighters["best_figure_id"] == "fig-02"
    assert fighters["figure_ids"] == ["fig-01", "fig-02"] and fighters["n_claimants"] == 2
    soldiers = groups[("killed", "ostra-military")]
    assert (soldiers["low"], soldiers["high"], soldiers["figure_ids"]) == (60, 60, ["fig-03"])
    assert (soldiers["group_type"], soldiers["group_name"]) == ("actor", "Ostran armed forces")
    assert groups[("killed", "civilians")]["best_basis"] == "non-party"
    assert groups[("killed", "unknown")]["high_open"]
    IncidentEstimates.validate(est.groups)


def test_totals_sum_the_groups_and_split_best_by_side():
    est = estimate_tables(battle(), INFOS, incidents((INC, "VLM")))
    assert est.sides[INC].a == "ostra" and est.sides[INC].b == "grey-front"
    groups = est.groups[est.groups["category"] == "killed"]
    killed = rows_by(est.totals, "category")[("killed",)]
    for column in ("low", "best", "high", "n_claims"):
        assert killed[column] == groups[column].sum()
    assert killed["n_groups"] == 4 and killed["high_open"]
    side = rows_by(groups, "group_id")
    assert killed["best_side_a"] == side[("ostra-military",)]["best"]
    assert killed["best_side_b"] == side[("grey-front",)]["best"]
    assert killed["best_civilians"] == side[("civilians",)]["best"]
    assert killed["best_unknown"] == side[("unknown",)]["best"]
    assert {side[(g,)]["side"] for g in ("ostra-military", "grey-front")} == {"a", "b"}
    IncidentTotals.validate(est.totals)


def test_a_running_total_is_never_added():
    est = estimate_tables(battle(), INFOS, incidents((INC, "VLM")))
    claimed = {f for ids in est.groups["figure_ids"] for f in ids}
    assert "fig-07" not in claimed
    assert 5000 not in set(est.groups["high"]) and est.totals["high"].max() < 5000
    assert set(est.totals["incident_id"]) == {INC}


def test_best_is_the_lower_middle_non_party_claim():
    rows = [
        ("fig-11", OTHER, "incident", "killed", 12, 12, "ostra-government", None, "civilians"),
        ("fig-12", OTHER, "incident", "killed", 40, None, "monitor", None, "civilians"),
        ("fig-13", OTHER, "incident", "killed", 25, 25, "un", None, "civilians"),
        ("fig-14", OTHER, "incident", "killed", 90, 90, "grey-front", None, "civilians"),
    ]
    est = estimate_tables(figures(rows), INFOS, incidents((OTHER, "OST")))
    (row,) = est.groups.to_dict("records")
    assert (row["low"], row["best"], row["high"], row["best_figure_id"]) == (12, 25, 90, "fig-13")
    assert row["best_basis"] == "non-party" and not row["high_open"]


@pytest.mark.parametrize(
    "claims, country, expected",
    [
        # the faction counts as its group, the intelligence service as its state
        ([("grey-front-south", "ostra-intel")], "VLM", ("ostra", "grey-front")),
        # two states: the one on whose territory the incident is comes first
        ([("ostra-military", "velm-military"), ("ostra-military", "ostra")], "VLM", ("velm", "ostra")),
        ([("ostra-military", "velm-military"), ("ostra-military", "ostra")], "XYZ", ("ostra", "velm")),
        # groups only: the one in the most claims is side a
        ([("black-hand", "grey-front"), ("grey-front", None)], "VLM", ("grey-front", "black-hand")),
        # one party: no side b; non-parties are no side at all
        ([(None, "ostra-government"), (None, "monitor")], "OST", ("ostra", None)),
        ([(None, "un")], "OST", (None, None)),
    ],
)
def test_sides(claims, country, expected):
    sides = choose_sides(claims, country, PartyResolver(INFOS))
    assert (sides.a, sides.b) == expected


def test_a_group_on_neither_side_is_unknown():
    rows = [
        ("fig-21", OTHER, "incident", "killed", 5, 5, "ostra-military", "grey-front", "armed_group"),
        ("fig-22", OTHER, "incident", "killed", 3, 3, "ostra-military", "grey-front", "armed_group"),
        ("fig-23", OTHER, "incident", "killed", 2, 2, "monitor", "black-hand", "armed_group"),
    ]
    est = estimate_tables(figures(rows), INFOS, incidents((OTHER, "OST")))
    assert rows_by(est.groups, "group_id")[("black-hand",)]["side"] == "unknown"
    (total,) = est.totals.to_dict("records")
    assert total["best_unknown"] == 2 and total["best_side_b"] == 3  # lower middle of 3 and 5


def test_the_schemas_reject_rows_that_do_not_add_up():
    est = estimate_tables(battle(), INFOS, incidents((INC, "VLM")))
    bad = est.totals.copy()
    bad.loc[0, "best_side_a"] = bad.loc[0, "best_side_a"] + 1
    with pytest.raises(pandera.errors.SchemaErrors, match="sides_add_up_to_best"):
        IncidentTotals.validate(bad, lazy=True)
    bad = est.groups.copy()
    bad.loc[0, "low"] = bad.loc[0, "high"] + 1
    with pytest.raises(pandera.errors.SchemaErrors, match="low_best_high_ordered"):
        IncidentEstimates.validate(bad, lazy=True)
