"""CSV downloads: every table as gzip CSV, the same rows as its Parquet file."""

from __future__ import annotations

import csv
import gzip
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.publish.csv_files import csv_text, write_csv_gz
from pipeline.publish.release import sha256_file


def test_every_release_has_the_csv_files_of_its_parquet_rows(built):
    _, out, manifest = built
    release = (out / "latest").resolve()
    tables = [n.removesuffix(".parquet") for n in manifest["files"] if n.endswith(".parquet")]
    assert {"events", "figures", "changes"} <= set(tables)
    for name in tables:
        table = pq.read_table(release / f"{name}.parquet")
        rows = list(
            csv.DictReader(io.StringIO(gzip.decompress((release / f"{name}.csv.gz").read_bytes()).decode()))
        )
        assert len(rows) == table.num_rows
        header = next(
            csv.reader(io.StringIO(gzip.decompress((release / f"{name}.csv.gz").read_bytes()).decode()))
        )
        assert header == table.column_names
        assert manifest["files"][f"{name}.csv.gz"]["sha256"] == sha256_file(release / f"{name}.csv.gz")
        assert manifest["files"][f"{name}.csv.gz"]["rows"] == table.num_rows
        for row, original in zip(rows, table.to_pylist(), strict=True):
            for column, value in original.items():
                if isinstance(value, list):
                    assert json.loads(row[column]) == value
                elif value is None:
                    assert row[column] == ""


def test_flattening_and_bytes_are_fixed(tmp_path):
    table = pa.table(
        {
            "id": ["a", "b"],
            "ids": pa.array([["x", "y"], []], type=pa.list_(pa.string())),
            "n": pa.array([3, None], type=pa.int64()),
            "flag": [True, False],
        }
    )
    assert csv_text(table) == 'id,ids,n,flag\na,"[""x"",""y""]",3,true\nb,[],,false\n'
    write_csv_gz(table, tmp_path / "a.csv.gz")
    write_csv_gz(table, tmp_path / "b.csv.gz")
    assert (tmp_path / "a.csv.gz").read_bytes() == (tmp_path / "b.csv.gz").read_bytes()


def test_list_items_read_back_whatever_they_hold():
    items = ['a;b, "c"', "d|e\nf", ""]
    table = pa.table({"ids": pa.array([items, None], type=pa.list_(pa.string()))})
    rows = list(csv.DictReader(io.StringIO(csv_text(table))))
    assert json.loads(rows[0]["ids"]) == items
    assert rows[1]["ids"] == ""
