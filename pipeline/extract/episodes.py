"""Episodes: which happening each sentence of a report speaks of.

A report tells of one event first (its lede) and may turn to others: a background attack
("clashes in October killed dozens"), an earlier strike ("air strikes earlier this week"), a
separate action elsewhere ("Elsewhere, ...", "In a separate attack"). Figures about one
episode form one incident whoever claims them, and take only that episode's date and place.

The rules follow how news is written:
- the report's first sentence (and its lede paragraph) opens the main episode (0);
- a sentence moves to another episode when it says so ("elsewhere", "separately", "in
  another attack", "earlier this week", "a day later"), when it tells of an arrest operation
  in a report of violence, when it dates its event to another time than any episode it could
  continue, or when it opens on a place the current episode has not named ("In the Kell
  region, ..."); "Elsewhere, ..." with no day of its own is left undated, and "a day later
  the ministry revised the toll" stays with the episode whose toll it revises;
- a dated sentence that refers back to the background attack just told ("killed in Monday's
  attack" after "days after its consulate was hit") dates that attack;
- an undated lede takes a day of the last week (or a month of the report's own) that a later
  sentence gives near the top of the story, for the lede's places or for "the attack";
  figures given day by day over two days ("two on Sunday, five on Monday") stay one episode,
  over several days;
- a definite mention of an event ("the strikes", "Wednesday's attack") goes back to the latest
  episode that named that kind of event;
- otherwise a sentence goes on with the episode of the sentence before it in its paragraph,
  and a new paragraph returns to the main episode.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.extract import lexicon as lx
from pipeline.extract.dates import EventDate
from pipeline.extract.places import COUNTRY, Place
from pipeline.extract.text import Token

MAIN = 0
# A date this close to publication, given for an event, is the main event's when the lede
# gives none; older dates belong to background.
RECENT = dt.timedelta(days=7)
_OPENING = 15  # characters: "in a separate ..." opens a sentence that turns to another event
TOP_PARAGRAPHS = 3  # a headline, the lede, and the paragraphs that tell the lede's event more

_BREAK = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in lx.EPISODE_BREAKS) + r")\b")
_NOUNS = "|".join(sorted(lx.EPISODE_NOUNS))
# "another attack", "a separate raid"
_ANOTHER = re.compile(
    r"\b(?:another|a separate|a second|an earlier|a previous)\s+(?:\w+\s+){0,2}?(?:" + _NOUNS + r")\b"
)
_BODIES = r"(?:bodies|body|remains)"
_AFTERMATH = re.compile(
    rf"\b(?:{'|'.join(sorted(lx.RECOVERY_VERBS))})\b.{{0,40}}\b{_BODIES}\b"
    rf"|\b{_BODIES}\b.{{0,30}}\b(?:{'|'.join(sorted(lx.RECOVERY_VERBS))})\b"
)
# "a day later the ministry revised the toll to 253": the same episode's toll, not a new action
_TOLL = re.compile(r"\b(?:toll|count|tally)\b")
_OPERATION = re.compile(r"\b(?:operations?|raids?|crackdown|sweeps?|round-ups?)\b")
_SEVERAL_DAYS = re.compile(
    "|".join(re.escape(w) for w in lx.SEVERAL_DAYS)
    + r"|\b(?:"
    + "|".join(sorted(lx.DAY_COUNTS))
    + r"|\d+)(?: days of|-day) (?:\w+ )?(?:"
    + _NOUNS
    + r")\b"
)
_DAY_AFTER = re.compile(r"\b(?:" + "|".join(lx.DAY_AFTER) + r")\b")
_DAY_BEFORE = re.compile(r"\b(?:" + "|".join(lx.DAY_BEFORE) + r")\b")
_DEFINITE = {"the", "that", "this", "these", "those"}


@dataclass(frozen=True)
class SentenceView:
    """What the episode rules read of one sentence."""

    start: int
    paragraph: int
    text: str
    tokens: list[Token]
    dates: list[EventDate]  # event dates, statement days and datelines left out
    places: list[Place]  # event places, speakers' seats and hospitals left out
    cumulative: bool  # a running total's sentence: its dates start a total, not an episode
    describes: bool  # holds figures or words of violence: it tells of an event
    categories: frozenset[str]  # the categories of its figures


@dataclass
class Episode:
    index: int
    date: EventDate | None = None
    several_days: bool = False  # the text gives the episode no single day
    sentences: list[int] = field(default_factory=list)  # sentence starts, in order
    places: list[Place] = field(default_factory=list)
    nouns: set[str] = field(default_factory=set)  # kinds of event named in its sentences
    categories: set[str] = field(default_factory=set)  # categories of its figures


@dataclass
class Episodes:
    of_sentence: dict[int, int]  # sentence start -> episode index
    episodes: list[Episode]


def same_time(a: EventDate, b: EventDate) -> bool:
    """Do two dates fit one episode? The same day, or a day within the other's month or year."""
    if a.precision == b.precision == "day":
        return a.value == b.value
    coarse = "year" if "year" in (a.precision, b.precision) else "month"
    if coarse == "year":
        return a.value.year == b.value.year
    return (a.value.year, a.value.month) == (b.value.year, b.value.month)


