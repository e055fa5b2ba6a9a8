"""Builds that race or die: each publishes exactly its own reports or fails clearly, and
`latest` always names a complete release that matches its manifest."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.publish import release as rel
from tests.conftest import run_build
from tests.test_release_atomic import FIELDS, T0, _tables

REPO = Path(__file__).resolve().parents[1]
TOWNS = ("Kell", "Dorn", "Varda", "Vennick")


def _raw(tmp: Path, name: str, n: int) -> Path:
    """A raw folder of ``n`` reports of its own (file names carry the folder's name)."""
    raw = tmp / name
    raw.mkdir()
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        (raw / f"{name}-{i}.txt").write_text(
            f" date 2025-04-{i + 1:02d} Police said {i + 2} people were killed in {town} on Monday."
        )
    return raw


def _make_dataset(raw: Path, out: Path) -> subprocess.Popen:
    """`make dataset` as a user runs it: the Makefile's own environment (one DAGSTER_HOME)."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    return subprocess.Popen(
        ["make", "--no-print-directory", "-C", str(REPO), "dataset", f"RAW={raw}", f"OUT={out}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def _own_release(stdout: str) -> Path:
    match = re.search(r"^release (\S+) in (.+)$", stdout, re.M)
    assert match, stdout[-2000:]
    return Path(match[2])


def _published_files(release: Path) -> set[str]:
    return set(pq.read_table(release / "reports.parquet").column("source_file").to_pylist())


def _assert_latest_is_whole(out: Path) -> None:
    latest = (out / "latest").resolve()
    assert rel.verify_release(latest, open_duckdb=True) == []
    assert (out / "LATEST").read_text().strip() == latest.name
    assert not list((out / "releases").glob(".staging-*"))


@pytest.mark.parametrize("same_out", [False, True], ids=["two-output-folders", "one-output-folder"])
def test_two_make_builds_at_once_publish_only_their_own_reports(tmp_path, same_out):
    raws = [_raw(tmp_path, "alpha", 3), _raw(tmp_path, "beta", 2)]
    outs = [tmp_path / "out", tmp_path / "out"] if same_out else [tmp_path / "out-a", tmp_path / "out-b"]
    procs = [_make_dataset(raw, out) for raw, out in zip(raws, outs, strict=True)]
    results = [p.communicate(timeout=600)[0] for p in procs]
    for proc, stdout, raw, out in zip(procs, results, raws, outs, strict=True):
        assert proc.returncode == 0, stdout[-3000:]
        release = _own_release(stdout)
        assert release.parent == (out / "releases").resolve()
        assert _published_files(release) == {p.name for p in raw.iterdir()}
        manifest = json.loads((release / "manifest.json").read_text())
        assert manifest["raw_dir"] == raw.name
        assert rel.verify_release(release, open_duckdb=True) == []
    for out in set(outs):
        _assert_latest_is_whole(out)


def test_a_build_waits_for_the_lock_and_never_touches_a_live_staging_folder(tmp_path):
    first = rel.write_release(tmp_path, _tables("first"), FIELDS, T0)
    live = tmp_path / "releases" / ".staging-live"
    with rel.release_lock(tmp_path):
        live.mkdir()
        code = (
            "import sys; from tests.test_release_atomic import FIELDS, T0, _tables; "
            "from pipeline.publish import release as rel; "
            f"rel.write_release(rel.Path({str(tmp_path)!r}), _tables('second'), FIELDS, T0, lock_timeout=1)"
        )
        proc = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode != 0
        assert "another build is publishing" in proc.stderr and "nothing was published" in proc.stderr
        assert live.is_dir()
        live.rmdir()
    assert (tmp_path / "latest").resolve() == first.path.resolve()


KILL_SCRIPT = """
import datetime as dt, sys
from pathlib import Path
from tests.test_release_atomic import FIELDS, T0, _tables
from pipeline.publish import release as rel
rel.write_release(Path(sys.argv[1]), _tables("second"), FIELDS, T0 + dt.timedelta(days=1))
"""


@pytest.mark.parametrize("moment", ["before_lock", "staging", "staged", "renamed", "switched"])
def test_a_build_killed_at_any_moment_leaves_a_whole_release(tmp_path, moment):
    first = rel.write_release(tmp_path, _tables("first"), FIELDS, T0)
    env = {**os.environ, rel.ENV_KILL_AT: moment}
    proc = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(tmp_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == -9, proc.stderr
    latest = (tmp_path / "latest").resolve()
    if moment != "switched":  # up to the switch, latest is the release before
        assert latest == first.path.resolve()
    assert rel.verify_release(latest, open_duckdb=True) == []
    # the next build repairs what the dead one left and publishes
    after = rel.write_release(tmp_path, _tables("third"), FIELDS, T0 + dt.timedelta(days=2))
    assert (tmp_path / "latest").resolve() == after.path.resolve()
    _assert_latest_is_whole(tmp_path)
    assert not list(tmp_path.glob(".latest-*")) and not (tmp_path / ".LATEST.tmp").exists()


def test_a_build_killed_after_the_switch_is_repaired_by_the_next(tmp_path):
    rel.write_release(tmp_path, _tables("first"), FIELDS, T0)
    env = {**os.environ, rel.ENV_KILL_AT: "switched"}
    subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(tmp_path)], cwd=REPO, env=env, timeout=120)
    latest = (tmp_path / "latest").resolve()
    assert (tmp_path / "LATEST").read_text().strip() != latest.name  # the moment the kill left
    again = rel.write_release(tmp_path, _tables("second"), FIELDS, T0 + dt.timedelta(days=1))
    assert again.path.resolve() == latest and not again.created
    _assert_latest_is_whole(tmp_path)


HOLD_OPEN = "import duckdb, time; c = duckdb.connect({db!r}); print('open', flush=True); time.sleep(120)"


def test_an_unchanged_rebuild_works_while_a_user_holds_the_database_open(tmp_path):
    raw = _raw(tmp_path, "gamma", 2)
    out = tmp_path / "out"
    first = run_build(raw, out)
    db = out / "latest" / rel.DUCKDB_NAME
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN.format(db=str(db))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(duckdb.IOException):
            duckdb.connect(str(db), read_only=True)  # what the old check did
        again = run_build(raw, out)
    finally:
        holder.kill()
        holder.wait()
    assert again["version"] == first["version"]
    _assert_latest_is_whole(out)


def test_ui_runs_of_other_output_folders_never_share_intermediate_tables(tmp_path):
    from pipeline.ui_io_manager import ui_io_manager

    a = ui_io_manager(tmp_path / "a", tmp_path / "home").base_dir
    b = ui_io_manager(tmp_path / "b", tmp_path / "home").base_dir
    assert a != b and Path(a).parent == Path(b).parent


def test_every_published_table_has_a_blocking_schema_check():
    from assets.checks import SCHEMA_CHECKS
    from schemas import REJECTED_TABLES, TABLES

    checked = {
        spec.asset_key.to_user_string() for c in SCHEMA_CHECKS for spec in c.check_specs if spec.blocking
    }
    assert checked == set(TABLES) | set(REJECTED_TABLES)
