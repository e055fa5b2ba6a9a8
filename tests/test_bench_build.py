"""bench-build's archive maker: copies distinct, dated no later than the build date, and all
published by the real inbox (none a near-duplicate). No timings: speed is the benchmark's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.bench_build import BUILD_DATE, CLOSING, Source, copy_text, load_sources, write_archive
from pipeline.extract.engine import extract_figures
from pipeline.ingest.inbox import scan_inbox
from pipeline.ingest.raw_format import parse_report
from pipeline.knowledge import load_actor_dictionary

# invented, short reports: short ones are the easiest for the near-duplicate check to match
SOURCES = [
    Source("kell", "Seven soldiers were killed in Kell on Monday, the army said."),
    Source("dorn", "At least 12 people were wounded when a market in Dorn was shelled."),
    Source("varda", "Police detained 40 protesters in Varda.\n\nThe ministry said 3 were later freed."),
]
N = 40  # over 13 copies of each source


def test_copies_are_distinct_and_dated_by_the_build_date(tmp_path: Path) -> None:
    write_archive(tmp_path, SOURCES, N, seed=1)
    files = sorted(tmp_path.iterdir())
    assert len(files) == N
    texts = {p.read_text() for p in files}
    assert len(texts) == N
    dates = [parse_report(p.read_bytes(), BUILD_DATE).published_date for p in files]
    assert max(dates) <= BUILD_DATE
    assert len(set(dates)) > N // 2  # spread over the span, not a handful of days


def test_the_inbox_publishes_every_copy(tmp_path: Path) -> None:
    write_archive(tmp_path, SOURCES, N, seed=1)
    inbox = scan_inbox(tmp_path, BUILD_DATE)
    assert [r.check for r in inbox.rejections] == []
    assert len(inbox.reports) == N


def files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in folder.iterdir()}


def test_a_smaller_archive_is_a_prefix_and_one_more_copy_adds_one(tmp_path: Path) -> None:
    grown, whole = tmp_path / "grown", tmp_path / "whole"
    write_archive(grown, SOURCES, N, seed=1)
    write_archive(grown, SOURCES, N + 1, seed=1, start=N)
    write_archive(whole, SOURCES, N + 1, seed=1)
    assert files(grown) == files(whole)
    assert copy_text(0, SOURCES, seed=1) != copy_text(0, SOURCES, seed=2)  # the seed moves the dates


def test_the_closing_sentence_holds_no_figure() -> None:
    body = CLOSING.format(number=123)
    assert extract_figures(body, dt.date(2022, 5, 1), load_actor_dictionary()).figures == []


def test_sidecars_are_not_sources(tmp_path: Path) -> None:
    (tmp_path / "kell.txt").write_text(" date 2022-05-01 Seven soldiers were killed in Kell.")
    (tmp_path / "kell.gold.json").write_text("{}")
    (tmp_path / "README.md").write_text("notes")
    (tmp_path / "sources.tsv").write_text("file\tpublisher\turl\ttitle\n")
    assert [s.name for s in load_sources([tmp_path])] == [f"{tmp_path.name}-kell"]
