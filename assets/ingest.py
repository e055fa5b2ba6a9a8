"""reports: every raw file read, parsed, validated; bodies kept internal."""

import dagster as dg
import pandas as pd

from assets.metadata import frame_metadata, table_out
from pipeline.ingest.inbox import scan_inbox
from pipeline.resources import BuildSettings
from pipeline.tables import inbox_entries_frame, inbox_rejections_frame, report_bodies, reports_frame
from pipeline.validate import rejected_frame, split_valid
from schemas import Rejected, Reports

GROUP = "ingest"


@dg.multi_asset(
    outs={
        "reports": table_out(Reports, GROUP),
        "report_bodies": dg.AssetOut(
            description="Internal: the text of each published report, for extraction. Never published.",
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
def read_reports(context: dg.AssetExecutionContext, settings: BuildSettings):
    """Read every entry of the raw folder under limits: parse the header strictly, hash,
    validate; an entry that fails is a rejected_reports row, and the build goes on."""
    raw = settings.raw_path()
    inbox = scan_inbox(raw, settings.build_day())
    for r in inbox.rejections:
        context.log.warning(f"rejected {r.reason}")
    frame = reports_frame(inbox)
    valid, bad = split_valid(Reports, frame, "report_id")
    source_of = {r.report_id: (r.source_file, r.sha256, r.n_bytes) for r in inbox.reports}
    rejected = _concat(inbox_rejections_frame(inbox), rejected_frame(bad, "schema", source_of))
    bodies = report_bodies(inbox)
    bodies = bodies[bodies["report_id"].isin(valid["report_id"])].reset_index(drop=True)
    yield dg.Output(
        valid,
        output_name="reports",
        metadata=frame_metadata(valid, raw_dir=raw.name, raw_entries=inbox.n_entries),
    )
    yield dg.Output(bodies, output_name="report_bodies", metadata={"dagster/row_count": len(bodies)})
    yield dg.Output(rejected, output_name="rejected_reports", metadata=frame_metadata(rejected))
    entries = inbox_entries_frame(valid, rejected, inbox.metadata_files)
    yield dg.Output(entries, output_name="inbox_entries", metadata={"dagster/row_count": len(entries)})


def _concat(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    frames = [f for f in (a, b) if len(f)]
    if not frames:
        return a
    return pd.concat(frames, ignore_index=True).sort_values(["row_id", "check"], ignore_index=True)
