"""What a build's release depends on, as one digest, so a rebuild can tell it has nothing to do.

A release is a function of the raw folder (each entry's name and kind, a file's bytes, a link's
target), the build day (reports dated after it are rejected), the code and installed packages
(``extract_cache.code_fingerprint``), the knowledge files and the counted-kind mode. The
manifest records the digest as ``build_fingerprint``; ``conflict-claims build`` computes it
first and, when the release ``latest`` names holds the same one and its files match its
manifest, says so and runs nothing. Reading the folder costs one hash of each file, far less
than a build."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from pathlib import Path

from pipeline.extract_cache import code_fingerprint


def _entry(path: Path) -> list:
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        return ["link", os.readlink(path)]
    if not stat.S_ISREG(st.st_mode):
        return ["other", stat.S_IFMT(st.st_mode)]
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:  # unreadable now: a build would reject it, and must run to say so
        return ["unreadable", exc.errno]
    return ["file", h.hexdigest()]


def raw_folder_digest(raw: Path) -> str:
    """Each entry's name and kind, a file's bytes, a link's target."""
    h = hashlib.sha256()
    if raw.is_dir():
        for name in sorted(os.listdir(raw)):
            h.update(json.dumps([name, *_entry(raw / name)]).encode() + b"\n")
    return h.hexdigest()


def build_fingerprint(raw: Path, build_day: dt.date, knowledge: str, kind_cv: bool) -> str:
    doc = {
        "raw": raw_folder_digest(raw),
        "build_day": build_day.isoformat(),
        "code": code_fingerprint(),
        "knowledge": knowledge,
        "kind_cv": kind_cv,
    }
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()
