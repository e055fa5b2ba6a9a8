"""figure_candidates: the extraction engine run over each month's report bodies, then gathered."""

import dagster as dg
import pandas as pd

from assets.metadata import frame_metadata, table_out
from assets.partitions import MONTH_RUNS, PUBLICATION_MONTHS, month_out
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
from pipeline.tables import assemble, extract_by_group
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
    backfill_policy=MONTH_RUNS,
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
    """Run the pure extraction engine on the report bodies of the run's months (all at once,
    one pool), and resolve the places their figures name against the gazetteer. A report
    extracted before with the same inputs (body, code, knowledge, model) is read from the
    content cache instead."""
    months = context.partition_keys
    cache = settings.extraction_cache(knowledge)
    span = months[0] if len(months) == 1 else f"{months[0]}..{months[-1]} ({len(months)} months)"

    def progress(done: int, total: int) -> None:
        read_back = f", {cache.stats.hits} read back from the cache" if cache is not None else ""
        context.log.info(f"{PROGRESS}{span}: extracted {done:,}/{total:,} reports{read_back}")

    bodies = month_report_bodies
    of_month = [d.strftime("%Y-%m") for d in bodies["published_date"]]
    by_month = extract_by_group(
        bodies, of_month, knowledge.actors(), knowledge.gazetteer, cache=cache, progress=progress
    )
    none = assemble([], [])
    out = {name: {} for name in ("candidates", "discovered", "failed", "places")}
    for month in months:
        ex = by_month.get(month, none)
        out["candidates"][month] = ex.candidates
        out["discovered"][month] = discovered_frame(ex.discovered)
        out["failed"][month] = failures_frame(ex.failed)
        out["places"][month] = ex.places
        for q in ex.failed:
            context.log.warning(f"extraction failed on {q.row_id}: {q.reason}")
    cached = {}
    if cache is not None:
        cached = {"cache_hits": cache.stats.hits, "cache_misses": cache.stats.misses}
        context.log.info(
            f"{span}: extraction cache: {cache.stats.hits} reports read back, {cache.stats.misses} extracted"
        )
    figures = sum(len(f) for f in out["candidates"].values())
    context.log.info(f"{span}: {figures} figures from {len(bodies)} reports")
    yield dg.Output(
        out["candidates"],
        output_name="month_figure_candidates",
        metadata={"dagster/row_count": figures, "extractor_version": EXTRACTOR_VERSION, **cached},
    )
    yield dg.Output(out["discovered"], output_name="month_discovered_actors")
    yield dg.Output(out["failed"], output_name="month_extraction_failures")
    yield dg.Output(out["places"], output_name="month_places")


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
