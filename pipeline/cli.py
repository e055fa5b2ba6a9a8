"""conflict-claims build: materialize every asset with Dagster, from a raw folder to a release."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import dagster as dg

from pipeline.resources import BuildSettings, Knowledge


def build(
    raw: str,
    out: str,
    build_date: str = "",
    instance: dg.DagsterInstance | None = None,
    log_level: str = "WARNING",
) -> dict:
    """One Dagster run over all assets and checks; returns the release manifest."""
    from pipeline.definitions import defs, resources

    settings = BuildSettings(raw_dir=raw, out_dir=out, build_date=build_date)
    if instance is None:
        instance = (
            dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
        )
    result = dg.materialize(
        [*defs.assets, *defs.asset_checks],
        instance=instance,
        resources=resources(settings, Knowledge()),
        raise_on_error=True,
        run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
        tags={"source": "cli"},
    )
    failed = [e for e in result.get_asset_check_evaluations() if not e.passed]
    if failed:
        names = ", ".join(f"{e.asset_key.to_user_string()}.{e.check_name}" for e in failed)
        raise SystemExit(f"checks failed: {names}")
    latest = Path(out) / "latest" / "manifest.json"
    return json.loads(latest.read_text())


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
    args = parser.parse_args(argv)
    if args.command == "build":
        manifest = build(args.raw, args.out, args.build_date, log_level=args.log_level)
        acc = manifest["accounting"]
        print(f"release {manifest['version']} in {Path(args.out) / 'releases' / manifest['version']}")
        print("  " + ", ".join(f"{k}={v}" for k, v in acc.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
