"""Row-level validation with pandera: valid rows go on, failing rows are quarantined
with the checks they failed. A failure of the whole batch (a missing column, a wrong
type for every row) is raised, never mistaken for "no bad rows"."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from schemas import Rejected


class SchemaBatchError(ValueError):
    """The table as a whole does not fit its schema."""


@dataclass(frozen=True)
class Quarantined:
    row_id: str
    checks: list[str]
    reason: str
    record: dict


def _jsonable(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


def row_record(row: pd.Series, drop: tuple[str, ...] = ()) -> dict:
    return {k: _jsonable(v) for k, v in row.items() if k not in drop}


def split_valid(
    model: type[pa.DataFrameModel], df: pd.DataFrame, id_column: str, drop_from_record: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, list[Quarantined]]:
    """(valid rows, quarantined rows). Raises SchemaBatchError for schema-level failures."""
    try:
        return model.validate(df, lazy=True), []
    except SchemaErrors as err:
        cases = err.failure_cases
    if cases["index"].isna().any():
        problems = cases[cases["index"].isna()][["column", "check"]].astype(str).drop_duplicates()
        detail = "; ".join(f"{c}: {k}" for c, k in problems.itertuples(index=False))
        raise SchemaBatchError(f"table {model.Config.name!r} does not fit its schema: {detail}")
    by_row: dict[object, list[tuple[str, str, str]]] = {}
    for rec in cases.to_dict("records"):
        by_row.setdefault(rec["index"], []).append(
            (str(rec["column"]), str(rec["check"]), str(rec["failure_case"]))
        )
    bad_index = list(by_row)
    quarantined = []
    for idx in bad_index:
        row = df.loc[idx]
        failures = by_row[idx]
        checks = sorted(
            {f"{c}:{k}" if c and c != "None" and c != model.Config.name else k for c, k, _ in failures}
        )
        reason = "; ".join(
            sorted(
                {
                    f"{c} failed {k} (value {v!r})" if c and c != model.Config.name else f"row failed {k}"
                    for c, k, v in failures
                }
            )
        )
        quarantined.append(
            Quarantined(str(row[id_column]), checks, reason, row_record(row, drop_from_record))
        )
    valid = df.drop(index=bad_index)
    return model.validate(valid, lazy=True), quarantined


def rejected_frame(
    rows: list[Quarantined], stage: str, source_of: dict[str, tuple[str, str, int]] | None = None
) -> pd.DataFrame:
    """Quarantined rows as a Rejected table frame; ``source_of`` maps a report id to
    (source_file, sha256, n_bytes) of its raw file."""
    records = []
    for q in rows:
        src = (source_of or {}).get(str(q.record.get("report_id", q.row_id)), (None, None, None))
        records.append(
            {
                "row_id": q.row_id,
                "source_file": src[0],
                "sha256": src[1],
                "n_bytes": src[2],
                "stage": stage,
                "check": "; ".join(q.checks),
                "reason": q.reason,
                "record": json.dumps(q.record, sort_keys=True, ensure_ascii=False),
            }
        )
    return (
        empty_rejected() if not records else pd.DataFrame.from_records(records).astype({"n_bytes": "Int64"})
    )


def empty_rejected() -> pd.DataFrame:
    """A rejected table with no rows, its columns taken from the Rejected schema."""
    return pd.DataFrame(
        {c: pd.Series(dtype="Int64" if c == "n_bytes" else object) for c in Rejected.to_schema().columns}
    )
