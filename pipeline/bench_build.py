"""make bench-build: whole builds through the real CLI on synthetic archives (issue 12, "Measured").

Archives: N reports, copy i of eval report i mod R (R = the eval reports read), each with its own
publication date and a closing sentence naming its number ("Reference number 000123 of the
archive."). The date of copy k of a report is the k-th of a seeded shuffle of the days of
SPAN_DAYS, so no two copies of one report share a date (the inbox compares only reports of one
date for near-duplicates) and their numbers differ anyway (a same-day copy with other numbers is
kept as an update). Copy i's date and text do not depend on N: a smaller archive is a prefix of a
larger one. Every build uses one build date, the last day of the span, so no report is dated after it.

Measured, each build a subprocess of `conflict-claims build` (wall time; user+sys CPU and peak RSS
of the child, from os.wait4): a full build of each size from an empty output folder; a rebuild of
that folder with one new report (a new release) and again with nothing changed ("unchanged"); a
one-report build (the fixed overhead). Merging: in one fresh process, the build's steps up to the
incident tables (inbox, extraction, build_figure_tables) on the largest --count-sizes archive,
extracted once, and on its parts, with pipeline.incidents.same_event wrapped to count its calls
(the comparisons) and group_figures timed: the archives of the smaller sizes (denser: the same
span of days) and its first days (longer: the same reports a day). The growth of comparisons per
doubling of the archive is about 2 if linear, 4 if quadratic.
Missed targets are printed, not failed; an archive whose reports are not all published fails."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.extract import EXTRACTOR_VERSION  # a constant: importing it loads no engine
from pipeline.ingest.raw_format import ReportFormatError, parse_report

# Issue 12's targets.
TARGET_NEW_REPORT_S = 20.0  # one new report -> new release, from the CLI
TARGET_UNCHANGED_S = 10.0  # rebuild with nothing changed
TARGET_FULL_10K_S = 120.0  # a 10,000-report full build, on 2 cores
TARGET_FULL_SIZE = 10_000
TARGET_DOUBLING = 2.5  # comparisons per doubling of the archive: 2 is linear, 4 quadratic

FIRST_DAY = dt.date(2021, 1, 1)
SPAN_DAYS = 3 * 365  # the archive's dates: three years from FIRST_DAY
BUILD_DATE = FIRST_DAY + dt.timedelta(days=SPAN_DAYS - 1)  # no copy is dated after it
CLOSING = "Reference number {number:06d} of the archive."  # no conflict figure in it
MARKER = ".bench-build"  # marks a work folder as ours, so a rerun may clear it
MB = 1_000_000


@dataclass(frozen=True)
class Source:
    """An eval report to copy: its file's stem and its normalised body (header dropped)."""

    name: str
    body: str


def load_sources(folders: Iterable[Path]) -> list[Source]:
    """The well-formed reports (*.txt) of the folders, in folder then name order; sidecars
    (*.gold.json, README.md, sources.tsv) are not reports and are not read."""
    out = []
    far_future = dt.date(9999, 12, 31)  # any date is acceptable here: copies get their own
    for folder in folders:
        for p in sorted(folder.glob("*.txt")):
            try:
                body = parse_report(p.read_bytes(), far_future).body
            except ReportFormatError:
                continue
            out.append(Source(f"{folder.name}-{p.stem}", body))
    return out


@functools.cache
def _shuffled_days(seed: int, source_index: int) -> tuple[int, ...]:
    return tuple(random.Random(f"{seed}/{source_index}").sample(range(SPAN_DAYS), SPAN_DAYS))


def copy_date(i: int, n_sources: int, seed: int) -> dt.date:
    """Copy i's publication date: copy k of its report gets the k-th of that report's days."""
    k = i // n_sources
    if k >= SPAN_DAYS:
        raise ValueError(f"more than {SPAN_DAYS} copies of one report would repeat a date")
    return FIRST_DAY + dt.timedelta(days=_shuffled_days(seed, i % n_sources)[k])


def copy_name(i: int, sources: list[Source]) -> str:
    return f"copy-{i:06d}-{sources[i % len(sources)].name}.txt"


