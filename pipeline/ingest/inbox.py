"""Scan a raw folder: every file becomes a parsed report or a rejection, never nothing."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.ingest.raw_format import ParsedReport, ReportFormatError, parse_report

REPORT_SUFFIX = ".txt"
# The origin sidecar (OWID-style): one row per report file with publisher, url, title.
SIDECAR_NAME = "sources.tsv"
SIDECAR_COLUMNS = ("file", "publisher", "url", "title")


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
    n_bytes: int
    check: str
    reason: str


@dataclass
class Inbox:
    reports: list[InboxReport] = field(default_factory=list)
    rejections: list[InboxRejection] = field(default_factory=list)
    metadata_files: list[str] = field(default_factory=list)  # sidecars read, not reports


def report_id_for(text_sha256: str) -> str:
    """Stable id from the normalized text: the same article saved twice is one report."""
    return f"rpt-{text_sha256[:16]}"


def read_sidecar(path: Path) -> dict[str, dict[str, str | None]]:
    """file name -> {publisher, url, title}; empty cells become None."""
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = [c for c in SIDECAR_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{path}: sidecar lacks the column(s) {', '.join(missing)}")
    out: dict[str, dict[str, str | None]] = {}
    for row in reader:
        name = (row.get("file") or "").strip()
        if name:
            out[name] = {k: ((row.get(k) or "").strip() or None) for k in ("publisher", "url", "title")}
    return out


def scan_inbox(raw_dir: Path, build_date: dt.date) -> Inbox:
    """Read every visible file of ``raw_dir`` (not recursive), in name order."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist or is not a folder")
    inbox = Inbox()
    sidecar_path = raw_dir / SIDECAR_NAME
    sidecar = read_sidecar(sidecar_path) if sidecar_path.is_file() else {}
    if sidecar:
        inbox.metadata_files.append(SIDECAR_NAME)
    seen: dict[str, str] = {}  # report_id -> first file
    for path in sorted(raw_dir.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name == SIDECAR_NAME or path.is_dir():
            continue
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()

        def reject(
            check: str, reason: str, path: Path = path, raw: bytes = raw, digest: str = digest
        ) -> None:
            inbox.rejections.append(InboxRejection(path.name, digest, len(raw), check, reason))

        if path.suffix.lower() != REPORT_SUFFIX:
            reject("is_report_file", f"{path.name}: not a report file (reports end in {REPORT_SUFFIX})")
            continue
        try:
            parsed = parse_report(raw, build_date)
        except ReportFormatError as err:
            reject(err.check, f"{path.name}: {err.reason}")
            continue
        rid = report_id_for(parsed.text_sha256)
        if rid in seen:
            reject("unique_text", f"{path.name}: the same text as {seen[rid]} (report {rid})")
            continue
        seen[rid] = path.name
        meta = sidecar.get(path.name, {})
        inbox.reports.append(
            InboxReport(
                source_file=path.name,
                sha256=digest,
                n_bytes=len(raw),
                parsed=parsed,
                title=meta.get("title"),
                publisher=meta.get("publisher") or parsed.header.get("publisher"),
                url=meta.get("url") or parsed.header.get("url"),
            )
        )
    return inbox
