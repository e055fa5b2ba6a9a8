"""The DuckDB file of a release: the same tables as the Parquet files, column comments
from the schemas, and a view joining each figure to its report, actors and incident."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from pipeline.publish.arrow_tables import column_specs

STORAGE_VERSION = "v1.2.0"

FIGURES_VIEW = """
CREATE VIEW figures_with_sources AS
SELECT f.*,
       r.source_file, r.published_date, r.publisher, r.title, r.url, r.sha256 AS report_sha256,
       ca.name AS claimant_actor_name, ca.kind AS claimant_actor_kind,
       ka.name AS counted_actor_name, ka.kind AS counted_actor_kind,
       i.event_type, i.date_start AS incident_date_start, i.location_name AS incident_location
FROM figures f
JOIN reports r USING (report_id)
LEFT JOIN actors ca ON ca.actor_id = f.claimant_actor_id
LEFT JOIN actors ka ON ka.actor_id = f.counted_actor_id
LEFT JOIN incidents i USING (incident_id)
"""


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def build_duckdb(path: Path, parquet_files: dict[str, Path], models: dict[str, type]) -> None:
    """Write the database (in the STORAGE_VERSION format) to a temporary file beside ``path``,
    then move it into place."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        # the storage format DuckDB 1.2 and later read: the CLIs users can install are 1.x
        con.execute(f"ATTACH {_sql_str(tmp.as_posix())} AS release (STORAGE_VERSION '{STORAGE_VERSION}')")
        con.execute("USE release")
        for name, pq_path in parquet_files.items():
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet({_sql_str(pq_path.as_posix())})")
            model = models.get(name)
            if model is None:
                continue
            doc = " ".join((model.__doc__ or "").split())
            con.execute(f"COMMENT ON TABLE {name} IS {_sql_str(doc)}")
            for column, _, description in column_specs(model):
                con.execute(f"COMMENT ON COLUMN {name}.{column} IS {_sql_str(description)}")
        if {"figures", "reports", "actors", "incidents"} <= set(parquet_files):
            con.execute(FIGURES_VIEW)
        con.execute("CHECKPOINT release")
        con.execute("USE memory")
        con.execute("DETACH release")
    finally:
        con.close()
    os.replace(tmp, path)
