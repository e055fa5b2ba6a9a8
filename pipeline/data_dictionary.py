"""Render the data dictionary (docs/data-dictionary.md) from the pandera models.

`python -m pipeline.data_dictionary > docs/data-dictionary.md`; a test fails when the
committed file differs from what the schemas say."""

from __future__ import annotations

from pipeline.publish.arrow_tables import column_specs
from schemas import SCHEMA_VERSION, TABLES, Changes, Rejected
from schemas.vocabularies import CATEGORIES, COUNTED_KINDS, EVENT_TYPES, GROUP_TYPES, SCOPES, SIDES


def render() -> str:
    lines = [
        "# Data dictionary",
        "",
        f"Generated from `schemas/` (schema version {SCHEMA_VERSION}); do not edit by hand.",
        "",
    ]
    for name, model in [*TABLES.items(), ("rejected_*", Rejected), ("changes", Changes)]:
        schema = model.to_schema()
        lines += [
            f"## {name}",
            "",
            " ".join((model.__doc__ or "").split()),
            "",
            "| column | type | null | meaning |",
            "| --- | --- | --- | --- |",
        ]
        for column, arrow_type, description in column_specs(model):
            null = "yes" if schema.columns[column].nullable else "no"
            lines.append(f"| `{column}` | {arrow_type} | {null} | {description} |")
        lines.append("")
    for title, vocab in (
        ("category", CATEGORIES),
        ("counted_kind", COUNTED_KINDS),
        ("scope", SCOPES),
        ("event_type", EVENT_TYPES),
        ("group_type", GROUP_TYPES),
        ("side", SIDES),
    ):
        lines += [f"### Values of `{title}`", ""]
        lines += [f"- `{k}`: {v}" for k, v in vocab.items()]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
