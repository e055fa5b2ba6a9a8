"""The publication-month partitions of report-level assets (pipeline/ingest/partitions.py says
why months): dynamic, so only months that hold reports exist; the inbox sensor and
``conflict-claims build`` add the months the raw folder holds and remove those it no longer
does. Entries with no readable date are in the month ``undated``."""

import dagster as dg

PUBLICATION_MONTHS = dg.DynamicPartitionsDefinition(name="publication_month")
# A run may cover a range of months (a CLI build of many months, a UI backfill): one step reads
# and extracts them all, so one pool of workers serves every month however few reports each has.
MONTH_RUNS = dg.BackfillPolicy.single_run()
PARTITION_STORE = "partition_store"  # the resource key of the month partitions' IO manager
MONTH_GROUP = "by_month"


def month_out(description: str, code_version: str | None = None) -> dg.AssetOut:
    """One month's internal table, a Parquet file in the partition store."""
    return dg.AssetOut(
        description=f"Internal, one partition per publication month: {description}",
        group_name=MONTH_GROUP,
        code_version=code_version,
        io_manager_key=PARTITION_STORE,
        kinds={"parquet"},
    )
