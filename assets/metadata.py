"""Dagster metadata generated from the pandera models: column schemas, counts, previews."""

from __future__ import annotations

import dagster as dg
import pandas as pd

from pipeline.publish.arrow_tables import column_specs


def table_schema(model) -> dg.TableSchema:
    schema = model.to_schema()
    cols = []
    for name, arrow_type, description in column_specs(model):
        c = schema.columns[name]
        cols.append(
            dg.TableColumn(
                name=name,
                type=arrow_type,
                description=description,
                constraints=dg.TableColumnConstraints(nullable=bool(c.nullable), unique=bool(c.unique)),
            )
        )
    return dg.TableSchema(columns=cols)


def describe(model) -> str:
    return " ".join((model.__doc__ or "").split())


def definition_metadata(model) -> dict:
    return {"dagster/column_schema": table_schema(model)}


def frame_metadata(df: pd.DataFrame, preview_rows: int = 10, **extra) -> dict:
    preview = df.head(preview_rows).copy()
    for col in preview.columns:
        preview[col] = preview[col].map(lambda v: str(v)[:80] if v is not None else "")
    meta = {
        "dagster/row_count": len(df),
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(df) else "(no rows)"),
    }
    meta.update(extra)
    return meta


def table_out(model, group: str, description: str | None = None) -> dg.AssetOut:
    """An output whose description and column schema come from its pandera model."""
    text = description + " " + describe(model) if description else describe(model)
    return dg.AssetOut(
        description=text, metadata=definition_metadata(model), group_name=group, kinds={"pandas"}
    )
