"""Plain functions that turn inbox and engine output into table frames (pandas), in a
stable row order. The Dagster assets call these; nothing here knows about Dagster."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import multiprocessing
import os
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from pipeline.extract.engine import DiscoveredActor, ExtractedFigure, extract_figures
from pipeline.extract.parse import parse
from pipeline.extract_cache import ExtractionCache
from pipeline.ids import figure_id
from pipeline.incidents import FigureRef, MergeStats, PlaceInfo, group_figures, incident_row
from pipeline.ingest.inbox import Inbox
from pipeline.knowledge.actors import ActorDictionary, slug
from pipeline.knowledge.gazetteer import Gazetteer, GazPlace
from pipeline.learn.kind_model import KindModel, cv_from_env, load_kind_model, refine_kinds
from pipeline.publish.arrow_tables import column_specs
from pipeline.validate import Quarantined, rejected_frame
from schemas import Actors, Figures, Incidents, Places, Reports

INTERNAL_FIGURE_COLUMNS = (
    "body",
    "published_date",
    "sentence_start",
    "event_type",
    "event_words",
    "report_provinces",
    "episode",
)


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


ENTRY_COLUMNS = ["file", "sha256", "status", "check", "report_id"]


def inbox_entries_frame(
    reports: pd.DataFrame, rejected_reports: pd.DataFrame, metadata_files: list[str]
) -> pd.DataFrame:
    """Internal: every inbox entry and its fate, one row each, in file order: 'published' (a
    reports row), 'rejected' (a rejected_reports row naming the file, at any stage) or
    'metadata' (a sidecar read)."""
    rows = [
        {
            "file": r.source_file,
            "sha256": r.sha256,
            "status": "published",
            "check": None,
            "report_id": r.report_id,
        }
        for r in reports.itertuples(index=False)
    ]
    rows += [
        {
            "file": r.source_file,
            "sha256": None if pd.isna(r.sha256) else r.sha256,
            "status": "rejected",
            "check": r.check,
            "report_id": r.row_id if r.stage != "parse" else None,
        }
        for r in rejected_reports.itertuples(index=False)
        if not pd.isna(r.source_file)
    ]
    rows += [
        {"file": m, "sha256": None, "status": "metadata", "check": None, "report_id": None}
        for m in metadata_files
    ]
    return pd.DataFrame.from_records(rows, columns=ENTRY_COLUMNS).sort_values("file", ignore_index=True)


class Extracted(NamedTuple):
    candidates: pd.DataFrame
    discovered: list[DiscoveredActor]
    places: pd.DataFrame
    failed: list[Quarantined]  # one per report the engine failed on


PROGRESS_EVERY = 500  # reports between two progress lines of a long extraction
# Reports to extract below which one process does it: a pool costs more than it saves.
PARALLEL_MIN_REPORTS = 64
ENV_WORKERS = "CONFLICT_CLAIMS_WORKERS"  # processes that extract (default: the cores this process may use)


def default_workers() -> int:
    if value := os.environ.get(ENV_WORKERS):
        return max(1, int(value))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


WARM_UP = "Two soldiers were killed, the army said."
# What pool workers extract with: set before the pool forks, so each worker has it without a
# copy (the gazetteer alone is 300 MB); None outside extract_many.
_POOL_INPUTS: tuple | None = None


def _extract_in_worker(job: tuple[str, dt.date, str]) -> ReportExtraction:
    book, gazetteer, model, cv = _POOL_INPUTS
    return extract_report(*job, book, lambda: gazetteer, model, cv)


def extract_many(
    jobs: list[tuple[str, dt.date, str]],
    book: ActorDictionary,
    gazetteer: Callable[[], Gazetteer],
    model: KindModel,
    cv: bool,
    workers: int,
) -> list[ReportExtraction]:
    """extract_report over (report_id, published, body) jobs, in their order; with more than
    one worker and enough jobs, in forked processes (each report is independent, and the
    results are gathered in job order, so the output is the same either way)."""
    if workers <= 1 or len(jobs) < PARALLEL_MIN_REPORTS:
        return [extract_report(*job, book, gazetteer, model, cv) for job in jobs]
    global _POOL_INPUTS
    # The first report here, and one sentence through the parser: the engine's lazy state (the
    # spaCy model, word lists) is then loaded once in this process and every forked worker starts
    # with it, instead of each worker of each month's pool loading it again (about a second).
    first = extract_report(*jobs[0], book, gazetteer, model, cv)
    parse(WARM_UP, 0, len(WARM_UP))
    _POOL_INPUTS = (book, gazetteer(), model, cv)
    rest = jobs[1:]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunk = max(1, len(rest) // (workers * 8))
            return [first, *pool.map(_extract_in_worker, rest, chunksize=chunk)]
    finally:
        _POOL_INPUTS = None


class ReportExtraction(NamedTuple):
    """What the engine made of one report; ``records`` hold no body (it is added back)."""

    records: list[dict]
    discovered: list[DiscoveredActor]
    places: list[dict]
    failure: Quarantined | None


def extract_report(
    report_id: str,
    published: dt.date,
    body: str,
    book: ActorDictionary,
    gazetteer: Callable[[], Gazetteer],
    model: KindModel,
    cv: bool,
) -> ReportExtraction:
    """One report through the engine, its kinds refined and its places resolved."""
    try:
        result = extract_figures(body, published, book)
        result.figures = refine_kinds(result.figures, body, book, model, cv=cv)
    except Exception as exc:  # one report must never stop the build
        return ReportExtraction([], [], [], _extraction_failure(report_id, exc))
    named = next((f.setting_country for f in result.figures if f.setting_country), None)
    setting, provinces = report_setting(result.places, named, gazetteer())
    records, places = [], []
    for f in result.figures:
        place = place_row(f.location_name, setting, gazetteer())
        rec = _figure_record(report_id, published, f)
        if place is not None:
            places.append(place)
        rec["place_id"] = place["place_id"] if place else None
        rec["country_iso3"] = event_country(place, setting)
        rec["report_provinces"] = provinces
        records.append(rec)
    return ReportExtraction(records, list(result.discovered), places, None)


def extract_all(
    bodies: pd.DataFrame, book: ActorDictionary, gazetteer: Gazetteer | Callable[[], Gazetteer], **options
) -> Extracted:
    """Run the engine over every report: candidate figures (with internal columns), the
    actors the text introduced, the places the figures name, resolved, and the reports the
    engine failed on (rejected rows, stage 'extract': the build goes on without them).
    ``options``: those of extract_reports (model, CV mode, cache, progress, workers)."""
    return assemble(*extract_reports(bodies, book, gazetteer, **options))


def extract_by_group(
    bodies: pd.DataFrame,
    groups: list[str],
    book: ActorDictionary,
    gazetteer: Gazetteer | Callable[[], Gazetteer],
    cache: ExtractionCache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Extracted]:
    """extract_all over all the bodies at once (one pool for all, so many small groups still use
    every core), its tables then made for each group of reports (``groups``: one per body row)."""
    jobs, found = extract_reports(bodies, book, gazetteer, cache=cache, progress=progress)
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    return {g: assemble([jobs[i] for i in idx], [found[i] for i in idx]) for g, idx in members.items()}


def extract_reports(
    bodies: pd.DataFrame,
    book: ActorDictionary,
    gazetteer: Gazetteer | Callable[[], Gazetteer],
    kind_model: KindModel | None = None,
    kind_cv: bool | None = None,
    cache: ExtractionCache | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> tuple[list[tuple[str, dt.date, str]], list[ReportExtraction]]:
    """The engine over every report: (report_id, published_date, body) jobs and what the engine
    made of each, in the bodies' order. The trained
    counted-kind model (pipeline/learn; default: the committed file, which must exist) refines
    the rules' kinds; ``kind_cv`` (default: $CONFLICT_CLAIMS_KIND_CV) refines each report with
    the model trained without its fold, for cross-validated scores on the training splits.
    With a ``cache``, a report already extracted with the same inputs is read back, not
    extracted; ``gazetteer`` may be a function, so a build of cached reports never loads it.
    ``progress(done, total)`` is called every PROGRESS_EVERY reports extracted and at the end.
    ``workers`` processes extract (default: CONFLICT_CLAIMS_WORKERS, else every core this process
    may use); the output is the same for any number."""
    model = kind_model if kind_model is not None else load_kind_model()
    cv = cv_from_env() if kind_cv is None else kind_cv
    load_gazetteer = functools.cache(gazetteer if callable(gazetteer) else lambda: gazetteer)
    workers = default_workers() if workers is None else workers
    if cache is not None:
        cache.context = {**cache.context, "kind_model": model.meta.get("models_sha256"), "kind_cv": cv}
    jobs = list(bodies[["report_id", "published_date", "body"]].itertuples(index=False, name=None))
    keys = [cache.key(*job) for job in jobs] if cache is not None else [None] * len(jobs)
    found = [cache.get(key) for key in keys] if cache is not None else [None] * len(jobs)
    missing = [i for i, one in enumerate(found) if one is None]
    done = len(jobs) - len(missing)
    # the reports to extract, in slices, so a long build says how far it is
    for start in range(0, len(missing), PROGRESS_EVERY):
        part = missing[start : start + PROGRESS_EVERY]
        for i, one in zip(
            part, extract_many([jobs[i] for i in part], book, load_gazetteer, model, cv, workers), strict=True
        ):
            found[i] = one
            if cache is not None:
                cache.put(keys[i], one)
        done += len(part)
        if progress is not None and done < len(jobs):
            progress(done, len(jobs))
    if progress is not None:
        progress(len(jobs), len(jobs))
    return jobs, found


def assemble(jobs: list[tuple[str, dt.date, str]], found: list[ReportExtraction]) -> Extracted:
    """The reports' extractions as tables (bodies added back), in a stable order."""
    records: list[dict] = []
    discovered: dict[str, DiscoveredActor] = {}
    places: dict[str, dict] = {}
    failed: list[Quarantined] = []
    for (_, _, body), one in zip(jobs, found, strict=True):
        if one.failure is not None:
            failed.append(one.failure)
            continue
        for d in one.discovered:
            discovered.setdefault(d.actor_id, d)
        for place in one.places:
            places.setdefault(place["place_id"], place)
        records.extend({**rec, "body": body} for rec in one.records)
    cols = [*columns_of(Figures), *INTERNAL_FIGURE_COLUMNS]
    df = pd.DataFrame.from_records(records, columns=cols)
    df = df.astype({"value_low": "Int64", "value_high": "Int64", "char_start": "Int64", "char_end": "Int64"})
    # with no figures at all, pandas gives every column object dtype: say which are flags
    df = df.astype({name: "bool" for name, arrow, _ in column_specs(Figures) if arrow == "bool"})
    places_df = pd.DataFrame.from_records(list(places.values()), columns=columns_of(Places))
    places_df = places_df.astype({"latitude": "float64", "longitude": "float64", "in_gazetteer": "bool"})
    return Extracted(
        df.sort_values(["report_id", "char_start", "figure_id"], ignore_index=True),
        sorted(discovered.values(), key=lambda a: a.actor_id),
        places_df.sort_values("place_id", ignore_index=True),
        failed,
    )


