"""Dagster asset definitions: thin wrappers around the plain functions in ``pipeline``."""

from assets import checks
from assets.extraction import extract_figures, extract_month
from assets.ingest import read_month, read_reports
from assets.release import release
from assets.tables import build_actors, build_figures

MONTH_ASSETS = [read_month, extract_month]
ALL_ASSETS = [*MONTH_ASSETS, read_reports, extract_figures, build_actors, build_figures, release]
ALL_CHECKS = [
    checks.raw_files_accounted,
    *checks.SCHEMA_CHECKS,
    checks.claims_accounted,
    checks.quotes_are_body_slices,
    checks.figure_references_resolve,
]
