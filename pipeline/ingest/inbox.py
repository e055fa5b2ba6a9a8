"""Scan a raw folder: every entry becomes a parsed report, a sidecar read, or a rejection
with its reason; never nothing, and never a crash or a hang because of one entry.

What is read: regular files directly in the folder whose names end in ``.txt``, of at most
MAX_REPORT_BYTES, and links to such files that resolve inside the folder. Every other entry
is a rejection naming it: hidden entries (names starting with '.'), subfolders, links that
dangle or lead out of the folder, pipes, sockets and devices, files that cannot be opened,
files over the size cap. A sidecar (sources.tsv) that cannot be read is a rejection of the
sidecar, and the reports still build without its metadata. A reason never quotes a file's
content: a link can lead anywhere, and rejected rows are published.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.near_duplicates import near_duplicates
from pipeline.ingest.raw_format import ParsedReport, ReportFormatError, parse_report

REPORT_SUFFIX = ".txt"
# The origin sidecar (OWID-style): one row per report file with publisher, url, title.
SIDECAR_NAME = "sources.tsv"
SIDECAR_COLUMNS = ("file", "publisher", "url", "title")
# Ten times the longest news report we have seen (~200 KB): a larger file is not one article,
# and a cap keeps one entry from holding the build.
MAX_REPORT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class InboxReport:
    source_file: str
    sha256: str  # of the raw bytes
    n_bytes: int
    parsed: ParsedReport
    title: str | None = None
    publisher: str | None = None
    url: str | None = None

    @property
    def report_id(self) -> str:
        return report_id_for(self.parsed.text_sha256)


@dataclass(frozen=True)
class InboxRejection:
    source_file: str
    sha256: str | None
    n_bytes: int | None
    check: str
    reason: str


@dataclass
class Inbox:
    reports: list[InboxReport] = field(default_factory=list)
    rejections: list[InboxRejection] = field(default_factory=list)
    metadata_files: list[str] = field(default_factory=list)  # sidecars read, not reports

    @property
    def n_entries(self) -> int:
        """Entries of the folder this scan accounted for: each is in exactly one list."""
        return len(self.reports) + len(self.rejections) + len(self.metadata_files)


class EntryError(Exception):
    """An inbox entry that cannot be read as a file; ``check`` names the rule it broke."""

    def __init__(self, check: str, reason: str, n_bytes: int | None = None) -> None:
        super().__init__(reason)
        self.check, self.reason, self.n_bytes = check, reason, n_bytes


def report_id_for(text_sha256: str) -> str:
    """Stable id from the normalized text: the same article saved twice is one report."""
    return f"rpt-{text_sha256[:16]}"


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder (subfolders are not read: reports go directly in the inbox)"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    return "not a regular file"


def resolve_entry(root: Path, name: str) -> Path:
    """The file an entry names: itself, or where its link leads if that is inside ``root``."""
    path = root / name
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise EntryError("link_resolves", "a link to nothing (its target does not exist)")
    if root not in target.parents:
        raise EntryError(
            "link_inside_inbox", "a link that leads out of the inbox; links are followed only inside it"
        )
    return target


def read_entry(path: Path, limit: int = MAX_REPORT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Opened without blocking, so a
    pipe cannot hold the build, and checked after opening, so what is read is what was checked."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise EntryError("readable", f"cannot be opened ({exc.strerror or type(exc).__name__})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise EntryError("is_regular_file", _kind_of(info.st_mode))
        if info.st_size > limit:
            raise EntryError("size_limit", f"{info.st_size} bytes, over the limit of {limit}", info.st_size)
        chunks, total = [], 0
        while total <= limit and (chunk := os.read(fd, 1 << 20)):
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # grew after the check
            raise EntryError("size_limit", f"over {limit} bytes, the size limit", total)
        return b"".join(chunks)
    except OSError as exc:
        raise EntryError("readable", f"cannot be read ({exc.strerror or type(exc).__name__})") from None
    finally:
        os.close(fd)


def read_sidecar(raw: bytes) -> dict[str, dict[str, str | None]]:
    """file name -> {publisher, url, title}; empty cells become None. Raises ValueError with
    the reason when the sidecar is not UTF-8 or lacks a column."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = [c for c in SIDECAR_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"lacks the column(s) {', '.join(missing)} (it needs {', '.join(SIDECAR_COLUMNS)})")
    out: dict[str, dict[str, str | None]] = {}
    for row in reader:
        name = (row.get("file") or "").strip()
        if name:
            out[name] = {k: ((row.get(k) or "").strip() or None) for k in ("publisher", "url", "title")}
    return out


def _numbers(body: str) -> list[str]:
    return re.findall(r"\d+", body)


