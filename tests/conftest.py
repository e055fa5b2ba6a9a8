from __future__ import annotations

import os
import shutil
from pathlib import Path

import dagster as dg
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# The shared evaluation material: $CONFLICT_CLAIMS_SHARED/eval, else ../shared/eval beside the repository.
SHARED_EVAL = (
    Path(os.environ.get("CONFLICT_CLAIMS_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "eval"
)
BUILD_DATE = "2025-06-01"


def make_raw(tmp: Path) -> Path:
    """A raw folder of reports written for the tests, plus every kind of bad file."""
    raw = tmp / "raw"
    raw.mkdir()
    for p in (FIXTURES / "reports").iterdir():
        shutil.copy(p, raw / p.name)
    for p in (FIXTURES / "bad").iterdir():
        shutil.copy(p, raw / p.name)
    shutil.copy(FIXTURES / "sources.tsv", raw / "sources.tsv")
    # the same article saved twice, and a file that is not a report
    shutil.copy(raw / "2025-03-14-dalmora-market.txt", raw / "copy-of-dalmora-market.txt")
    (raw / "page.html").write_text("<html><body>5 killed</body></html>")
    return raw


def run_build(raw: Path, out: Path, build_date: str = BUILD_DATE, log_level: str = "WARNING") -> dict:
    from pipeline.cli import build

    return build(str(raw), str(out), build_date, instance=dg.DagsterInstance.ephemeral(), log_level=log_level)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, Path, dict]:
    """One real Dagster build of the test raw folder: (raw, out, manifest)."""
    tmp = tmp_path_factory.mktemp("build")
    raw = make_raw(tmp)
    out = tmp / "output"
    manifest = run_build(raw, out)
    return raw, out, manifest
