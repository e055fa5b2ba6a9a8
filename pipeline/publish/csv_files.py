"""The CSV downloads of a release: every table (events: one row per incident; figures; and the
rest), gzip-compressed, written from the same Arrow tables as the Parquet files.

Flattening: a list column is one cell holding its items as a JSON array (``["a","b"]``; an
empty list is ``[]``), so items may hold any character and read back unchanged; a null is an
empty cell; booleans are ``true``/``false``; dates are YYYY-MM-DD. The gzip header carries
no name and no time, so the same table always gives the same bytes."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pyarrow as pa


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def csv_text(table: pa.Table) -> str:
    """The table as CSV text: a header of its column names, then one line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    columns = [table.column(name).to_pylist() for name in table.column_names]
    for row in zip(*columns, strict=True):
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def write_csv_gz(table: pa.Table, path: Path) -> None:
    data = csv_text(table).encode("utf-8")
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(data)
