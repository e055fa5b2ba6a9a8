"""release: the validated tables written once into an immutable, versioned folder."""

import datetime as dt

import dagster as dg
import pandas as pd

from pipeline.build_fingerprint import build_fingerprint
from pipeline.publish.manifest import manifest_fields
from pipeline.publish.release import write_release
from pipeline.resources import BuildSettings, Knowledge, kind_cv
from schemas import TABLES, Rejected


@dg.asset(
    group_name="publish",
    kinds={"parquet", "duckdb"},
    check_specs=[
        dg.AssetCheckSpec(
            "release_matches_manifest",
            asset="release",
            blocking=True,
            description="The release this run wrote (or kept) matches its manifest: every file's "
            "sha256, and, for a new release, each DuckDB table's rows against its Parquet file "
            "(checked in staging, before the release is switched in).",
        )
    ],
)
def release(
    context: dg.AssetExecutionContext,
    settings: BuildSettings,
    knowledge: Knowledge,
    reports: pd.DataFrame,
    actors: pd.DataFrame,
    places: pd.DataFrame,
    incidents: pd.DataFrame,
    events: pd.DataFrame,
    incident_estimates: pd.DataFrame,
    incident_totals: pd.DataFrame,
    figures: pd.DataFrame,
    figure_candidates: pd.DataFrame,
    rejected_reports: pd.DataFrame,
    rejected_actors: pd.DataFrame,
    rejected_figures: pd.DataFrame,
    rejected_incidents: pd.DataFrame,
    inbox_entries: pd.DataFrame,
) -> dg.MaterializeResult:
    """Write every published table (schemas.TABLES) and the rejected_* tables as Parquet (zstd)
    and DuckDB, with manifest.json and datapackage.json, into output/releases/<version>;
    point output/latest at it. Unchanged content makes no new version."""
    frames = {
        "reports": reports,
        "actors": actors,
        "places": places,
        "incidents": incidents,
        "events": events,
        "incident_estimates": incident_estimates,
        "incident_totals": incident_totals,
        "figures": figures,
    }
    tables = {name: (frames[name], model) for name, model in TABLES.items()}
    for name, df in (
        ("rejected_reports", rejected_reports),
        ("rejected_actors", rejected_actors),
        ("rejected_figures", rejected_figures),
        ("rejected_incidents", rejected_incidents),
    ):
        tables[name] = (df, Rejected)
    fields = manifest_fields(
        inbox_entries,
        len(figure_candidates),
        len(figures),
        len(rejected_figures),
        knowledge.actors().fingerprint,
        settings.raw_path().name,
        build_fingerprint(settings.raw_path(), settings.build_day(), knowledge.fingerprint(), kind_cv()),
    )
    result = write_release(
        settings.out_path(),
        tables,
        fields,
        dt.datetime.now(dt.UTC),
    )
    context.log.info(("created " if result.created else "unchanged, kept ") + str(result.path))
    return dg.MaterializeResult(
        metadata={
            "version": result.version,
            "path": dg.MetadataValue.path(str(result.path)),
            "created": result.created,
            "content_fingerprint": result.fingerprint,
            **{f"rows/{name}": len(df) for name, (df, _) in tables.items()},
        },
        check_results=[
            dg.AssetCheckResult(
                check_name="release_matches_manifest",
                passed=not result.problems,
                metadata={"version": result.version, "problems": "; ".join(result.problems) or "none"},
            )
        ],
    )
