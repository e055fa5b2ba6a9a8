"""Event dates resolved against the publication date: "on Friday", "Monday evening",
"yesterday", "last night", "this morning", "two days ago", "on June 9", "Jan. 5", "9 June",
"the 5th of March", "Tuesday last week", "in August", "mid-February", "in August 2023",
"last month", "in 2019", "a 1998 attack", "this week" (to its month, for its own sentence only).
The day a statement was made is not the day of the event: a date after a reporting verb
("said late on Friday", "announced the Kell Broadcasting Corporation on Monday"), right before
one ("officials yesterday confirmed") or opening a statement ("On Friday, the ministry said")
is skipped, and so is one inside a running total's "since" clause. A bound of a span
("fighting that began on Thursday", "the insurgency, which erupted in 2009", "clashes until
Friday") is kept, marked, to place an episode in time without dating its figures."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from pipeline.extract import lexicon as lx
from pipeline.extract.quantities import UNITS
from pipeline.extract.text import Token

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)


_PARTS_OF_DAY = {"morning", "afternoon", "evening"}
_ORDINAL_DAY = re.compile(r"(\d{1,2})")
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
_COUNT_WORDS = {**UNITS, "a": 1}  # "two days ago", "a day ago"
# "began on Thursday", "until Friday": the words that make a date a span's bound
_SPAN_BOUNDS = lx.SPAN_START_VERBS | {"until", "till"}
_SPAN_VERB_REACH = 6  # words between "began" and the date it takes
# ... though fighting that "broke out" or "erupted" on a day is dated by it
_BEGAN = {"began", "begun", "begin", "begins", "started", "starts", "start"}


@dataclass(frozen=True)
class EventDate:
    value: dt.date
    precision: str  # day | month | year
    token: int  # where the expression starts
    # "fighting that began on Thursday", "the war that started in 2020", "clashes until Friday":
    # a bound of a span, which places an episode in time but is not the day of its figures
    opens_span: bool = False
    # "this week", "over the weekend": a span that dates its own sentence's figures (to the
    # month it lies in) but no episode
    own_sentence: bool = False

    @property
    def of_event(self) -> bool:
        return not self.opens_span


def _last_weekday(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _month(published: dt.date, month: int, year: int | None) -> dt.date:
    if year is None:
        year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1)


def _day(published: dt.date, month: int, day: int, year: int | None) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        d = dt.date(published.year, month, day)
        return d if d <= published else dt.date(published.year - 1, month, day)
    except ValueError:
        return None


def _year(tok: Token | None) -> int | None:
    if tok is not None and tok.text.isdecimal() and len(tok.text) == 4 and 1900 < int(tok.text) < 2100:
        return int(tok.text)
    return None


def _ordinal_day(tok: Token | None) -> int | None:
    """ "5" (of "5th", which splits in two tokens): a day of the month."""
    m = _ORDINAL_DAY.fullmatch(tok.low) if tok is not None else None
    return int(m[1]) if m and 1 <= int(m[1]) <= 31 else None


def _count(tok: Token | None) -> int | None:
    """ "two", "3", "a": how many days back."""
    if tok is None:
        return None
    if tok.text.isdecimal() and len(tok.text) <= 2:
        return int(tok.text)
    return _COUNT_WORDS.get(tok.low)


def _is_day(tok: Token | None) -> bool:
    return tok is not None and tok.text.isdigit() and len(tok.text) <= 2


def is_dateline(tokens: list[Token], date: EventDate) -> bool:
    """A dateline at the head of a report ("March 4, 2019 (VELDT) –", "TARVEL, June 11
    (Wirepost) -", "Tarvel, Oct 7") dates the report, not the event."""
    if date.token > 4:
        return False
    if date.token == 2 and tokens[0].is_capitalized and tokens[1].text == ",":
        return True  # "KELL, Oct 7 At least ...": a city and a day before the first sentence
    return any(t.text in ("(", "–", "—", "-", "/") for t in tokens[date.token : date.token + 7])


# Words between a reporting verb and the day it names: "said late on Friday", "posted to
# Telegram early Monday", "told reporters on Sunday".
_STATEMENT_GAP = {"early", "late", "on", "this", "in", "overnight", "to", "reporters", "journalists", "the"}
_STATEMENT_REACH = 8  # words from a reporting verb to the day it was said
_STATEMENT_WORDS = lx.REPORTING_VERBS | {"posted", "told", "statement", "spoke", "briefing", "tweeted"}


def _statement_day(tokens: list[Token], start: int) -> bool:
    """ "said on Friday", "told reporters late Friday", "announced the Kell Broadcasting
    Corporation (KBC) on Monday": the day of a statement, its speaker's name allowed between."""
    i = start - 1
    for _ in range(_STATEMENT_REACH):
        if i < 0:
            return False
        t = tokens[i]
        if t.low in _STATEMENT_WORDS:
            # "massacres were recorded today": a passive tells of the event, not a statement
            return i == 0 or tokens[i - 1].low not in ("was", "were", "been", "being")
        if t.low not in _STATEMENT_GAP and not t.is_capitalized and t.text not in "()":
            return False
        i -= 1
    return False


def _said_after(tokens: list[Token], k: int) -> bool:
    """ "Officials yesterday confirmed that ...", "the ministry on Monday said": a day right
    before a reporting verb is the statement's."""
    return k + 1 < len(tokens) and tokens[k + 1].low in _STATEMENT_WORDS


def _opens_statement(tokens: list[Token], start: int) -> bool:
    """ "On Friday, the ministry said ...": a day that opens a sentence whose first clause is
    a statement dates the statement."""
    if start > 1:
        return False
    comma = next((i for i in range(start, min(start + 5, len(tokens))) if tokens[i].text == ","), None)
    if comma is None:
        return False
    return any(t.low in lx.REPORTING_VERBS for t in tokens[comma + 1 : comma + 9])


def _relative_span(
    published: dt.date, unit: str, which: str, before: Token | None
) -> tuple[dt.date, dt.date] | None:
    """The days of "this week", "last week", "(over) the weekend", "this month"."""
    monday = published - dt.timedelta(days=published.weekday())
    if unit == "month":
        return (published.replace(day=1), published) if which == "this" else None
    if unit == "week":
        if which == "this":
            return monday, published
        if which == "last":
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        return None
    if which == "the" and (before is None or before.low not in ("over", "at", "during")):
        return None
    saturday = monday + dt.timedelta(days=5)
    if saturday > published or which == "last":
        saturday -= dt.timedelta(days=7)
    return saturday, saturday + dt.timedelta(days=1)


def _names_a_year(tokens: list[Token], i: int) -> bool:
    """ "in 2019", "a 1998 attack": a year on its own, not one closing a full date ("June 9,
    2023") or counting something ("2019 people")."""
    prev = tokens[i - 1].low if i > 0 else ""
    if prev.rstrip(",") in MONTHS or prev == "," or (i > 1 and tokens[i - 2].low in MONTHS):
        return False
    return prev in ("in", "of", "during") or _event_year(tokens, i)


def _event_year(tokens: list[Token], i: int) -> bool:
    """ "a 1998 attack", "the 2019 bombing": a year naming a past event."""
    prev = tokens[i - 1].low if i > 0 else ""
    nxt = tokens[i + 1].low if i + 1 < len(tokens) else ""
    return _year(tokens[i]) is not None and prev in ("a", "the") and nxt in lx.EPISODE_NOUNS


def find_dates(tokens: list[Token], published: dt.date) -> list[EventDate]:
    out: list[EventDate] = []
    n = len(tokens)

    def at(i: int) -> Token | None:
        return tokens[i] if 0 <= i < n else None

    for i, t in enumerate(tokens):
        w = t.low[:-2] if t.low.endswith("'s") else t.low  # "Thursday's raid"
        prev = at(i - 1)
        start = i - 1 if prev is not None and prev.low in ("on", "in", "last", "since", "by") else i
        if _statement_day(tokens, start) or _opens_statement(tokens, start) or _said_after(tokens, i):
            continue  # "said on Friday", "Early Thursday, the ministry said": the statement's day
        if any(x.low == "since" for x in tokens[max(0, start - 8) : i]) and not _event_year(tokens, i):
            continue  # "since March", "since the insurgency began in 2009": the start of a running total
        if w in WEEKDAYS and t.is_capitalized:
            d = _last_weekday(published, WEEKDAYS.index(w))
            if prev is not None and prev.low == "last" and d == published:
                d -= dt.timedelta(days=7)
            nxt_two = [x.low for x in tokens[i + 1 : i + 3]]
            if nxt_two == ["last", "week"] and d > published - dt.timedelta(days=published.weekday()):
                d -= dt.timedelta(days=7)  # "on Tuesday last week"
            out.append(EventDate(d, "day", start))
        elif w in ("yesterday",):
            out.append(EventDate(published - dt.timedelta(days=1), "day", i))
        elif w in ("today",) and t.is_word:
            out.append(EventDate(published, "day", i))
        elif w == "tonight" or (w in _PARTS_OF_DAY and prev is not None and prev.low == "this"):
            out.append(EventDate(published, "day", i))  # "this morning", "tonight"
        elif w == "night" and prev is not None and prev.low == "last":
            out.append(EventDate(published - dt.timedelta(days=1), "day", i))
        elif (
            w == "ago" and prev is not None and prev.low in ("day", "days") and (n_days := _count(at(i - 2)))
        ):
            out.append(EventDate(published - dt.timedelta(days=n_days), "day", i))  # "two days ago"
        elif w.startswith("mid-") and w[4:] in MONTHS:
            out.append(EventDate(_month(published, MONTHS[w[4:]], _year(at(i + 1))), "month", start))
        elif (w in MONTHS and t.is_capitalized and w != "may") or (w == "may" and t.text == "May" and i > 0):
            month = MONTHS[w]
            j = i + 2 if len(w) <= 4 and (dot := at(i + 1)) is not None and dot.text == "." else i + 1
            nxt = at(j)  # "Jan. 5": the day after an abbreviation's period
            if nxt is not None and nxt.text.isdecimal() and len(nxt.text) <= 2:
                after = at(j + 1)
                if after is not None and after.low in ("-", "–", "to", "and") and _is_day(at(j + 2)):
                    # "between June 12-14": a span of days is dated to its month
                    out.append(EventDate(_month(published, month, None), "month", start))
                    continue
                y = _year(at(j + 2)) if after is not None and after.text == "," else _year(after)
                d = _day(published, month, int(nxt.text), y)
                if d:
                    out.append(EventDate(d, "day", start))
                continue
            if prev is not None and prev.text.isdecimal() and len(prev.text) <= 2:
                d = _day(published, month, int(prev.text), _year(at(j)))
                if d:
                    out.append(EventDate(d, "day", i - 1))
                continue
            suffix = at(i - 2)
            nth = _ordinal_day(at(i - 3)) if suffix is not None and suffix.low in _ORDINAL_SUFFIXES else None
            if prev is not None and prev.low == "of" and nth:
                d = _day(published, month, nth, _year(at(j)))
                if d:  # "the 5th of March"
                    out.append(EventDate(d, "day", i - 3))
                continue
            if prev is not None and prev.low in ("in", "last", "of", "early", "late", "mid"):
                y = _year(at(j))
                out.append(EventDate(_month(published, month, y), "month", start))
        elif (year := _year(t)) is not None and _names_a_year(tokens, i):
            out.append(EventDate(dt.date(year, 1, 1), "year", start))
        elif w == "month" and prev is not None and prev.low == "last":
            first = published.replace(day=1) - dt.timedelta(days=1)
            out.append(EventDate(first.replace(day=1), "month", i - 1))
        elif w in ("week", "weekend", "month") and prev is not None and prev.low in ("this", "last", "the"):
            span = _relative_span(published, w, prev.low, at(i - 2))
            if span is not None and span[0].month == span[1].month:
                # "killed this week": a span within one month dates its own sentence's figures
                out.append(EventDate(span[0].replace(day=1), "month", i - 1, own_sentence=True))
    return [replace(d, opens_span=True) if _bounds_span(tokens, d.token, d.precision) else d for d in out]


def _bounds_span(tokens: list[Token], k: int, precision: str) -> bool:
    """A date right after "until", or after "began" earlier in its clause ("the insurgency,
    which began in northeast Marovia in 2009"; "erupted" too for a year or month, not a day):
    a bound of a span."""
    verbs = _BEGAN if precision == "day" else lx.SPAN_START_VERBS
    if k > 0 and tokens[k - 1].low in _SPAN_BOUNDS:
        return True
    for t in reversed(tokens[max(0, k - _SPAN_VERB_REACH) : k]):
        if not t.is_word:
            return False  # another clause
        if t.low in verbs:
            return True
    return False


def date_for(dates: list[EventDate], position: int) -> EventDate | None:
    """The date expression nearest to a figure in its sentence (a span's start dates none)."""
    dates = [d for d in dates if d.of_event]
    if not dates:
        return None
    return min(dates, key=lambda d: (abs(d.token - position), d.token))
