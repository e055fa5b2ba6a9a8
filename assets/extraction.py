"""figure_candidates: the extraction engine run over each month's report bodies, then gathered."""

import dagster as dg
import pandas as pd

from assets.metadata import frame_metadata, table_out
from assets.partitions import PUBLICATION_MONTHS, month_out
from pipeline.cli_logging import PROGRESS
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.month_tables import (
    discovered_frame,
    discovered_list,
    failures_frame,
    failures_list,
    in_archive_order,
)
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


def month_engine_out(description: str) -> dg.AssetOut:
    """One month's internal output of the engine, versioned with it."""
    return month_out(description, code_version=EXTRACTOR_VERSION)


@dg.multi_asset(
    partitions_def=PUBLICATION_MONTHS,
    outs={
        "month_figure_candidates": month_engine_out(
            "every figure the engine extracted from the month's reports, with the body, before validation."
        ),
        "month_discovered_actors": month_engine_out(
            "claimants the month's reports name that no knowledge file holds."
        ),
        "month_extraction_failures": month_engine_out("the month's reports the engine failed on."),
        "month_places": month_engine_out("the places the month's figures name, resolved."),
    },
)
def extract_month(
    context: dg.AssetExecutionContext,
    month_report_bodies: pd.DataFrame,
    knowledge: Knowledge,
    settings: BuildSettings,
):
    """Run the pure extraction engine on each of the month's report bodies, and resolve the
    places its figures name against the gazetteer. A report extracted before with the same
    inputs (body, code, knowledge, model) is read from the content cache instead."""
    month = context.partition_key
    cache = settings.extraction_cache(knowledge)

    def progress(done: int, total: int) -> None:
        read_back = f", {cache.stats.hits} read back from the cache" if cache is not None else ""
        context.log.info(f"{PROGRESS}{month}: extracted {done:,}/{total:,} reports{read_back}")

    candidates, discovered, places, failed = extract_all(
        month_report_bodies, knowledge.actors(), knowledge.gazetteer, cache=cache, progress=progress
    )
    cached = {}
    if cache is not None:
        cached = {"cache_hits": cache.stats.hits, "cache_misses": cache.stats.misses}
        context.log.info(
            f"{month}: extraction cache: {cache.stats.hits} reports read back, {cache.stats.misses} extracted"
        )
    for q in failed:
        context.log.warning(f"extraction failed on {q.row_id}: {q.reason}")
    context.log.info(f"{month}: {len(candidates)} figures from {len(month_report_bodies)} reports")
    yield dg.Output(
        candidates,
        output_name="month_figure_candidates",
        metadata={"dagster/row_count": len(candidates), "extractor_version": EXTRACTOR_VERSION, **cached},
    )
    yield dg.Output(discovered_frame(discovered), output_name="month_discovered_actors")
    yield dg.Output(failures_frame(failed), output_name="month_extraction_failures")
    yield dg.Output(places, output_name="month_places")


@dg.multi_asset(
    ins={
        "month_figure_candidates": dg.AssetIn(),
        "month_discovered_actors": dg.AssetIn(),
        "month_extraction_failures": dg.AssetIn(),
        "month_places": dg.AssetIn(),
    },
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
    settings: BuildSettings,
    knowledge: Knowledge,
    month_figure_candidates: pd.DataFrame,
    month_discovered_actors: pd.DataFrame,
    month_extraction_failures: pd.DataFrame,
    month_places: pd.DataFrame,
):
    """Every month's extraction as the archive's tables (read from the partition store with
    DuckDB): candidates in report order, each discovered actor and place once."""
    candidates = in_archive_order("figure_candidates", month_figure_candidates)
    places = Places.validate(in_archive_order("places", month_places), lazy=True)  # curated data: loud
    if (cache := settings.extraction_cache(knowledge)) is not None:
        cache.prune()  # entries of other code versions: every month is now of this one
    failed = failures_list(month_extraction_failures)
    context.log.info(f"{len(candidates)} figures, {len(failed)} reports the engine failed on")
    yield dg.Output(
        candidates,
        output_name="figure_candidates",
        metadata=frame_metadata(candidates.drop(columns=["body"]), extractor_version=EXTRACTOR_VERSION),
    )
    discovered = discovered_list(month_discovered_actors)
    yield dg.Output(
        discovered, output_name="discovered_actors", metadata={"dagster/row_count": len(discovered)}
    )
    yield dg.Output(failed, output_name="extraction_failures", metadata={"dagster/row_count": len(failed)})
    yield dg.Output(
        places,
        output_name="places",
        metadata=frame_metadata(places, in_gazetteer=int(places["in_gazetteer"].sum())),
    )
