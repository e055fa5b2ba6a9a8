"""The extraction engine: plain functions from a report body to claimed figures.

Nothing here imports Dagster, assets or publishing; ``engine.extract_figures`` is a pure
function of (body, publication date, knowledge, engine version).
"""

EXTRACTOR_VERSION = "0.6.1"
