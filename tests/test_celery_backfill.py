"""A backfill of month partitions on real Celery workers: a Redis broker and two workers
started on loopback by the test (dagster-celery), every step of the month runs executed by
the workers, months side by side, and the partitions they wrote the same as a local build's."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest
import redis

from pipeline.definitions import CELERY_MONTHS_JOB
from pipeline.partition_store import read_partitions, store_path
from pipeline.resources import BuildSettings
from tests.conftest import BUILD_DATE
from tests.test_month_partitions import three_month_inbox

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORKERS = 2
REDIS = shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in reversed(procs):
        try:
            os.killpg(p.pid, 15)
        except ProcessLookupError:
            continue
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, 9)
            p.wait()


@pytest.fixture
def celery(tmp_path):
    """(executor config, the environment the workers build with, the workers' log files)."""
    if REDIS is None:
        if os.environ.get("CONFLICT_CLAIMS_REQUIRE_REDIS"):
            pytest.fail("redis-server is not installed (make test installs Debian's redis-server)")
        pytest.skip("redis-server is not installed (make test installs Debian's redis-server)")
    raw, out, home = three_month_inbox(tmp_path / "raw"), tmp_path / "out", tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    port = _free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    config = {"broker": broker, "backend": f"redis://127.0.0.1:{port}/1"}  # the executor's run config
    (tmp_path / "celery.yaml").write_text(
        f"execution:\n  config:\n    broker: '{config['broker']}'\n    backend: '{config['backend']}'\n"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_CLAIMS_")},
        "CONFLICT_CLAIMS_RAW": str(raw),
        "CONFLICT_CLAIMS_OUT": str(out),
        "CONFLICT_CLAIMS_BUILD_DATE": BUILD_DATE,
        "DAGSTER_HOME": str(home),
        "PYTHONPATH": str(REPO),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    logs = [tmp_path / "redis.log", *(tmp_path / f"worker-{i}.log" for i in range(WORKERS))]
    sinks = [p.open("w") for p in logs]
    procs = [
        subprocess.Popen(
            [REDIS, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=sinks[0],
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    ]
    try:
        # the instance's SQLite storage made once, before processes that would all create it at once
        subprocess.run(
            [str(BIN / "dagster"), "instance", "migrate"], env=env, check=True, capture_output=True
        )
        _wait(lambda: redis.Redis(port=port).ping(), "redis", procs, logs)
        procs += [
            subprocess.Popen(
                [
                    str(BIN / "dagster-celery"),
                    "worker",
                    "start",
                    "-A",
                    "dagster_celery.app",
                    "-y",
                    str(tmp_path / "celery.yaml"),
                    "-n",
                    f"worker-{i}",
                    "--",
                    "--concurrency",
                    "1",
                ],
                cwd=REPO,
                env=env,
                stdout=sinks[i + 1],
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            for i in range(WORKERS)
        ]
        _wait(lambda: all("ready." in p.read_text() for p in logs[1:]), "celery workers", procs, logs)
        yield tmp_path / "celery.yaml", env, logs[1:]
    finally:
        _stop(procs)
        for f in sinks:
            f.close()


def _wait(ready, what: str, procs: list[subprocess.Popen], logs: list[Path]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert all(p.poll() is None for p in procs), [p.read_text()[-2000:] for p in logs]
        try:
            if ready():
                return
        except redis.ConnectionError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"no {what} within 120 s: {[p.read_text()[-2000:] for p in logs]}")


def test_a_backfill_of_months_runs_its_steps_on_the_celery_workers(celery, tmp_path, monkeypatch):
    config_file, env, worker_logs = celery
    for key in ("CONFLICT_CLAIMS_RAW", "CONFLICT_CLAIMS_OUT", "CONFLICT_CLAIMS_BUILD_DATE", "DAGSTER_HOME"):
        monkeypatch.setenv(key, env[key])
    settings = BuildSettings.from_env()
    months = sorted(set(settings.entry_partitions().values()))
    with dg.DagsterInstance.get() as instance:  # persistent (sqlite under DAGSTER_HOME): the workers share it
        instance.add_dynamic_partitions("publication_month", months)
    # the backfill: one run per month, all at once, each from its own process as the UI launches them
    launches = [
        subprocess.Popen(
            [
                str(BIN / "dagster"),
                "job",
                "execute",
                "-m",
                "pipeline.definitions",
                "-j",
                CELERY_MONTHS_JOB,
                "-c",
                str(config_file),
                "--tags",
                json.dumps({"dagster/partition": m}),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for m in months
    ]
    outputs = [p.communicate(timeout=600)[0] for p in launches]
    assert all(p.returncode == 0 for p in launches), [o[-2000:] for o in outputs]
    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(job_name=CELERY_MONTHS_JOB))
        assert sorted(r.tags["dagster/partition"] for r in runs) == months
        assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
        step_pids = {
            e.dagster_event.pid
            for r in runs
            for e in instance.all_logs(r.run_id)
            if e.dagster_event is not None and e.dagster_event.event_type_value == "STEP_SUCCESS"
        }
        launcher_pids = {p.pid for p in launches}
    assert step_pids and not step_pids & launcher_pids  # the steps ran in the workers, not the launchers
    # each worker's log names the tasks it finished; between them, every month's two steps
    taken = [p.read_text().count("succeeded in") for p in worker_logs]
    assert sum(taken) == 2 * len(months) and all(taken), [p.read_text()[-1500:] for p in worker_logs]
    # what the workers stored is what a local build of the same folder stores
    local = tmp_path / "local"
    done = subprocess.run(
        [
            str(BIN / "conflict-claims"),
            "build",
            "--raw",
            env["CONFLICT_CLAIMS_RAW"],
            "--out",
            str(local),
            "--build-date",
            BUILD_DATE,
        ],
        env={k: v for k, v in env.items() if k != "DAGSTER_HOME"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    on_workers = store_path(settings.store_location())
    here = store_path(BuildSettings(raw_dir=settings.raw_dir, out_dir=str(local)).store_location())
    for asset in ("month_reports", "month_figure_candidates", "month_rejected_reports"):
        pd.testing.assert_frame_equal(
            read_partitions([on_workers / asset / f"{m}.parquet" for m in months]),
            read_partitions([here / asset / f"{m}.parquet" for m in months]),
        )
