"""Where a figure's event happened, as worded: "in Nangarhar province", "near Kherson",
"in eastern Afghanistan", "Punjab province". Gazetteer resolution comes later."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract import lexicon as lx
from pipeline.extract.dates import MONTHS, WEEKDAYS
from pipeline.extract.text import Token

_NOT_PLACES = (
    set(MONTHS)
    | set(WEEKDAYS)
    | {
        "x",
        "twitter",
        "telegram",
        "facebook",
        "instagram",
        "reuters",
        "a",
        "the",
        "his",
        "her",
        "their",
        "islamic",
        "god",
        "parliament",
        "congress",
        "english",
        "arabic",
    }
)


@dataclass(frozen=True)
class Place:
    start: int  # token span, preposition excluded
    end: int
    text: str


def find_places(tokens: list[Token], body: str) -> list[Place]:
    """Place phrases of a sentence: a capitalized name after a place preposition (optionally
    with a direction word), or any capitalized name followed by a place noun."""
    out: list[Place] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        start = None
        if t.low in lx.PLACE_PREPOSITIONS and i + 1 < n:
            j = i + 1
            if tokens[j].low == "the" and j + 1 < n:
                j += 1
            s = j
            if tokens[j].low in lx.DIRECTIONS and j + 1 < n:
                j += 1
            if tokens[j].is_capitalized and tokens[j].is_word and tokens[j].low not in _NOT_PLACES:
                start = s
                i = j
        elif t.is_capitalized and t.is_word and i > 0 and t.low not in _NOT_PLACES:
            # "Punjab province" without a preposition: only with a place noun after it
            k = i
            while k < n and tokens[k].is_capitalized and tokens[k].is_word:
                k += 1
            if k < n and tokens[k].low in lx.PLACE_NOUNS:
                start = i
        if start is None:
            i += 1
            continue
        k = i
        while k < n and (
            (tokens[k].is_capitalized and tokens[k].is_word)
            or (tokens[k].text == "-" and k + 1 < n and tokens[k + 1].is_capitalized)
        ):
            k += 1
        if k < n and tokens[k].low in lx.PLACE_NOUNS:
            k += 1
        if k > start and not (k - start == 1 and tokens[start].low in lx.DIRECTIONS):
            out.append(Place(start, k, body[tokens[start].start : tokens[k - 1].end]))
        i = max(k, i + 1)
    return out


def place_for(places: list[Place], fig_start: int, fig_end: int, next_fig_start: int | None) -> Place | None:
    """The place of a figure: one named after it within its own clause (up to the next
    figure), else the nearest one before it in the sentence."""
    limit = next_fig_start if next_fig_start is not None else 10**9
    after = [p for p in places if fig_end <= p.start < limit]
    if after:
        return after[0]
    before = [p for p in places if p.end <= fig_start]
    return before[-1] if before else None
