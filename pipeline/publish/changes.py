"""What changed between two releases, by stable id: the changes table and CHANGES.md.

Rows are compared as the Parquet files hold them (Arrow values), so a change is a change a
reader of the files would see. Ids that had to change are matched to what replaced them: a
figure by its report and character span (its id also holds its category), an incident by where
most of its figures went."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.changes import CHANGE_KINDS

CHANGE_TABLES = {
    "figures": "figure_id",
    "incidents": "incident_id",
    "actors": "actor_id",
    "places": "place_id",
}
Rows = dict[str, dict[str, dict]]  # table -> id -> row


def rows_by_id(tables: dict[str, pa.Table]) -> Rows:
    return {
        name: {row[key]: row for row in tables[name].to_pylist()}
        for name, key in CHANGE_TABLES.items()
        if name in tables
    }


def read_release_rows(release: Path | None) -> Rows | None:
    """The previous release's rows, or None when there is none (a first release)."""
    if release is None or not release.is_dir():
        return None
    return rows_by_id(
        {
            name: pq.read_table(release / f"{name}.parquet")
            for name in CHANGE_TABLES
            if (release / f"{name}.parquet").is_file()
        }
    )


def _json(values: dict) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)


def changes_frame(old: Rows | None, new: Rows) -> pd.DataFrame:
    """One row per added, removed, changed or superseded id (empty when ``old`` is None)."""
    records: list[dict] = []
    for table in CHANGE_TABLES:
        if old is None:
            break
        before, after = old.get(table, {}), new.get(table, {})
        for key in sorted(after.keys() - before.keys()):
            records.append(_row(table, key, "added", None, [], {}, {}))
        for key in sorted(before.keys() - after.keys()):
            records.append(_row(table, key, "removed", None, [], {}, {}))
        for key in sorted(before.keys() & after.keys()):
            fields = sorted(c for c in after[key] if before[key].get(c) != after[key][c])
            if fields:
                old_v = {c: before[key].get(c) for c in fields}
                records.append(
                    _row(table, key, "changed", None, fields, old_v, {c: after[key][c] for c in fields})
                )
    if old is not None:
        records += _superseded(old, new)
    frame = pd.DataFrame.from_records(
        records, columns=["table", "id", "change", "new_id", "fields", "old_values", "new_values"]
    )
    order = {k: i for i, k in enumerate(CHANGE_KINDS)}
    return frame.sort_values(
        ["table", "id", "change"], key=lambda s: s.map(order) if s.name == "change" else s, ignore_index=True
    )


def _row(
    table: str, key: str, change: str, new_id: str | None, fields: list, old_v: dict, new_v: dict
) -> dict:
    return {
        "table": table,
        "id": key,
        "change": change,
        "new_id": new_id,
        "fields": fields,
        "old_values": _json(old_v),
        "new_values": _json(new_v),
    }


def _span(figure: dict) -> tuple:
    return figure["report_id"], figure["char_start"], figure["char_end"]


def _superseded(old: Rows, new: Rows) -> list[dict]:
    out = []
    before, after = old.get("figures", {}), new.get("figures", {})
    added_by_span = {_span(f): k for k, f in after.items() if k not in before}
    for key in sorted(before.keys() - after.keys()):
        if (replacement := added_by_span.get(_span(before[key]))) is not None:
            out.append(_row("figures", key, "superseded", replacement, [], {}, {}))
    old_inc, new_inc = old.get("incidents", {}), new.get("incidents", {})
    for key in sorted(old_inc.keys() - new_inc.keys()):
        went = Counter(
            after[f]["incident_id"]
            for f, row in before.items()
            if row["incident_id"] == key and f in after and after[f]["incident_id"] is not None
        )
        if went:
            target = min(went, key=lambda i: (-went[i], i))
            out.append(_row("incidents", key, "superseded", target, [], {}, {}))
    return out


def changes_markdown(changes: pd.DataFrame, version: str, previous: str | None) -> str:
    """CHANGES.md of a release: counts by table and kind of change."""
    if previous is None:
        return f"# Changes in {version}\n\nThe first release of this output folder: every row is new.\n"
    lines = [f"# Changes in {version}", "", f"Since {previous}.", ""]
    if not len(changes):
        lines.append("No figure, incident, actor or place changed (other tables or versions did).")
        return "\n".join(lines) + "\n"
    lines += ["| table | " + " | ".join(CHANGE_KINDS) + " |", "| --- |" + " --- |" * len(CHANGE_KINDS)]
    counts = Counter(zip(changes["table"], changes["change"], strict=True))
    for table in CHANGE_TABLES:
        lines.append(f"| {table} | " + " | ".join(str(counts[(table, k)]) for k in CHANGE_KINDS) + " |")
    lines += ["", "Every row, with the fields that changed and their old and new values: `changes.parquet`."]
    return "\n".join(lines) + "\n"
