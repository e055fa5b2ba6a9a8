"""Write a release folder once and point ``latest`` at it, one build at a time.

Publishing holds an exclusive lock on ``OUT/.release.lock``: a second build into the same
folder waits for it (up to ``CONFLICT_CLAIMS_LOCK_TIMEOUT`` seconds, default 600), then fails
with a message; it never deletes another build's staging folder. Under the lock a release is
written into a staging folder, every file is flushed to disk (fsync), the staged files are
checked against the manifest (hashes, and DuckDB rows against the Parquet rows), and only then
is the folder renamed into ``releases/<version>`` (an atomic rename on one file system) and
``latest`` switched by an atomic replace of a symlink; ``LATEST`` (the version name, for tools
that cannot follow links) follows. A run that dies at any point leaves the previous release
and ``latest`` as they were; the next build, under the lock, removes what it left (staging
folders, temporary links) and makes ``LATEST`` agree with ``latest`` again. A build whose
content equals an existing release makes no new version.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline.publish.arrow_tables import to_arrow, write_parquet
from pipeline.publish.bundle import (
    MANIFEST_NAME,
    SHA256SUMS,
    fsync_path,
    parse_sha256sums,
    sha256_file,
    sha256sums_text,
    write_zip,
)
from pipeline.publish.changes import changes_frame, changes_markdown, read_release_rows, rows_by_id
from pipeline.publish.csv_files import write_csv_gz
from pipeline.publish.datapackage import datapackage_json
from pipeline.publish.duckdb_file import build_duckdb
from pipeline.publish.site import write_site
from schemas.changes import Changes

DUCKDB_NAME = "conflict_claims.duckdb"
DATAPACKAGE_NAME = "datapackage.json"
CHANGES_PARQUET = "changes.parquet"
LOCK_NAME = ".release.lock"
ENV_LOCK_TIMEOUT = "CONFLICT_CLAIMS_LOCK_TIMEOUT"
# Test hook: a build kills itself (SIGKILL, no clean-up) when it reaches the named moment, so
# tests can show a death at each step leaves the last release intact. Unset in normal use.
ENV_KILL_AT = "CONFLICT_CLAIMS_KILL_AT"


class ReleaseLockTimeout(RuntimeError):
    """Another build kept the output folder's lock for longer than we wait."""


@dataclass(frozen=True)
class ReleaseResult:
    version: str
    path: Path
    created: bool  # False when an identical release already existed
    fingerprint: str
    problems: list[str] = field(default_factory=list)  # files that disagree with the manifest


def checkpoint(moment: str) -> None:
    if os.environ.get(ENV_KILL_AT) == moment:
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def release_lock(out_dir: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the output folder's publishing lock (released by the kernel if the process dies)."""
    wait = float(os.environ.get(ENV_LOCK_TIMEOUT, "600")) if timeout is None else timeout
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    raise ReleaseLockTimeout(
                        f"another build is publishing into {out_dir.name!r} and held its lock "
                        f"({LOCK_NAME}) for more than {wait:.0f} s; nothing was published by this build"
                    ) from None
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # closing drops the lock


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


def repair(out_dir: Path) -> None:
    """Under the lock: remove what dead builds left, and make LATEST name what latest does."""
    for stale in (out_dir / "releases").glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for tmp in [*out_dir.glob(".latest-*"), out_dir / ".LATEST.tmp"]:
        if tmp.is_symlink() or tmp.is_file():
            tmp.unlink()
    if (current := _current_release(out_dir)) is not None:
        _write_latest_name(out_dir, current.name)


def _write_latest_name(out_dir: Path, version: str) -> None:
    marker = out_dir / ".LATEST.tmp"
    marker.write_text(version + "\n")
    fsync_path(marker)
    os.replace(marker, out_dir / "LATEST")


def point_latest(out_dir: Path, release: Path) -> None:
    """Switch ``out/latest`` (a relative symlink), then ``out/LATEST`` (the version name)."""
    link = out_dir / "latest"
    tmp = out_dir / f".latest-{uuid.uuid4().hex}"
    os.symlink(os.path.relpath(release, out_dir), tmp, target_is_directory=True)
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)  # a folder left by a tool that could not keep the link
    os.replace(tmp, link)
    checkpoint("switched")
    _write_latest_name(out_dir, release.name)
    fsync_path(out_dir)


def verify_release(folder: Path, open_duckdb: bool) -> list[str]:
    """What in ``folder`` disagrees with its manifest: a file's sha256, and (``open_duckdb``)
    a DuckDB table's row count against its Parquet file. Empty when all agree. The DuckDB file
    is opened only in staging: a published one may be held open by a user, and its hash
    already proves it unchanged."""
    manifest = json.loads((folder / MANIFEST_NAME).read_text())
    problems = [
        f"{name}: sha256 differs from the manifest"
        for name, f in manifest["files"].items()
        if not (folder / name).is_file() or sha256_file(folder / name) != f["sha256"]
    ]
    sums = parse_sha256sums((folder / SHA256SUMS).read_text()) if (folder / SHA256SUMS).is_file() else {}
    problems += [
        f"{name}: sha256 differs from {SHA256SUMS}"
        for name, digest in sums.items()
        if name not in manifest["files"]
        and (not (folder / name).is_file() or sha256_file(folder / name) != digest)
    ]
    if open_duckdb:
        con = duckdb.connect(str(folder / DUCKDB_NAME), read_only=True)
        try:
            for name, f in manifest["files"].items():
                if name.endswith(".parquet"):
                    table = name.removesuffix(".parquet")
                    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                    if rows != f["rows"]:
                        problems.append(f"{DUCKDB_NAME}: {table} holds {rows} rows, its Parquet {f['rows']}")
        finally:
            con.close()
    return problems


