"""Grouping figures into incidents, within and across reports.

Within a report, the figures of one episode (as the engine reads the report: its lede's
event, a background attack, a separate action elsewhere) are one incident, whoever claims
them; running totals belong to no incident. Across reports, the episodes are merged when
everything known about them agrees: the same country, event dates within a day of each
other, places that are the same, nested or close, and kinds of event that can describe one
event. An incident's id comes from its earliest figure (by publication date, report,
position), so adding a later report renumbers nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from pipeline.ids import incident_id
from pipeline.knowledge.actors import fold
from pipeline.knowledge.gazetteer import haversine_km

# Places: how specific a precision is, most specific first.
PRECISION_ORDER = {"town": 0, "district": 1, "province": 2, "country": 3}
NEAR_KM = 40.0  # two towns this close can be one event's places ("Kabul" and its airport district)
DATE_WINDOW = dt.timedelta(days=1)
# Reports published further apart than this are not compared (a follow-up a fortnight later is
# a new report of its own); it keeps the pairwise comparison linear in a long archive.
COMPARE_WINDOW = dt.timedelta(days=14)
PUBLISHED_WINDOW = dt.timedelta(days=2)  # for undated figures: reports this close in time
# Nouns that make an unknown place a locality in its own right (not a site inside a town).
LOCALITY_NOUNS = {"village", "town", "city", "district", "lga", "county", "municipality", "locality"}
# Kinds of event that cannot describe the same event as violence: a round-up, a flight.
NON_VIOLENT = {"arrests", "displacement"}


@dataclass(frozen=True)
class PlaceInfo:
    place_id: str
    name: str
    geo_precision: str | None  # town | district | province | country; None when not in the gazetteer
    country_iso3: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None


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
    place_id: str | None = None
    country_iso3: str | None = None
    report_provinces: frozenset[str] = frozenset()  # provinces the figure's report names
    episode: int | None = None  # the episode of its report the figure is about (the engine's)


@dataclass
class MergeStats:
    """The work of one group_figures call: the within-report groups it joined and the
    same_event calls it made between two of them (the pairs it compared); both add up."""

    comparisons: int = 0
    groups: int = 0


@dataclass
class IncidentDraft:
    incident_id: str
    figures: list[FigureRef] = field(default_factory=list)


@dataclass(frozen=True)
class _Signature:
    """What a within-report group says about its event."""

    reports: frozenset[str]
    scope: str
    country: str | None
    date: dt.date | None
    published: dt.date
    place: PlaceInfo | None
    event_type: str | None
    provinces: frozenset[str]


def _key(f: FigureRef) -> tuple:
    """Within a report, one episode is one incident, whoever claims its figures."""
    return (f.report_id, f.episode)


def _order(f: FigureRef) -> tuple:
    return (f.published_date, f.report_id, f.char_start)


def group_figures(
    figures: list[FigureRef], places: dict[str, PlaceInfo] | None = None, stats: MergeStats | None = None
) -> list[IncidentDraft]:
    """Incidents in a stable order, each with its figures in publication and text order.
    Running totals (scope cumulative) are no episode: they belong to no incident. stats, when
    given, counts the groups and the comparisons between them."""
    places = places or {}
    within: dict[tuple, list[FigureRef]] = {}
    for f in sorted((f for f in figures if f.scope == "incident"), key=_order):
        within.setdefault(_key(f), []).append(f)
    groups = list(within.values())
    sigs = [_signature(g, places) for g in groups]
    # Pairs that match are joined, in publication order, unless the two incidents would then hold
    # placed groups from different reports that contradict each other: a vague report ("the
    # attack", no place) cannot chain two different events together.
    cluster_of = list(range(len(groups)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(groups))}
    compared = 0
    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            if sigs[j].published - sigs[i].published > COMPARE_WINDOW:
                break  # groups are in publication order: later ones are further still
            a, b = cluster_of[i], cluster_of[j]
            if a == b or not sigs[i].reports.isdisjoint(sigs[j].reports):
                continue
            compared += 1
            if not same_event(sigs[i], sigs[j]):
                continue
            if _conflict([sigs[x] for x in members[a]], [sigs[y] for y in members[b]]):
                continue
            for y in members[b]:
                cluster_of[y] = a
            members[a].extend(members.pop(b))
    if stats is not None:
        stats.groups += len(groups)
        stats.comparisons += compared
    drafts = []
    for indices in members.values():
        found = [f for i in indices for f in groups[i]]
        found.sort(key=_order)
        drafts.append(IncidentDraft(incident_id(found[0].figure_id), found))
    return sorted(drafts, key=lambda d: d.incident_id)


def _conflict(left: list[_Signature], right: list[_Signature]) -> bool:
    """Would joining two incidents put contradicting placed groups of different reports together?"""
    return any(
        a.place is not None
        and b.place is not None
        and a.reports.isdisjoint(b.reports)
        and not same_event(a, b)
        for a in left
        for b in right
    )


def _signature(group: list[FigureRef], places: dict[str, PlaceInfo]) -> _Signature:
    dated = [f.event_date for f in group if f.event_date is not None and f.date_precision == "day"]
    country = _majority_country(group)
    known = [places[f.place_id] for f in group if f.place_id and f.place_id in places]
    # a foreign country named beside the event ("strikes on northern Iraq") does not place it
    known = [p for p in known if not (p.geo_precision == "country" and country and p.country_iso3 != country)]
    return _Signature(
        reports=frozenset(f.report_id for f in group),
        scope=group[0].scope,
        country=country,
        date=min(dated) if dated else None,
        published=min(f.published_date for f in group),
        place=min(known, key=_specificity) if known else None,
        event_type=next((f.event_type for f in group if f.event_type), None),
        provinces=frozenset().union(*(f.report_provinces for f in group)),
    )


def _majority_country(figures: list[FigureRef]) -> str | None:
    countries = Counter(f.country_iso3 for f in figures if f.country_iso3)
    return countries.most_common(1)[0][0] if countries else None


def _specificity(p: PlaceInfo) -> int:
    return PRECISION_ORDER.get(p.geo_precision or "town", 0)


def same_event(a: _Signature, b: _Signature) -> bool:
    """Can two groups from different reports describe one event?"""
    if a.scope != "incident" or b.scope != "incident":
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.date and b.date:
        if abs(a.date - b.date) > DATE_WINDOW:
            return False
    elif abs(a.published - b.published) > PUBLISHED_WINDOW:
        return False
    if a.event_type and b.event_type and (a.event_type in NON_VIOLENT) != (b.event_type in NON_VIOLENT):
        return False
    if a.provinces and b.provinces and a.provinces.isdisjoint(b.provinces):
        return False  # the two reports are set in different provinces
    return places_agree(a.place, b.place)


def places_agree(a: PlaceInfo | None, b: PlaceInfo | None) -> bool:
    """The same place, one inside the other, or two towns close together. An unknown
    place agrees with anything in the same country (already checked)."""
    if a is None or b is None or a.place_id == b.place_id:
        return True
    if a.geo_precision is None or b.geo_precision is None:
        # a place the gazetteer does not know (a camp, a building): only its own words can differ
        shared = bool(set(fold(a.name).split()) & set(fold(b.name).split()))
        if a.geo_precision is None and b.geo_precision is None:
            return shared
        unknown, known = (a, b) if a.geo_precision is None else (b, a)
        if known.geo_precision == "town" and set(fold(unknown.name).split()) & LOCALITY_NOUNS:
            return shared  # "Kajuru LGA" is a named locality of its own, not the town "Owo"
        return True
    outer, inner = (a, b) if _specificity(a) >= _specificity(b) else (b, a)
    if outer.geo_precision == "country":
        return outer.country_iso3 == inner.country_iso3
    if outer.geo_precision == inner.geo_precision == "province":
        return False  # two different provinces
    if outer.geo_precision == "province":
        if inner.admin1 is not None:
            return fold(inner.admin1) == fold(outer.admin1 or outer.name)
        return True  # nesting unknown: the dates and country decide
    distance = distance_km(a, b)
    return distance is not None and distance <= NEAR_KM


def distance_km(a: PlaceInfo, b: PlaceInfo) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def incident_row(draft: IncidentDraft, places: dict[str, PlaceInfo] | None = None) -> dict:
    places = places or {}
    figs = draft.figures
    dated = [f for f in figs if f.event_date is not None]
    precision = dated[0].date_precision if dated else None
    etype = next((f.event_type for f in figs if f.event_type), None)
    words = next((f.event_words for f in figs if f.event_type), None)
    known = [(places[f.place_id], f) for f in figs if f.place_id in places]
    place, placed = min(known, key=lambda pf: _specificity(pf[0])) if known else (None, None)
    return {
        "incident_id": draft.incident_id,
        "date_start": min(f.event_date for f in dated) if dated else None,
        "date_end": max(f.event_date for f in dated) if dated else None,
        "date_precision": precision,
        "reported_date": min(f.published_date for f in figs),
        "location_name": placed.location_name if placed else next((f.location_name for f in figs), None),
        "place_id": place.place_id if place else None,
        "country_iso3": _majority_country(figs),
        "event_type": etype or "other_violence",
        "event_type_words": words,
        "description": figs[0].quote,
        "report_ids": sorted({f.report_id for f in figs}),
        "figure_ids": [f.figure_id for f in figs],
        "n_reports": len({f.report_id for f in figs}),
        "n_figures": len(figs),
    }