def next_day(a: EventDate, b: EventDate) -> bool:
    return a.precision == b.precision == "day" and abs((a.value - b.value).days) == 1


def _nouns(tokens: list[Token]) -> set[str]:
    return {t.low.rstrip("s") for t in tokens if t.low in lx.EPISODE_NOUNS}


def definite_nouns(tokens: list[Token]) -> set[str]:
    """Kinds of event the sentence refers back to: "the strikes", "Wednesday's attack"."""
    out = set()
    for i, t in enumerate(tokens):
        if t.low in lx.EPISODE_NOUNS and i > 0:
            before = tokens[i - 1].low
            if before in _DEFINITE or before.endswith("'s") or (i > 1 and tokens[i - 2].low == "the"):
                out.add(t.low.rstrip("s"))
    return out


def _opens_on_place(view: SentenceView) -> Place | None:
    """ "In the Zaporizhzhia region, ...": the place a sentence opens on, before its first comma."""
    toks = view.tokens
    if len(toks) < 3 or toks[0].low not in ("in", "at", "near"):
        return None
    comma = next((i for i, t in enumerate(toks[:12]) if t.text == ","), None)
    if comma is None:
        return None
    return next((p for p in view.places if p.end <= comma and p.level < COUNTRY), None)


def _names(place: Place) -> set[str]:
    """The name words of a place phrase: "Kell" of "the Kell province"."""
    return {w.lower().removesuffix("'s").removesuffix("’s") for w in place.text.split() if w[:1].isupper()}


def _named_by(place: Place, episode: Episode) -> bool:
    words = _names(place)
    return any(words & _names(p) for p in episode.places)


def assign_episodes(sentences: list[SentenceView], published: dt.date) -> Episodes:
    """The episode of every sentence, and each episode's date, places and kinds of event."""
    episodes = [Episode(MAIN)]
    of_sentence: dict[int, int] = {}
    current = MAIN
    last_paragraph: int | None = None
    for n, view in enumerate(sentences):
        low = view.text.lower()
        # a running total's dates start the total; a sentence that tells of no event ("the
        # ministers spoke on Friday") dates nothing
        dates = view.dates if view.describes and not view.cumulative else []
        date = dates[0] if dates else None
        if n == 0 or (view.paragraph == 0 and current == MAIN and not _BREAK.search(low)):
            chosen = MAIN
        else:
            chosen = _choose(view, low, dates, episodes, current, last_paragraph, published)
        episode = episodes[chosen]
        if date is not None and date.of_event and not date.own_sentence and episode.date is None:
            episode.date = date
        # "two days of clashes", "fighting that began on Thursday", "two on Sunday, five on Monday"
        days = {d.value for d in dates if d.precision == "day"}
        # its figures given day by day, or a span of days ("on December 6 and 7")
        day_dates = sorted((d for d in dates if d.precision == "day"), key=lambda d: d.token)
        span = any(b.token - a.token <= 4 and a.value != b.value for a, b in pairwise(day_dates))
        by_day = len(days) > 1 and (bool(view.categories) or span)
        if _SEVERAL_DAYS.search(low) or any(d.opens_span for d in dates) or by_day:
            episode.several_days = True
        episode.sentences.append(view.start)
        episode.places.extend(p for p in view.places if p.level < COUNTRY)
        episode.nouns |= _nouns(view.tokens)
        episode.categories |= view.categories
        of_sentence[view.start] = chosen
        current, last_paragraph = chosen, view.paragraph
    return Episodes(of_sentence, episodes)


