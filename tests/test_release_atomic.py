"""A run that dies while writing leaves the last good release and `latest` intact."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.publish import release as rel
from schemas import Rejected


def _tables(reason: str) -> dict:
    df = pd.DataFrame(
        {
            "row_id": ["a.txt"],
            "source_file": ["a.txt"],
            "sha256": [None],
            "n_bytes": pd.array([3], dtype="Int64"),
            "stage": ["parse"],
            "check": ["not_empty"],
            "reason": [reason],
            "record": ["{}"],
        }
    )
    return {"rejected_reports": (df, Rejected)}


FIELDS = {"extractor_version": "t", "schema_version": "t", "knowledge_version": "t"}
T0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def test_crash_while_writing_keeps_previous_release(tmp_path, monkeypatch):
    good = rel.write_release(tmp_path, _tables("first"), FIELDS, T0)
    assert (tmp_path / "latest").resolve() == good.path.resolve()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(rel, "build_duckdb", boom)
    with pytest.raises(OSError, match="disk full"):
        rel.write_release(tmp_path, _tables("second"), FIELDS, T0 + dt.timedelta(days=1))
    assert (tmp_path / "latest").resolve() == good.path.resolve()
    assert [p.name for p in (tmp_path / "releases").iterdir()] == [good.version]


def test_leftover_staging_from_a_killed_run_is_cleared(tmp_path):
    (tmp_path / "releases" / ".staging-dead").mkdir(parents=True)
    result = rel.write_release(tmp_path, _tables("x"), FIELDS, T0)
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == [result.version]


def test_identical_content_reuses_the_release(tmp_path):
    a = rel.write_release(tmp_path, _tables("same"), FIELDS, T0)
    b = rel.write_release(tmp_path, _tables("same"), FIELDS, T0 + dt.timedelta(days=3))
    assert (a.version, a.created, b.created) == (b.version, True, False)
    c = rel.write_release(tmp_path, _tables("changed"), FIELDS, T0 + dt.timedelta(days=3))
    assert c.created and c.version != a.version
    assert (tmp_path / "latest").resolve().name == c.version
