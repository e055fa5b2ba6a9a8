from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import BOOL, ISO3, STRING, STRING_LIST, col
from schemas.vocabularies import ACTOR_KINDS


class Actors(pa.DataFrameModel):
    """Actors: states and their organs, armed groups, organisations, and speakers named in
    reports. Curated rows come from the knowledge files; others were discovered in text."""

    actor_id: Series[str] = col(
        "Stable id: a slug from the knowledge files (e.g. pak-military, afghan-taliban), or "
        "x-<slug of the name> for an actor discovered in a report.",
        STRING,
        unique=True,
        str_matches=r"^[a-z0-9][a-z0-9-]*$",
    )
    name: Series[str] = col("Canonical English name.", STRING, str_length={"min_value": 1})
    aliases: Series[object] = col("Other names and short forms news uses for the actor.", STRING_LIST)
    kind: Series[str] = col("Kind of actor: " + ", ".join(ACTOR_KINDS) + ".", STRING, isin=list(ACTOR_KINDS))
    country_iso3: Series[str] = col(
        "ISO 3166-1 alpha-3 code of the actor's country, where it has one.",
        STRING,
        nullable=True,
        str_matches=ISO3,
    )
    parent_actor_id: Series[str] = col(
        "The actor this one belongs to (a ministry's government, a group's parent).", STRING, nullable=True
    )
    curated: Series[bool] = col("True when the actor comes from the curated knowledge files.", BOOL)
    note: Series[str] = col("Short note from the knowledge files.", STRING, nullable=True)

    @pa.check("aliases", name="is_list_of_strings")
    def aliases_are_lists(cls, s: Series[object]) -> Series[bool]:
        return s.map(lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v))

    class Config:
        strict = True
        name = "actors"
