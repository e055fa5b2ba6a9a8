"""What a release's manifest records beyond its files: versions, inputs, accounting."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd

from pipeline import __version__
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.publish.licence import licence_fields
from schemas import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[2]


def code_version() -> str:
    """The git commit of the code (with +dirty when it has local changes), else the package version."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return f"{sha}{'+dirty' if dirty else ''}"
    except (OSError, subprocess.SubprocessError):
        return f"conflict-claims {__version__}"


def manifest_fields(
    inbox_entries: pd.DataFrame,
    n_candidates: int,
    n_figures: int,
    n_rejected_figures: int,
    knowledge_version: str,
    raw_dir_name: str,
    build_fingerprint: str,
) -> dict:
    """Versions, the inbox's name (never a local path), what the build depended on (one digest:
    pipeline/build_fingerprint.py) and every inbox entry with its fate."""
    inputs = [
        {k: v for k, v in row.items() if v is not None and not (isinstance(v, float) and v != v)}
        for row in inbox_entries.to_dict("records")
    ]
    status = inbox_entries["status"]
    return {
        "code_version": code_version(),
        "extractor_version": EXTRACTOR_VERSION,
        "schema_version": SCHEMA_VERSION,
        "knowledge_version": knowledge_version,
        "raw_dir": raw_dir_name,
        "build_fingerprint": build_fingerprint,
        **licence_fields(),
        "accounting": {
            "inbox_entries": len(inbox_entries),
            "reports_published": int((status == "published").sum()),
            "reports_rejected": int((status == "rejected").sum()),
            "metadata_files": int((status == "metadata").sum()),
            "figures_extracted": n_candidates,
            "figures_published": n_figures,
            "figures_rejected": n_rejected_figures,
        },
        "inputs": sorted(inputs, key=lambda x: x["file"]),
    }
