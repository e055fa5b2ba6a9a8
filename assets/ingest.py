"""reports: every raw file read, parsed, validated, one publication month at a time; bodies
kept internal. The months are gathered into the archive's tables with DuckDB."""

import dagster as dg
import pandas as pd

from assets.metadata import frame_metadata, table_out
from assets.partitions import MONTH_RUNS, PUBLICATION_MONTHS, month_out
from pipeline.ingest.inbox import scan_inbox
from pipeline.month_tables import in_archive_order
from pipeline.resources import BuildSettings
from pipeline.tables import inbox_entries_frame, inbox_rejections_frame, report_bodies, reports_frame
from pipeline.validate import rejected_frame, split_valid
from schemas import Rejected, Reports

GROUP = "ingest"


MONTH_OUTPUTS = ("month_reports", "month_report_bodies", "month_rejected_reports", "month_inbox_entries")


@dg.multi_asset(
    partitions_def=PUBLICATION_MONTHS,
    backfill_policy=MONTH_RUNS,
    outs={
        "month_reports": month_out("the month's published reports (rows of reports)."),
        "month_report_bodies": month_out("the text of each of the month's reports, for extraction."),
        "month_rejected_reports": month_out("the month's entries that failed, with why."),
        "month_inbox_entries": month_out("every entry of the month and its fate."),
    },
)
def read_month(context: dg.AssetExecutionContext, settings: BuildSettings):
    """Read the raw folder's entries of each publication month of the run under limits: parse
    the header strictly, hash, validate; an entry that fails is a rejected row, and the build
    goes on."""
    raw = settings.raw_path()
    partitions = settings.entry_partitions()
    out: dict[str, dict[str, pd.DataFrame]] = {name: {} for name in MONTH_OUTPUTS}
    for month in context.partition_keys:
        names = sorted(n for n, m in partitions.items() if m == month)
        inbox = scan_inbox(raw, settings.build_day(), names)
        for r in inbox.rejections:
            context.log.warning(f"rejected {r.reason}")
        valid, bad = split_valid(Reports, reports_frame(inbox), "report_id")
        source_of = {r.report_id: (r.source_file, r.sha256, r.n_bytes) for r in inbox.reports}
        rejected = _concat(inbox_rejections_frame(inbox), rejected_frame(bad, "schema", source_of))
        bodies = report_bodies(inbox)
        out["month_reports"][month] = valid
        out["month_report_bodies"][month] = bodies[bodies["report_id"].isin(valid["report_id"])].reset_index(
            drop=True
        )
        out["month_rejected_reports"][month] = rejected
        out["month_inbox_entries"][month] = inbox_entries_frame(valid, rejected, inbox.metadata_files)
        context.log.info(f"{month}: {len(names)} entries, {len(valid)} reports, {len(rejected)} rejected")
    for name in MONTH_OUTPUTS:  # in dependency order: none depends on another
        rows = sum(len(f) for f in out[name].values())
        yield dg.Output(out[name], output_name=name, metadata={"dagster/row_count": rows})


@dg.multi_asset(
    ins={
        "month_reports": dg.AssetIn(),
        "month_report_bodies": dg.AssetIn(),
        "month_rejected_reports": dg.AssetIn(),
        "month_inbox_entries": dg.AssetIn(),
    },
    outs={
        "reports": table_out(Reports, GROUP),
        "report_bodies": dg.AssetOut(
            description="Internal: the text of each published report. Never published.",
            group_name=GROUP,
            kinds={"pandas"},
        ),
        "rejected_reports": table_out(Rejected, GROUP, "Raw files and report rows that failed, with why."),
        "inbox_entries": dg.AssetOut(
            description="Internal: every entry of the raw folder and its fate (published, rejected "
            "or metadata), for the manifest's inputs and the accounting check.",
            group_name=GROUP,
            kinds={"pandas"},
        ),
    },
)
def read_reports(
    settings: BuildSettings,
    month_reports: pd.DataFrame,
    month_report_bodies: pd.DataFrame,
    month_rejected_reports: pd.DataFrame,
    month_inbox_entries: pd.DataFrame,
):
    """Every month's reports, bodies, rejections and entries as the archive's tables (read from
    the partition store with DuckDB), in report and file order."""
    reports = in_archive_order("reports", month_reports)
    entries = in_archive_order("inbox_entries", month_inbox_entries)
    rejected = in_archive_order("rejected_reports", month_rejected_reports)
    yield dg.Output(
        reports,
        output_name="reports",
        metadata=frame_metadata(reports, raw_dir=settings.raw_path().name, raw_entries=len(entries)),
    )
    bodies = in_archive_order("report_bodies", month_report_bodies)
    yield dg.Output(bodies, output_name="report_bodies", metadata={"dagster/row_count": len(bodies)})
    yield dg.Output(rejected, output_name="rejected_reports", metadata=frame_metadata(rejected))
    yield dg.Output(entries, output_name="inbox_entries", metadata={"dagster/row_count": len(entries)})


def _concat(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    frames = [f for f in (a, b) if len(f)]
    if not frames:
        return a
    return pd.concat(frames, ignore_index=True).sort_values(["row_id", "check"], ignore_index=True)
