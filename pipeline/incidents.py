"""Grouping figures into incidents. A first, within-report grouping: figures of one report
that share scope, event date, place and kind of event are one incident."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipeline.ids import incident_id
from pipeline.knowledge.actors import ActorDictionary, fold


@dataclass(frozen=True)
class FigureRef:
    figure_id: str
    report_id: str
    published_date: dt.date
    char_start: int
    scope: str
    event_date: dt.date | None
    date_precision: str | None
    location_name: str | None
    event_type: str | None
    event_words: str | None
    quote: str


@dataclass
class IncidentDraft:
    incident_id: str
    figures: list[FigureRef] = field(default_factory=list)


def _key(f: FigureRef) -> tuple:
    loc = fold(f.location_name) if f.location_name else None
    return (f.report_id, f.scope, f.event_date, f.date_precision, loc, f.event_type)


def group_figures(figures: list[FigureRef]) -> list[IncidentDraft]:
    """Incidents in a stable order, each with its figures in text order."""
    clusters: dict[tuple, list[FigureRef]] = {}
    for f in sorted(figures, key=lambda f: (f.published_date, f.report_id, f.char_start)):
        clusters.setdefault(_key(f), []).append(f)
    drafts = [IncidentDraft(incident_id(members[0].figure_id), members) for members in clusters.values()]
    return sorted(drafts, key=lambda d: d.incident_id)


def incident_row(draft: IncidentDraft, book: ActorDictionary) -> dict:
    figs = draft.figures
    dated = [f for f in figs if f.event_date is not None]
    precision = dated[0].date_precision if dated else None
    first = figs[0]
    etype = next((f.event_type for f in figs if f.event_type), None)
    words = next((f.event_words for f in figs if f.event_type), None)
    country = None
    if first.location_name:
        for m in book.find_mentions(first.location_name.replace("'s", "").split()):
            if m.country:
                country = m.country
    return {
        "incident_id": draft.incident_id,
        "date_start": min(f.event_date for f in dated) if dated else None,
        "date_end": max(f.event_date for f in dated) if dated else None,
        "date_precision": precision,
        "reported_date": min(f.published_date for f in figs),
        "location_name": first.location_name,
        "country_iso3": country,
        "event_type": etype or "other_violence",
        "event_type_words": words,
        "description": first.quote,
        "report_ids": sorted({f.report_id for f in figs}),
        "figure_ids": [f.figure_id for f in figs],
        "n_reports": len({f.report_id for f in figs}),
        "n_figures": len(figs),
    }
