from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import BOOL, DATE, INT64, ISO3, STRING, STRING_LIST, col
from schemas.vocabularies import (
    CATEGORIES,
    COUNTED_KINDS,
    DATE_BASES,
    DATE_PRECISIONS,
    LOCATION_BASES,
    REPORT_VOICE,
    SCOPES,
)

MAX_QUOTE_CHARS = 400  # quotes are short spans, never the report
# A bound no claim about one conflict reaches (the whole world's displaced are ~1.2e8): a
# larger number is a typo or garbage, quarantined in rejected_figures with the report's words.
MAX_FIGURE_VALUE = 10**9


class Figures(pa.DataFrameModel):
    """One row per claimed figure: a number of people harmed, held or moved, or of objects
    destroyed or taken, as one claimant states it in one report, with the exact words."""

    figure_id: Series[str] = col(
        "Stable id from (report_id, character span, category).",
        STRING,
        unique=True,
        str_matches=r"^fig-[0-9a-f]{16}$",
    )
    report_id: Series[str] = col("The report the figure was read from (reports.report_id).", STRING)
    incident_id: Series[str] = col(
        "The incident (episode) the figure is about (incidents.incident_id); null for a running "
        "total (scope cumulative), which belongs to no incident.",
        STRING,
        nullable=True,
    )
    category: Series[str] = col(
        "What happened to those counted: " + ", ".join(CATEGORIES) + ".", STRING, isin=list(CATEGORIES)
    )
    value_low: Series[pd.Int64Dtype] = col(
        "Smallest value the words allow (null when only an upper bound is given).",
        INT64,
        nullable=True,
        ge=0,
        le=MAX_FIGURE_VALUE,
    )
    value_high: Series[pd.Int64Dtype] = col(
        "Largest value the words allow (null when unbounded: 'at least 10', 'dozens').",
        INT64,
        nullable=True,
        ge=0,
        le=MAX_FIGURE_VALUE,
    )
    approx: Series[bool] = col("True for approximate or vague amounts ('about 40', 'dozens').", BOOL)
    number_text: Series[str] = col("The quantity as written ('more than 200', 'eight').", STRING)
    counted_text: Series[str] = col(
        "What the number counts, as worded ('Pakistani soldiers', 'posts'); for an elided noun "
        "('and 11 wounded') the noun of the figure before it.",
        STRING,
        nullable=True,
    )
    counted_kind: Series[str] = col(
        "Kind of what is counted: " + ", ".join(COUNTED_KINDS) + ".", STRING, isin=list(COUNTED_KINDS)
    )
    counted_actor_id: Series[str] = col(
        "The party the counted belong to (actors.actor_id); null when the words name none.",
        STRING,
        nullable=True,
    )
    claimant_text: Series[str] = col(
        "Who states the figure, as worded ('Mosharraf Zaidi', 'the army'); null when the report "
        "states it in its own voice.",
        STRING,
        nullable=True,
    )
    claimant_actor_id: Series[str] = col(
        "The body the claimant speaks for (actors.actor_id); null in the report's own voice.",
        STRING,
        nullable=True,
    )
    claimant_actor_ids: Series[object] = col(
        "Every body named as claimant ('Kabul and the United Nations' names two).", STRING_LIST
    )
    claim_voice: Series[str] = col(
        "'cited' when the report attributes the figure to someone, 'report' when it states it itself.",
        STRING,
        isin=["cited", REPORT_VOICE],
    )
    scope: Series[str] = col(
        "incident: one event's figure; cumulative: a running total.", STRING, isin=list(SCOPES)
    )
    location_name: Series[str] = col(
        "Most specific place named for the figure's event, as worded.", STRING, nullable=True
    )
    place_id: Series[str] = col(
        "The place location_name resolves to (places.place_id); null when no place is named.",
        STRING,
        nullable=True,
    )
    country_iso3: Series[str] = col(
        "Country of the event (ISO 3166-1 alpha-3): the place's country, else the country the "
        "report is about (the one it names most).",
        STRING,
        nullable=True,
        str_matches=ISO3,
    )
    location_basis: Series[str] = col(
        "Where the report names location_name for this figure, or why it is null: "
        + "; ".join(f"{k}: {v}" for k, v in LOCATION_BASES.items())
        + ".",
        STRING,
        isin=list(LOCATION_BASES),
    )
    event_date: Series[pa.Date] = col(
        "Date of the event, resolved against the publication date ('on Friday'); null when the "
        "text does not date the event.",
        DATE,
        nullable=True,
    )
    date_precision: Series[str] = col(
        "Precision of event_date: day, month or year.", STRING, nullable=True, isin=list(DATE_PRECISIONS)
    )
    date_basis: Series[str] = col(
        "Where the report dates the event for this figure, or why event_date is null: "
        + "; ".join(f"{k}: {v}" for k, v in DATE_BASES.items())
        + ".",
        STRING,
        isin=list(DATE_BASES),
    )
    quote: Series[str] = col(
        f"The exact words of the report holding the figure (at most {MAX_QUOTE_CHARS} characters).",
        STRING,
        str_length={"min_value": 1, "max_value": MAX_QUOTE_CHARS},
    )
    char_start: Series[pd.Int64Dtype] = col(
        "Offset of the quote's first character in the report body.", INT64, ge=0
    )
    char_end: Series[pd.Int64Dtype] = col(
        "Offset after the quote's last character: body[char_start:char_end] == quote.", INT64, ge=1
    )
    extractor_version: Series[str] = col("Version of the extraction engine that read the figure.", STRING)

    @pa.dataframe_check(name="low_not_above_high")
    def low_not_above_high(cls, df: pd.DataFrame) -> Series[bool]:
        both = df["value_low"].notna() & df["value_high"].notna()
        return ~both | (df["value_low"].fillna(0) <= df["value_high"].fillna(0))

    @pa.dataframe_check(name="has_a_value")
    def has_a_value(cls, df: pd.DataFrame) -> Series[bool]:
        return df["value_low"].notna() | df["value_high"].notna()

    @pa.dataframe_check(name="span_matches_quote_length")
    def span_matches_quote_length(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["char_end"] - df["char_start"]) == df["quote"].str.len()

    @pa.dataframe_check(name="precision_iff_date")
    def precision_iff_date(cls, df: pd.DataFrame) -> Series[bool]:
        return df["event_date"].isna() == df["date_precision"].isna()

    @pa.dataframe_check(name="voice_matches_claimant")
    def voice_matches_claimant(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["claim_voice"] == REPORT_VOICE) == df["claimant_actor_id"].isna()

    class Config:
        strict = True
        name = "figures"


class FigureCandidates(Figures):
    """Figures as the engine returns them, with the report body alongside so that the quote
    can be checked against the text it claims to come from. The body is dropped before
    publishing."""

    body: Series[str] = col("Report body (internal, never published).", STRING)

    @pa.dataframe_check(name="quote_is_body_slice")
    def quote_is_body_slice(cls, df: pd.DataFrame) -> Series[bool]:
        return pd.Series(
            [
                b[s:e] == q
                for b, s, e, q in zip(df["body"], df["char_start"], df["char_end"], df["quote"], strict=True)
            ],
            index=df.index,
        )

    class Config:
        strict = True
        name = "figure_candidates"
