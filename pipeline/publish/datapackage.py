"""datapackage.json (Frictionless Table Schema) generated from the pandera models."""

from __future__ import annotations

import json

import pandas as pd

from pipeline.publish.arrow_tables import column_specs
from pipeline.publish.licence import DATA_LICENSE, QUOTES_NOTE, SOURCES

_TYPES = {
    "string": "string",
    "int64": "integer",
    "bool": "boolean",
    "date32": "date",
    "double": "number",
    "list<string>": "array",
}


def datapackage_json(tables: dict[str, tuple[pd.DataFrame, type]], files: dict[str, dict]) -> str:
    """``files``: file name -> {sha256, bytes} of the written Parquet files."""
    resources = []
    for name, (df, model) in tables.items():
        schema = model.to_schema()
        fields = []
        for column, arrow_type, description in column_specs(model):
            c = schema.columns[column]
            field = {"name": column, "type": _TYPES[arrow_type], "description": description}
            if not c.nullable:
                field["constraints"] = {"required": True}
            fields.append(field)
        resources.append(
            {
                "name": name,
                "path": f"{name}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": " ".join((model.__doc__ or "").split()),
                "schema": {"fields": fields},
                "rows": len(df),
                "hash": "sha256:" + files[f"{name}.parquet"]["sha256"],
                "bytes": files[f"{name}.parquet"]["bytes"],
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
