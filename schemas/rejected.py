from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import INT64, STRING, col


class Rejected(pa.DataFrameModel):
    """Rows and files that failed a check, with the check and the reason: nothing is
    dropped silently. One such table per published table (rejected_reports, ...)."""

    row_id: Series[str] = col(
        "Id of the rejected row (figure_id, report_id ...), or the file name for a raw file "
        "that could not be read as a report.",
        STRING,
    )
    source_file: Series[str] = col("Raw file the row came from.", STRING, nullable=True)
    sha256: Series[str] = col("SHA-256 of the raw file's bytes.", STRING, nullable=True)
    n_bytes: Series[pd.Int64Dtype] = col("Size of the raw file in bytes.", INT64, nullable=True, ge=0)
    stage: Series[str] = col(
        "Where it failed: 'parse' (reading the raw entry), 'schema' (a table check), "
        "'reference' (an id that does not resolve) or 'extract' (the engine failed on a report).",
        STRING,
        isin=["parse", "schema", "reference", "extract"],
    )
    check: Series[str] = col("Name of the check that failed (several joined by '; ').", STRING)
    reason: Series[str] = col("What is wrong, in words.", STRING)
    record: Series[str] = col("The rejected row as JSON (empty object for unreadable files).", STRING)

    class Config:
        strict = True
        name = "rejected"
