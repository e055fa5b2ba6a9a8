"""Extraction results kept by content, so a report is never extracted twice for the same inputs.

What the engine makes of one report (its figure records, the actors and places it names, or
its failure) is a pure function of the report (id, publication date, body), the code that
reads it, the knowledge it is read with and the counted-kind model (and CV mode). The key
hashes all of them: the body's sha256, every file of the ``pipeline`` and ``schemas``
packages (code and data), the installed distributions and their versions, the Python
version, the knowledge files and the model's own sha256. Any change there is another key,
so a rebuild after a code change re-extracts and a rebuild with nothing changed extracts
nothing. The cache is local state, never published: it lives in ``OUT/.cache`` (beside the
releases, outside them), one folder per code fingerprint; a build removes the folders of
other fingerprints, so it never grows past one code version. Entries are written atomically
(a temporary file, then a rename), so builds at once only ever read whole entries; an entry
that cannot be read or written is only a miss, never an error.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import shutil
import sys
import sysconfig
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1
CACHE_DIR_NAME = ".cache"
_PACKAGES = ("pipeline", "schemas")
_REPO = Path(__file__).resolve().parents[1]


def _files_sha256(roots: list[Path]) -> str:
    h = hashlib.sha256()
    for root in roots:
        for p in sorted(x for x in root.rglob("*") if x.is_file() and "__pycache__" not in x.parts):
            h.update(p.relative_to(root.parent).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@cache
def code_fingerprint() -> str:
    """Every file of the packages that read reports, every installed distribution's version,
    and the Python version: what else than the inputs an extraction depends on."""
    # the environment's own site-packages only: sys.path also holds the working directory, where
    # a checkout's egg-info would make the same environment look different from another folder
    site = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    dists = sorted(
        {f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions(path=site)}
    )
    parts = [str(CACHE_FORMAT), _files_sha256([_REPO / p for p in _PACKAGES]), *dists, sys.version]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def directory_fingerprint(path: Path) -> str:
    """The knowledge files a build reads (their names and bytes)."""
    return _files_sha256([path])


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


@dataclass
class ExtractionCache:
    """Per-report extraction results under ``root/<code fingerprint>/``; ``context`` is what
    every key of this build shares (knowledge and model fingerprints, CV mode)."""

    root: Path
    context: dict[str, Any]
    stats: CacheStats = field(default_factory=CacheStats)
    folder: Path = field(init=False)

    def __post_init__(self) -> None:
        self.folder = self.root / code_fingerprint()[:32]  # fixed for the build's whole run

    def key(self, report_id: str, published: object, body: str) -> str:
        doc = {
            **self.context,
            "report_id": report_id,
            "published": str(published),
            "body_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        }
        return hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        try:
            with self._path(key).open("rb") as fh:
                value = pickle.load(fh)
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.stats.misses += 1  # an unreadable entry is recomputed and written again
            return None
        self.stats.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:  # a full disk, or a build of other code pruning this folder: no entry
            tmp.unlink(missing_ok=True)

    def prune(self) -> None:
        """Remove the entries of other code fingerprints: they can never be read again."""
        if not self.root.is_dir():
            return
        for other in self.root.iterdir():
            if other.is_dir() and other != self.folder:
                shutil.rmtree(other, ignore_errors=True)
