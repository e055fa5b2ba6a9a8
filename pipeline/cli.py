"""conflict-claims build: materialize every asset with Dagster, from a raw folder to a release."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import dagster as dg

from pipeline.build_fingerprint import build_fingerprint
from pipeline.cli_logging import brief_console_logger
from pipeline.month_build import month_context, month_ranges, plan_months, record_months, store_lock
from pipeline.publish.release import keep_unchanged_release
from pipeline.resources import ENV_KIND_CV, BuildSettings, Knowledge, kind_cv


@contextmanager
def kind_cv_mode(on: bool | None):
    """Set $CONFLICT_CLAIMS_KIND_CV for one build (None: leave it as it is)."""
    if on is None:
        yield
        return
    before = os.environ.get(ENV_KIND_CV)
    os.environ[ENV_KIND_CV] = "1" if on else "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ[ENV_KIND_CV]
        else:
            os.environ[ENV_KIND_CV] = before


def build(
    raw: str,
    out: str,
    build_date: str = "",
    instance: dg.DagsterInstance | None = None,
    log_level: str = "WARNING",
    kind_cv: bool | None = None,
) -> dict:
    """One Dagster run over all assets and checks; returns the release manifest. ``kind_cv``:
    refine counted kinds with each report's out-of-fold model (None: as $CONFLICT_CLAIMS_KIND_CV)."""
    with kind_cv_mode(kind_cv):
        return _build(raw, out, build_date, instance, log_level)


def _build(raw: str, out: str, build_date: str, instance: dg.DagsterInstance | None, log_level: str) -> dict:
    from assets import MONTH_ASSETS
    from assets.partitions import PUBLICATION_MONTHS
    from pipeline.definitions import defs, resources

    # a new resource, not a model_copy: Dagster re-creates resources from their constructor's fields
    settings = BuildSettings(
        **{**BuildSettings.from_env().model_dump(), "raw_dir": raw, "out_dir": out, "build_date": build_date}
    )
    knowledge = Knowledge()
    depends_on = build_fingerprint(
        settings.raw_path(), settings.build_day(), knowledge.fingerprint(), kind_cv()
    )
    if (kept := keep_unchanged_release(settings.out_path(), depends_on)) is not None:
        return kept  # nothing the release depends on changed: no run
    if instance is None:
        # Each CLI build has its own in-memory instance: builds at once never share run storage
        # (a shared SQLite home races on its first migration), and the UI's run history shows
        # only the UI's runs. A CLI build's record is its release's manifest.
        instance = dg.DagsterInstance.ephemeral()
    store = settings.partition_store()
    month_keys = [k.path[-1] for a in MONTH_ASSETS for k in a.keys]
    with store_lock(store.root()):
        plan = plan_months(
            settings,
            store.root(),
            month_context(settings, knowledge),
            month_keys,
        )
        stale = set(instance.get_dynamic_partitions(PUBLICATION_MONTHS.name)) - set(plan.months)
        for month in sorted(stale):
            instance.delete_dynamic_partition(PUBLICATION_MONTHS.name, month)
        instance.add_dynamic_partitions(PUBLICATION_MONTHS.name, plan.months)
        # Tables between the cross-report steps live in this process's memory (mem_io_manager),
        # never in the shared instance storage; month partitions are Parquet in this raw
        # folder's store, which the lock keeps to one build at a time.
        month_steps = sorted({a.node_def.name for a in MONTH_ASSETS})
        other_steps = sorted({a.node_def.name for a in defs.assets} - set(month_steps))
        cli_defs = dg.Definitions(
            assets=defs.assets,
            asset_checks=defs.asset_checks,
            jobs=[
                dg.define_asset_job(
                    "cli_months",
                    selection=dg.AssetSelection.assets(*MONTH_ASSETS),
                ),
                dg.define_asset_job(
                    "cli_build", selection=dg.AssetSelection.all() - dg.AssetSelection.assets(*MONTH_ASSETS)
                ),
            ],
            resources={**resources(settings, knowledge), "io_manager": dg.mem_io_manager},
            loggers={"console": brief_console_logger},
        )
        tags = {"source": "cli", "kind_model": "out-of-fold" if kind_cv() else "full"}
        print(
            f"progress: {len(plan.todo)} of {len(plan.months)} month partitions to materialize",
            file=sys.stderr,
        )
        for first, last in month_ranges(plan.months, plan.todo):  # one run per run of adjacent months
            span = plan.months[plan.months.index(first) : plan.months.index(last) + 1]
            for month in span:
                print(f"progress: month {month} ({plan.entries[month]:,} entries)", file=sys.stderr)
            cli_defs.resolve_job_def("cli_months").execute_in_process(
                instance=instance,
                raise_on_error=True,
                run_config=_console(log_level, month_steps),
                tags={
                    **tags,
                    "dagster/asset_partition_range_start": first,
                    "dagster/asset_partition_range_end": last,
                },
            )
            record_months(store.root(), {m: plan.digests[m] for m in span}, plan.months)
        result = cli_defs.resolve_job_def("cli_build").execute_in_process(
            instance=instance, raise_on_error=True, run_config=_console(log_level, other_steps), tags=tags
        )
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    if failed:
        names = ", ".join(f"{e.asset_key.to_user_string()}.{e.check_name}" for e in failed)
        raise SystemExit(f"checks failed: {names}")
    return json.loads((own_release(result) / "manifest.json").read_text())


