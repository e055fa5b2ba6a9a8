"""The inbox sensor: with the Dagster daemon running (``make ui``), a file added to, changed in
or removed from the raw folder starts a build without a click.

Its cursor is a digest of the folder's listing (each entry's name, size and modification
time, and a link's target): a tick whose digest differs from the cursor requests one run of
``build_dataset`` keyed by that digest, so the same folder state never starts two runs. The
run re-extracts only what changed, because extraction results are kept by content
(pipeline/extract_cache.py). Only the listing is read on a tick, never the reports."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipeline.build_fingerprint import raw_folder_digest
from pipeline.resources import BuildSettings

TICK_SECONDS = 5


def inbox_digest(raw: Path) -> str:
    """What the folder holds now, by entry names, sizes, mtimes and link targets."""
    return raw_folder_digest(raw, by_content=False)


def inbox_sensor(
    job: dg.JobDefinition | dg.UnresolvedAssetJobDefinition, settings: BuildSettings
) -> dg.SensorDefinition:
    raw = settings.raw_path()

    @dg.sensor(
        name="inbox_sensor",
        job=job,
        minimum_interval_seconds=TICK_SECONDS,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=f"Builds a new release when the raw folder ({raw.name}) changes.",
    )
    def _sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        digest = inbox_digest(raw)
        if digest == context.cursor:
            return dg.SensorResult(skip_reason=f"{raw.name} unchanged since the last build request")
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=digest)], cursor=digest)

    return _sensor
