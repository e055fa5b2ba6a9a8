"""The extraction content cache: a report is extracted once per (body, code, knowledge, model);
what is read back equals what extraction gives, and anything changed is extracted again."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import pipeline.extract_cache as extract_cache
from pipeline.extract_cache import ExtractionCache
from pipeline.knowledge.gazetteer import load_gazetteer
from pipeline.tables import extract_all
from tests.conftest import make_raw, run_build
from tests.engine_helpers import BOOK, FRIDAY

BODIES = pd.DataFrame(
    {
        "report_id": ["r1", "r2", "r3"],
        "published_date": [FRIDAY] * 3,
        "body": [
            "Police said 3 people were killed in Kell on Friday.",
            "The Vennick army said 8 soldiers were killed and 2 wounded near Dorn.",
            "Talks resumed in Varda; no one was hurt.",
        ],
    }
)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def counting(gazetteer):
    calls = []

    def load():
        calls.append(1)
        return gazetteer

    return load, calls


def same(a, b) -> None:
    pd.testing.assert_frame_equal(a.candidates, b.candidates)
    pd.testing.assert_frame_equal(a.places, b.places)
    assert a.discovered == b.discovered and a.failed == b.failed


def test_a_second_extraction_reads_every_report_back_and_equals_the_first(tmp_path, gazetteer):
    uncached = extract_all(BODIES, BOOK, gazetteer)
    first = extract_all(BODIES, BOOK, gazetteer, cache=(c1 := ExtractionCache(tmp_path, {})))
    assert (c1.stats.hits, c1.stats.misses) == (0, 3)
    load, calls = counting(gazetteer)
    second = extract_all(BODIES, BOOK, load, cache=(c2 := ExtractionCache(tmp_path, {})))
    assert (c2.stats.hits, c2.stats.misses) == (3, 0)
    assert calls == []  # nothing to extract: the gazetteer is never loaded
    same(first, uncached)
    same(second, uncached)
    assert len(second.candidates) > 0 and set(second.candidates["body"]) <= set(BODIES["body"])


def test_a_changed_body_model_mode_or_knowledge_is_extracted_again(tmp_path, gazetteer):
    extract_all(BODIES, BOOK, gazetteer, cache=ExtractionCache(tmp_path, {"knowledge": "k1"}))
    edited = BODIES.copy()
    edited.loc[1, "body"] = edited.loc[1, "body"].replace("8 soldiers", "9 soldiers")
    extract_all(edited, BOOK, gazetteer, cache=(c := ExtractionCache(tmp_path, {"knowledge": "k1"})))
    assert (c.stats.hits, c.stats.misses) == (2, 1)
    extract_all(
        BODIES, BOOK, gazetteer, kind_cv=True, cache=(c := ExtractionCache(tmp_path, {"knowledge": "k1"}))
    )
    assert c.stats.misses == 3
    extract_all(BODIES, BOOK, gazetteer, cache=(c := ExtractionCache(tmp_path, {"knowledge": "k2"})))
    assert c.stats.misses == 3


def test_other_code_is_another_folder_and_pruning_removes_the_old_one(tmp_path, gazetteer, monkeypatch):
    old = ExtractionCache(tmp_path, {})
    extract_all(BODIES, BOOK, gazetteer, cache=old)
    monkeypatch.setattr(extract_cache, "code_fingerprint", lambda: "f" * 64)
    new = ExtractionCache(tmp_path, {})
    extract_all(BODIES, BOOK, gazetteer, cache=new)
    assert new.stats.misses == 3 and new.folder != old.folder
    new.prune()
    assert [p.name for p in tmp_path.iterdir()] == [new.folder.name]


def test_an_unreadable_entry_is_a_miss_and_is_written_again(tmp_path, gazetteer):
    first = extract_all(BODIES, BOOK, gazetteer, cache=ExtractionCache(tmp_path, {}))
    entries = sorted(tmp_path.rglob("*.pickle"))
    assert len(entries) == 3
    entries[0].write_bytes(b"not a pickle")
    again = extract_all(BODIES, BOOK, gazetteer, cache=(c := ExtractionCache(tmp_path, {})))
    assert (c.stats.hits, c.stats.misses) == (2, 1)
    same(again, first)
    assert entries[0].read_bytes() != b"not a pickle"


def test_builds_with_and_without_the_cache_publish_the_same_bytes(tmp_path, monkeypatch):
    raw = make_raw(tmp_path)
    cached, plain = tmp_path / "cached", tmp_path / "plain"
    run_build(raw, cached)
    entries = sorted((cached / ".cache" / "extract").rglob("*.pickle"))
    assert entries  # one per report extracted
    shutil.rmtree(cached / "releases")
    again = run_build(raw, cached)  # every report read back
    monkeypatch.setenv("CONFLICT_CLAIMS_CACHE", "off")
    without = run_build(raw, plain)
    assert not (plain / ".cache").exists()
    assert again["content_fingerprint"] == without["content_fingerprint"]
    for name, entry in without["files"].items():
        if name.endswith(".parquet") and name != "changes.parquet":
            assert again["files"][name]["sha256"] == entry["sha256"], name
    assert sorted((cached / ".cache" / "extract").rglob("*.pickle")) == entries


def test_a_long_extraction_reports_its_progress_by_report_count(monkeypatch, gazetteer):
    import pipeline.tables as tables

    monkeypatch.setattr(tables, "PROGRESS_EVERY", 2)
    bodies = pd.concat([BODIES, BODIES.assign(report_id=["r4", "r5", "r6"])], ignore_index=True).head(5)
    seen: list[tuple[int, int]] = []
    extract_all(bodies, BOOK, gazetteer, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_extraction_in_worker_processes_gives_the_same_tables(monkeypatch, gazetteer):
    import concurrent.futures

    import pipeline.tables as tables

    pools: list[int] = []

    class CountingPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(tables, "ProcessPoolExecutor", CountingPool)
    monkeypatch.setattr(tables, "PARALLEL_MIN_REPORTS", 1)
    many = pd.concat(
        [BODIES.assign(report_id=[f"r{i}a", f"r{i}b", f"r{i}c"]) for i in range(4)], ignore_index=True
    )
    serial = extract_all(many, BOOK, gazetteer, workers=1)
    assert pools == []
    parallel = extract_all(many, BOOK, gazetteer, workers=2)
    assert pools == [2]
    same(parallel, serial)
    assert len(parallel.candidates) == 4 * len(extract_all(BODIES, BOOK, gazetteer, workers=1).candidates)


def test_the_code_fingerprint_does_not_depend_on_the_working_directory(tmp_path):
    import subprocess
    import sys

    script = "from pipeline.extract_cache import code_fingerprint; print(code_fingerprint())"
    here = extract_cache.code_fingerprint()
    for cwd in (tmp_path, extract_cache._REPO):
        run = subprocess.run(
            [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=True
        )
        assert run.stdout.strip() == here, cwd
