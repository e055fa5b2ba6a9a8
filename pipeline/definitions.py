"""The Dagster code location: assets, checks, resources and a job that builds everything."""

from __future__ import annotations

import dagster as dg

from assets import ALL_ASSETS, ALL_CHECKS
from pipeline.resources import BuildSettings, Knowledge

build_dataset = dg.define_asset_job(
    "build_dataset",
    selection=dg.AssetSelection.all(),
    description="Materialize every asset: raw reports to a release.",
    executor_def=dg.in_process_executor,
)


def resources(settings: BuildSettings | None = None, knowledge: Knowledge | None = None) -> dict:
    return {"settings": settings or BuildSettings.from_env(), "knowledge": knowledge or Knowledge()}


defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[build_dataset],
    resources=resources(),
    executor=dg.in_process_executor,
)