def _extraction_failure(report_id: str, exc: Exception) -> Quarantined:
    """A report the engine failed on, named with where it failed (never its text)."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" in {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return Quarantined(
        report_id,
        ["extraction_completes"],
        f"the engine failed on this report ({type(exc).__name__}{where}); none of its figures are published",
        {"report_id": report_id},
    )


def report_setting(names: list[str], named: str | None, gazetteer: Gazetteer) -> tuple[str | None, list[str]]:
    """Where a report is set: the country of most of the towns and provinces it names (else the
    country it names most), and the provinces it names or whose towns it names."""
    found = [gazetteer.resolve(n, [named] if named else []) for n in names]
    local = [p for p in found if p is not None and p.geo_precision in ("town", "province")]
    countries = Counter(p.country_iso3 for p in local)
    setting = countries.most_common(1)[0][0] if countries else named
    # provinces the report names itself: a town's province is a guess, and an event such as
    # a wave of bombings can span several towns' provinces
    provinces = sorted({p.admin1 or p.name for p in local if p.geo_precision == "province"})
    return setting, provinces


def town_admin1(town: GazPlace, gazetteer: Gazetteer) -> str | None:
    """A town's province where the gazetteer says, else where a province of the town's name
    lies in its country: regional capitals share their region's name (Kharkiv, Kandahar)."""
    if town.admin1 is not None:
        return town.admin1
    namesake = gazetteer.resolve(f"{town.name} province", [town.country_iso3])
    if (
        namesake is not None
        and namesake.geo_precision == "province"
        and namesake.country_iso3 == town.country_iso3
    ):
        return namesake.admin1 or namesake.name
    return None


