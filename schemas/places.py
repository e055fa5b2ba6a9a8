from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.columns import BOOL, FLOAT64, ISO3, STRING, col
from schemas.vocabularies import GEO_PRECISIONS


class Places(pa.DataFrameModel):
    """Places named for figures' events, resolved against a gazetteer (GeoNames populated
    places, ISO 3166 countries and subdivisions with a coordinate each, curated English
    spellings). A place the gazetteer does not know is kept as worded, without coordinates."""

    place_id: Series[str] = col(
        "Stable id: geonames:<id> for a town, iso3166-2:<code> for a province, iso3166-1:<alpha-3> "
        "for a country, or x-<slug>[-<country>] for a place the gazetteer does not hold.",
        STRING,
        unique=True,
        str_matches=r"^(geonames:\d+|iso3166-2:[A-Z0-9]{2}-[A-Z0-9]{1,3}|iso3166-1:[A-Z]{3}|x-[a-z0-9-]+)$",
    )
    name: Series[str] = col(
        "Canonical name from the gazetteer, or the words of the first report that named it.",
        STRING,
        str_length={"min_value": 1},
    )
    geo_precision: Series[str] = col(
        "How precisely the place is located: "
        + ", ".join(GEO_PRECISIONS)
        + "; null when not in the gazetteer.",
        STRING,
        nullable=True,
        isin=list(GEO_PRECISIONS),
    )
    admin1: Series[str] = col(
        "First-level subdivision (province, state, region) the place lies in, where known.",
        STRING,
        nullable=True,
    )
    country_iso3: Series[str] = col(
        "ISO 3166-1 alpha-3 code of the place's country, where known.",
        STRING,
        nullable=True,
        str_matches=ISO3,
    )
    latitude: Series[float] = col(
        "WGS84 latitude: a town's GeoNames point; for a province, the coordinate the iso3166-2 "
        "package gives its ISO 3166-2 code (a point inside the area, not its capital). Null for a "
        "country (no one point stands for it here) and for a place the gazetteer does not hold.",
        FLOAT64,
        nullable=True,
        ge=-90,
        le=90,
    )
    longitude: Series[float] = col(
        "WGS84 longitude, from the same source as latitude.", FLOAT64, nullable=True, ge=-180, le=180
    )
    in_gazetteer: Series[bool] = col("True when the gazetteer resolved the place.", BOOL)

    class Config:
        strict = True
        name = "places"