def copy_text(i: int, sources: list[Source], seed: int) -> str:
    """Copy i in the raw format: header with its date, the report's body, its closing sentence."""
    body = sources[i % len(sources)].body.rstrip()
    return f" date {copy_date(i, len(sources), seed).isoformat()} {body}\n\n{CLOSING.format(number=i)}\n"


def write_archive(folder: Path, sources: list[Source], n: int, seed: int, start: int = 0) -> None:
    """Write copies start..n-1 into folder (start > 0 adds to an archive of `start` copies)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, n):
        (folder / copy_name(i, sources)).write_text(copy_text(i, sources, seed), encoding="utf-8")


# ----- builds through the CLI -----------------------------------------------------------------
@dataclass(frozen=True)
class BuildRun:
    wall_s: float
    cpu_s: float  # user + sys of the child
    peak_mb: float  # the child's peak resident memory
    accounting: dict[str, int]
    unchanged: bool  # the CLI said an existing release already held the content

    @property
    def cores(self) -> float:
        return self.cpu_s / self.wall_s


def cli_path() -> str:
    """The venv's conflict-claims script, beside this interpreter."""
    found = Path(sys.executable).parent / "conflict-claims"
    return str(found) if found.exists() else "conflict-claims"


def parse_accounting(stdout: str) -> dict[str, int]:
    """The CLI's `  k=v, k=v` accounting line."""
    line = next((ln for ln in stdout.splitlines() if "reports_published=" in ln), "")
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line)}


def run_build(raw: Path, out: Path, log: Path) -> BuildRun:
    """One `conflict-claims build` as a child; its output goes to log.out / log.err (files, so a
    chatty child never blocks on a pipe) and os.wait4 gives its own CPU time and peak RSS."""
    cmd = [cli_path(), "build", "--raw", str(raw), "--out", str(out), "--build-date", BUILD_DATE.isoformat()]
    out_path, err_path = log.with_suffix(".out"), log.with_suffix(".err")
    with out_path.open("w") as stdout, err_path.open("w") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    text = out_path.read_text()
    if proc.returncode != 0:
        tail = err_path.read_text().strip().splitlines()[-1:] or ["(no output)"]
        raise SystemExit(f"bench-build: build of {raw.name} failed (exit {proc.returncode}): {tail[0]}")
    return BuildRun(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mb=usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024) / MB,
        accounting=parse_accounting(text),
        unchanged="unchanged:" in text,
    )


def require(run: BuildRun, published: int, unchanged: bool, what: str) -> None:
    """Fail loudly when a build did not publish every report, or (un)changed unexpectedly: the
    figures measured would then be of another archive."""
    got = run.accounting.get("reports_published")
    if got != published:
        raise SystemExit(
            f"bench-build: {what}: reports_published={got}, expected {published}: {run.accounting}"
        )
    if run.unchanged != unchanged:
        said = "unchanged" if run.unchanged else "a new release"
        raise SystemExit(f"bench-build: {what}: the CLI reported {said}")


@dataclass(frozen=True)
class SizeResult:
    size: int
    full: BuildRun
    one_new: BuildRun
    unchanged: BuildRun


def bench_size(work: Path, sources: list[Source], size: int, seed: int) -> SizeResult:
    """Full build of `size` copies from an empty output folder, then one new report, then none."""
    raw, out = work / f"archive-{size}", work / f"out-{size}"
    write_archive(raw, sources, size, seed)
    full = run_build(raw, out, work / f"build-{size}-full")
    require(full, size, False, f"full build of {size}")
    report(f"full build of {size}", full)
    write_archive(raw, sources, size + 1, seed, start=size)
    one_new = run_build(raw, out, work / f"build-{size}-one-new")
    require(one_new, size + 1, False, f"{size} + one new report")
    report(f"{size} + one new report", one_new)
    again = run_build(raw, out, work / f"build-{size}-unchanged")
    require(again, size + 1, True, f"unchanged rebuild of {size + 1}")
    report(f"unchanged rebuild of {size + 1}", again)
    return SizeResult(size, full, one_new, again)


