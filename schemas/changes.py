from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import STRING, STRING_LIST, col

CHANGE_KINDS = ("added", "removed", "changed", "superseded")


class Changes(pa.DataFrameModel):
    """What changed since the previous release of the same output folder, by stable id: one row
    per figure, incident, actor or place added, removed or changed, and per id that had to
    change (superseded: the old id, and the id that replaces it). Empty in a first release."""

    table: Series[str] = col(
        "The table the row is about.", STRING, isin=["figures", "incidents", "actors", "places"]
    )
    id: Series[str] = col("The stable id (figure_id, incident_id, actor_id or place_id).", STRING)
    change: Series[str] = col(
        "added, removed, changed (same id, other values) or superseded (the id was replaced by "
        "new_id: a figure whose category changed, an incident whose figures now form another).",
        STRING,
        isin=list(CHANGE_KINDS),
    )
    new_id: Series[str] = col("For superseded rows, the id that replaces this one.", STRING, nullable=True)
    fields: Series[object] = col("For changed rows, the columns whose values differ.", STRING_LIST)
    old_values: Series[str] = col(
        "JSON object of the changed columns' values in the previous release ({} when added).", STRING
    )
    new_values: Series[str] = col("JSON object of the changed columns' values now ({} when removed).", STRING)

    class Config:
        strict = True
        name = "changes"
