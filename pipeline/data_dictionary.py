"""Render the data dictionary (docs/data-dictionary.md) from the pandera models.

`python -m pipeline.data_dictionary > docs/data-dictionary.md`; a test fails when the
committed file differs from what the schemas say. `tables()` and `vocabularies()` give the
same content as plain rows, so the release page (pipeline/publish/site.py) renders it too."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.publish.arrow_tables import column_specs
from schemas import SCHEMA_VERSION, TABLES, Changes, Rejected
from schemas.vocabularies import CATEGORIES, COUNTED_KINDS, EVENT_TYPES, GROUP_TYPES, SCOPES, SIDES


@dataclass(frozen=True)
class Column:
    name: str
    arrow_type: str
    nullable: bool
    meaning: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str  # the model's docstring on one line
    columns: tuple[Column, ...]


def tables() -> list[Table]:
    """Every published table (the four rejected_* share one model), in release order."""
    out = []
    for name, model in [*TABLES.items(), ("rejected_*", Rejected), ("changes", Changes)]:
        schema = model.to_schema()
        columns = tuple(
            Column(column, arrow_type, bool(schema.columns[column].nullable), description)
            for column, arrow_type, description in column_specs(model)
        )
        out.append(Table(name, " ".join((model.__doc__ or "").split()), columns))
    return out


def vocabularies() -> list[tuple[str, dict[str, str]]]:
    """(column, {value: meaning}) for each controlled vocabulary the dictionary spells out."""
    return [
        ("category", CATEGORIES),
        ("counted_kind", COUNTED_KINDS),
        ("scope", SCOPES),
        ("event_type", EVENT_TYPES),
        ("group_type", GROUP_TYPES),
        ("side", SIDES),
    ]


def render() -> str:
    lines = [
        "# Data dictionary",
        "",
        f"Generated from `schemas/` (schema version {SCHEMA_VERSION}); do not edit by hand.",
        "",
    ]
    for table in tables():
        lines += [
            f"## {table.name}",
            "",
            table.doc,
            "",
            "| column | type | null | meaning |",
            "| --- | --- | --- | --- |",
        ]
        for c in table.columns:
            null = "yes" if c.nullable else "no"
            lines.append(f"| `{c.name}` | {c.arrow_type} | {null} | {c.meaning} |")
        lines.append("")
    for title, vocab in vocabularies():
        lines += [f"### Values of `{title}`", ""]
        lines += [f"- `{k}`: {v}" for k, v in vocab.items()]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
