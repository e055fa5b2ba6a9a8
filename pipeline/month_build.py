"""Which month partitions a build must (re)materialize, and the record of those it did.

A month's stored partitions are a function of its entries (names and stats), the sidecar,
the build day, the code and packages, the knowledge files and the kind mode: their digest is
kept per month in ``<store>/months.json`` once the month's run has succeeded. A build reruns
exactly the months whose digest differs or whose files are missing, and the cross-report
steps then read every month from the store. The record is written after each month run, so a
build that dies keeps the months it finished."""

from __future__ import annotations

import fcntl
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from upath import UPath

from pipeline.extract_cache import code_fingerprint
from pipeline.ingest.partitions import UNDATED, partition_digests
from pipeline.partition_store import is_local, write_bytes_atomic
from pipeline.resources import BuildSettings, Knowledge, kind_cv

STATE_NAME = "months.json"
STATE_FORMAT = 1


@dataclass(frozen=True)
class MonthPlan:
    months: list[str]  # every month partition the raw folder holds now (with ``undated``)
    todo: list[str]  # the months to materialize
    digests: dict[str, str]
    entries: dict[str, int]  # entries per month


def month_context(settings: BuildSettings, knowledge: Knowledge) -> str:
    """What a month's tables depend on besides its entries: build day, code, knowledge, kind mode."""
    return json.dumps(
        [settings.build_day().isoformat(), code_fingerprint(), knowledge.fingerprint(), kind_cv()]
    )


def current_months(settings: BuildSettings, context: str) -> tuple[dict[str, str], dict[str, str]]:
    """(each raw entry's month, each month's digest): every month the raw folder holds now, and
    ``undated`` always (its tables give the gathered tables their columns)."""
    partitions = settings.entry_partitions()
    digests = partition_digests(settings.raw_path(), partitions, context)
    digests.setdefault(UNDATED, hashlib.sha256(json.dumps([context, "empty"]).encode()).hexdigest())
    return partitions, digests


def plan_months(settings: BuildSettings, store: UPath, context: str, assets: list[str]) -> MonthPlan:
    partitions, digests = current_months(settings, context)
    months = sorted(digests)
    done = read_state(store)
    stored = [_stored_months(store / a) for a in assets]  # one listing per asset, not a stat per file
    todo = [m for m in months if done.get(m) != digests[m] or not all(m in s for s in stored)]
    counts = {m: 0 for m in months}
    for m in partitions.values():
        counts[m] += 1
    return MonthPlan(months, todo, digests, counts)


def _stored_months(folder: UPath) -> set[str]:
    try:
        return {p.name.removesuffix(".parquet") for p in folder.iterdir() if p.name.endswith(".parquet")}
    except (FileNotFoundError, NotADirectoryError):
        return set()


def month_ranges(months: list[str], todo: list[str]) -> list[tuple[str, str]]:
    """The months to run as (first, last) ranges of adjacent months in ``months`` order: one run
    each, so a build of many months extracts them with one pool."""
    wanted, ranges, previous = set(todo), [], -2
    for i, month in enumerate(months):
        if month not in wanted:
            continue
        if previous == i - 1:
            ranges[-1] = (ranges[-1][0], month)
        else:
            ranges.append((month, month))
        previous = i
    return ranges


def read_state(store: UPath) -> dict[str, str]:
    try:
        doc = json.loads((store / STATE_NAME).read_text())
    except (OSError, ValueError):
        return {}
    return doc.get("months", {}) if doc.get("format") == STATE_FORMAT else {}


def record_months(store: UPath, digests: dict[str, str], months: list[str]) -> None:
    """Mark the months of a finished run as materialized for their digests; months no longer in
    the folder are dropped."""
    done = {m: d for m, d in read_state(store).items() if m in months}
    write_state(store, {**done, **digests})


def write_state(store: UPath, done: dict[str, str]) -> None:
    write_bytes_atomic(
        store / STATE_NAME, json.dumps({"format": STATE_FORMAT, "months": done}, sort_keys=True).encode()
    )


@contextmanager
def store_lock(store: UPath):
    """One build at a time per local store (builds of one raw folder into one output folder);
    an object store has no lock here: give each concurrent builder its own prefix."""
    if not is_local(store):
        yield
        return
    root = Path(store.path)
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