def scan_inbox(raw_dir: Path, build_date: dt.date, names: Collection[str] | None = None) -> Inbox:
    """Account for every entry of ``raw_dir`` (not recursive), in name order (links last); with
    ``names``, for those entries only (one partition): the sidecar's metadata still applies
    to them, and the sidecar itself is accounted for only when it is one of the names."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir.name!r} does not exist or is not a folder")
    root = raw_dir.resolve()
    inbox = Inbox()
    sidecar = _scan_sidecar(root, inbox if names is None or SIDECAR_NAME in names else Inbox())
    seen: dict[str, str] = {}  # report_id -> first file
    listing = [n for n in os.listdir(root) if names is None or n in names]
    # files before links, so that of a file and a link to it, the link is the duplicate
    for name in sorted(listing, key=lambda n: ((root / n).is_symlink(), n)):
        if name == SIDECAR_NAME:
            continue
        try:
            report = _scan_entry(root, name, build_date, sidecar.get(name, {}))
        except EntryError as err:
            inbox.rejections.append(
                InboxRejection(name, None, err.n_bytes, err.check, f"{name}: {err.reason}")
            )
            continue
        if isinstance(report, InboxRejection):
            inbox.rejections.append(report)
        elif report.report_id in seen:
            inbox.rejections.append(
                InboxRejection(
                    name,
                    report.sha256,
                    report.n_bytes,
                    "unique_text",
                    f"{name}: the same text as {seen[report.report_id]} (report {report.report_id})",
                )
            )
        else:
            seen[report.report_id] = name
            inbox.reports.append(report)
    _reject_near_duplicates(inbox)
    return inbox


def _reject_near_duplicates(inbox: Inbox) -> None:
    """A tiny edit of an earlier report (same date, at most one character in 100 changed, the
    same numbers) is that report saved again: rejected, so its figures are not published twice."""
    items = [(r.source_file, r.parsed.published_date, r.parsed.body) for r in inbox.reports]
    bodies = {name: body for name, _, body in items}
    # a copy whose numbers differ is an update of the figures (a same-day revised toll): a
    # claim of its own, so it stays
    copies = {
        later: earlier
        for later, earlier in near_duplicates(items).items()
        if _numbers(bodies[later]) == _numbers(bodies[earlier])
    }
    if not copies:
        return
    kept = []
    for r in inbox.reports:
        original = copies.get(r.source_file)
        if original is None:
            kept.append(r)
            continue
        inbox.rejections.append(
            InboxRejection(
                r.source_file,
                r.sha256,
                r.n_bytes,
                "near_duplicate",
                f"{r.source_file}: nearly the same text as {original} (the same date, at most one "
                "character in 100 differs, the same numbers): one article saved twice",
            )
        )
    inbox.reports = kept


def _scan_sidecar(root: Path, inbox: Inbox) -> dict[str, dict[str, str | None]]:
    if not os.path.lexists(root / SIDECAR_NAME):
        return {}
    raw: bytes | None = None
    try:
        raw = read_entry(resolve_entry(root, SIDECAR_NAME))
        sidecar = read_sidecar(raw)
    except (EntryError, ValueError) as err:
        reason = err.reason if isinstance(err, EntryError) else str(err)
        inbox.rejections.append(
            InboxRejection(
                SIDECAR_NAME,
                hashlib.sha256(raw).hexdigest() if raw is not None else None,
                len(raw) if raw is not None else None,
                "sidecar_readable",
                f"{SIDECAR_NAME}: the sidecar is {reason}; reports are built without its metadata",
            )
        )
        return {}
    inbox.metadata_files.append(SIDECAR_NAME)
    return sidecar


def _scan_entry(
    root: Path, name: str, build_date: dt.date, meta: dict[str, str | None]
) -> InboxReport | InboxRejection:
    if name.startswith("."):
        raise EntryError("not_hidden", "a hidden entry (names starting with '.' are not read)")
    # read (under the limits) also what is not a report, so its rejection names its bytes' hash;
    # a folder or a pipe is refused by read_entry
    raw = read_entry(resolve_entry(root, name))
    digest = hashlib.sha256(raw).hexdigest()
    if not name.lower().endswith(REPORT_SUFFIX):
        return InboxRejection(
            name,
            digest,
            len(raw),
            "is_report_file",
            f"{name}: not a report file (reports end in {REPORT_SUFFIX})",
        )
    try:
        parsed = parse_report(raw, build_date)
    except ReportFormatError as err:
        return InboxRejection(name, digest, len(raw), err.check, f"{name}: {err.reason}")
    except Exception as exc:  # one entry must never stop the build
        return InboxRejection(
            name, digest, len(raw), "parses", f"{name}: the parser failed ({type(exc).__name__})"
        )
    return InboxReport(
        source_file=name,
        sha256=digest,
        n_bytes=len(raw),
        parsed=parsed,
        title=meta.get("title"),
        publisher=meta.get("publisher") or parsed.header.get("publisher"),
        url=meta.get("url") or parsed.header.get("url"),
    )