def event_country(place: dict | None, setting: str | None) -> str | None:
    """The country of a figure's event: its town's or province's, else the report's; a country
    named as the place ("the United States", a victim's or an attacker's) yields to the report's."""
    if place is not None and place["geo_precision"] in ("town", "province") and place["country_iso3"]:
        return place["country_iso3"]
    return setting or (place["country_iso3"] if place else None)


def place_row(name: str | None, setting: str | None, gazetteer: Gazetteer) -> dict | None:
    """The places row for a place as worded; one the gazetteer does not hold keeps its words
    (its id from them and the report's country, so two reports' "Kell camp" meet)."""
    if not name:
        return None
    found = gazetteer.resolve(name, [setting] if setting else [])
    if found is not None:
        admin1 = town_admin1(found, gazetteer) if found.geo_precision == "town" else found.admin1
        return {
            "place_id": found.place_id,
            "name": found.name,
            "geo_precision": found.geo_precision,
            "admin1": admin1,
            "country_iso3": found.country_iso3,
            "latitude": found.latitude,
            "longitude": found.longitude,
            "in_gazetteer": True,
        }
    key = slug(name)[:60] or "place"
    return {
        "place_id": f"x-{key}-{setting.lower()}" if setting else f"x-{key}",
        "name": name,
        "geo_precision": None,
        "admin1": None,
        "country_iso3": setting,
        "latitude": None,
        "longitude": None,
        "in_gazetteer": False,
    }


