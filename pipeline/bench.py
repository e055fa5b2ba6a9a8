"""make bench: throughput and peak memory of the extraction engine on real reports.

Words per second on one core over the reports repeated to at least --min-mb of text, and
the peak resident memory of this process. Figures are ratios within one run where a
baseline exists; absolute numbers vary with the (shared) machine."""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from pathlib import Path

from pipeline.extract.engine import extract_figures
from pipeline.ingest.raw_format import ReportFormatError, parse_report
from pipeline.knowledge import load_actor_dictionary


def load_bodies(folder: Path) -> list[tuple[str, dt.date]]:
    out = []
    for p in sorted(folder.glob("*.txt")):
        try:
            r = parse_report(p.read_bytes(), dt.date.today())
        except ReportFormatError:
            continue
        out.append((r.body, r.published_date))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=Path, default=Path("raw"))
    ap.add_argument("--min-mb", type=float, default=5.0)
    a = ap.parse_args(argv)
    bodies = load_bodies(a.reports)
    if not bodies:
        print(f"no reports in {a.reports}", file=sys.stderr)
        return 1
    size = sum(len(b) for b, _ in bodies)
    reps = max(1, int(a.min_mb * 1_000_000 // size) + 1)
    corpus = bodies * reps
    n_chars = size * reps
    n_words = sum(len(b.split()) for b, _ in bodies) * reps
    book = load_actor_dictionary()
    start = time.process_time()
    n_figures = sum(len(extract_figures(b, d, book).figures) for b, d in corpus)
    engine_s = time.process_time() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input: {len(bodies)} reports x {reps} = {n_chars / 1e6:.1f} MB, {n_words:,} words")
    print(
        f"engine: {n_words / engine_s:,.0f} words/s on one core ({n_figures:,} figures, {engine_s:.1f} s CPU)"
    )
    print(f"peak memory: {peak_mb:.0f} MB resident")
    return 0


if __name__ == "__main__":
    sys.exit(main())
