"""The Dagster code location: assets, checks, resources, the jobs and the sensors."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
from dagster_celery import celery_executor

from assets import ALL_ASSETS, ALL_CHECKS, MONTH_ASSETS
from assets.partitions import PARTITION_STORE
from pipeline.resources import BuildSettings, Knowledge
from pipeline.sensors import MONTHS_JOB, RELEASE_JOB, inbox_sensor, release_sensor
from pipeline.ui_io_manager import ui_io_manager

CELERY_MONTHS_JOB = "build_months_on_celery"

# One run per month partition, each step in its own process (the multiprocess executor); the
# instance runs two at once (dagster.yaml), so a backfill of months uses both cores.
build_months = dg.define_asset_job(
    MONTHS_JOB,
    selection=dg.AssetSelection.assets(*MONTH_ASSETS),
    description="Read and extract one publication month of the raw folder into the partition store.",
    executor_def=dg.multiprocess_executor,
    tags={"conflict_claims/job": "months"},
)
# The same month runs with each step a Celery task (dagster-celery): workers on any machine that
# reaches the broker take the steps, so months run side by side across machines. Launch with run
# config {"execution": {"config": {"broker": "redis://...", "backend": "redis://..."}}}; the
# workers (`dagster-celery worker start -A dagster_celery.app -y <that config>`) import this
# module, so they need the same CONFLICT_CLAIMS_* environment, the code, and a DAGSTER_HOME and
# output folder (or store URI) they share with the launcher.
build_months_on_celery = dg.define_asset_job(
    CELERY_MONTHS_JOB,
    selection=dg.AssetSelection.assets(*MONTH_ASSETS),
    description="build_months, each step a task for Celery workers (a Redis broker).",
    executor_def=celery_executor,
    tags={"conflict_claims/job": "months-on-celery"},
)
build_release = dg.define_asset_job(
    RELEASE_JOB,
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(*MONTH_ASSETS),
    description="Gather every month (DuckDB over the partition store), merge incidents, publish a release.",
    executor_def=dg.in_process_executor,
    tags={"conflict_claims/job": "release"},  # one at a time (dagster.yaml)
)


def resources(settings: BuildSettings | None = None, knowledge: Knowledge | None = None) -> dict:
    settings = settings or BuildSettings.from_env()
    return {
        "settings": settings,
        "knowledge": knowledge or Knowledge(),
        PARTITION_STORE: settings.partition_store(),
    }


def dagster_home() -> Path:
    return Path(os.environ.get("DAGSTER_HOME") or Path.cwd() / ".dagster_home")


defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[build_months, build_months_on_celery, build_release],
    sensors=[
        inbox_sensor(BuildSettings.from_env(), build_months, build_release),
        release_sensor(build_release),
    ],
    resources={
        **resources(),
        "io_manager": ui_io_manager(BuildSettings.from_env().out_path(), dagster_home()),
    },
    executor=dg.in_process_executor,
)


def months_on_celery_job() -> dg.JobDefinition:
    """build_months_on_celery, for launches from Python (``dg.reconstructable`` takes a function)."""
    return defs.resolve_job_def(CELERY_MONTHS_JOB)
