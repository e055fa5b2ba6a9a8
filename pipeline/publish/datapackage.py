"""datapackage.json (Frictionless Data Package, Table Schema) generated from the pandera models.

Each table is described twice: as a tabular resource over its gzip CSV file, whose cells a
Frictionless validator parses and checks against the schema (types, required columns, list
columns as JSON arrays of strings), and as a file resource over its Parquet file (same columns
and types; checked by bytes and sha256). Parquet is not the tabular resource because
Frictionless reads Parquet through pandas, where list cells become arrays it rejects and
integer columns with nulls become floats, and it cannot count a Parquet file's bytes.
The DuckDB file and CHANGES.md are file resources. Every bytes and sha256 is of the file as
written, so the package must be made after the last of them."""

from __future__ import annotations

import json

from pipeline.publish.arrow_tables import column_specs
from pipeline.publish.licence import DATA_LICENSE, QUOTES_NOTE, SOURCES

# Arrow type name (schemas/columns.py) -> Table Schema field properties
_FIELD_TYPES: dict[str, dict] = {
    "string": {"type": "string"},
    "int64": {"type": "integer"},
    "bool": {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
    "date32": {"type": "date", "format": "default"},
    "double": {"type": "number"},
    "list<string>": {"type": "array", "arrayItem": {"type": "string"}},
}
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def table_schema(model) -> dict:
    """The Table Schema of a pandera model."""
    schema = model.to_schema()
    fields = []
    for column, arrow_type, description in column_specs(model):
        field = {"name": column, **_FIELD_TYPES[arrow_type], "description": description}
        if not schema.columns[column].nullable:
            field["constraints"] = {"required": True}
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def _integrity(entry: dict) -> dict:
    return {"hash": "sha256:" + entry["sha256"], "bytes": entry["bytes"]}


def datapackage_json(models: dict[str, type], files: dict[str, dict]) -> str:
    """``models``: table name -> pandera model; ``files``: file name -> its manifest entry
    (sha256, bytes, rows) for every file written so far. Tables without a CSV file are
    described by their Parquet file only."""
    resources = []
    for name, model in models.items():
        doc = " ".join((model.__doc__ or "").split())
        csv_name, parquet_name = f"{name}.csv.gz", f"{name}.parquet"
        if csv_name in files:
            resources.append(
                {
                    "name": name,
                    "type": "table",
                    "path": csv_name,
                    "format": "csv",
                    "compression": "gz",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "description": doc,
                    "dialect": {"header": True, "delimiter": ",", "quoteChar": '"'},
                    "schema": table_schema(model),
                    **_integrity(files[csv_name]),
                }
            )
        resources.append(
            {
                "name": f"{name}-parquet",
                "type": "file",
                "path": parquet_name,
                "format": "parquet",
                "mediatype": PARQUET_MEDIATYPE,
                "description": f"The {name} table as Parquet (zstd); its columns, types and "
                f"descriptions are the schema of resource {name!r}, also kept in the file's metadata. {doc}",
                **_integrity(files[parquet_name]),
            }
        )
    extras = {  # file name: (resource name, media type, description)
        "conflict_claims.duckdb": ("duckdb", "application/vnd.duckdb", "Every table in one DuckDB file."),
        "CHANGES.md": ("changes-summary", "text/markdown", "What changed since the previous release."),
    }
    for file_name, (resource_name, mediatype, description) in extras.items():
        if file_name in files:
            resources.append(
                {
                    "name": resource_name,
                    "type": "file",
                    "path": file_name,
                    "mediatype": mediatype,
                    "description": description,
                    **_integrity(files[file_name]),
                }
            )
    package = {
        "name": "conflict-claims",
        "title": "conflict-claims: armed-conflict figures with their claimants and sources",
        "licenses": [DATA_LICENSE],
        "sources": [{"title": s["title"], "path": s["path"]} for s in SOURCES],
        "description": QUOTES_NOTE,
        "resources": resources,
    }
    return json.dumps(package, indent=2) + "\n"
