"""Column helpers: every column states its meaning and its Arrow type for publishing."""

from __future__ import annotations

from typing import Any

import pandera.pandas as pa

# Arrow type names understood by pipeline.publish.arrow_types.
STRING, INT64, BOOL, DATE, STRING_LIST = "string", "int64", "bool", "date32", "list<string>"
FLOAT64 = "double"
ISO3 = r"^[A-Z]{3}$"  # an ISO 3166-1 alpha-3 country code


def col(description: str, arrow: str, *, nullable: bool = False, **checks: Any) -> Any:
    return pa.Field(description=description, nullable=nullable, metadata={"arrow": arrow}, **checks)


def like(model: Any, name: str, description: str | None = None, **checks: Any) -> Any:
    """A column as another table defines it (its meaning, type and nullability), so that a table
    repeating it says the same thing; checks are given again, since pandera binds them to a class."""
    c = model.to_schema().columns[name]
    return col(description or c.description, c.metadata["arrow"], nullable=bool(c.nullable), **checks)
