"""The CLI's console logger: progress, one short line per event, tracebacks only at DEBUG.

Dagster's own console logger appends each failure's whole stack trace to its line. A CLI
build that fails ends with one line naming the root cause (``pipeline.cli``), so below DEBUG
this logger drops the events that carry an error and prints the rest as
``level: step: message``, plus one progress line per finished step whatever the level; at
DEBUG it prints every event as Dagster formats it, traceback included."""

from __future__ import annotations

import logging
import sys

import dagster as dg
from dagster._core.log_manager import LOG_RECORD_METADATA_ATTR

DEBUG = "DEBUG"
# An info line that starts with this is progress: shown at every level, like finished steps.
PROGRESS = "progress: "


def _event(record: logging.LogRecord):
    return (getattr(record, LOG_RECORD_METADATA_ATTR, None) or {}).get("dagster_event")


def _carries_error(record: logging.LogRecord) -> bool:
    return getattr(getattr(_event(record), "event_specific_data", None), "error", None) is not None


def _is_progress(record: logging.LogRecord) -> bool:
    return getattr(_event(record), "event_type_value", None) == "STEP_SUCCESS"


def _is_progress_note(record: logging.LogRecord) -> bool:
    meta = getattr(record, LOG_RECORD_METADATA_ATTR, None) or {}
    return str(meta.get("orig_message") or "").startswith(PROGRESS)


class BriefFilter(logging.Filter):
    """Records at the asked level or above, and the finished steps named in ``progress_steps``
    (the asset steps, not each check), never errors' tracebacks."""

    def __init__(self, level: int, progress_steps: frozenset[str]) -> None:
        super().__init__()
        self.level, self.progress_steps = level, progress_steps

    def filter(self, record: logging.LogRecord) -> bool:
        if _carries_error(record):
            return False
        if _is_progress(record):
            return getattr(_event(record), "step_key", None) in self.progress_steps
        return record.levelno >= self.level or _is_progress_note(record)


class BriefFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, LOG_RECORD_METADATA_ATTR, None) or {}
        text = str(meta.get("orig_message") or record.getMessage())
        first = text.splitlines()[0] if text else ""
        step = meta.get("step_key")
        if _is_progress(record):
            return f"  {first}"
        if _is_progress_note(record):
            return f"  {step}: {first.removeprefix(PROGRESS)}"
        return f"{record.levelname.lower()}: " + (f"{step}: " if step else "") + first


@dg.logger(
    config_schema={
        "log_level": dg.Field(str, default_value="WARNING", is_required=False),
        "progress_steps": dg.Field([str], default_value=[], is_required=False),
    },
    description="One line per event on stderr; failures' tracebacks only at DEBUG.",
)
def brief_console_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    level = str(init_context.logger_config["log_level"]).upper()
    logger = logging.Logger("conflict-claims", level=DEBUG)  # the handler chooses
    handler = logging.StreamHandler(sys.stderr)
    if level != DEBUG:
        steps = frozenset(init_context.logger_config["progress_steps"])
        handler.addFilter(BriefFilter(logging.getLevelNamesMapping()[level], steps))
        handler.setFormatter(BriefFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger.addHandler(handler)
    return logger