def _current_release(out_dir: Path) -> Path | None:
    """The release ``latest`` names, if it names one."""
    link = out_dir / "latest"
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def _entry(path: Path, rows: int | None = None) -> dict:
    """A file's manifest entry: sha256, bytes and, for tables, rows."""
    entry = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    return entry if rows is None else {**entry, "rows": rows}


def write_release(
    out_dir: Path,
    tables: dict[str, tuple[pd.DataFrame, type]],
    manifest_fields: dict,
    built_at: dt.datetime,
    lock_timeout: float | None = None,
) -> ReleaseResult:
    """Write every table as Parquet, gzip CSV and DuckDB, with a data package, a manifest,
    a zip of it all and SHA256SUMS; see module doc. Then, still under the lock (so the page
    lists every release another build may have added), the release page ``OUT/site``."""
    checkpoint("before_lock")
    with release_lock(out_dir, lock_timeout):
        repair(out_dir)
        result = _write_locked(out_dir, tables, manifest_fields, built_at)
        write_site(out_dir)
        return result


def keep_unchanged_release(
    out_dir: Path, build_fingerprint: str, lock_timeout: float | None = None
) -> dict | None:
    """The manifest of the release ``latest`` names when a build could only reproduce it: its
    manifest records this ``build_fingerprint`` (pipeline/build_fingerprint.py) and its files
    are as the manifest says. Under the lock, as any build: what dead builds left is removed
    and the release page rewritten. None: the build must run."""
    if not (out_dir / "latest").is_symlink():
        return None
    with release_lock(out_dir, lock_timeout):
        repair(out_dir)
        current = _current_release(out_dir)
        if current is None:
            return None
        try:
            manifest = json.loads((current / MANIFEST_NAME).read_text())
        except (OSError, ValueError):
            return None
        if manifest.get("build_fingerprint") != build_fingerprint or verify_release(
            current, open_duckdb=False
        ):
            return None
        write_site(out_dir)
        return manifest


def _write_locked(
    out_dir: Path,
    tables: dict[str, tuple[pd.DataFrame, type]],
    manifest_fields: dict,
    built_at: dt.datetime,
) -> ReleaseResult:
    releases = out_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    staging = releases / f".staging-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        files: dict[str, dict] = {}
        parquet_paths: dict[str, Path] = {}
        arrow_tables: dict[str, pa.Table] = {}
        for name, (df, model) in tables.items():
            path = parquet_paths[name] = staging / f"{name}.parquet"
            write_parquet(arrow_tables.setdefault(name, to_arrow(df, model)), path)
            files[path.name] = _entry(path, len(df))
        checkpoint("staging")
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
            problems = verify_release(existing, open_duckdb=False)
            if not problems:
                point_latest(out_dir, existing)
            return ReleaseResult(existing.name, existing, False, fingerprint, problems)

        version = f"{built_at:%Y%m%dT%H%M%SZ}-{fingerprint[:8]}"
        # what changed since the release latest names now; not part of the content fingerprint
        previous = _current_release(out_dir)
        changes = changes_frame(read_release_rows(previous), rows_by_id(arrow_tables))
        path = parquet_paths["changes"] = staging / CHANGES_PARQUET
        write_parquet(arrow_tables.setdefault("changes", to_arrow(changes, Changes)), path)
        files[CHANGES_PARQUET] = _entry(path, len(changes))
        models = {name: model for name, (_, model) in tables.items()} | {"changes": Changes}
        # CSV downloads only for a new release: an unchanged rebuild stops before this
        for name, table in arrow_tables.items():
            write_csv_gz(table, staging / f"{name}.csv.gz")
            files[f"{name}.csv.gz"] = _entry(staging / f"{name}.csv.gz", table.num_rows)
        changes_md = changes_markdown(changes, version, previous.name if previous else None)
        (staging / "CHANGES.md").write_text(changes_md, encoding="utf-8")
        files["CHANGES.md"] = _entry(staging / "CHANGES.md")
        build_duckdb(staging / DUCKDB_NAME, parquet_paths, models)
        files[DUCKDB_NAME] = _entry(staging / DUCKDB_NAME)
        # the data package describes every file above by its bytes and sha256: made after them
        (staging / DATAPACKAGE_NAME).write_text(datapackage_json(models, files), encoding="utf-8")
        files[DATAPACKAGE_NAME] = _entry(staging / DATAPACKAGE_NAME)
        manifest = {
            "dataset": "conflict-claims",
            "version": version,
            "built_at": built_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "content_fingerprint": fingerprint,
            **manifest_fields,
            "files": dict(sorted(files.items())),
        }
        (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n")
        archive = write_zip(staging, [*files, MANIFEST_NAME], version, built_at)
        hashes = {name: entry["sha256"] for name, entry in files.items()}
        hashes |= {name: sha256_file(staging / name) for name in (MANIFEST_NAME, archive.name)}
        (staging / SHA256SUMS).write_text(sha256sums_text(hashes), encoding="utf-8")
        for path in [*staging.iterdir(), staging]:
            fsync_path(path)
        problems = verify_release(staging, open_duckdb=True)
        if problems:
            raise RuntimeError("the staged release disagrees with its manifest: " + "; ".join(problems))
        checkpoint("staged")
        final = releases / version
        os.rename(staging, final)
        fsync_path(releases)
        checkpoint("renamed")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    point_latest(out_dir, final)
    return ReleaseResult(version, final, True, fingerprint)
