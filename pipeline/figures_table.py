"""From candidate figures to the published figures, incidents, estimates and events tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.estimates import estimate_tables
from pipeline.events_table import events_frame
from pipeline.references import check_figure_references
from pipeline.sides import actor_infos
from pipeline.tables import INTERNAL_FIGURE_COLUMNS, assign_incidents
from pipeline.validate import Quarantined, rejected_frame, row_record, split_valid
from schemas import Events, FigureCandidates, Figures, IncidentEstimates, Incidents, IncidentTotals

UNGROUPED = "inc-0000000000000000"  # placeholder id while candidates are validated


@dataclass
class FigureTables:
    figures: pd.DataFrame
    incidents: pd.DataFrame
    events: pd.DataFrame
    estimates: pd.DataFrame
    totals: pd.DataFrame
    rejected_figures: pd.DataFrame
    rejected_incidents: pd.DataFrame


def build_figure_tables(
    candidates: pd.DataFrame,
    reports: pd.DataFrame,
    actors: pd.DataFrame,
    places: pd.DataFrame,
    extraction_failures: list[Quarantined] = (),
) -> FigureTables:
    """Validate candidates (quote == body slice and every other check), check that their
    ids resolve, group the valid ones into incidents, validate the incidents. Every
    candidate ends up in exactly one of figures or rejected_figures; so does each report the
    engine failed on (``extraction_failures``, stage 'extract')."""
    source_of = {r.report_id: (r.source_file, r.sha256, None) for r in reports.itertuples(index=False)}
    cand = candidates.copy()
    cand["incident_id"] = UNGROUPED
    checked, bad_schema = split_valid(
        FigureCandidates, cand[list(FigureCandidates.to_schema().columns)], "figure_id", ("body",)
    )
    checked, bad_refs = check_figure_references(
        checked, set(reports["report_id"]), set(actors["actor_id"]), set(places["place_id"])
    )
    internal = candidates.set_index("figure_id")[[c for c in INTERNAL_FIGURE_COLUMNS if c != "body"]]
    grouped, incidents = assign_incidents(
        checked.drop(columns=["body"]).join(internal, on="figure_id"), places
    )
    incidents, bad_incidents = split_valid(Incidents, incidents, "incident_id")
    # a running total has no incident; any other figure needs a valid one
    in_valid = grouped["incident_id"].isna() | grouped["incident_id"].isin(incidents["incident_id"])
    orphans = [
        Quarantined(
            str(r["figure_id"]),
            ["incident_id_resolves"],
            "the figure's incident failed validation",
            row_record(r, INTERNAL_FIGURE_COLUMNS),
        )
        for _, r in grouped[~in_valid].iterrows()
    ]
    figures = grouped.loc[in_valid, list(Figures.to_schema().columns)].reset_index(drop=True)
    figures = Figures.validate(figures, lazy=True)
    infos = actor_infos(actors)
    est = estimate_tables(figures, infos, incidents)
    estimates = IncidentEstimates.validate(est.groups, lazy=True)
    totals = IncidentTotals.validate(est.totals, lazy=True)
    events = Events.validate(
        events_frame(incidents, figures, places, reports, totals, est.sides, infos), lazy=True
    )
    parts = [
        rejected_frame(bad_schema, "schema", source_of),
        rejected_frame(bad_refs, "reference", source_of),
        rejected_frame(orphans, "reference", source_of),
        rejected_frame(list(extraction_failures), "extract", source_of),
    ]
    rejected = pd.concat([p for p in parts if len(p)] or [parts[0]], ignore_index=True)
    return FigureTables(
        figures=figures,
        incidents=incidents.reset_index(drop=True),
        events=events,
        estimates=estimates,
        totals=totals,
        rejected_figures=rejected.sort_values(["row_id", "check"], ignore_index=True),
        rejected_incidents=rejected_frame(bad_incidents, "schema"),
    )
