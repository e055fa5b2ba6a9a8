"""Grouping figures into incidents, within and across reports.

Within a report, the figures of one episode (as the engine reads the report: its lede's
event, a background attack, a separate action elsewhere) are one incident, whoever claims
them; running totals belong to no incident. Across reports, the episodes are merged when
everything known about them agrees: the same country, event dates within a day of each
other, places that are the same, nested or close, and kinds of event that can describe one
event. An incident's id comes from its earliest figure (by publication date, report,
position), so adding a later report renumbers nothing."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pipeline.ids import incident_id
from pipeline.knowledge.actors import fold
from pipeline.knowledge.gazetteer import EARTH_RADIUS_KM, haversine_km

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


def blocked_candidates(sigs: list[_Signature]) -> Callable[[int], Iterable[int]]:
    """For each group i, the later groups it can be one event with: those sharing a block."""
    return _Blocks(sigs).candidates


def group_figures(
    figures: list[FigureRef],
    places: dict[str, PlaceInfo] | None = None,
    stats: MergeStats | None = None,
    candidates: Callable[[list[_Signature]], Callable[[int], Iterable[int]]] = blocked_candidates,
) -> list[IncidentDraft]:
    """Incidents in a stable order, each with its figures in publication and text order.
    Running totals (scope cumulative) are no episode: they belong to no incident. stats, when
    given, counts the groups and the comparisons between them. ``candidates`` proposes the
    pairs to compare (the tests pass every pair in the window, the loop before blocking)."""
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
    # Only pairs that share a block (_Blocks) are compared, and that changes no incident: the loop
    # is the pairwise loop over every j > i within COMPARE_WINDOW (groups are in publication
    # order: a group's date is its first figure's), in the same order (i ascending, then j
    # ascending), with some pairs left out. The state (cluster_of, members) changes only when a
    # pair is joined, and a pair left out is one same_event rejects, which the pairwise loop passed
    # over without a change (same_event is pure). So each pair visited meets the state it met in
    # the pairwise loop and is joined, or not, alike; the incidents are the same.
    later = candidates(sigs)
    compared = 0
    for i in range(len(groups)):
        for j in later(i):
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


class _Blocks:
    """Each group filed under keys, and looked up under probes, such that same_event(a, b) can
    hold only if a probe of a is a key of b. A key is (country, date, place) and matches in each
    part (see _country_keys, _date_keys, _place_keys and their probes), so a pair is compared
    only when it agrees on country, on dates (event dates within DATE_WINDOW, else publication
    within PUBLISHED_WINDOW) and could agree on places; events, provinces and the places
    themselves are still decided by same_event. Unknowns are filed and probed explicitly: a
    group with no country is filed under its own key and probes "any country"; a group with
    no place is filed under "no place" (every group probes it) and probes "any place"."""

    def __init__(self, sigs: list[_Signature]) -> None:
        self.sigs = sigs
        # country key -> date key -> place key -> groups, ascending (so in publication order)
        self.index: dict[tuple, dict[tuple, dict[tuple, list[int]]]] = {}
        self.probes: dict[PlaceInfo | None, list[tuple]] = {}  # by place: places repeat
        keys: dict[PlaceInfo | None, list[tuple]] = {}
        for j, s in enumerate(sigs):
            if s.place not in keys:
                keys[s.place], self.probes[s.place] = _place_keys(s.place), _place_probes(s.place)
            for c in _country_keys(s):
                by_date = self.index.setdefault(c, {})
                for d in _date_keys(s):
                    by_place = by_date.setdefault(d, {})
                    for p in keys[s.place]:
                        by_place.setdefault(p, []).append(j)

    def candidates(self, i: int) -> list[int]:
        """The groups after i within COMPARE_WINDOW of it that share a block with it, ascending."""
        s = self.sigs[i]
        found: set[int] = set()
        for c in _country_probes(s):
            by_date = self.index.get(c)
            if by_date is None:
                continue
            for d in _date_probes(s):
                by_place = by_date.get(d)
                if by_place is None:
                    continue
                for p in self.probes[s.place]:
                    filed = by_place.get(p)
                    if filed is None:
                        continue
                    for pos in range(bisect.bisect_right(filed, i), len(filed)):
                        j = filed[pos]
                        if self.sigs[j].published - s.published > COMPARE_WINDOW:
                            break  # groups are in publication order: later ones are further still
                        found.add(j)
        return sorted(found)


# Country: two known countries must be equal; an unknown one meets any.
def _country_keys(s: _Signature) -> list[tuple]:
    return [("country", s.country or None), ("any",)]


def _country_probes(s: _Signature) -> list[tuple]:
    return [("country", s.country), ("country", None)] if s.country else [("any",)]


# Dates, as day numbers: two event dates within DATE_WINDOW, else publication within PUBLISHED_WINDOW.
def _date_keys(s: _Signature) -> list[tuple]:
    if s.date:
        return [("event", s.date.toordinal()), ("published, dated", s.published.toordinal())]
    return [("published, undated", s.published.toordinal())]


def _date_probes(s: _Signature) -> list[tuple]:
    days, published = DATE_WINDOW // dt.timedelta(days=1), s.published.toordinal()
    near = range(-(PUBLISHED_WINDOW // dt.timedelta(days=1)), PUBLISHED_WINDOW // dt.timedelta(days=1) + 1)
    probes = [("published, undated", published + k) for k in near]
    if s.date:
        return probes + [("event", s.date.toordinal() + k) for k in range(-days, days + 1)]
    return probes + [("published, dated", published + k) for k in near]


# Places, case by case as places_agree decides (a "point" is a town, a district or any other
# precision that is not a province or a country):
#   the same place_id: ("id", place_id);
#   an unknown place and an unknown one share a word: ("unknown word", w);
#   an unknown place and a known one: always, unless the known one is a town and the unknown
#   one's words hold a locality noun, then they share a word: ("town word", w), ("locality word", w);
#   a country and a known place: their countries are equal: ("country place", cc), ("in country", cc);
#   a province and a point: the point's admin1 is None or names the province: ("admin1", ...);
#   two points: at most NEAR_KM apart, found by cube of space (_cells);
#   two different provinces: never.
def _place_keys(p: PlaceInfo | None) -> list[tuple]:
    keys: list[tuple] = [("any place",)]
    if p is None:
        return [*keys, ("no place",)]
    keys.append(("id", p.place_id))
    words = set(fold(p.name).split())
    if p.geo_precision is None:
        keys += [("unknown",)] + [("unknown word", w) for w in words]
        if words & LOCALITY_NOUNS:
            return keys + [("locality word", w) for w in words]
        return [*keys, ("unknown, no locality",)]
    keys += [("known",), ("in country", p.country_iso3)]
    keys += [("town word", w) for w in words] if p.geo_precision == "town" else [("known, not a town",)]
    if p.geo_precision == "country":
        return [*keys, ("country place", p.country_iso3)]
    if p.geo_precision == "province":
        return [*keys, ("province", fold(p.admin1 or p.name)), ("any province",)]
    keys.append(("point admin1", fold(p.admin1)) if p.admin1 is not None else ("point, no admin1",))
    return keys + [("cell", c) for c in _cells(p, probe=False)]


def _place_probes(p: PlaceInfo | None) -> list[tuple]:
    if p is None:
        return [("any place",)]
    probes: list[tuple] = [("no place",), ("id", p.place_id)]
    words = set(fold(p.name).split())
    if p.geo_precision is None:
        probes += [("unknown word", w) for w in words]
        if words & LOCALITY_NOUNS:
            return probes + [("known, not a town",)] + [("town word", w) for w in words]
        return [*probes, ("known",)]
    if p.geo_precision == "town":
        probes += [("unknown, no locality",)] + [("locality word", w) for w in words]
    else:
        probes.append(("unknown",))
    probes.append(("country place", p.country_iso3))  # p inside a country
    if p.geo_precision == "country":
        return [*probes, ("in country", p.country_iso3)]  # any known place inside p
    if p.geo_precision == "province":
        return [*probes, ("point admin1", fold(p.admin1 or p.name)), ("point, no admin1",)]
    probes.append(("province", fold(p.admin1)) if p.admin1 is not None else ("any province",))
    return probes + [("cell", c) for c in _cells(p, probe=True)]


# Points by cube of space: a chord is never longer than its arc (haversine_km's distance), so
# two points NEAR_KM apart differ by at most NEAR_KM in x, y and z, and with cubes CELL_KM wide
# their cubes are neighbours. A probe takes the neighbouring cubes whose nearest corner is
# within NEAR_KM, with a margin for rounding.
CELL_KM = 1.25 * NEAR_KM
CELL_MARGIN_KM = 1.0


def _cells(p: PlaceInfo, probe: bool) -> list[tuple[int, ...]]:
    if p.latitude is None or p.longitude is None:
        return []  # no distance: only the same place_id meets it
    if not (math.isfinite(p.latitude) and math.isfinite(p.longitude)):
        return []
    lat, lon = math.radians(p.latitude), math.radians(p.longitude)
    xyz = (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
    home = [math.floor(EARTH_RADIUS_KM * v / CELL_KM) for v in xyz]
    if not probe:
        return [tuple(home)]
    reach = NEAR_KM + CELL_MARGIN_KM
    # each axis: its own cube, and a neighbour if the point is within reach of that face
    steps = []
    for k, v in zip(home, xyz, strict=True):
        below, above = EARTH_RADIUS_KM * v - k * CELL_KM, (k + 1) * CELL_KM - EARTH_RADIUS_KM * v
        steps.append(
            [(k, 0.0)] + [(k - 1, below**2)] * (below <= reach) + [(k + 1, above**2)] * (above <= reach)
        )
    return [
        (x, y, z)
        for (x, gx), (y, gy), (z, gz) in itertools.product(*steps)
        if gx + gy + gz <= reach**2  # the cube's nearest point is within reach
    ]


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
