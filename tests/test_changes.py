"""Changes between releases: what a new report added, by stable id, and nothing else."""

from __future__ import annotations

import json

import duckdb
import pyarrow.parquet as pq

from pipeline.publish.changes import changes_frame
from tests.conftest import run_build


def _write(raw, name: str, text: str) -> None:
    (raw / name).write_text(f" date 2025-04-0{len(list(raw.iterdir())) + 1} {text}")


def test_adding_a_report_lists_exactly_its_rows_as_added(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    _write(raw, "a.txt", "Police said 4 people were killed in Kell on Monday.")
    _write(raw, "b.txt", "The army said 9 soldiers were wounded in Dorn on Tuesday.")
    out = tmp_path / "out"
    first = run_build(raw, out)
    r1 = out / "releases" / first["version"]
    assert pq.read_table(r1 / "changes.parquet").num_rows == 0
    assert "first release" in (r1 / "CHANGES.md").read_text()

    _write(raw, "c.txt", "Rebels said they had killed 30 soldiers near Varda on Wednesday.")
    second = run_build(raw, out)
    r2 = out / "releases" / second["version"]
    changes = pq.read_table(r2 / "changes.parquet").to_pylist()
    new_report = next(
        r for r in pq.read_table(r2 / "reports.parquet").to_pylist() if r["source_file"] == "c.txt"
    )
    new_figures = [
        f
        for f in pq.read_table(r2 / "figures.parquet").to_pylist()
        if f["report_id"] == new_report["report_id"]
    ]
    assert new_figures
    added = {(c["table"], c["id"]) for c in changes if c["change"] == "added"}
    assert {("figures", f["figure_id"]) for f in new_figures} == {k for k in added if k[0] == "figures"}
    assert {("incidents", f["incident_id"]) for f in new_figures} <= added
    assert {c["change"] for c in changes} == {"added"}  # nothing of a.txt or b.txt changed
    summary = (r2 / "CHANGES.md").read_text()
    assert first["version"] in summary and f"| figures | {len(new_figures)} | 0 | 0 | 0 |" in summary
    con = duckdb.connect(str(r2 / "conflict_claims.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM changes").fetchone()[0] == len(changes)
    finally:
        con.close()


def _figure(fid: str, category: str, incident: str, value: int) -> dict:
    return {
        "figure_id": fid,
        "report_id": "r",
        "char_start": 0,
        "char_end": 9,
        "category": category,
        "incident_id": incident,
        "value_low": value,
    }


def test_changed_values_and_replaced_ids_are_named():
    old = {
        "figures": {
            "f1": _figure("f1", "killed", "i1", 4),
            "f2": {**_figure("f2", "injured", "i1", 2), "char_start": 20},
        }
    }
    old["incidents"] = {"i1": {"incident_id": "i1"}}
    new = {
        "figures": {
            "f9": _figure("f9", "injured", "i2", 4),  # f1 read again as another category: a new id
            "f2": {**_figure("f2", "injured", "i2", 3), "char_start": 20},
        },
        "incidents": {"i2": {"incident_id": "i2"}},
    }
    rows = changes_frame(old, new).to_dict("records")
    by = {(r["table"], r["id"], r["change"]): r for r in rows}
    changed = by[("figures", "f2", "changed")]
    assert changed["fields"] == ["incident_id", "value_low"]
    assert json.loads(changed["old_values"]) == {"incident_id": "i1", "value_low": 2}
    assert by[("figures", "f1", "superseded")]["new_id"] == "f9"
    assert by[("incidents", "i1", "superseded")]["new_id"] == "i2"
    assert ("figures", "f9", "added") in by and ("figures", "f1", "removed") in by
