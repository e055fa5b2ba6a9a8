"""A model's docstring reaches the Parquet schema metadata; Python 3.13 dedents docstrings at
compile time and 3.11/3.12 do not, so the text must not depend on the indentation it arrives
with (make crosspy checks whole builds; this is the fast check of the one path)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from pipeline.publish.arrow_tables import to_arrow
from schemas import TABLES
from schemas.columns import STRING, col


class Indented(pa.DataFrameModel):
    name: Series[str] = col("A name.", STRING)


class Dedented(Indented):
    pass


# Set by hand: what the compiler leaves in __doc__ depends on the Python running this file.
Indented.__doc__ = "Rows of one kind: a first line that runs on\n    to a second, and\n    a third."
Dedented.__doc__ = "Rows of one kind: a first line that runs on\nto a second, and\na third."


def _description(model: type, df: pd.DataFrame | None = None) -> bytes:
    df = pd.DataFrame({"name": ["x"]}) if df is None else df
    return to_arrow(df, model).schema.metadata[b"description"]


def test_table_description_does_not_depend_on_docstring_indentation() -> None:
    assert _description(Indented) == _description(Dedented)
    assert _description(Indented) == b"Rows of one kind: a first line that runs on to a second, and a third."


def test_published_table_descriptions_are_one_line() -> None:
    for name, model in TABLES.items():
        doc = _description(model, pd.DataFrame(columns=list(model.to_schema().columns)))
        assert b"\n" not in doc and b"  " not in doc, name