def report(what: str, run: BuildRun) -> None:
    print(
        f"  {what}: {run.wall_s:.1f} s wall, {run.cpu_s:.1f} s CPU, {run.peak_mb:.0f} MB peak, "
        f"reports_published={run.accounting.get('reports_published')}, "
        f"figures_published={run.accounting.get('figures_published')}",
        flush=True,
    )


# ----- merging comparisons, in a child process ------------------------------------------------
class Counting:
    """A function wrapped to count its calls and the seconds spent in them."""

    def __init__(self, inner: Callable[..., Any]) -> None:
        self.inner, self.calls, self.seconds = inner, 0, 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        start = time.process_time()
        try:
            return self.inner(*args, **kwargs)
        finally:
            self.seconds += time.process_time() - start


def count_comparisons(raw: Path, sizes: list[int]) -> dict[str, list[dict[str, Any]]]:
    """Merging work on parts of one archive, extracted once: the build's steps up to its incident
    tables (inbox, extract_all, build_figure_tables) with same_event counted.

    Series "denser": the first `size` copies (the archive of that size: fixed span, more reports a
    day). Series "longer": the copies dated in the first size/largest of the span (about as many
    reports, fixed reports a day, a longer archive). Extraction is per report, so a part of the
    extracted archive is what extracting that part would give. group_figures and _conflict look
    same_event up as a module global, and assign_incidents looks up group_figures in
    pipeline.tables: replacing the attributes reaches every call, with neither module edited."""
    from pipeline import tables
    from pipeline.ingest.inbox import scan_inbox
    from pipeline.knowledge import load_actor_dictionary
    from pipeline.knowledge.gazetteer import load_gazetteer

    book = load_actor_dictionary()
    inbox = scan_inbox(raw, BUILD_DATE)
    extracted = tables.extract_all(tables.report_bodies(inbox), book, load_gazetteer())
    reports = tables.reports_frame(inbox)  # all valid: the archive's reports are all published
    actors = tables.actors_frame(book, extracted.discovered)
    copy_index = reports["source_file"].str.extract(r"^copy-(\d+)-", expand=False).astype(int)
    largest = max(sizes)
    parts = {
        "denser": [copy_index < size for size in sizes],
        "longer": [
            reports["published_date"] < FIRST_DAY + dt.timedelta(days=SPAN_DAYS * size / largest)
            for size in sizes
        ],
    }
    return {
        name: [merge_work(extracted, reports[keep], actors) for keep in masks]
        for name, masks in parts.items()
    }


def merge_work(extracted: Any, reports: Any, actors: Any) -> dict[str, Any]:
    """build_figure_tables on the figures of `reports`, counting same_event calls and timing
    group_figures (its CPU seconds)."""
    from pipeline import incidents, tables
    from pipeline.figures_table import build_figure_tables

    ids = set(reports["report_id"])
    candidates = extracted.candidates[extracted.candidates["report_id"].isin(ids)]
    failed = [q for q in extracted.failed if q.row_id in ids]
    same_event, grouping = Counting(incidents.same_event), Counting(tables.group_figures)
    saved = incidents.same_event, tables.group_figures
    incidents.same_event, tables.group_figures = same_event, grouping
    try:
        t = build_figure_tables(candidates, reports, actors, extracted.places, failed)
    finally:
        incidents.same_event, tables.group_figures = saved
    dates = reports["published_date"]
    return {
        "reports": len(reports),
        "days": (dates.max() - dates.min()).days + 1,
        "figures": len(t.figures),
        "incidents": len(t.incidents),
        "comparisons": same_event.calls,
        "group_s": grouping.seconds,
    }


