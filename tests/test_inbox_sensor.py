"""The inbox sensor: its digest follows the folder, and with `dagster dev` running on loopback
a report dropped into the inbox becomes a new release without a click."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from pipeline.sensors import MONTHS_JOB, month_requests
from tests.conftest import BUILD_DATE, FIXTURES

REPO = Path(__file__).resolve().parents[1]
DAGSTER = Path(sys.executable).with_name("dagster")
WAIT_SECONDS = 240


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, what: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return
        assert proc.poll() is None, f"dagster dev exited: {log.read_text()[-3000:]}"
        time.sleep(1)
    raise AssertionError(f"no {what} within {WAIT_SECONDS} s; dagster dev said: {log.read_text()[-3000:]}")


def _month_runs(home: Path) -> list[str]:
    """The partition of every month run the instance under ``home`` holds."""
    import dagster as dg
    from dagster._core.instance.ref import InstanceRef

    with dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home))) as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(job_name=MONTHS_JOB))
        return [r.tags.get("dagster/partition") for r in runs]


def test_a_tick_requests_the_months_that_changed_and_only_those():
    before = {"2025-01": "a", "2025-02": "b", "undated": "u"}
    now = {"2025-01": "a", "2025-02": "b2", "2025-04": "d", "undated": "u"}
    assert month_requests(before, now) == (["2025-02", "2025-04"], ["2025-04"], [])
    assert month_requests(now, {"undated": "u"}) == ([], [], ["2025-01", "2025-02", "2025-04"])
    assert month_requests(now, now) == ([], [], [])


def _latest_inputs(out: Path) -> set[str]:
    manifest = out / "latest" / "manifest.json"
    return {i["file"] for i in json.loads(manifest.read_text())["inputs"]} if manifest.is_file() else set()


def test_a_report_dropped_into_the_inbox_becomes_a_release_through_the_sensor(tmp_path):
    raw, out, home = tmp_path / "raw", tmp_path / "out", tmp_path / "home"
    raw.mkdir()
    home.mkdir()
    shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    first, second = "2025-03-14-dalmora-market.txt", "2025-03-15-dalmora-toll.txt"
    shutil.copy(FIXTURES / "reports" / first, raw / first)
    other = FIXTURES / "reports" / "2025-03-15-talks-no-figures.txt"  # moved to January: another month
    (raw / "2025-01-09-talks.txt").write_text(
        other.read_text(encoding="utf-8").replace("date 2025-03-15", "date 2025-01-09", 1), encoding="utf-8"
    )
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "CONFLICT_CLAIMS_RAW": str(raw),
        "CONFLICT_CLAIMS_OUT": str(out),
        "CONFLICT_CLAIMS_BUILD_DATE": BUILD_DATE,
    }
    log = tmp_path / "dagster-dev.log"
    with log.open("w") as sink:
        proc = subprocess.Popen(
            [str(DAGSTER), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(_free_port())],
            cwd=REPO,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(lambda: first in _latest_inputs(out), "first release", proc, log)
        version = (out / "latest").resolve().name
        dropped = time.monotonic()
        shutil.copy(FIXTURES / "reports" / second, raw / second)
        _wait_for(lambda: second in _latest_inputs(out), "release with the dropped report", proc, log)
        print(f"report dropped -> its release: {time.monotonic() - dropped:.1f} s")  # seen with -s
        assert (out / "latest").resolve().name != version
        assert (out / "releases" / version).is_dir()  # the earlier release stays
        # the drop requested its own month only; January and 'undated' were not run again
        months = _month_runs(home)
        assert sorted(months) == ["2025-01", "2025-03", "2025-03", "undated"], months
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
