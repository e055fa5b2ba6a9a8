"""Month partitions: which month each entry is in, which months a rebuild materializes again,
and that a partitioned build publishes what one pass over the whole folder gives."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline.extract.engine import DiscoveredActor
from pipeline.ingest.inbox import scan_inbox
from pipeline.ingest.partitions import UNDATED, inbox_partitions, partition_digests
from pipeline.month_build import month_ranges
from pipeline.month_tables import discovered_frame, discovered_list, failures_frame, failures_list
from pipeline.validate import Quarantined
from tests.conftest import BUILD_DATE, FIXTURES

REPO = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("conflict-claims")


def _dated(src: Path, day: str) -> str:
    """A fixture report moved to another publication day (its header's date rewritten)."""
    text = src.read_text(encoding="utf-8")
    old = text.split()[1]
    return text.replace(f"date {old}", f"date {day}", 1)


def three_month_inbox(raw: Path) -> Path:
    raw.mkdir(parents=True)
    reports = sorted((FIXTURES / "reports").glob("*.txt"))
    for src, day in zip(reports, ["2025-01-20", "2025-02-11", "2025-03-15"], strict=True):
        (raw / f"{day}-{src.name}").write_text(_dated(src, day), encoding="utf-8")
    (raw / "notes.md").write_text("not a report")
    (raw / "no-header.txt").write_text("Five people were killed.")
    return raw


def test_each_entry_is_in_its_publication_month_or_undated(tmp_path):
    raw = three_month_inbox(tmp_path / "raw")
    months = inbox_partitions(raw)
    assert sorted(set(months.values())) == ["2025-01", "2025-02", "2025-03", UNDATED]
    assert months["notes.md"] == months["no-header.txt"] == UNDATED
    assert all(m == name[:7] for name, m in months.items() if m != UNDATED)


def test_the_memo_is_used_only_while_an_entry_is_unchanged(tmp_path):
    raw = three_month_inbox(tmp_path / "raw")
    memo = tmp_path / "memo.json"
    first = inbox_partitions(raw, memo)
    name = next(n for n, m in first.items() if m == "2025-02")
    doc = json.loads(memo.read_text())
    doc["entries"][name][1] = "1999-01"  # a memo that says otherwise is believed while the stat matches
    memo.write_text(json.dumps(doc))
    assert inbox_partitions(raw, memo)[name] == "1999-01"
    path = raw / name
    path.write_text(_dated(path, "2025-04-02"), encoding="utf-8")
    os.utime(path, ns=(1, 2 * 10**18))  # a new mtime: the entry is read again
    assert inbox_partitions(raw, memo)[name] == "2025-04"


def test_a_new_report_changes_only_its_months_digest(tmp_path):
    raw = three_month_inbox(tmp_path / "raw")
    before = partition_digests(raw, inbox_partitions(raw), "ctx")
    src = FIXTURES / "reports" / "2025-03-14-dalmora-market.txt"
    (raw / "2025-02-28-extra.txt").write_text(_dated(src, "2025-02-28"), encoding="utf-8")
    after = partition_digests(raw, inbox_partitions(raw), "ctx")
    assert [m for m in after if after[m] != before.get(m)] == ["2025-02"]
    assert partition_digests(raw, inbox_partitions(raw), "other code") != after  # the context is in each


def test_scanning_month_by_month_accounts_for_the_same_entries_as_one_scan(tmp_path):
    from tests.bad_inbox import write_bad_inbox

    raw, _ = write_bad_inbox(tmp_path)
    day = dt.date.fromisoformat(BUILD_DATE)
    whole = scan_inbox(raw, day)
    months = inbox_partitions(raw)
    parts = [scan_inbox(raw, day, [n for n, m in months.items() if m == key]) for key in set(months.values())]
    assert sorted(r.report_id for p in parts for r in p.reports) == sorted(r.report_id for r in whole.reports)
    assert sorted((r.source_file, r.check) for p in parts for r in p.rejections) == sorted(
        (r.source_file, r.check) for r in whole.rejections
    )
    assert sorted(f for p in parts for f in p.metadata_files) == sorted(whole.metadata_files)


def test_months_to_run_are_grouped_into_ranges_of_adjacent_months():
    months = ["2025-01", "2025-02", "2025-03", "2025-05", "undated"]
    assert month_ranges(months, months) == [("2025-01", "undated")]
    assert month_ranges(months, ["2025-02", "2025-01", "2025-05"]) == [
        ("2025-01", "2025-02"),
        ("2025-05", "2025-05"),
    ]
    assert month_ranges(months, []) == []


def test_month_tables_round_trip_actors_and_failures():
    actors = [
        DiscoveredActor("b", "Bee", "armed_group"),
        DiscoveredActor("a", "Ay", "state"),
        DiscoveredActor("b", "Bee later", "armed_group"),
    ]
    assert [a.name for a in discovered_list(discovered_frame(actors))] == ["Ay", "Bee"]
    fails = [Quarantined("r2", ["extraction_completes"], "why", {"report_id": "r2", "n": [1]})]
    assert failures_list(failures_frame(fails)) == fails


def _build(raw: Path, out: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICT_CLAIMS_")}
    cmd = [str(CLI), "build", "--raw", str(raw), "--out", str(out), "--build-date", BUILD_DATE]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _table(out: Path, name: str) -> pd.DataFrame:
    return pq.read_table(out / "latest" / f"{name}.parquet").to_pandas()


def test_a_rebuild_materializes_only_the_changed_month_and_publishes_the_whole_archive(tmp_path):
    raw, out = three_month_inbox(tmp_path / "raw"), tmp_path / "out"
    first = _build(raw, out)
    assert "4 of 4 month partitions to materialize" in first.stderr
    stored = sorted(p.stem for p in out.glob(".store/raw-*/month_figure_candidates/*.parquet"))
    assert stored == ["2025-01", "2025-02", "2025-03", UNDATED]
    src = FIXTURES / "reports" / "2025-03-14-dalmora-market.txt"
    (raw / "2025-02-27-extra.txt").write_text(_dated(src, "2025-02-27"), encoding="utf-8")
    second = _build(raw, out)
    assert "1 of 4 month partitions to materialize" in second.stderr
    assert "progress: month 2025-02 (" in second.stderr and "progress: month 2025-01" not in second.stderr
    # the release is the whole archive: the same as a build of the folder from nothing
    fresh = tmp_path / "fresh"
    _build(raw, fresh)
    for table in ("reports", "figures", "incidents", "places", "rejected_reports"):
        pd.testing.assert_frame_equal(_table(out, table), _table(fresh, table), check_like=False)
    shutil.rmtree(raw)
    raw.mkdir()  # every month gone but undated: none of their rows stay
    (raw / "notes.md").write_text("not a report")
    _build(raw, out)
    assert _table(out, "reports").empty and _table(out, "figures").empty
    assert sorted(_table(out, "rejected_reports")["source_file"]) == ["notes.md"]


def test_the_store_gives_back_the_months_as_written_in_month_order(tmp_path):
    import pytest
    from upath import UPath

    from pipeline.partition_store import MissingPartitionError, read_partitions, write_partition

    jan = pd.DataFrame(
        {
            "n": pd.array([1, None], dtype="Int64"),
            "names": [[], []],  # no value yet: written as a list of nulls
            "note": [None, None],
            "day": [dt.date(2025, 1, 2), dt.date(2025, 1, 3)],
        }
    )
    feb = pd.DataFrame(
        {"n": pd.array([3], dtype="Int64"), "names": [["Kell"]], "note": ["x"], "day": [dt.date(2025, 2, 1)]}
    )
    paths = [UPath(tmp_path / "2025-01.parquet"), UPath(tmp_path / "2025-02.parquet")]
    write_partition(paths[0], jan)
    write_partition(paths[1], feb)
    both = read_partitions(paths)
    assert (
        both["n"].dtype == "Int64"
        and both["n"].tolist()[:1] == [1]
        and both["n"].isna().tolist()
        == [
            False,
            True,
            False,
        ]
    )
    assert both["names"].tolist() == [[], [], ["Kell"]] and isinstance(both["names"][2], list)
    assert both["note"].tolist() == [None, None, "x"] and both["day"].tolist()[2] == dt.date(2025, 2, 1)
    with pytest.raises(MissingPartitionError, match="2025-03"):
        read_partitions([*paths, UPath(tmp_path / "2025-03.parquet")], "month_reports")
