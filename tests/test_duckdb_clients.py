"""The release's DuckDB file opens with the DuckDB 1.x CLI users install (PyPI duckdb-cli)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.publish.release import DUCKDB_NAME

CLI = Path(sys.executable).with_name("duckdb")  # duckdb-cli 1.5.6, hash-locked in the dev extra


def _query(db: Path, sql: str) -> list[dict]:
    proc = subprocess.run(
        [str(CLI), "-readonly", "-json", str(db), "-c", sql], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout or "[]")


def test_a_duckdb_1x_cli_reads_every_table_and_the_view(built):
    _, out, manifest = built
    release = (out / "latest").resolve()
    version = subprocess.run([str(CLI), "--version"], capture_output=True, text=True).stdout
    assert version.startswith("v1."), version
    tables = [n.removesuffix(".parquet") for n in manifest["files"] if n.endswith(".parquet")]
    for table in tables:
        (row,) = _query(release / DUCKDB_NAME, f"SELECT count(*) AS n FROM {table}")
        assert row["n"] == pq.read_metadata(release / f"{table}.parquet").num_rows, table
    (row,) = _query(release / DUCKDB_NAME, "SELECT count(*) AS n FROM figures_with_sources")
    assert row["n"] == pq.read_metadata(release / "figures.parquet").num_rows
    (comment,) = _query(
        release / DUCKDB_NAME, "SELECT comment FROM duckdb_tables() WHERE table_name = 'figures'"
    )
    assert comment["comment"].startswith("One row per claimed figure")
