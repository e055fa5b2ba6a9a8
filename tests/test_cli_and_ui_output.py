"""What a user sees: a failing CLI build's one line (traceback only at DEBUG), and the path the
Dagster UI shows for each table (the released file, not an intermediate pickle)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg

from assets import MONTH_ASSETS
from assets.partitions import PUBLICATION_MONTHS
from tests.conftest import BUILD_DATE, FIXTURES

CLI = Path(sys.executable).with_name("conflict-claims")
REPORT = "2025-03-14-dalmora-market.txt"


def one_report(tmp: Path) -> Path:
    raw = tmp / "raw"
    raw.mkdir()
    shutil.copy(FIXTURES / "reports" / REPORT, raw / REPORT)
    return raw


def cli_build(raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CLI), "build", "--raw", str(raw), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_failing_build_prints_one_line_with_the_cause_and_the_traceback_only_at_debug(tmp_path):
    raw = one_report(tmp_path)
    failed = cli_build(raw, tmp_path / "out", "--build-date", "2025-13-40")
    assert failed.returncode == 1
    lines = [line for line in failed.stderr.splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith(("building ", "  Finished execution"))]
    assert len(lines) == 1, failed.stderr
    assert lines[0].startswith("conflict-claims: build failed: ValueError: ")
    assert "2025-13-40" in lines[0]
    debug = cli_build(raw, tmp_path / "out", "--build-date", "2025-13-40", "--log-level", "DEBUG")
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "2025-13-40" in debug.stderr
    assert not (tmp_path / "out" / "latest").exists()


def test_a_build_shows_its_progress_one_line_per_asset_step(tmp_path):
    from pipeline.definitions import defs

    done = cli_build(one_report(tmp_path), tmp_path / "out", "--build-date", BUILD_DATE)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    finished = [line for line in lines if "Finished execution of step" in line]
    steps = {a.node_def.name for a in defs.assets}
    # one run covers both month partitions (the report's month and 'undated'): each step once
    assert len(finished) == len(steps)
    assert {line.split('"')[1] for line in finished} == steps
    assert lines[0].startswith("building ")
    assert "progress: 2 of 2 month partitions to materialize" in lines
    assert "progress: month 2025-03 (1 entries)" in lines and "progress: month undated (0 entries)" in lines
    assert done.stdout.startswith("release ")
    assert (
        "  extract_month: 2025-03..undated (2 months): extracted 1/1 reports, 0 read back from the cache"
        in lines
    )


def test_the_ui_shows_each_published_table_at_its_released_file(tmp_path):
    from pipeline.definitions import defs, resources
    from pipeline.resources import BuildSettings, Knowledge
    from pipeline.ui_io_manager import PUBLISHED_TABLES, ui_io_manager

    raw, out, home = one_report(tmp_path), tmp_path / "out", tmp_path / "home"
    settings = BuildSettings(raw_dir=str(raw), out_dir=str(out), build_date=BUILD_DATE)
    res = {**resources(settings, Knowledge()), "io_manager": ui_io_manager(out.resolve(), home)}
    instance = dg.DagsterInstance.ephemeral()
    months = sorted(set(settings.entry_partitions().values()) | {"undated"})
    instance.add_dynamic_partitions(PUBLICATION_MONTHS.name, months)
    events = []
    for month in months:  # as the inbox sensor requests them, one run per month
        done = dg.materialize(MONTH_ASSETS, resources=res, instance=instance, partition_key=month)
        events += done.get_asset_materialization_events()
    result = dg.materialize(
        [*defs.assets, *defs.asset_checks],
        resources=res,
        instance=instance,
        selection=dg.AssetSelection.all() - dg.AssetSelection.assets(*MONTH_ASSETS),
    )
    paths = {
        e.asset_key.to_user_string(): e.materialization.metadata.get("path")
        for e in [*events, *result.get_asset_materialization_events()]
    }
    stored = Path(str(paths["month_figure_candidates"].value))  # a month partition: a real Parquet file
    assert stored.suffix == ".parquet" and stored.is_file() and stored.stem == "undated"
    assert stored.is_relative_to(out.resolve() / ".store")
    for table in PUBLISHED_TABLES:
        shown = Path(str(paths[table].value))
        assert shown == out.resolve() / "latest" / f"{table}.parquet"
        assert shown.is_file()
    assert paths["report_bodies"] is None  # internal: no published file, and no pickle shown
    assert Path(str(paths["release"].value)) == (out / "latest").resolve()
    assert not any("storage" in str(p.value) for p in paths.values() if p is not None)
    assert not (out / "latest" / "month_figure_candidates.parquet").exists()  # internal, never published
    # one asset re-run alone, from the tables the first run kept
    again = dg.materialize(
        [*defs.assets, *defs.asset_checks], resources=res, instance=instance, selection=["release"]
    )
    assert [e.asset_key.to_user_string() for e in again.get_asset_materialization_events()] == ["release"]
