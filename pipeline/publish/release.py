"""Write a release folder once and point ``latest`` at it.

A release is built in a staging folder, then renamed into ``releases/<version>`` (an
atomic rename on one file system), then ``latest`` is switched with an atomic replace of
a symlink. A run that dies at any point leaves the previous release and ``latest`` as
they were. A build whose content equals an existing release makes no new version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.publish.arrow_tables import to_arrow, write_parquet
from pipeline.publish.duckdb_file import build_duckdb

DUCKDB_NAME = "conflict_claims.duckdb"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class ReleaseResult:
    version: str
    path: Path
    created: bool  # False when an identical release already existed
    fingerprint: str


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _existing_with(releases: Path, fingerprint: str) -> Path | None:
    if not releases.is_dir():
        return None
    for d in sorted(releases.iterdir()):
        m = d / MANIFEST_NAME
        if d.is_dir() and not d.name.startswith(".") and m.is_file():
            try:
                if json.loads(m.read_text())["content_fingerprint"] == fingerprint:
                    return d
            except (ValueError, KeyError):
                continue
    return None


def point_latest(out_dir: Path, release: Path) -> None:
    """Switch ``out/latest`` (a relative symlink) and ``out/LATEST`` (the version name)."""
    link = out_dir / "latest"
    tmp = out_dir / f".latest-{uuid.uuid4().hex}"
    os.symlink(os.path.relpath(release, out_dir), tmp, target_is_directory=True)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # a folder left by a tool that could not keep the link
    os.replace(tmp, link)
    marker = out_dir / ".LATEST.tmp"
    marker.write_text(release.name + "\n")
    os.replace(marker, out_dir / "LATEST")


def write_release(
    out_dir: Path,
    tables: dict[str, tuple[pd.DataFrame, type]],
    manifest_fields: dict,
    built_at: dt.datetime,
    extra_files: Callable[[dict[str, dict]], dict[str, str]] | None = None,
) -> ReleaseResult:
    """Write every table as Parquet (and DuckDB), with a manifest; see module doc.
    ``extra_files`` makes further text files from the Parquet files' hashes and sizes."""
    releases = out_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    for stale in releases.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a run that died
    staging = releases / f".staging-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        files: dict[str, dict] = {}
        parquet_paths: dict[str, Path] = {}
        for name, (df, model) in tables.items():
            path = staging / f"{name}.parquet"
            write_parquet(to_arrow(df, model), path)
            parquet_paths[name] = path
            files[path.name] = {"sha256": sha256_file(path), "bytes": path.stat().st_size, "rows": len(df)}
        content = {
            "files": {k: v["sha256"] for k, v in sorted(files.items())},
            "extractor_version": manifest_fields.get("extractor_version"),
            "schema_version": manifest_fields.get("schema_version"),
            "knowledge_version": manifest_fields.get("knowledge_version"),
        }
        fingerprint = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
        existing = _existing_with(releases, fingerprint)
        if existing is not None:
            shutil.rmtree(staging)
            point_latest(out_dir, existing)
            return ReleaseResult(existing.name, existing, False, fingerprint)

        version = f"{built_at:%Y%m%dT%H%M%SZ}-{fingerprint[:8]}"
        for name, text in (extra_files(files) if extra_files else {}).items():
            (staging / name).write_text(text, encoding="utf-8")
            files[name] = {"sha256": sha256_file(staging / name), "bytes": (staging / name).stat().st_size}
        models = {name: model for name, (_, model) in tables.items()}
        build_duckdb(staging / DUCKDB_NAME, parquet_paths, models)
        db = staging / DUCKDB_NAME
        files[DUCKDB_NAME] = {"sha256": sha256_file(db), "bytes": db.stat().st_size}
        manifest = {
            "dataset": "conflict-claims",
            "version": version,
            "built_at": built_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "content_fingerprint": fingerprint,
            **manifest_fields,
            "files": dict(sorted(files.items())),
        }
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n")
        final = releases / version
        os.rename(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    point_latest(out_dir, final)
    return ReleaseResult(version, final, True, fingerprint)
