from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import BOOL, INT64, STRING, STRING_LIST, col
from schemas.vocabularies import BEST_BASES, CATEGORIES, GROUP_TYPES, SIDES

INCIDENT_ID = r"^inc-[0-9a-f]{16}$"


def _vocab(what: str, vocab: dict[str, str]) -> str:
    return what + ": " + "; ".join(f"{k}: {v}" for k, v in vocab.items()) + "."


# Fields both tables share: made afresh for each model, since pandera binds a field to its class.
def _incident() -> Any:
    return col("The incident (incidents.incident_id).", STRING, str_matches=INCIDENT_ID)


def _category() -> Any:
    return col("What was counted: " + ", ".join(CATEGORIES) + ".", STRING, isin=list(CATEGORIES))


def _high_open(what: str) -> Any:
    return col(
        f"True when {what} comes from words that set no upper bound ('at least 40', 'dozens'): the "
        "true number may be larger.",
        BOOL,
    )


def _n_claims(what: str) -> Any:
    return col(f"Claims {what} (each a row of figures).", INT64, ge=1)


def _n_claimants(what: str) -> Any:
    return col(
        f"Distinct claimants among the claims {what} (the report's own voice counts as one).", INT64, ge=1
    )


def _ordered_check() -> Any:
    """The check both tables share, made afresh for each (an inherited check loses its name in
    the second model pandera builds): each row's low <= best <= high."""

    @pa.dataframe_check(name="low_best_high_ordered")
    def ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["low"] <= df["best"]) & (df["best"] <= df["high"])

    return ordered


class IncidentEstimates(pa.DataFrameModel):
    """Low, best and high per incident, category and counted group: the group the claims count,
    so that rival numbers for the same people are compared and numbers for different people are
    not (13 civilians and 133 fighters are two groups). The group is the figure's
    counted_actor_id, else 'civilians' when it counts civilians, else 'unknown'. Over the
    incident-scope claims about the group, low is the smallest number any claim gives and high
    the largest ('at least 40' counts as 40); best is the median claim (the lower of the two
    middle ones) of the non-party sources, or of all sources when no non-party source counted.
    Nothing is averaged; figure_ids lists every claim behind the row. Running totals belong to
    no incident and are not here."""

    incident_id: Series[str] = _incident()
    category: Series[str] = _category()
    group_id: Series[str] = col(
        "The counted group: an actor id (actors.actor_id), 'civilians' or 'unknown'.", STRING
    )
    group_type: Series[str] = col(_vocab("Kind of group", GROUP_TYPES), STRING, isin=list(GROUP_TYPES))
    group_name: Series[str] = col("The group in words: the actor's name, or civilians or unknown.", STRING)
    side: Series[str] = col(
        _vocab("The side the group is on (events.side_a_actor_id, side_b_actor_id)", SIDES),
        STRING,
        isin=list(SIDES),
    )
    low: Series[pd.Int64Dtype] = col("Smallest number any claim about the group gives.", INT64, ge=0)
    best: Series[pd.Int64Dtype] = col("The median claim of the sources best_basis names.", INT64, ge=0)
    high: Series[pd.Int64Dtype] = col(
        "Largest number any claim about the group gives (a lower bound such as 'at least 40' counts as 40).",
        INT64,
        ge=0,
    )
    high_open: Series[bool] = _high_open("a claim giving high")
    best_basis: Series[str] = col(
        _vocab("Which claims best is taken from", BEST_BASES), STRING, isin=list(BEST_BASES)
    )
    best_figure_id: Series[str] = col("The figure whose claim is the best estimate.", STRING)
    figure_ids: Series[object] = col("Every claim about the group (figures.figure_id), sorted.", STRING_LIST)
    n_claims: Series[pd.Int64Dtype] = _n_claims("about the group")
    n_claimants: Series[pd.Int64Dtype] = _n_claimants("about the group")

    ordered = _ordered_check()

    @pa.dataframe_check(name="group_type_matches_group_id")
    def group_type_matches(cls, df: pd.DataFrame) -> Series[bool]:
        named = df["group_id"].isin(["civilians", "unknown"])
        return (named & (df["group_type"] == df["group_id"])) | (~named & (df["group_type"] == "actor"))

    class Config:
        strict = True
        name = "incident_estimates"
        unique = ["incident_id", "category", "group_id"]  # noqa: RUF012 (pandera reads a list)


class IncidentTotals(pa.DataFrameModel):
    """Totals per incident and category over its counted groups (incident_estimates): low is the
    sum of the groups' lows, best the sum of their bests, high the sum of their highs (a group's
    high is always a claimed number; high_open says when one came from words with no upper
    bound). best is split by side as UCDP GED users expect: best_side_a + best_side_b +
    best_civilians + best_unknown = best, a side that no claim counts adding 0. Running totals
    belong to no incident and are never added."""

    incident_id: Series[str] = _incident()
    category: Series[str] = _category()
    low: Series[pd.Int64Dtype] = col("Sum of the groups' lows.", INT64, ge=0)
    best: Series[pd.Int64Dtype] = col("Sum of the groups' bests.", INT64, ge=0)
    high: Series[pd.Int64Dtype] = col("Sum of the groups' highs.", INT64, ge=0)
    high_open: Series[bool] = _high_open("any group's high")
    best_side_a: Series[pd.Int64Dtype] = col(
        "Sum of the bests of the groups on side a (events.side_a_actor_id).", INT64, ge=0
    )
    best_side_b: Series[pd.Int64Dtype] = col(
        "Sum of the bests of the groups on side b (events.side_b_actor_id).", INT64, ge=0
    )
    best_civilians: Series[pd.Int64Dtype] = col("The civilians group's best (0 when none).", INT64, ge=0)
    best_unknown: Series[pd.Int64Dtype] = col(
        "Sum of the bests of the groups of side unknown: unidentified, or on neither side.", INT64, ge=0
    )
    n_groups: Series[pd.Int64Dtype] = col("Counted groups summed.", INT64, ge=1)
    n_claims: Series[pd.Int64Dtype] = _n_claims("of this category in the incident")
    n_claimants: Series[pd.Int64Dtype] = _n_claimants("of this category in the incident")

    ordered = _ordered_check()

    @pa.dataframe_check(name="sides_add_up_to_best")
    def sides_add_up(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["best_side_a"] + df["best_side_b"] + df["best_civilians"] + df["best_unknown"]) == df[
            "best"
        ]

    class Config:
        strict = True
        name = "incident_totals"
        unique = ["incident_id", "category"]  # noqa: RUF012 (pandera reads a list)
