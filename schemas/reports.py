from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import DATE, INT64, STRING, col


class Reports(pa.DataFrameModel):
    """One row per news report read from the raw folder. The report text itself is not
    published; its hash and address are."""

    report_id: Series[str] = col(
        "Stable id of the report, from the SHA-256 of its normalized text (date and body): "
        "the same article saved twice is one report.",
        STRING,
        unique=True,
        str_matches=r"^rpt-[0-9a-f]{16}$",
    )
    source_file: Series[str] = col("Name of the raw file the report was read from.", STRING)
    published_date: Series[pa.Date] = col("Publication date given in the report's header.", DATE)
    sha256: Series[str] = col("SHA-256 of the raw file's bytes.", STRING, str_matches=r"^[0-9a-f]{64}$")
    n_chars: Series[pd.Int64Dtype] = col("Length of the report body in characters.", INT64, ge=1)
    title: Series[str] = col("Headline, where known (origin sidecar).", STRING, nullable=True)
    publisher: Series[str] = col("Publisher, where known (origin sidecar or header).", STRING, nullable=True)
    url: Series[str] = col("Address of the report, where known.", STRING, nullable=True)

    @pa.check("published_date", name="not_after_build_date")
    def not_after_build_date(cls, s: Series[object]) -> Series[bool]:
        today = dt.date.today()
        return s.map(lambda d: d is None or d <= today)

    class Config:
        strict = True
        name = "reports"
