"""Foreign keys: every id a figure names must exist in the table it points to."""

from __future__ import annotations

import pandas as pd

from pipeline.validate import Quarantined, row_record


def check_figure_references(
    figures: pd.DataFrame, report_ids: set[str], actor_ids: set[str], place_ids: set[str]
) -> tuple[pd.DataFrame, list[Quarantined]]:
    bad: list[Quarantined] = []
    keep = []
    for idx, row in figures.iterrows():
        problems = []
        if row["report_id"] not in report_ids:
            problems.append(("report_id_resolves", f"report_id {row['report_id']!r} is not in reports"))
        for column in ("counted_actor_id", "claimant_actor_id"):
            v = row[column]
            if v is not None and v == v and v not in actor_ids:
                problems.append((f"{column}_resolves", f"{column} {v!r} is not in actors"))
        place = row["place_id"]
        if not pd.isna(place) and place not in place_ids:
            problems.append(("place_id_resolves", f"place_id {place!r} is not in places"))
        missing = [a for a in row["claimant_actor_ids"] if a not in actor_ids]
        if missing:
            problems.append(("claimant_actor_ids_resolve", f"claimant_actor_ids {missing} not in actors"))
        if problems:
            bad.append(
                Quarantined(
                    str(row["figure_id"]),
                    [p[0] for p in problems],
                    "; ".join(p[1] for p in problems),
                    row_record(row, ("body",)),
                )
            )
        else:
            keep.append(idx)
    return figures.loc[keep], bad
