"""Plain functions that turn inbox and engine output into table frames (pandas), in a
stable row order. The Dagster assets call these; nothing here knows about Dagster."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

import pandas as pd

from pipeline.extract.engine import DiscoveredActor, ExtractedFigure, extract_figures
from pipeline.ids import figure_id
from pipeline.incidents import FigureRef, group_figures, incident_row
from pipeline.ingest.inbox import Inbox
from pipeline.knowledge.actors import ActorDictionary
from pipeline.validate import rejected_frame
from schemas import Actors, Figures, Incidents, Reports

INTERNAL_FIGURE_COLUMNS = ("body", "published_date", "sentence_start", "event_type", "event_words")


def columns_of(model) -> list[str]:
    return list(model.to_schema().columns)


def reports_frame(inbox: Inbox) -> pd.DataFrame:
    rows = [
        {
            "report_id": r.report_id,
            "source_file": r.source_file,
            "published_date": r.parsed.published_date,
            "sha256": r.sha256,
            "n_chars": len(r.parsed.body),
            "title": r.title,
            "publisher": r.publisher,
            "url": r.url,
        }
        for r in inbox.reports
    ]
    df = pd.DataFrame.from_records(rows, columns=columns_of(Reports))
    return df.astype({"n_chars": "Int64"}).sort_values("report_id", ignore_index=True)


def report_bodies(inbox: Inbox) -> pd.DataFrame:
    """Internal: report_id, published_date, body (never published)."""
    rows = [
        {"report_id": r.report_id, "published_date": r.parsed.published_date, "body": r.parsed.body}
        for r in inbox.reports
    ]
    return pd.DataFrame.from_records(rows, columns=["report_id", "published_date", "body"]).sort_values(
        "report_id", ignore_index=True
    )


def inbox_rejections_frame(inbox: Inbox) -> pd.DataFrame:
    rows = [
        {
            "row_id": r.source_file,
            "source_file": r.source_file,
            "sha256": r.sha256,
            "n_bytes": r.n_bytes,
            "stage": "parse",
            "check": r.check,
            "reason": r.reason,
            "record": "{}",
        }
        for r in inbox.rejections
    ]
    if not rows:
        return rejected_frame([], "parse")
    return pd.DataFrame.from_records(rows).astype({"n_bytes": "Int64"})


def extract_all(bodies: pd.DataFrame, book: ActorDictionary) -> tuple[pd.DataFrame, list[DiscoveredActor]]:
    """Run the engine over every report: candidate figures (with internal columns) and
    the actors the text introduced."""
    records: list[dict] = []
    discovered: dict[str, DiscoveredActor] = {}
    for report_id, published, body in bodies[["report_id", "published_date", "body"]].itertuples(index=False):
        result = extract_figures(body, published, book)
        for d in result.discovered:
            discovered.setdefault(d.actor_id, d)
        records.extend(_figure_record(report_id, published, body, f) for f in result.figures)
    cols = [*columns_of(Figures), *INTERNAL_FIGURE_COLUMNS]
    df = pd.DataFrame.from_records(records, columns=cols)
    df = df.astype({"value_low": "Int64", "value_high": "Int64", "char_start": "Int64", "char_end": "Int64"})
    return df.sort_values(["report_id", "char_start", "figure_id"], ignore_index=True), sorted(
        discovered.values(), key=lambda a: a.actor_id
    )


def _figure_record(report_id: str, published: dt.date, body: str, f: ExtractedFigure) -> dict:
    rec = dataclasses.asdict(f)
    rec["claimant_actor_ids"] = list(f.claimant_actor_ids)
    rec.update(
        figure_id=figure_id(report_id, f.char_start, f.char_end, f.category),
        report_id=report_id,
        incident_id=None,
        body=body,
        published_date=published,
    )
    return rec


def assign_incidents(figures: pd.DataFrame, book: ActorDictionary) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group figures into incidents: (figures with incident_id, incidents frame)."""
    refs = [
        FigureRef(
            r.figure_id,
            r.report_id,
            r.published_date,
            int(r.char_start),
            r.scope,
            r.event_date,
            r.date_precision,
            r.location_name,
            r.event_type,
            r.event_words,
            r.quote,
        )
        for r in figures.itertuples(index=False)
    ]
    drafts = group_figures(refs)
    of_figure = {f.figure_id: d.incident_id for d in drafts for f in d.figures}
    out = figures.copy()
    out["incident_id"] = out["figure_id"].map(of_figure)
    rows = [incident_row(d, book) for d in drafts]
    incidents = pd.DataFrame.from_records(rows, columns=columns_of(Incidents))
    incidents = incidents.astype({"n_reports": "Int64", "n_figures": "Int64"})
    return out, incidents


def actors_frame(book: ActorDictionary, discovered: Iterable[DiscoveredActor]) -> pd.DataFrame:
    rows = [
        {
            "actor_id": a.actor_id,
            "name": a.name,
            "aliases": list(a.aliases),
            "kind": a.kind,
            "country_iso3": a.country_iso3,
            "parent_actor_id": a.parent_actor_id,
            "curated": True,
            "note": a.note,
        }
        for a in book.actors.values()
    ]
    rows += [
        {
            "actor_id": d.actor_id,
            "name": d.name,
            "aliases": [],
            "kind": d.kind,
            "country_iso3": None,
            "parent_actor_id": None,
            "curated": False,
            "note": "named in a report; not in the knowledge files",
        }
        for d in discovered
        if d.actor_id not in book.actors
    ]
    df = pd.DataFrame.from_records(rows, columns=columns_of(Actors))
    return df.sort_values("actor_id", ignore_index=True)
