"""A release's all-in-one download and its checksums file, and the file helpers (sha256,
fsync) the release and its page share.

``conflict-claims-<version>.zip`` holds every file of the release (manifest included) under one
folder named like the zip. It cannot be listed in the manifest it contains, so ``SHA256SUMS``
(the format ``sha256sum -c`` reads) is the list that covers everything, the zip included.
Entries carry the release's build time and fixed permissions, so the zip of the same files
is the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from pathlib import Path

SHA256SUMS = "SHA256SUMS"
MANIFEST_NAME = "manifest.json"


def fsync_path(path: Path) -> None:
    """Flush a file or a folder's entries to disk, so a rename never publishes unwritten data."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def zip_name(version: str) -> str:
    return f"conflict-claims-{version}.zip"


def write_zip(folder: Path, names: list[str], version: str, built_at: dt.datetime) -> Path:
    """Zip ``names`` (files of ``folder``) into ``folder/conflict-claims-<version>.zip``."""
    path = folder / zip_name(version)
    stamp = built_at.timetuple()[:6]
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(f"{path.stem}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, so the permissions above are read as such
            with (folder / name).open("rb") as src, archive.open(info, "w") as dst:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    dst.write(chunk)
    return path


def sha256sums_text(hashes: dict[str, str]) -> str:
    """``<sha256>  <name>`` per file, sorted by name."""
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(hashes.items()))


def parse_sha256sums(text: str) -> dict[str, str]:
    """``<sha256>  <name>`` lines (sha256sum's format; ``*`` marks binary mode) as name -> sha256."""
    pairs = (line.split(maxsplit=1) for line in text.splitlines() if line.strip())
    return {name.strip().lstrip("*"): digest.lower() for digest, name in pairs}