def merging(work: Path, sources: list[Source], sizes: list[int], seed: int, reports_dirs: list[Path]) -> dict:
    """count_comparisons in a fresh interpreter on an archive of the largest size (its memory and
    imports stay out of this process, whose peak a build child could otherwise inherit)."""
    raw = work / "count-archive"
    write_archive(raw, sources, max(sizes), seed)
    cmd = [sys.executable, "-m", "pipeline.bench_build", "--count-child", str(raw)]
    cmd += ["--count-sizes", ",".join(map(str, sizes))]
    cmd += [arg for d in reports_dirs for arg in ("--reports", str(d))]
    print(f"merging: extracting {max(sizes):,} reports once in a fresh process ...", flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench-build: the comparison count failed (exit {proc.returncode})")
    found = json.loads(proc.stdout.splitlines()[-1])
    if found["denser"][-1]["reports"] != max(sizes):
        raise SystemExit(f"bench-build: comparison archive: {found['denser'][-1]['reports']} reports read")
    shutil.rmtree(raw)
    return found


def per_doubling(n1: int, c1: float, n2: int, c2: float) -> float:
    """Growth of c per doubling of n between two sizes: (c2/c1) ** (1 / log2(n2/n1))."""
    return (c2 / c1) ** (1 / math.log2(n2 / n1)) if c1 > 0 and c2 > 0 else float("nan")


# ----- the summary -----------------------------------------------------------------------------
def verdict(met: bool) -> str:
    return "met" if met else "missed"


def git_commit() -> str:
    """The commit measured, +dirty when the worktree has changes."""
    here = Path(__file__).resolve().parent

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=here, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    return commit + ("+dirty" if git("status", "--porcelain") else "")


SERIES = {
    "denser": "the archives of each size (the same span of days, more reports a day)",
    "longer": "a longer span at the same reports a day (the largest archive's first days)",
}


def merge_lines(series: list[dict[str, Any]]) -> list[str]:
    """One line per part: comparisons, and their growth per doubling since the previous part."""
    lines = []
    for prev, m in zip([None, *series], series, strict=False):
        growth = ""
        if prev is not None:
            c = per_doubling(prev["reports"], prev["comparisons"], m["reports"], m["comparisons"])
            g = per_doubling(prev["reports"], prev["group_s"], m["reports"], m["group_s"])
            growth = f"; per doubling x{c:.2f} (group_figures CPU x{g:.2f})"
        lines.append(
            f"{m['reports']:>7,} reports over {m['days']:>4} days: {m['comparisons']:>11,} comparisons "
            f"({m['comparisons'] / m['reports']:.1f} a report), group_figures {m['group_s']:.2f} s{growth}"
        )
    return lines


def summary(
    results: list[SizeResult], overhead: BuildRun, merges: dict[str, list[dict]], n_sources: int, commit: str
) -> None:
    print()
    print(f"== bench-build: commit {commit}, extractor {EXTRACTOR_VERSION}, {os.cpu_count()} cores")
    print(f"archives: copies of {n_sources} eval reports over {FIRST_DAY} .. {BUILD_DATE} (build date)")
    print(
        f"{'size':>7} {'full wall s':>11} {'CPU s':>7} {'cores':>5} {'peak MB':>7} "
        f"{'published':>9} {'figures':>8} {'fig/rep':>7} {'+1 new s':>8} {'unchanged s':>11}"
    )
    for r in results:
        acc = r.full.accounting
        print(
            f"{r.size:>7,} {r.full.wall_s:>11.1f} {r.full.cpu_s:>7.1f} {r.full.cores:>5.2f} "
            f"{r.full.peak_mb:>7.0f} {acc.get('reports_published', 0):>9,} "
            f"{acc.get('figures_published', 0):>8,} {acc.get('figures_published', 0) / r.size:>7.2f} "
            f"{r.one_new.wall_s:>8.1f} {r.unchanged.wall_s:>11.1f}"
        )
    print(f"one-report build (fixed overhead): {overhead.wall_s:.1f} s wall, {overhead.cpu_s:.1f} s CPU")
    small, large = results[0].full, results[-1].full
    if results[-1].size > results[0].size:
        print(
            f"ratios in this run, {results[-1].size:,}/{results[0].size:,} reports "
            f"(x{results[-1].size / results[0].size:g}): full wall x{large.wall_s / small.wall_s:.2f}, "
            f"CPU x{large.cpu_s / small.cpu_s:.2f}; wall above the one-report overhead: "
            f"x{excess(large, overhead) / excess(small, overhead):.2f}"
        )
    for name, series in merges.items():
        print(f"merging, {SERIES[name]}:")
        for line in merge_lines(series):
            print("  " + line)
    targets(results, merges)


def excess(run: BuildRun, overhead: BuildRun) -> float:
    return max(run.wall_s - overhead.wall_s, 1e-6)


def targets(results: list[SizeResult], merges: dict[str, list[dict]]) -> None:
    """Issue 12's targets next to what was measured on the largest archive."""
    large = results[-1]
    print("targets (issue 12), measured on the largest archive:")
    print(
        f"  one new report -> new release <= {TARGET_NEW_REPORT_S:g} s: {large.one_new.wall_s:.1f} s "
        f"({large.size + 1:,} reports): {verdict(large.one_new.wall_s <= TARGET_NEW_REPORT_S)}"
    )
    print(
        f"  unchanged rebuild <= {TARGET_UNCHANGED_S:g} s: {large.unchanged.wall_s:.1f} s: "
        f"{verdict(large.unchanged.wall_s <= TARGET_UNCHANGED_S)}"
    )
    ten_k = next((r for r in results if r.size == TARGET_FULL_SIZE), None)
    if ten_k is None:
        print(
            f"  {TARGET_FULL_SIZE:,}-report full build <= {TARGET_FULL_10K_S:g} s: not measured (not a size)"
        )
    else:
        print(
            f"  {TARGET_FULL_SIZE:,}-report full build <= {TARGET_FULL_10K_S:g} s on 2 cores: "
            f"{ten_k.full.wall_s:.1f} s on {os.cpu_count()} cores ({ten_k.full.cores:.2f} used): "
            f"{verdict(ten_k.full.wall_s <= TARGET_FULL_10K_S)}"
        )
    for name, series in merges.items():
        if len(series) < 2:
            continue
        first, last = series[0], series[-1]
        c = per_doubling(first["reports"], first["comparisons"], last["reports"], last["comparisons"])
        print(
            f"  merging near-linear (comparisons per doubling <= {TARGET_DOUBLING:g}), {name}: x{c:.2f} "
            f"over {first['reports']:,}..{last['reports']:,} reports: {verdict(c <= TARGET_DOUBLING)}"
        )


# ----- main ------------------------------------------------------------------------------------
def prepare_work(work: Path) -> None:
    """An empty work folder: a missing or empty one, or one this bench made (its marker) cleared."""
    if work.exists() and any(work.iterdir()):
        if not (work / MARKER).exists():
            raise SystemExit(
                f"bench-build: {work} is not empty and not a bench-build folder: refusing to clear it"
            )
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    (work / MARKER).touch()


def sizes_arg(text: str) -> list[int]:
    return sorted({int(s) for s in text.split(",") if s.strip()})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=Path, action="append", required=True, help="folder of eval reports")
    ap.add_argument("--sizes", type=sizes_arg, default=[1000, 10000], help="archive sizes to build")
    ap.add_argument(
        "--count-sizes",
        type=sizes_arg,
        default=[1000, 2000, 4000],
        help="archive sizes to count merging comparisons on (empty skips it)",
    )
    ap.add_argument("--work", type=Path, help="scratch folder (archives, outputs, logs), cleared first")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--count-child", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.count_child:
        print(json.dumps(count_comparisons(a.count_child, a.count_sizes)))
        return 0
    if a.work is None:
        ap.error("--work is required")
    sources = load_sources(a.reports)
    if not sources:
        print(f"bench-build: no reports in {', '.join(map(str, a.reports))}", file=sys.stderr)
        return 1
    commit = git_commit()  # at the start: the code measured, whatever changes during the run
    prepare_work(a.work)
    print(f"bench-build: {len(sources)} eval reports to copy; builds in {a.work}", flush=True)
    overhead = run_build(_one_report(a.work, sources, a.seed), a.work / "out-1", a.work / "build-1")
    require(overhead, 1, False, "one-report build")
    report("one-report build", overhead)
    results = [bench_size(a.work, sources, size, a.seed) for size in a.sizes]
    merges = merging(a.work, sources, a.count_sizes, a.seed, a.reports) if a.count_sizes else {}
    summary(results, overhead, merges, len(sources), commit)
    return 0


def _one_report(work: Path, sources: list[Source], seed: int) -> Path:
    raw = work / "archive-1"
    write_archive(raw, sources, 1, seed)
    return raw


if __name__ == "__main__":
    sys.exit(main())
