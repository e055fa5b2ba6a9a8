"""figure_candidates: the extraction engine run over every report body."""

import dagster as dg
import pandas as pd

from assets.metadata import frame_metadata
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.resources import Knowledge
from pipeline.tables import extract_all

GROUP = "extract"


@dg.multi_asset(
    outs={
        "figure_candidates": dg.AssetOut(
            description="Internal: every figure the engine extracted, with the report body alongside, "
            "before validation.",
            group_name=GROUP,
            code_version=EXTRACTOR_VERSION,
            kinds={"python"},
        ),
        "discovered_actors": dg.AssetOut(
            description="Internal: claimants named in reports that the knowledge files do not hold.",
            group_name=GROUP,
            code_version=EXTRACTOR_VERSION,
            kinds={"python"},
        ),
    },
)
def extract_figures(context: dg.AssetExecutionContext, report_bodies: pd.DataFrame, knowledge: Knowledge):
    """Run the pure extraction engine on each report body."""
    candidates, discovered = extract_all(report_bodies, knowledge.actors())
    context.log.info(f"{len(candidates)} figures from {len(report_bodies)} reports")
    yield dg.Output(
        candidates,
        output_name="figure_candidates",
        metadata=frame_metadata(candidates.drop(columns=["body"]), extractor_version=EXTRACTOR_VERSION),
    )
    yield dg.Output(
        discovered, output_name="discovered_actors", metadata={"dagster/row_count": len(discovered)}
    )
