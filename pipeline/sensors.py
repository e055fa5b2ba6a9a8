"""The sensors that keep a release current under the Dagster daemon (``make ui``), no click needed.

``inbox_sensor`` watches the raw folder. Its cursor holds one digest per month partition
(the month's entries by name, size, modification time and link target, the sidecar's, and the
build day, code and knowledge they are read with: pipeline/ingest/partitions.py); a tick adds
the months that appeared, removes those that emptied, and requests one ``build_months`` run for
each month whose digest changed, keyed by month and digest, so one folder state never starts
the same run twice. Only the listing is read on a tick, and the header of a file not seen
before (to learn its month).

``release_sensor`` is an asset sensor over the month partitions: once month partitions have
been materialized since its cursor and no month run is queued or running, it requests one
``build_release`` run, which reads every month from the partition store with DuckDB. A month
that only lost entries it already had (a removed month) has nothing to materialize: the inbox
sensor then requests the release itself."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import dagster as dg

from assets.partitions import PUBLICATION_MONTHS
from pipeline.month_build import current_months, month_context
from pipeline.resources import BuildSettings, Knowledge

TICK_SECONDS = 5
MONTHS_JOB, RELEASE_JOB = "build_months", "build_release"
# the last output a month run writes: its materializations are the months the release awaits
MONTH_DONE = dg.AssetKey("month_places")
IN_FLIGHT = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def month_digests(settings: BuildSettings) -> dict[str, str]:
    """One digest per month partition the raw folder holds now (``undated`` always)."""
    return current_months(settings, month_context(settings, Knowledge()))[1]


def month_requests(before: dict[str, str], now: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """(months to materialize, months that appeared, months that are gone)."""
    changed = sorted(m for m, d in now.items() if before.get(m) != d)
    return changed, sorted(set(now) - set(before)), sorted(set(before) - set(now))


if TYPE_CHECKING:
    from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

    Job = dg.JobDefinition | UnresolvedAssetJobDefinition


def inbox_sensor(settings: BuildSettings, months_job: Job, release_job: Job) -> dg.SensorDefinition:
    raw = settings.raw_path()

    @dg.sensor(
        name="inbox_sensor",
        jobs=[months_job, release_job],
        minimum_interval_seconds=TICK_SECONDS,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=f"Materializes the month partitions of the raw folder ({raw.name}) that changed.",
    )
    def _sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        before = json.loads(context.cursor) if context.cursor else {}
        now = month_digests(settings)
        changed, added, gone = month_requests(before, now)
        if not changed and not gone:
            return dg.SensorResult(skip_reason=f"{raw.name} unchanged since the last request")
        requests = [
            dg.RunRequest(job_name=MONTHS_JOB, partition_key=m, run_key=f"{m}:{now[m]}") for m in changed
        ]
        if not changed:  # only whole months went away: nothing to materialize, a release to rebuild
            requests.append(dg.RunRequest(job_name=RELEASE_JOB, run_key=f"gone:{json.dumps(now)}"))
        dynamic = [PUBLICATION_MONTHS.build_add_request(added)] if added else []
        dynamic += [PUBLICATION_MONTHS.build_delete_request(gone)] if gone else []
        context.log.info(f"months to materialize: {changed}; added {added}; removed {gone}")
        return dg.SensorResult(
            run_requests=requests, dynamic_partitions_requests=dynamic, cursor=json.dumps(now, sort_keys=True)
        )

    return _sensor


def release_sensor(release_job: Job) -> dg.SensorDefinition:
    @dg.sensor(
        name="release_sensor",
        job=release_job,
        minimum_interval_seconds=TICK_SECONDS,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Builds the release from every month once month partitions were materialized "
        "and no month run is queued or running.",
    )
    def _sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        after = int(context.cursor) if context.cursor else 0
        records = context.instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=MONTH_DONE, after_storage_id=after), limit=1000
        ).records
        if not records:
            return dg.SensorResult(skip_reason="no month materialized since the last release request")
        busy = context.instance.get_runs(
            filters=dg.RunsFilter(job_name=MONTHS_JOB, statuses=IN_FLIGHT), limit=1
        )
        if busy:
            return dg.SensorResult(skip_reason="waiting for month runs to finish")
        last = max(r.storage_id for r in records)
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=f"months-to-{last}")], cursor=str(last))

    return _sensor
