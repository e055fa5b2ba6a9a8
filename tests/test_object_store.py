"""Month partitions on object storage: a build with its store at an s3:// URI, against moto's
S3-compatible server started on loopback, publishes the release a local store gives, and a
rebuild reads the months back from the bucket."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import s3fs

from tests.conftest import BUILD_DATE
from tests.test_month_partitions import three_month_inbox

BIN = Path(sys.executable).parent
CLI = BIN / "conflict-claims"
BUCKET = "conflict-claims-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3_endpoint(tmp_path):
    port = _free_port()
    log = (tmp_path / "moto.log").open("w")
    proc = subprocess.Popen(
        [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, (tmp_path / "moto.log").read_text()
            time.sleep(0.2)
    else:
        raise AssertionError("moto_server did not start within 60 s")
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def _options(url: str) -> dict:
    return {"endpoint_url": url, "key": "test-key", "secret": "test-secret"}


def _build(raw: Path, out: Path, store: str | None = None, options: dict | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONFLICT_CLAIMS_", "AWS_"))}
    if store:
        env["CONFLICT_CLAIMS_STORE"] = store
        env["CONFLICT_CLAIMS_STORE_OPTIONS"] = json.dumps(options)
    cmd = [str(CLI), "build", "--raw", str(raw), "--out", str(out), "--build-date", BUILD_DATE]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def _fingerprint(out: Path) -> str:
    return json.loads((out / "latest" / "manifest.json").read_text())["content_fingerprint"]


def test_month_partitions_in_an_s3_bucket_give_the_same_release(tmp_path, s3_endpoint):
    fs = s3fs.S3FileSystem(**_options(s3_endpoint))
    fs.mkdir(BUCKET)
    raw = three_month_inbox(tmp_path / "raw")
    store = f"s3://{BUCKET}/partitions"
    on_s3 = _build(raw, tmp_path / "out-s3", store, _options(s3_endpoint))
    assert "4 of 4 month partitions to materialize" in on_s3.stderr
    local = _build(raw, tmp_path / "out-local")
    assert _fingerprint(tmp_path / "out-s3") == _fingerprint(tmp_path / "out-local")
    stored = sorted(
        Path(p).stem for p in fs.glob(f"{BUCKET}/partitions/.store/raw-*/month_reports/*.parquet")
    )
    assert stored == ["2025-01", "2025-02", "2025-03", "undated"]
    assert not list((tmp_path / "out-s3").glob(".store/*/month_*")), "no month partition is kept locally"
    # a new report: its month is written again to the bucket, the others are read back from it
    src = next(raw.glob("2025-01-*.txt"))
    (raw / "2025-01-30-again.txt").write_text(
        src.read_text(encoding="utf-8").replace("date 2025-01-20", "date 2025-01-30", 1), encoding="utf-8"
    )
    again = _build(raw, tmp_path / "out-s3", store, _options(s3_endpoint))
    assert (
        "1 of 4 month partitions to materialize" in again.stderr
        and "progress: month 2025-01 (" in again.stderr
    )
    _build(raw, tmp_path / "out-local")
    assert _fingerprint(tmp_path / "out-s3") == _fingerprint(tmp_path / "out-local")
    assert local.returncode == 0
