"""actors, figures, incidents: validated against their schemas, failures quarantined."""

import dagster as dg
import pandas as pd

from assets.metadata import frame_metadata, table_out
from pipeline.figures_table import build_figure_tables
from pipeline.resources import Knowledge
from pipeline.tables import actors_frame
from pipeline.validate import rejected_frame, split_valid
from schemas import Actors, Events, Figures, IncidentEstimates, Incidents, IncidentTotals, Rejected

GROUP = "dataset"


@dg.multi_asset(
    outs={
        "actors": table_out(Actors, GROUP),
        "rejected_actors": table_out(Rejected, GROUP, "Actor rows that failed their schema."),
    },
)
def build_actors(discovered_actors: list, knowledge: Knowledge):
    """The curated dictionary plus every actor the reports introduced."""
    frame = actors_frame(knowledge.actors(), discovered_actors)
    valid, bad = split_valid(Actors, frame, "actor_id")
    rejected = rejected_frame(bad, "schema")
    yield dg.Output(
        valid,
        output_name="actors",
        metadata=frame_metadata(
            valid, curated=int(valid["curated"].sum()), discovered=int((~valid["curated"]).sum())
        ),
    )
    yield dg.Output(rejected, output_name="rejected_actors", metadata=frame_metadata(rejected))


@dg.multi_asset(
    outs={
        "figures": table_out(Figures, GROUP),
        "incidents": table_out(Incidents, GROUP),
        "events": table_out(Events, GROUP),
        "incident_estimates": table_out(IncidentEstimates, GROUP),
        "incident_totals": table_out(IncidentTotals, GROUP),
        "rejected_figures": table_out(Rejected, GROUP, "Extracted figures that failed a check, with why."),
        "rejected_incidents": table_out(Rejected, GROUP, "Incidents that failed their schema."),
    },
)
def build_figures(
    context: dg.AssetExecutionContext,
    figure_candidates: pd.DataFrame,
    reports: pd.DataFrame,
    actors: pd.DataFrame,
    places: pd.DataFrame,
    extraction_failures: list,
):
    """Validate candidates (the quote must be the body's slice), check that their ids
    resolve, group the valid figures into incidents within and across reports, validate
    those, give each incident's low/best/high per category and counted group, their totals,
    and one events row per incident."""
    t = build_figure_tables(figure_candidates, reports, actors, places, extraction_failures)
    context.log.info(
        f"{len(t.figures)} figures published, {len(t.rejected_figures)} rejected, "
        f"{len(t.incidents)} incidents"
    )
    yield dg.Output(
        t.figures,
        output_name="figures",
        metadata=frame_metadata(
            t.figures, candidates=len(figure_candidates), rejected=len(t.rejected_figures)
        ),
    )
    # outputs in dependency order (stack-notes): events and totals are read from the others
    for name, df in (
        ("incidents", t.incidents),
        ("incident_estimates", t.estimates),
        ("incident_totals", t.totals),
        ("events", t.events),
    ):
        yield dg.Output(df, output_name=name, metadata=frame_metadata(df))
    yield dg.Output(
        t.rejected_figures, output_name="rejected_figures", metadata=frame_metadata(t.rejected_figures)
    )
    yield dg.Output(
        t.rejected_incidents, output_name="rejected_incidents", metadata=frame_metadata(t.rejected_incidents)
    )
