"""The release as a downloading user opens it: frictionless validates the data package (and
catches a changed file), pandas and polars read every Parquet and CSV file, ``sha256sum -c``
passes on SHA256SUMS, and the zip holds every file of the release."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from pipeline.publish.arrow_tables import column_specs
from pipeline.publish.bundle import SHA256SUMS, parse_sha256sums, write_zip, zip_name
from pipeline.publish.datapackage import table_schema
from pipeline.publish.release import MANIFEST_NAME, sha256_file, verify_release
from schemas import TABLES

FRICTIONLESS = Path(sys.executable).with_name("frictionless")
# Table Schema type of each Arrow type the Parquet files use
TABLE_SCHEMA_TYPE = {
    "string": "string",
    "int64": "integer",
    "bool": "boolean",
    "date32[day]": "date",
    "double": "number",
}


def frictionless_report(package: Path) -> dict:
    run = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", package.name],
        cwd=package.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(run.stdout)
    assert (run.returncode == 0) == report["valid"]
    return report


def errors_by_resource(report: dict) -> dict[str, list[dict]]:
    return {task["name"]: task["errors"] for task in report["tasks"] if task["errors"]}


@pytest.fixture(scope="module")
def release(built) -> Path:
    return (built[1] / "latest").resolve()


def test_frictionless_validates_every_resource(release):
    report = frictionless_report(release / "datapackage.json")
    assert report["valid"], errors_by_resource(report)
    package = json.loads((release / "datapackage.json").read_text())
    described = {r["path"] for r in package["resources"]}
    manifest = json.loads((release / MANIFEST_NAME).read_text())
    # every file of the release but the package itself is described, by bytes and sha256
    assert described == set(manifest["files"]) - {"datapackage.json"}
    validated = {task["name"] for task in report["tasks"]}
    assert validated == {r["name"] for r in package["resources"]}
    # the rejected tables are not empty here, so their rows were parsed too
    assert manifest["files"]["rejected_reports.csv.gz"]["rows"] > 0


def test_the_package_types_are_the_parquet_types(release):
    package = json.loads((release / "datapackage.json").read_text())
    for resource in (r for r in package["resources"] if r["type"] == "table"):
        parquet = pq.read_schema(release / resource["path"].replace(".csv.gz", ".parquet"))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == parquet.names
        for field in fields:
            arrow = parquet.field(field["name"]).type
            if str(arrow).startswith("list"):
                assert (field["type"], field["arrayItem"]) == ("array", {"type": "string"})
            else:
                assert field["type"] == TABLE_SCHEMA_TYPE[str(arrow)], field["name"]


def test_required_columns_follow_the_schemas():
    for model in TABLES.values():
        schema = model.to_schema()
        fields = {f["name"]: f for f in table_schema(model)["fields"]}
        for name, _, _ in column_specs(model):
            required = fields[name].get("constraints", {}).get("required", False)
            assert required == (not schema.columns[name].nullable), name


def test_frictionless_catches_a_changed_cell_and_a_changed_file(release, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(release, copy)
    # a count that is not a number, in an integer column of the figures CSV
    path = copy / "figures.csv.gz"
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    assert cells[header.index("value_low")].isdigit()
    cells[header.index("value_low")] = "many"
    lines[1] = ",".join(cells)
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    # one byte of a Parquet file
    parquet = copy / "places.parquet"
    data = bytearray(parquet.read_bytes())
    data[len(data) // 2] ^= 0xFF
    parquet.write_bytes(bytes(data))
    report = frictionless_report(copy / "datapackage.json")
    assert not report["valid"]
    errors = errors_by_resource(report)
    assert set(errors) == {"figures", "places-parquet"}
    assert {(e["type"], e.get("fieldName")) for e in errors["figures"]} >= {("type-error", "value_low")}
    assert {e["type"] for e in errors["places-parquet"]} == {"hash-count"}


def test_pandas_and_polars_read_every_table(release):
    manifest = json.loads((release / MANIFEST_NAME).read_text())
    tables = [n.removesuffix(".parquet") for n in manifest["files"] if n.endswith(".parquet")]
    for name in tables:
        rows = manifest["files"][f"{name}.parquet"]["rows"]
        assert len(pd.read_parquet(release / f"{name}.parquet")) == rows, name
        assert pl.read_parquet(release / f"{name}.parquet").height == rows, name
        assert pl.read_csv(release / f"{name}.csv.gz", infer_schema_length=None).height == rows, name
        assert len(pd.read_csv(release / f"{name}.csv.gz", keep_default_na=False)) == rows, name


def test_sha256sums_covers_every_file_and_sha256sum_accepts_it(release):
    sums = parse_sha256sums((release / SHA256SUMS).read_text())
    assert set(sums) == {p.name for p in release.iterdir()} - {SHA256SUMS}
    check = subprocess.run(["sha256sum", "--check", "--strict", SHA256SUMS], cwd=release, capture_output=True)
    assert check.returncode == 0, check.stdout.decode() + check.stderr.decode()


def test_the_zip_holds_every_file_and_is_the_same_bytes_each_time(release, tmp_path):
    manifest = json.loads((release / MANIFEST_NAME).read_text())
    archive = release / zip_name(manifest["version"])
    folder = Path(archive.stem)
    with zipfile.ZipFile(archive) as z:
        assert z.testzip() is None
        names = {Path(n).relative_to(folder).as_posix() for n in z.namelist()}
        assert names == {*manifest["files"], MANIFEST_NAME}
        assert z.read(f"{folder}/{MANIFEST_NAME}") == (release / MANIFEST_NAME).read_bytes()
    copy = tmp_path / "again"
    shutil.copytree(release, copy)
    (copy / archive.name).unlink()
    built_at = pd.Timestamp(manifest["built_at"]).to_pydatetime()
    again = write_zip(copy, [*manifest["files"], MANIFEST_NAME], manifest["version"], built_at)
    assert again.read_bytes() == archive.read_bytes()


def test_a_changed_zip_is_named_by_the_release_check(release, tmp_path):
    copy = tmp_path / "release"
    shutil.copytree(release, copy)
    archive = next(copy.glob("*.zip"))
    archive.write_bytes(archive.read_bytes() + b"\0")
    assert verify_release(copy, open_duckdb=False) == [f"{archive.name}: sha256 differs from {SHA256SUMS}"]
    assert sha256_file(copy / "figures.parquet") == sha256_file(release / "figures.parquet")
