from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import DATE, INT64, ISO3, STRING, STRING_LIST, col
from schemas.vocabularies import DATE_PRECISIONS, EVENT_TYPES


def dates_ordered(df: pd.DataFrame) -> Series[bool]:
    """date_start is not after date_end where both are known."""
    both = df["date_start"].notna() & df["date_end"].notna()
    return pd.Series(
        [not b or s <= e for b, s, e in zip(both, df["date_start"], df["date_end"], strict=True)],
        index=df.index,
    )


class Incidents(pa.DataFrameModel):
    """Events that figures describe. Figures of one event share an incident: within a report
    (same place, date and action), and across reports and publishers (same country, dates
    within a day, same, nested or nearby places, compatible kinds of event). Every claim
    stays visible in the figures table; incident_estimates gives low/best/high per counted group,
    incident_totals their sums, events one row per incident."""

    incident_id: Series[str] = col(
        "Stable id, derived from the earliest figure of the incident.",
        STRING,
        unique=True,
        str_matches=r"^inc-[0-9a-f]{16}$",
    )
    date_start: Series[pa.Date] = col("First day of the event, where the text dates it.", DATE, nullable=True)
    date_end: Series[pa.Date] = col("Last day of the event, where the text dates it.", DATE, nullable=True)
    date_precision: Series[str] = col(
        "Precision of the dates: day, month or year; null when undated.",
        STRING,
        nullable=True,
        isin=list(DATE_PRECISIONS),
    )
    reported_date: Series[pa.Date] = col("Earliest publication date among the supporting reports.", DATE)
    location_name: Series[str] = col(
        "The most specific place named for the event, as worded.", STRING, nullable=True
    )
    place_id: Series[str] = col("That place in the places table.", STRING, nullable=True)
    country_iso3: Series[str] = col(
        "Country of the event (ISO 3166-1 alpha-3): the one most of its figures give.",
        STRING,
        nullable=True,
        str_matches=ISO3,
    )
    event_type: Series[str] = col(
        "Kind of event: " + ", ".join(EVENT_TYPES) + ".", STRING, isin=list(EVENT_TYPES)
    )
    event_type_words: Series[str] = col("The words that decided event_type.", STRING, nullable=True)
    description: Series[str] = col(
        "A short quote describing the event.", STRING, str_length={"max_value": 400}
    )
    report_ids: Series[object] = col("Reports that support the incident.", STRING_LIST)
    figure_ids: Series[object] = col("Figures that belong to the incident.", STRING_LIST)
    n_reports: Series[pd.Int64Dtype] = col("Number of supporting reports.", INT64, ge=1)
    n_figures: Series[pd.Int64Dtype] = col("Number of figures.", INT64, ge=1)

    @pa.dataframe_check(name="start_not_after_end")
    def start_not_after_end(cls, df: pd.DataFrame) -> Series[bool]:
        return dates_ordered(df)

    class Config:
        strict = True
        name = "incidents"
