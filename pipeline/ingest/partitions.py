"""Which publication-month partition each inbox entry belongs to, and what each partition holds.

Report-level work (reading, extraction) is partitioned by the month of a report's publication
date, ``YYYY-MM``: a month holds enough reports that a partition's fixed cost is small next to
them (days would make thousands of near-empty partitions), and everything that compares
reports with each other inside the inbox (the same text twice, a near-duplicate of the same
date) only compares reports of one date, so of one month. Entries with no readable date (not
a report file, unreadable, no header) and the sidecar are in the partition ``undated``, which
rejects them or reads the sidecar as before; the sidecar's metadata reaches every month.

Only months that hold entries exist (the partitions are dynamic): reports can be of any date.
Assigning an entry reads its header; a memo keyed by the entry's name, size, modification
time and link target keeps a rebuild from re-reading files it has seen."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import uuid
from pathlib import Path

from pipeline.ingest.inbox import REPORT_SUFFIX, SIDECAR_NAME, EntryError, read_entry, resolve_entry
from pipeline.ingest.raw_format import ReportFormatError, parse_report

UNDATED = "undated"
_ANY_DAY = dt.date(9999, 12, 31)  # the month of a report dated after the build day is still its month
MEMO_FORMAT = 1


def entry_stat(root: Path, name: str) -> list:
    """What tells that an entry changed without reading it: kind, size, mtime, link target."""
    path = root / name
    try:
        st = os.lstat(path)
    except OSError as exc:
        return ["gone", exc.errno]
    if stat.S_ISLNK(st.st_mode):
        try:
            target = os.stat(path)
            return ["link", os.readlink(path), target.st_size, target.st_mtime_ns]
        except OSError:
            return ["link", os.readlink(path)]
    return [stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns]


def entry_month(root: Path, name: str) -> str:
    """The month partition of one entry: its report's publication month, else ``undated``."""
    if name == SIDECAR_NAME or name.startswith(".") or not name.lower().endswith(REPORT_SUFFIX):
        return UNDATED
    try:
        parsed = parse_report(read_entry(resolve_entry(root, name)), _ANY_DAY)
    except (EntryError, ReportFormatError, OSError, ValueError):
        return UNDATED
    except Exception:  # the scan of the undated partition rejects it with the parser's failure
        return UNDATED
    return parsed.published_date.strftime("%Y-%m")


def inbox_partitions(raw: Path, memo_file: Path | None = None) -> dict[str, str]:
    """Every entry of ``raw`` (by name) and its partition key. With ``memo_file``, entries whose
    stat is unchanged since the memo was written keep their month without being read."""
    root = raw.resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"raw folder {raw.name!r} does not exist or is not a folder")
    memo = _read_memo(memo_file)
    out: dict[str, str] = {}
    fresh: dict[str, list] = {}
    for name in sorted(os.listdir(root)):
        seen = entry_stat(root, name)
        old = memo.get(name)
        month = old[1] if old is not None and old[0] == seen else entry_month(root, name)
        out[name] = month
        fresh[name] = [seen, month]
    if memo_file is not None and fresh != memo:
        _write_memo(memo_file, fresh)
    return out


def months_of(partitions: dict[str, str]) -> list[str]:
    return sorted(set(partitions.values()))


def partition_digests(raw: Path, partitions: dict[str, str], context: str = "") -> dict[str, str]:
    """One digest per partition: its entries' names and stats, the sidecar's (its metadata is
    every month's) and ``context`` (what else its outputs depend on: code, knowledge, day)."""
    root = raw.resolve()
    sidecar = entry_stat(root, SIDECAR_NAME) if SIDECAR_NAME in partitions else None
    digests: dict[str, hashlib._Hash] = {}
    for name in sorted(partitions):
        month = partitions[name]
        h = digests.get(month)
        if h is None:
            h = digests[month] = hashlib.sha256(json.dumps([context, sidecar]).encode())
        h.update(json.dumps([name, entry_stat(root, name)]).encode() + b"\n")
    return {month: h.hexdigest() for month, h in digests.items()}


def _read_memo(memo_file: Path | None) -> dict[str, list]:
    if memo_file is None:
        return {}
    try:
        doc = json.loads(memo_file.read_text())
    except (OSError, ValueError):
        return {}
    return doc.get("entries", {}) if doc.get("format") == MEMO_FORMAT else {}


def _write_memo(memo_file: Path, entries: dict[str, list]) -> None:
    """Atomically (a memo that cannot be written is only a slower next build)."""
    try:
        memo_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo_file.with_name(f".{memo_file.name}.{uuid.uuid4().hex}")
        tmp.write_text(json.dumps({"format": MEMO_FORMAT, "entries": entries}))
        os.replace(tmp, memo_file)
    except OSError:
        pass
