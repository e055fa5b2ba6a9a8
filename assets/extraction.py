"""figure_candidates: the extraction engine run over every report body."""

import dagster as dg
import pandas as pd

from assets.metadata import frame_metadata, table_out
from pipeline.cli_logging import PROGRESS
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.resources import BuildSettings, Knowledge
from pipeline.tables import extract_all
from schemas import Places

GROUP = "extract"


def engine_out(description: str) -> dg.AssetOut:
    """An internal output of the engine, versioned with it."""
    return dg.AssetOut(
        description=f"Internal: {description}",
        group_name=GROUP,
        code_version=EXTRACTOR_VERSION,
        kinds={"python"},
    )


@dg.multi_asset(
    outs={
        "figure_candidates": engine_out(
            "every figure the engine extracted, with the report body alongside, before validation."
        ),
        "discovered_actors": engine_out("claimants named in reports that the knowledge files do not hold."),
        "extraction_failures": engine_out(
            "reports the engine failed on (rejected rows, stage 'extract'); they join rejected_figures."
        ),
        "places": table_out(Places, "dataset"),
    },
)
def extract_figures(
    context: dg.AssetExecutionContext,
    report_bodies: pd.DataFrame,
    knowledge: Knowledge,
    settings: BuildSettings,
):
    """Run the pure extraction engine on each report body, and resolve the places its
    figures name against the gazetteer. A report extracted before with the same inputs (body,
    code, knowledge, model) is read from the content cache instead."""
    cache = settings.extraction_cache(knowledge)

    def progress(done: int, total: int) -> None:
        read_back = f", {cache.stats.hits} read back from the cache" if cache is not None else ""
        context.log.info(f"{PROGRESS}extracted {done:,}/{total:,} reports{read_back}")

    candidates, discovered, places, failed = extract_all(
        report_bodies, knowledge.actors(), knowledge.gazetteer, cache=cache, progress=progress
    )
    cached = {}
    if cache is not None:
        cache.prune()
        cached = {"cache_hits": cache.stats.hits, "cache_misses": cache.stats.misses}
        context.log.info(
            f"extraction cache: {cache.stats.hits} reports read back, {cache.stats.misses} extracted"
        )
    for q in failed:
        context.log.warning(f"extraction failed on {q.row_id}: {q.reason}")
    places = Places.validate(places, lazy=True)  # built from curated data: a failure is a bug, so loud
    context.log.info(f"{len(candidates)} figures from {len(report_bodies)} reports")
    yield dg.Output(
        candidates,
        output_name="figure_candidates",
        metadata=frame_metadata(
            candidates.drop(columns=["body"]), extractor_version=EXTRACTOR_VERSION, **cached
        ),
    )
    yield dg.Output(
        discovered, output_name="discovered_actors", metadata={"dagster/row_count": len(discovered)}
    )
    yield dg.Output(failed, output_name="extraction_failures", metadata={"dagster/row_count": len(failed)})
    yield dg.Output(
        places,
        output_name="places",
        metadata=frame_metadata(places, in_gazetteer=int(places["in_gazetteer"].sum())),
    )