def _choose(
    view: SentenceView,
    low: str,
    dates: list[EventDate],
    episodes: list[Episode],
    current: int,
    last_paragraph: int | None,
    published: dt.date,
) -> int:
    date = dates[0] if dates else None
    continuing = current if view.paragraph == last_paragraph else MAIN
    # "In another attack, ...": said where the sentence opens; "launched a second attack" mid-way
    # tells more of the same fighting
    another = _ANOTHER.search(low)
    said_another = (
        bool(_BREAK.search(low))
        or (another is not None and another.start() <= _OPENING)
        or _round_up(view, low, episodes[MAIN])
    )
    after, before = _DAY_AFTER.search(low), _DAY_BEFORE.search(low)
    known = episodes[continuing].date
    # "A day later, ..." moves to the next day's action, unless it only revises the toll
    if (after or before) and known is not None and not _AFTERMATH.search(low) and not _TOLL.search(low):
        return _new(episodes, EventDate(known.value + dt.timedelta(days=1 if after else -1), "day", 0))
    if said_another:
        # "In a separate attack on Thursday": another episode, whatever its day; "Elsewhere, ..."
        # with no day of its own is undated: the text does not say it was the same day
        return _new(episodes, date)
    if date is not None:
        background = episodes[current]
        if current != MAIN and background.date is None and definite_nouns(view.tokens) & background.nouns:
            # "... days after its consulate in Kell was hit. Two generals were killed in Monday's
            # attack": the day of the background attack just told, not of the lede's event
            return current
        for index in _by_recency(episodes, continuing):
            known = episodes[index].date
            if known is not None and any(same_time(known, d) for d in dates):
                return index
        main = episodes[MAIN].date
        local = [p for p in view.places if p.level < COUNTRY]
        elsewhere = bool(episodes[MAIN].places) and not all(_named_by(p, episodes[MAIN]) for p in local)
        if (
            main is None
            and view.describes
            and _recent(date, published)
            and (view.paragraph <= TOP_PARAGRAPHS or not elsewhere or definite_nouns(view.tokens))
        ):
            # the lede left its event undated: a recent day dates it, given near the top of the
            # story (where a report refines its lede's place), for the lede's places, or for
            # "the attack"
            return MAIN
        if (
            main is not None
            and next_day(main, date)
            and continuing == MAIN
            and view.categories
            and (all(_named_by(p, episodes[MAIN]) for p in local) or definite_nouns(view.tokens))
        ):
            episodes[MAIN].several_days = True  # its figures day by day: one event over two days
            return MAIN
        known = episodes[continuing].date
        if known is not None and date.value > known.value and _AFTERMATH.search(low):
            return continuing  # "the bodies were found on Wednesday": the episode's aftermath, later
        return _new(episodes, date)
    opening = _opens_on_place(view)
    if opening is not None and not _named_by(opening, episodes[continuing]):
        return _new(episodes, episodes[continuing].date)  # a new place, the same time
    referred = definite_nouns(view.tokens)
    if referred:  # "the strikes": the latest episode that named strikes
        for index in _latest_first(episodes):
            if referred & episodes[index].nouns:
                return index
    return continuing


def _recent(date: EventDate, published: dt.date) -> bool:
    """A day of the last week (a weekday name reaches back six days), or this month."""
    if date.precision == "day":
        return dt.timedelta(0) <= published - date.value <= RECENT
    return date.precision == "month" and (date.value.year, date.value.month) == (
        published.year,
        published.month,
    )


def _round_up(view: SentenceView, low: str, main: Episode) -> bool:
    """An arrest operation ("security operations, detaining 90") told in a report of violence
    is an action of its own, not the attack's aftermath."""
    return (
        view.categories == {"detained"}
        and _OPERATION.search(low) is not None
        and bool(main.categories)
        and "detained" not in main.categories
    )


def _latest_first(episodes: list[Episode]) -> list[int]:
    """Episodes that have a sentence, the latest spoken of first."""
    told = [e for e in episodes if e.sentences]
    return [e.index for e in sorted(told, key=lambda e: e.sentences[-1], reverse=True)]


def _by_recency(episodes: list[Episode], first: int) -> list[int]:
    """Episodes, the one the sentence would continue first, then the latest spoken of."""
    return [first, *(i for i in _latest_first(episodes) if i != first)]


def _new(episodes: list[Episode], date: EventDate | None) -> int:
    own = date is not None and date.of_event and not date.own_sentence
    episodes.append(Episode(len(episodes), date if own else None))
    return len(episodes) - 1
