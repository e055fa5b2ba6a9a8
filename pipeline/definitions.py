"""The Dagster code location: assets, checks, resources and a job that builds everything."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

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


def ui_io_manager(settings: BuildSettings) -> dg.FilesystemIOManager:
    """Intermediate tables of UI runs, kept per output folder (so one asset can be re-run
    alone), under the instance's storage: UIs building other folders never share them, and
    the UI instance runs one run at a time (dagster.yaml), so its own runs never mix."""
    home = Path(os.environ.get("DAGSTER_HOME") or Path.cwd() / ".dagster_home")
    key = hashlib.sha256(str(settings.out_path()).encode()).hexdigest()[:16]
    return dg.FilesystemIOManager(base_dir=str(home / "storage" / f"out-{key}"))


defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[build_dataset],
    resources={**resources(), "io_manager": ui_io_manager(BuildSettings.from_env())},
    executor=dg.in_process_executor,
)
