from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import INT64, STRING, col
from schemas.vocabularies import BEST_BASES, CATEGORIES


class IncidentEstimates(pa.DataFrameModel):
    """Low, best and high per incident and category, from the incident-scope claims. Each
    bound is a number some claim gave: low the smallest, high the largest; best the
    median claim (the lower of the two middle ones) of the non-party sources, or of all
    sources when no non-party source counted. Nothing is averaged; every contributing
    claim is in figures (same incident_id and category)."""

    incident_id: Series[str] = col("The incident.", STRING, str_matches=r"^inc-[0-9a-f]{16}$")
    category: Series[str] = col(
        "What was counted: " + ", ".join(CATEGORIES) + ".", STRING, isin=list(CATEGORIES)
    )
    low: Series[pd.Int64Dtype] = col("Smallest number any claim gives.", INT64, ge=0)
    best: Series[pd.Int64Dtype] = col("The median claim of the sources best_basis names.", INT64, ge=0)
    high: Series[pd.Int64Dtype] = col(
        "Largest number any claim gives (a lower bound such as 'at least 40' counts as 40).", INT64, ge=0
    )
    best_basis: Series[str] = col(
        "Which claims best is taken from: " + "; ".join(f"{k}: {v}" for k, v in BEST_BASES.items()) + ".",
        STRING,
        isin=list(BEST_BASES),
    )
    best_figure_id: Series[str] = col("The figure whose claim is the best estimate.", STRING)
    n_claims: Series[pd.Int64Dtype] = col("Claims of this category in the incident.", INT64, ge=1)
    n_claimants: Series[pd.Int64Dtype] = col(
        "Distinct claimants among them (the report's own voice counts as one).", INT64, ge=1
    )

    @pa.dataframe_check(name="low_best_high_ordered")
    def ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["low"] <= df["best"]) & (df["best"] <= df["high"])

    class Config:
        strict = True
        name = "incident_estimates"
        unique = ["incident_id", "category"]  # noqa: RUF012 (pandera reads a list)
