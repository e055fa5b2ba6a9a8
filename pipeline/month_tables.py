"""Month partitions as tables, and the whole archive gathered from them.

A month's extraction is stored as tables (the partition store keeps Parquet, not Python
objects): the actors its reports introduced and the reports the engine failed on become
frames here and lists again when gathered. Gathering puts every month's rows into the order
one unpartitioned build gives them (by report id, by file, by place id), so the tables
downstream do not depend on how the archive was partitioned."""

from __future__ import annotations

import json

import pandas as pd

from pipeline.extract.engine import DiscoveredActor
from pipeline.validate import Quarantined

DISCOVERED_COLUMNS = ["actor_id", "name", "kind"]
FAILURE_COLUMNS = ["row_id", "checks", "reason", "record"]

# the row order of each gathered table: the order extraction and reading give one archive
ORDER = {
    "reports": ["report_id"],
    "report_bodies": ["report_id"],
    "rejected_reports": ["row_id", "check"],
    "inbox_entries": ["file"],
    "figure_candidates": ["report_id", "char_start", "figure_id"],
    "places": ["place_id"],
}


def discovered_frame(discovered: list[DiscoveredActor]) -> pd.DataFrame:
    rows = [{"actor_id": d.actor_id, "name": d.name, "kind": d.kind} for d in discovered]
    return pd.DataFrame.from_records(rows, columns=DISCOVERED_COLUMNS)


def discovered_list(frame: pd.DataFrame) -> list[DiscoveredActor]:
    """One actor per id, the first month's that names it (months in order), sorted by id."""
    first = frame.drop_duplicates("actor_id", keep="first").sort_values("actor_id", kind="stable")
    return [DiscoveredActor(a, n, k) for a, n, k in first[DISCOVERED_COLUMNS].itertuples(index=False)]


def failures_frame(failures: list[Quarantined]) -> pd.DataFrame:
    rows = [
        {"row_id": q.row_id, "checks": list(q.checks), "reason": q.reason, "record": json.dumps(q.record)}
        for q in failures
    ]
    return pd.DataFrame.from_records(rows, columns=FAILURE_COLUMNS).astype({"reason": "object"})


def failures_list(frame: pd.DataFrame) -> list[Quarantined]:
    frame = frame.sort_values("row_id", kind="stable")
    return [
        Quarantined(r, list(c), reason, json.loads(rec))
        for r, c, reason, rec in frame[FAILURE_COLUMNS].itertuples(index=False)
    ]


def in_archive_order(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """A gathered table in the order an unpartitioned build gives it; places once each."""
    if name == "places":
        frame = frame.drop_duplicates("place_id", keep="first")
    return frame.sort_values(ORDER[name], kind="stable", ignore_index=True)
