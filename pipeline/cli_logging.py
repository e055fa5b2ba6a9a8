"""The CLI's console logger: one short line per Dagster event, tracebacks only at DEBUG.

Dagster's own console logger appends each failure's whole stack trace to its line. A CLI
build that fails ends with one line naming the root cause (``pipeline.cli``), so below DEBUG
this logger drops the events that carry an error and prints the rest as
``level: step: message``; at DEBUG it prints every event as Dagster formats it, traceback
included."""

from __future__ import annotations

import logging
import sys

import dagster as dg
from dagster._core.log_manager import LOG_RECORD_METADATA_ATTR

DEBUG = "DEBUG"


def _carries_error(record: logging.LogRecord) -> bool:
    event = (getattr(record, LOG_RECORD_METADATA_ATTR, None) or {}).get("dagster_event")
    data = getattr(event, "event_specific_data", None)
    return getattr(data, "error", None) is not None


class BriefFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, LOG_RECORD_METADATA_ATTR, None) or {}
        text = str(meta.get("orig_message") or record.getMessage())
        first = text.splitlines()[0] if text else ""
        step = meta.get("step_key")
        return f"{record.levelname.lower()}: " + (f"{step}: " if step else "") + first


@dg.logger(
    config_schema={"log_level": dg.Field(str, default_value="WARNING", is_required=False)},
    description="One line per event on stderr; failures' tracebacks only at DEBUG.",
)
def brief_console_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    level = str(init_context.logger_config["log_level"]).upper()
    logger = logging.Logger("conflict-claims", level=level)
    handler = logging.StreamHandler(sys.stderr)
    if level != DEBUG:
        handler.addFilter(lambda record: not _carries_error(record))
        handler.setFormatter(BriefFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    return logger