def _console(log_level: str, steps: list[str]) -> dict:
    """One progress line per finished asset step (not per check)."""
    return {"loggers": {"console": {"config": {"log_level": log_level, "progress_steps": steps}}}}


def own_release(result: dg.ExecuteInProcessResult) -> Path:
    """The release folder this run wrote or kept, from its own materialization, not ``latest``
    (which a build running at the same time may have switched since)."""
    (event,) = result.asset_materializations_for_node("release")
    return Path(str(event.metadata["path"].value))


def root_cause(exc: BaseException) -> str:
    """The innermost error a Dagster failure wraps, as 'Type: message' on one line."""
    seen = exc
    while True:
        inner = getattr(seen, "user_exception", None) or seen.__cause__
        if inner is None or inner is seen:
            break
        seen = inner
    text = " ".join(str(seen).split())
    return f"{type(seen).__name__}: {text}" if text else type(seen).__name__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="conflict-claims", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the dataset from a raw folder into an output folder")
    b.add_argument("--raw", default=os.environ.get("CONFLICT_CLAIMS_RAW", "raw"))
    b.add_argument("--out", default=os.environ.get("CONFLICT_CLAIMS_OUT", "output"))
    b.add_argument(
        "--build-date",
        default=os.environ.get("CONFLICT_CLAIMS_BUILD_DATE", ""),
        help="YYYY-MM-DD; reports dated later are rejected (default: today, UTC)",
    )
    b.add_argument(
        "--log-level", default="WARNING", help="Dagster console log level (DEBUG shows every event)"
    )
    b.add_argument(
        "--kind-cv",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="refine each report's counted kinds with the kind model trained without its fold, so "
        "scores on the model's training splits are cross-validated (make eval); default: "
        f"${ENV_KIND_CV}, else off (the full model)",
    )
    args = parser.parse_args(argv)
    if args.command == "build":
        cv = kind_cv() if args.kind_cv is None else args.kind_cv
        started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        print(
            f"building {args.raw} into {args.out} (one Dagster run; each finished step is listed)",
            file=sys.stderr,
        )
        try:
            manifest = build(args.raw, args.out, args.build_date, log_level=args.log_level, kind_cv=cv)
        except Exception as exc:  # one line with the cause; the traceback only when asked for
            if args.log_level.upper() == "DEBUG":
                raise
            print(
                f"conflict-claims: build failed: {root_cause(exc)} (--log-level DEBUG shows the traceback)",
                file=sys.stderr,
            )
            return 1
        acc = manifest["accounting"]
        print(f"release {manifest['version']} in {Path(args.out) / 'releases' / manifest['version']}")
        if manifest["built_at"] < started:  # the release this run kept was built before it
            print("  unchanged: an existing release already held exactly this content")
        print("  " + ", ".join(f"{k}={v}" for k, v in acc.items()))
        if cv:
            print("  counted kinds: out-of-fold models (CV mode)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
