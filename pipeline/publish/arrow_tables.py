"""DataFrames to Arrow tables typed by the pandera models, so Parquet files have the same
schema and bytes build after build, whatever pandas inferred."""

from __future__ import annotations

import inspect

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ARROW_TYPES = {
    "string": pa.string(),
    "int64": pa.int64(),
    "bool": pa.bool_(),
    "date32": pa.date32(),
    "double": pa.float64(),
    "list<string>": pa.list_(pa.string()),
}


def column_specs(model) -> list[tuple[str, str, str]]:
    """(name, arrow type name, description) for every column of a pandera model."""
    schema = model.to_schema()
    return [(name, (c.metadata or {})["arrow"], c.description or "") for name, c in schema.columns.items()]


def _clean(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item") and not isinstance(value, list | tuple):
        return value.item()
    if isinstance(value, tuple):
        return list(value)
    return value


def to_arrow(df: pd.DataFrame, model) -> pa.Table:
    fields, arrays = [], []
    for name, arrow_type, description in column_specs(model):
        typ = ARROW_TYPES[arrow_type]
        values = [_clean(v) for v in df[name].tolist()] if name in df else [None] * len(df)
        fields.append(pa.field(name, typ, metadata={"description": description}))
        arrays.append(pa.array(values, type=typ))
    # cleandoc first: 3.13 dedents docstrings at compile time, 3.11/3.12 keep the indentation
    doc = " ".join(inspect.cleandoc(model.__doc__ or "").splitlines())
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata={"description": doc}))


def write_parquet(table: pa.Table, path) -> None:
    """zstd, no pandas metadata; the same table always gives the same bytes."""
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        store_schema=True,
    )
