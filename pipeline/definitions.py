"""The Dagster code location: assets, checks, resources and a job that builds everything."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from assets import ALL_ASSETS, ALL_CHECKS
from pipeline.resources import BuildSettings, Knowledge
from pipeline.sensors import inbox_sensor
from pipeline.ui_io_manager import ui_io_manager

build_dataset = dg.define_asset_job(
    "build_dataset",
    selection=dg.AssetSelection.all(),
    description="Materialize every asset: raw reports to a release.",
    executor_def=dg.in_process_executor,
)


def resources(settings: BuildSettings | None = None, knowledge: Knowledge | None = None) -> dict:
    return {"settings": settings or BuildSettings.from_env(), "knowledge": knowledge or Knowledge()}


def dagster_home() -> Path:
    return Path(os.environ.get("DAGSTER_HOME") or Path.cwd() / ".dagster_home")


defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[build_dataset],
    sensors=[inbox_sensor(build_dataset, BuildSettings.from_env())],
    resources={
        **resources(),
        "io_manager": ui_io_manager(BuildSettings.from_env().out_path(), dagster_home()),
    },
    executor=dg.in_process_executor,
)
