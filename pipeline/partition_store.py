"""The partition store: each publication-month partition of a report-level asset is one Parquet
file, ``<store>/<asset>/<month>.parquet``, and an asset that reads all months reads them at once
with DuckDB (``read_parquet`` over the month files, in month order).

The store is a folder under the output folder (``OUT/.store/<raw folder key>``, so builds of
other raw folders into the same output never share partitions) or any fsspec URI
(``s3://bucket/prefix``) through universal-pathlib; DuckDB then reads through the same fsspec
filesystem. A local partition is written to a temporary file and renamed into place, an object
store's in one PUT: a reader sees a month whole or not at all. It is internal state: report
bodies are in it, and nothing in it is published."""

from __future__ import annotations

import hashlib
import io
import json
import os
import uuid
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from upath import UPath

STORE_DIR_NAME = ".store"


def store_root(out: Path | str, raw: Path) -> str:
    """This raw folder's store under an output folder (a local path or a URI)."""
    key = hashlib.sha256(str(raw.resolve()).encode()).hexdigest()[:16]
    return f"{str(out).rstrip('/')}/{STORE_DIR_NAME}/raw-{key}"


def is_uri(location: str) -> bool:
    return "://" in location and not location.startswith("file://")


def store_path(location: str, storage_options: str = "{}") -> UPath:
    """A store location (a folder or a URI, with fsspec options as JSON) as a path."""
    if is_uri(location):
        return UPath(location, **json.loads(storage_options or "{}"))
    return UPath(Path(location))


class MissingPartitionError(FileNotFoundError):
    pass


class PartitionStore(dg.ConfigurableIOManager):
    """Month partitions as Parquet files under ``base_dir`` (a folder or an fsspec URI);
    ``storage_options``: JSON of fsspec options for a URI (endpoint, credentials)."""

    base_dir: str
    storage_options: str = "{}"

    def root(self) -> UPath:
        return store_path(self.base_dir, self.storage_options)

    def partition_path(self, asset: str, partition: str) -> UPath:
        return self.root() / asset / f"{partition}.parquet"

    def handle_output(self, context: dg.OutputContext, obj: dict[str, pd.DataFrame]) -> None:
        """``obj``: one table per month of the run's partitions (a run may cover several)."""
        asset = context.asset_key.path[-1]
        months = sorted(context.asset_partition_keys)
        if not isinstance(obj, dict) or sorted(obj) != months:
            got = sorted(obj) if isinstance(obj, dict) else type(obj).__name__
            raise TypeError(f"{asset}: expected one table for each of the months {months}, got {got}")
        for month in months:
            write_partition(self.partition_path(asset, month), obj[month])
        where = self.partition_path(asset, months[0]) if len(months) == 1 else self.root() / asset
        context.add_output_metadata(
            {
                "path": dg.MetadataValue.path(str(where)),
                "dagster/row_count": sum(len(f) for f in obj.values()),
            }
        )

    def load_input(self, context: dg.InputContext) -> pd.DataFrame:
        asset = context.asset_key.path[-1]
        months = sorted(context.asset_partition_keys)
        return read_partitions([self.partition_path(asset, m) for m in months], asset)


def write_partition(path: UPath, frame: pd.DataFrame) -> None:
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buf, compression="zstd")
    write_bytes_atomic(path, buf.getvalue())


def is_local(path: UPath) -> bool:
    return path.protocol in ("", "file", "local")


def write_bytes_atomic(path: UPath, data: bytes) -> None:
    """A reader sees the old file or the new one, never half: locally a temporary file renamed
    into place; on an object store one PUT."""
    if is_local(path):
        local = Path(path.path)
        local.parent.mkdir(parents=True, exist_ok=True)
        tmp = local.with_name(f".{local.name}.{uuid.uuid4().hex}")
        tmp.write_bytes(data)
        os.replace(tmp, local)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def read_partitions(paths: list[UPath], asset: str = "") -> pd.DataFrame:
    """The month files as one frame, rows in month order, with the pandas types they were
    written with (nullable integers, lists as lists)."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        names = ", ".join(p.stem for p in missing[:5])
        raise MissingPartitionError(
            f"{asset}: {len(missing)} month partition(s) not materialized ({names}); "
            "materialize them first (the inbox sensor or a backfill does)"
        )
    if not paths:
        raise MissingPartitionError(f"{asset}: no month partition to read")
    con = duckdb.connect()
    try:
        if not is_local(paths[0]):
            con.register_filesystem(paths[0].fs)
            names = [str(p) for p in paths]
        else:
            names = [p.path for p in paths]
        # union_by_name: a month with no rows of a column type-less (all nulls) still lines up
        table = con.sql("SELECT * FROM read_parquet($names, union_by_name = true)", params={"names": names})
        arrow = table.arrow().read_all()
    finally:
        con.close()
    with paths[0].open("rb") as fh:
        written = pq.read_schema(fh)
    arrow = _like(arrow, written)
    frame = arrow.to_pandas()
    for field in written:
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            frame[field.name] = [None if v is None else list(v) for v in frame[field.name]]
    return frame


def _like(table: pa.Table, written: pa.Schema) -> pa.Table:
    """DuckDB's result cast back to the written types, with their pandas metadata, so the frame
    is the one that was stored; a column that was all-null in the first month keeps the type
    DuckDB unified it to."""
    columns, fields = [], []
    for field in written:
        col = table.column(field.name)
        if _has_null(field.type):
            field = field.with_type(col.type)
        columns.append(col if col.type == field.type else col.cast(field.type))
        fields.append(field)
    return pa.Table.from_arrays(columns, schema=pa.schema(fields, metadata=written.metadata))


def _has_null(t: pa.DataType) -> bool:
    """Whether a type was written without knowing its values (all null, or lists all empty)."""
    if pa.types.is_null(t):
        return True
    return (pa.types.is_list(t) or pa.types.is_large_list(t)) and _has_null(t.value_type)
