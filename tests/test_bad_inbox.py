"""Every inbox entry is published or rejected with a reason, and none crashes, hangs or leaks."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.ingest import inbox as inbox_mod
from pipeline.ingest.inbox import EntryError, read_entry, scan_inbox
from schemas import TABLES, Rejected
from schemas.figures import MAX_FIGURE_VALUE
from tests.bad_inbox import SECRET, write_bad_inbox
from tests.conftest import run_build

BUILD_DAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> tuple[Path, dict[str, str | None]]:
    return write_bad_inbox(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def bad_build(bad, tmp_path_factory) -> tuple[Path, dict]:
    raw, _ = bad
    out = tmp_path_factory.mktemp("bad-out") / "output"
    return out, run_build(raw, out)


def _rows(out: Path, table: str) -> list[dict]:
    return pq.read_table(out / "latest" / f"{table}.parquet").to_pylist()


def test_scan_accounts_for_every_entry_once(bad):
    raw, expect = bad
    inbox = scan_inbox(raw, BUILD_DAY)
    fates = {r.source_file: None for r in inbox.reports}
    fates |= {r.source_file: r.check for r in inbox.rejections}
    assert inbox.n_entries == len(os.listdir(raw)) == len(fates)
    assert fates == expect


def test_rejection_reasons_name_the_entry_and_quote_nothing(bad):
    raw, _ = bad
    for r in scan_inbox(raw, BUILD_DAY).rejections:
        assert r.reason.startswith(f"{r.source_file}: ")
        assert SECRET not in r.reason and "<html" not in r.reason.lower()
        assert str(raw) not in r.reason  # no local path


def test_a_sidecar_without_its_columns_is_rejected_and_reports_still_build(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2025-05-02 Police said 3 people were killed in Kell.")
    (tmp_path / "sources.tsv").write_text("file\tpublisher\na.txt\tKell Post\n")
    inbox = scan_inbox(tmp_path, BUILD_DAY)
    assert [r.source_file for r in inbox.reports] == ["a.txt"]
    (rej,) = inbox.rejections
    assert rej.check == "sidecar_readable" and "url, title" in rej.reason


def test_an_unreadable_file_is_a_rejection(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(" date 2025-05-02 text")
    real_open = os.open

    def deny(p, *args, **kwargs):
        if Path(p) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(inbox_mod.os, "open", deny)
    with pytest.raises(EntryError) as err:
        read_entry(path)
    assert err.value.check == "readable" and "Permission denied" in err.value.reason
    (rej,) = scan_inbox(tmp_path, BUILD_DAY).rejections
    assert rej.check == "readable"


def test_the_build_publishes_or_rejects_every_entry(bad, bad_build):
    raw, expect = bad
    out, manifest = bad_build
    published = {r["source_file"] for r in _rows(out, "reports")}
    rejected = {r["source_file"]: r["check"] for r in _rows(out, "rejected_reports")}
    assert published == {name for name, fate in expect.items() if fate is None}
    assert rejected == {name: fate for name, fate in expect.items() if fate is not None}
    acc = manifest["accounting"]
    assert acc["inbox_entries"] == len(os.listdir(raw)) == acc["reports_published"] + acc["reports_rejected"]
    assert sorted(i["file"] for i in manifest["inputs"]) == sorted(os.listdir(raw))


def test_invisible_characters_do_not_change_figures(bad_build):
    out, _ = bad_build
    files = {r["report_id"]: r["source_file"] for r in _rows(out, "reports")}
    by_file: dict[str, list[dict]] = {}
    for f in _rows(out, "figures"):
        by_file.setdefault(files[f["report_id"]], []).append(f)
    assert [f["value_low"] for f in by_file["zero width.txt"]] == [10]
    assert [(f["category"], f["value_low"]) for f in by_file["soft-hyphen.txt"]] == [("killed", 4)]


def test_numbers_beyond_the_bound_are_quarantined_with_their_words(bad_build):
    out, _ = bad_build
    rejected = [r for r in _rows(out, "rejected_figures") if r["stage"] == "schema"]
    records = [json.loads(r["record"]) for r in rejected]
    assert {r["source_file"] for r in rejected} == {"huge number.txt", "many-digits.txt"}
    assert all(rec["value_low"] > MAX_FIGURE_VALUE for rec in records)
    assert any(rec["quote"].startswith("100000000000000000000") for rec in records)
    assert all("value_low" in r["check"] for r in rejected)


def test_no_release_file_holds_a_local_path(bad, bad_build):
    raw, _ = bad
    out, _ = bad_build
    release = (out / "latest").resolve()
    for path in release.iterdir():
        data = path.read_bytes()
        for local in (str(raw), str(raw.parent), str(out)):
            assert local.encode() not in data, f"{path.name} holds {local}"


@pytest.mark.parametrize("content", ["empty", "only-bad", "no-numbers"])
def test_a_build_without_figures_is_a_release_of_empty_tables(tmp_path, content):
    raw = tmp_path / "raw"
    raw.mkdir()
    if content == "only-bad":
        (raw / "junk.txt").write_bytes(b"\x00\x01")
        (raw / "notes.md").write_text("notes")
    if content == "no-numbers":
        (raw / "talks.txt").write_text(" date 2025-05-02 Talks between Dorn and Varda resumed.")
    manifest = run_build(raw, tmp_path / "out")
    latest = tmp_path / "out" / "latest"
    for name, model in {**TABLES, "rejected_reports": Rejected}.items():
        table = pq.read_table(latest / f"{name}.parquet")
        assert table.column_names == list(model.to_schema().columns)
    assert manifest["accounting"]["figures_published"] == 0
    assert manifest["accounting"]["inbox_entries"] == len(os.listdir(raw))
    assert pq.read_table(latest / "rejected_reports.parquet").num_rows == (2 if content == "only-bad" else 0)


def test_a_same_day_copy_with_a_revised_figure_is_an_update_not_a_duplicate(tmp_path):
    body = "Police said 12 people were killed in Kell on Monday when gunmen attacked a market."
    (tmp_path / "a.txt").write_text(f" date 2025-05-02 {body}")
    (tmp_path / "b.txt").write_text(f" date 2025-05-02 {body.replace('12', '15')}")
    (tmp_path / "c.txt").write_text(f" date 2025-05-02 {body.replace('Monday', 'Mondav')}")
    inbox = scan_inbox(tmp_path, BUILD_DAY)
    assert [r.source_file for r in inbox.reports] == ["a.txt", "b.txt"]
    assert [(r.source_file, r.check) for r in inbox.rejections] == [("c.txt", "near_duplicate")]


def test_a_report_the_engine_fails_on_is_a_rejected_row_and_the_rest_build(tmp_path, monkeypatch):
    import pipeline.tables as tables

    real = tables.extract_figures

    def flaky(body, published, book):
        if "Vennick" in body:
            raise RecursionError("deep")
        return real(body, published, book)

    monkeypatch.setattr(tables, "extract_figures", flaky)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "ok.txt").write_text(" date 2025-05-02 Police said 3 people were killed in Kell.")
    (raw / "bad.txt").write_text(" date 2025-05-03 The Vennick army said 8 soldiers were killed.")
    manifest = run_build(raw, tmp_path / "out")
    (failed,) = [r for r in _rows(tmp_path / "out", "rejected_figures") if r["stage"] == "extract"]
    assert failed["source_file"] == "bad.txt" and len(failed["sha256"]) == 64
    assert failed["check"] == "extraction_completes" and "RecursionError" in failed["reason"]
    assert manifest["accounting"]["figures_published"] == 1
