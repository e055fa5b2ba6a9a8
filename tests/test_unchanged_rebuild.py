"""A rebuild that could only reproduce the current release runs nothing: same raw folder,
build day, code, knowledge and kind mode (the build fingerprint) and intact files."""

from __future__ import annotations

import dagster as dg
import pytest
from dagster._core.errors import DagsterAssetCheckFailedError

from pipeline.build_fingerprint import raw_folder_digest
from pipeline.cli import build
from pipeline.ingest.partitions import inbox_partitions
from tests.conftest import BUILD_DATE, make_raw


def release_runs(instance: dg.DagsterInstance) -> int:
    return len(instance.get_runs(filters=dg.RunsFilter(job_name="cli_build")))


def month_runs(instance: dg.DagsterInstance) -> list[tuple[str, str]]:
    """The (first, last) month of each month run."""
    runs = instance.get_runs(filters=dg.RunsFilter(job_name="cli_months"))
    tags = ("dagster/asset_partition_range_start", "dagster/asset_partition_range_end")
    return sorted((r.tags[tags[0]], r.tags[tags[1]]) for r in runs)


def runs_of(
    raw, out, build_date: str = BUILD_DATE, months: list[tuple[str, str]] | None = None
) -> tuple[dict, int]:
    """A build's manifest and its runs of the cross-report job; ``months``: the month runs (first
    and last month) it must have made."""
    instance = dg.DagsterInstance.ephemeral()
    manifest = build(str(raw), str(out), build_date, instance=instance)
    if months is not None:
        assert month_runs(instance) == months
    return manifest, release_runs(instance)


def test_nothing_changed_means_no_run_and_the_same_release(tmp_path):
    raw, out = make_raw(tmp_path), tmp_path / "out"
    every_month = sorted(set(inbox_partitions(raw).values()) | {"undated"})
    first, runs = runs_of(raw, out, months=[(every_month[0], every_month[-1])])  # all in one run
    assert runs == 1 and first["build_fingerprint"]
    (out / "releases" / ".staging-left-by-a-dead-build").mkdir()
    again, runs = runs_of(raw, out, months=[])
    assert runs == 0 and again == first
    assert not (out / "releases" / ".staging-left-by-a-dead-build").exists()  # repaired all the same
    assert (out / "site" / "index.html").is_file()


def test_a_changed_entry_build_day_or_file_runs_the_build(tmp_path):
    raw, out = make_raw(tmp_path), tmp_path / "out"
    first, _ = runs_of(raw, out)
    other_day, runs = runs_of(raw, out, build_date="2025-06-02")  # another build day: a run
    assert runs == 1 and other_day["build_fingerprint"] != first["build_fingerprint"]
    back, runs = runs_of(raw, out)  # the first day again: latest names the other day's release
    assert runs == 1 and back["version"] == first["version"]
    _, runs = runs_of(raw, out)
    assert runs == 0
    manifest = (out / "latest" / "CHANGES.md").resolve()
    manifest.write_text(manifest.read_text() + "edited\n")  # a damaged release is never kept silently
    instance = dg.DagsterInstance.ephemeral()
    with pytest.raises(DagsterAssetCheckFailedError, match="release_matches_manifest"):
        build(str(raw), str(out), BUILD_DATE, instance=instance)
    assert release_runs(instance) == 1 and month_runs(instance) == []  # the months were current
    manifest.write_text(manifest.read_text().removesuffix("edited\n"))
    before = raw_folder_digest(raw)
    (raw / "2025-03-16-new.txt").write_text(
        " date 2025-03-16 Two soldiers were killed in Kell, the army said.\n"
    )
    assert raw_folder_digest(raw) != before
    second, runs = runs_of(raw, out, months=[("2025-03", "2025-03")])  # the new report's month only
    assert runs == 1 and second["version"] != first["version"]
