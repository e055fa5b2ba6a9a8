"""Stable identifiers: the same input gives the same ids, build after build."""

from __future__ import annotations

import hashlib


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def figure_id(report_id: str, char_start: int, char_end: int, category: str) -> str:
    return f"fig-{_digest(report_id, char_start, char_end, category)}"


def incident_id(first_figure_id: str) -> str:
    """From the incident's earliest figure, so adding a report does not renumber others."""
    return f"inc-{_digest(first_figure_id)}"