def _figure_record(report_id: str, published: dt.date, f: ExtractedFigure) -> dict:
    rec = dataclasses.asdict(f)
    rec["claimant_actor_ids"] = list(f.claimant_actor_ids)
    rec.update(
        figure_id=figure_id(report_id, f.char_start, f.char_end, f.category),
        report_id=report_id,
        incident_id=None,
        published_date=published,
    )
    return rec


def place_infos(places: pd.DataFrame) -> dict[str, PlaceInfo]:
    def opt(v: object) -> object:
        return None if v is None or v != v else v

    return {
        r.place_id: PlaceInfo(
            r.place_id,
            r.name,
            opt(r.geo_precision),
            opt(r.country_iso3),
            opt(r.admin1),
            opt(r.latitude),
            opt(r.longitude),
        )
        for r in places.itertuples(index=False)
    }


def assign_incidents(
    figures: pd.DataFrame, places: pd.DataFrame, stats: MergeStats | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group figures into incidents: (figures with incident_id, incidents frame); stats, when
    given, counts group_figures' work."""
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
            r.place_id,
            r.country_iso3,
            frozenset(r.report_provinces),
            None if pd.isna(r.episode) else int(r.episode),
        )
        for r in figures.itertuples(index=False)
    ]
    infos = place_infos(places)
    drafts = group_figures(refs, infos, stats)
    of_figure = {f.figure_id: d.incident_id for d in drafts for f in d.figures}
    out = figures.copy()
    out["incident_id"] = [of_figure.get(f) for f in out["figure_id"]]  # None: a running total
    rows = [incident_row(d, infos) for d in drafts]
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
