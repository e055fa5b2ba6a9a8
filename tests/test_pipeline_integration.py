"""The whole pipeline, run by Dagster on a raw folder the tests write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.ingest.inbox import SIDECAR_NAME
from tests.conftest import run_build

TABLES = [
    "reports",
    "actors",
    "incidents",
    "figures",
    "rejected_reports",
    "rejected_figures",
    "rejected_actors",
    "rejected_incidents",
]


def table(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / "latest" / f"{name}.parquet").to_pylist()


def test_every_raw_file_is_published_or_rejected(built):
    raw, out, manifest = built
    files = sorted(p.name for p in raw.iterdir() if p.name != SIDECAR_NAME)
    published = {r["source_file"] for r in table(out, "reports")}
    rejected = {r["source_file"]: r for r in table(out, "rejected_reports")}
    assert sorted(published | set(rejected)) == files
    assert not published & set(rejected)
    assert published == {
        "2025-03-14-dalmora-market.txt",
        "2025-03-15-dalmora-toll.txt",
        "2025-03-15-talks-no-figures.txt",
    }
    assert manifest["accounting"]["inbox_entries"] == len(files) + 1  # and the sidecar, read


@pytest.mark.parametrize(
    "name, check, words",
    [
        ("empty.txt", "not_empty", "empty"),
        ("binary.txt", "is_text", "binary"),
        ("no-header.txt", "has_header", "no header"),
        ("impossible-date.txt", "date_valid", "not a real date"),
        ("date-format.txt", "date_format", "YYYY-MM-DD"),
        ("future-date.txt", "date_not_future", "after the build date"),
        ("copy-of-dalmora-market.txt", "unique_text", "same text as 2025-03-14-dalmora-market.txt"),
        ("page.html", "is_report_file", "not a report file"),
    ],
)
def test_bad_files_are_rejected_with_file_and_reason(built, name, check, words):
    _, out, _ = built
    rows = {r["source_file"]: r for r in table(out, "rejected_reports")}
    row = rows[name]
    assert row["check"] == check
    assert words in row["reason"] and name in row["reason"]
    assert row["stage"] == "parse" and len(row["sha256"]) == 64


def test_reports_carry_hash_and_sidecar_metadata_but_no_text(built):
    raw, out, _ = built
    reports = {r["source_file"]: r for r in table(out, "reports")}
    market = reports["2025-03-14-dalmora-market.txt"]
    assert market["publisher"] == "Example Wire"
    assert market["title"].startswith("Gunmen kill 14")
    assert str(market["published_date"]) == "2025-03-14"
    import hashlib

    assert (
        market["sha256"] == hashlib.sha256((raw / "2025-03-14-dalmora-market.txt").read_bytes()).hexdigest()
    )
    assert reports["2025-03-15-dalmora-toll.txt"]["url"] == "https://example.org/news/dalmora-follow-up"
    names = pq.read_schema(out / "latest" / "reports.parquet").names
    assert "body" not in names and "text" not in names


def test_figures_have_provenance_that_slices_back(built):
    raw, out, _ = built
    reports = {r["report_id"]: r for r in table(out, "reports")}
    figures = table(out, "figures")
    assert figures, "the fixture reports hold figures"
    import datetime as dt

    from pipeline.ingest.raw_format import parse_report

    for f in figures:
        rep = reports[f["report_id"]]
        body = parse_report((raw / rep["source_file"]).read_bytes(), dt.date(2025, 6, 1)).body
        assert body[f["char_start"] : f["char_end"]] == f["quote"]
        assert f["extractor_version"]
    by_value = {(f["category"], f["value_low"], f["value_high"]): f for f in figures}
    killed = by_value[("killed", 14, 14)]
    assert killed["counted_kind"] == "civilians" and killed["claim_voice"] == "cited"
    assert by_value[("injured", 9, 9)]
    assert by_value[("detained", 6, 6)]["claimant_text"] == "Idris Hamdan"
    assert by_value[("displaced", 300, None)]["counted_text"] == "families"
    assert by_value[("killed", 17, 17)]["claimant_actor_id"] is not None


def test_foreign_keys_resolve(built):
    _, out, _ = built
    actors = {a["actor_id"] for a in table(out, "actors")}
    reports = {r["report_id"] for r in table(out, "reports")}
    incidents = {i["incident_id"]: i for i in table(out, "incidents")}
    for f in table(out, "figures"):
        assert f["report_id"] in reports
        assert f["incident_id"] in incidents
        for key in ("counted_actor_id", "claimant_actor_id"):
            assert f[key] is None or f[key] in actors
        assert set(f["claimant_actor_ids"]) <= actors
    covered = {fid for i in incidents.values() for fid in i["figure_ids"]}
    assert covered == {f["figure_id"] for f in table(out, "figures")}


def test_duckdb_file_answers_queries(built):
    _, out, _ = built
    con = duckdb.connect(str(out / "latest" / "conflict_claims.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "SELECT category, value_low, source_file FROM figures_with_sources "
            "WHERE category = 'killed' ORDER BY value_low"
        ).fetchall()
        comment = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'figures' AND column_name = 'quote'"
        ).fetchone()[0]
        n_figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    finally:
        con.close()
    assert ("killed", 14, "2025-03-14-dalmora-market.txt") in rows
    assert "exact words" in comment
    assert n_figures == len(table(out, "figures"))


def test_manifest_records_versions_hashes_and_inputs(built):
    _, out, manifest = built
    from pipeline.publish.release import sha256_file

    latest = out / "latest"
    assert json.loads((latest / "manifest.json").read_text()) == manifest
    for name in TABLES:
        entry = manifest["files"][f"{name}.parquet"]
        assert entry["sha256"] == sha256_file(latest / f"{name}.parquet")
        assert entry["rows"] == pq.read_metadata(latest / f"{name}.parquet").num_rows
    for key in (
        "version",
        "built_at",
        "code_version",
        "extractor_version",
        "schema_version",
        "knowledge_version",
    ):
        assert manifest[key]
    inputs = {i["file"]: i for i in manifest["inputs"]}
    assert inputs["empty.txt"]["status"] == "rejected"
    assert inputs["2025-03-14-dalmora-market.txt"]["status"] == "published"
    package = json.loads((latest / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["figures-parquet"]["hash"] == "sha256:" + manifest["files"]["figures.parquet"]["sha256"]
    assert resources["figures"]["hash"] == "sha256:" + manifest["files"]["figures.csv.gz"]["sha256"]


def test_same_input_gives_identical_parquet_and_no_new_version(built, tmp_path):
    raw, out, manifest = built
    again = run_build(raw, out)
    assert again["version"] == manifest["version"]
    assert len([d for d in (out / "releases").iterdir()]) == 1
    other = tmp_path / "elsewhere"
    third = run_build(raw, other)
    for name in TABLES:
        a = (out / "latest" / f"{name}.parquet").read_bytes()
        b = (other / "latest" / f"{name}.parquet").read_bytes()
        assert a == b, name
    assert third["content_fingerprint"] == manifest["content_fingerprint"]


def test_changed_input_makes_a_new_release_and_keeps_the_old(built, tmp_path):
    raw, _, _ = built
    raw2 = tmp_path / "raw"
    shutil.copytree(raw, raw2)
    out = tmp_path / "out"
    first = run_build(raw2, out)
    old = out / "releases" / first["version"]
    before = {p.name: p.read_bytes() for p in old.iterdir()}
    (raw2 / "2025-03-16-new.txt").write_text(
        " date 2025-03-16 Two soldiers were killed in an ambush, the army said.\n"
    )
    second = run_build(raw2, out)
    assert second["version"] != first["version"]
    assert {p.name: p.read_bytes() for p in old.iterdir()} == before
    assert (out / "latest").resolve().name == second["version"]
    assert (out / "LATEST").read_text().strip() == second["version"]
