"""Asset checks: the validation results and the accounting a user can see in the UI."""

import os

import dagster as dg
import pandas as pd

from pipeline.resources import BuildSettings
from schemas import REJECTED_TABLES, TABLES, Rejected


def _schema_check(model, df: pd.DataFrame) -> dg.AssetCheckResult:
    try:
        model.validate(df, lazy=True)
        return dg.AssetCheckResult(passed=True, metadata={"rows": len(df)})
    except Exception as exc:
        return dg.AssetCheckResult(passed=False, metadata={"rows": len(df), "error": str(exc)[:2000]})


@dg.asset_check(
    asset="reports",
    blocking=True,
    additional_ins={"rejected_reports": dg.AssetIn(), "inbox_entries": dg.AssetIn()},
    description="Every entry of the raw folder is accounted for: entries listed = published "
    "reports + rejected entries + sidecars read, each entry exactly once.",
)
def raw_files_accounted(
    settings: BuildSettings,
    reports: pd.DataFrame,
    rejected_reports: pd.DataFrame,
    inbox_entries: pd.DataFrame,
) -> dg.AssetCheckResult:
    listed = sorted(os.listdir(settings.raw_path()))
    rejected_files = rejected_reports["source_file"].dropna()
    metadata = int((inbox_entries["status"] == "metadata").sum())
    accounted = len(reports) + len(rejected_files) + metadata
    return dg.AssetCheckResult(
        passed=len(listed) == accounted and sorted(inbox_entries["file"]) == listed,
        metadata={
            "entries": len(listed),
            "reports": len(reports),
            "rejected": len(rejected_files),
            "metadata_files": metadata,
            "unaccounted": str(sorted(set(listed) - set(inbox_entries["file"]))[:20]),
        },
    )


def schema_check(name: str, model) -> dg.AssetChecksDefinition:
    """A blocking check that the published table ``name`` fits its pandera model, naming the
    model's table-level checks in its description."""
    rules = ", ".join(c.name for c in model.to_schema().checks)
    description = f"Published {name} fit the {model.__name__} schema" + (f" ({rules})." if rules else ".")

    @dg.asset_check(asset=name, name=f"{name}_schema", blocking=True, description=description)
    def check(frame: pd.DataFrame) -> dg.AssetCheckResult:
        return _schema_check(model, frame)

    return check


SCHEMA_CHECKS = [schema_check(name, model) for name, model in TABLES.items()] + [
    schema_check(name, Rejected) for name in REJECTED_TABLES
]


@dg.asset_check(
    asset="figures",
    blocking=True,
    additional_ins={"figure_candidates": dg.AssetIn(), "rejected_figures": dg.AssetIn()},
    description="Every extracted claim is published or quarantined: candidates = figures + "
    "rejected_figures (less the reports the engine failed on), and no figure is in both.",
)
def claims_accounted(
    figures: pd.DataFrame, figure_candidates: pd.DataFrame, rejected_figures: pd.DataFrame
) -> dg.AssetCheckResult:
    both = set(figures["figure_id"]) & set(rejected_figures["row_id"])
    claims = rejected_figures[rejected_figures["stage"] != "extract"]  # not reports that failed
    return dg.AssetCheckResult(
        passed=len(figure_candidates) == len(figures) + len(claims) and not both,
        metadata={
            "candidates": len(figure_candidates),
            "figures": len(figures),
            "rejected_figures": len(claims),
            "reports_failed": len(rejected_figures) - len(claims),
            "in_both": len(both),
        },
    )


@dg.asset_check(
    asset="figures",
    blocking=True,
    additional_ins={"report_bodies": dg.AssetIn()},
    description="Every quote is exactly the report body between char_start and char_end.",
)
def quotes_are_body_slices(figures: pd.DataFrame, report_bodies: pd.DataFrame) -> dg.AssetCheckResult:
    body = dict(zip(report_bodies["report_id"], report_bodies["body"], strict=True))
    bad = [
        f
        for f, r, s, e, q in figures[
            ["figure_id", "report_id", "char_start", "char_end", "quote"]
        ].itertuples(index=False)
        if body.get(r, "")[int(s) : int(e)] != q
    ]
    return dg.AssetCheckResult(passed=not bad, metadata={"mismatches": len(bad), "first": str(bad[:5])})


@dg.asset_check(
    asset="figures",
    blocking=True,
    additional_ins={
        "reports": dg.AssetIn(),
        "actors": dg.AssetIn(),
        "incidents": dg.AssetIn(),
        "places": dg.AssetIn(),
        "incident_estimates": dg.AssetIn(),
        "incident_totals": dg.AssetIn(),
        "events": dg.AssetIn(),
    },
    description="Every report, actor, place and incident id a figure, incident, estimate or event "
    "names exists; every incident has one events row.",
)
def figure_references_resolve(
    figures: pd.DataFrame,
    reports: pd.DataFrame,
    actors: pd.DataFrame,
    incidents: pd.DataFrame,
    places: pd.DataFrame,
    incident_estimates: pd.DataFrame,
    incident_totals: pd.DataFrame,
    events: pd.DataFrame,
) -> dg.AssetCheckResult:
    actor_ids = set(actors["actor_id"])
    place_ids = set(places["place_id"])
    figure_ids = set(figures["figure_id"])
    event_actors = [a for col in ("side_a_actor_id", "side_b_actor_id") for a in events[col].dropna()]
    event_actors += [a for ids in events["actor_ids"] for a in ids]
    problems = {
        "totals_incident_id": int((~incident_totals["incident_id"].isin(incidents["incident_id"])).sum()),
        "events_are_the_incidents": int(sorted(events["incident_id"]) != sorted(incidents["incident_id"])),
        "event_place_id": int(events["place_id"].dropna().map(lambda p: p not in place_ids).sum()),
        "event_actor_id": sum(a not in actor_ids for a in event_actors),
        "estimate_figure_id": sum(
            f not in figure_ids for ids in incident_estimates["figure_ids"] for f in ids
        ),
        "place_id": int(figures["place_id"].dropna().map(lambda p: p not in place_ids).sum()),
        "incident_place_id": int(incidents["place_id"].dropna().map(lambda p: p not in place_ids).sum()),
        "estimate_incident_id": int(
            (~incident_estimates["incident_id"].isin(incidents["incident_id"])).sum()
        ),
        "report_id": int((~figures["report_id"].isin(reports["report_id"])).sum()),
        "incident_id": int((~figures["incident_id"].dropna().isin(incidents["incident_id"])).sum()),
        "running_total_in_incident": int(
            ((figures["scope"] == "cumulative") & figures["incident_id"].notna()).sum()
        ),
        "counted_actor_id": int(figures["counted_actor_id"].dropna().map(lambda a: a not in actor_ids).sum()),
        "claimant_actor_id": int(
            figures["claimant_actor_id"].dropna().map(lambda a: a not in actor_ids).sum()
        ),
        "incidents_without_figures": int((~incidents["incident_id"].isin(figures["incident_id"])).sum()),
    }
    return dg.AssetCheckResult(passed=not any(problems.values()), metadata=problems)
