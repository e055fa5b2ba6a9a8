"""Quantities as news writes them: digits, number words, vague amounts, bounds, ranges.

``parse_quantity`` reads the tokens at one position and returns the values that
ANNOTATION.md prescribes: low/high (None when unbounded) and approx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.text import Token

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# No count of people or things reaches this: a larger number ("100000000000000000000 killed")
# is read as exactly this value, so a figure keeps its place (its quote keeps the report's
# digits) without overflowing the int64 columns downstream, which hold figures at or above a
# plausibility bound back with a reason. Digit strings longer than _CAP_DIGITS are never
# converted with int(), so no length of digits can raise (Python caps int() at 4,300 digits).
FIGURE_VALUE_CAP = 10**15
_CAP_DIGITS = len(str(FIGURE_VALUE_CAP))  # 16: more significant digits than this exceed the cap

SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

# Vague amounts: (low, high, approx) as ANNOTATION.md fixes them.
VAGUE = {
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, None),
    "thousands": (2000, None),
    "millions": (2_000_000, None),
    "several": (3, None),
    "tens": (20, None),
}
# Two-word vague amounts.
VAGUE_PHRASES = {
    ("a", "few"): (2, None),
    ("a", "dozen"): (12, 12),
    ("a", "hundred"): (100, 100),
    ("a", "thousand"): (1000, 1000),
    ("a", "million"): (1_000_000, 1_000_000),
}
# "a hundred", "a thousand", "a million" are exact numbers, not vague amounts.
_EXACT_PHRASES = {("a", "hundred"), ("a", "thousand"), ("a", "million")}

# Modifiers before the number, longest first, and how they bound it.
# kind: "min" low=N high=None; "gt" low=N+1; "max" high=N low=None; "lt" high=N-1; "approx".
PREFIXES: list[tuple[tuple[str, ...], str]] = sorted(
    [
        (("at", "least"), "min"),
        (("least",), "min"),  # "killed least 25": the common slip for "at least"
        (("no", "fewer", "than"), "min"),
        (("not", "less", "than"), "min"),
        (("a", "minimum", "of"), "min"),
        (("at", "the", "very", "least"), "min"),
        (("more", "than"), "gt"),
        (("over",), "gt"),
        (("well", "over"), "gt"),
        (("upwards", "of"), "gt"),
        (("in", "excess", "of"), "gt"),
        (("well", "above"), "gt"),
        (("above",), "gt"),
        (("up", "to"), "max"),
        (("as", "many", "as"), "max"),
        (("at", "most"), "max"),
        (("no", "more", "than"), "max"),
        (("a", "maximum", "of"), "max"),
        (("fewer", "than"), "lt"),
        (("less", "than"), "lt"),
        (("under",), "lt"),
        (("nearly",), "approx"),
        (("about",), "approx"),
        (("around",), "approx"),
        (("some",), "approx"),
        (("roughly",), "approx"),
        (("almost",), "approx"),
        (("approximately",), "approx"),
        (("an", "estimated"), "approx"),
        (("estimated",), "approx"),
        (("close", "to"), "approx"),
        (("just", "over"), "gt"),
        (("just", "under"), "lt"),
        (("an", "approximate"), "approx"),
        (("circa",), "approx"),
    ],
    key=lambda p: -len(p[0]),
)

# The same prefixes indexed by their first word, longest first: most tokens open none.
_PREFIXES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in PREFIXES:
    _PREFIXES_BY_FIRST.setdefault(_words[0], []).append((_words, _kind))

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # token index of the first token (modifier included)
    end: int  # token index after the last token
    low: int | None
    high: int | None
    approx: bool
    vague: bool  # "dozens", "several": no count, an order of magnitude


def _word_number(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """A number written in words from token i: (value, next index)."""
    total, current, j, seen = 0, 0, i, False
    while j < len(tokens):
        w = tokens[j].low
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
            current += TENS[parts[0]] + UNITS[parts[1]]
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES and seen:
            scale = SCALES[w]
            if scale == 100:
                current = capped(current * 100)  # "hundred hundred ...": bounded at each step
            else:
                total = capped(total + current * scale)
                current = 0
        elif (
            w == "and"
            and seen
            and j + 1 < len(tokens)
            and (tokens[j + 1].low in UNITS or tokens[j + 1].low in TENS or "-" in tokens[j + 1].low)
            and j > i
            and tokens[j - 1].low in ("hundred", "thousand")
        ):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    return (capped(total + current), j) if seen else None


def capped(value: int) -> int:
    """The value, or FIGURE_VALUE_CAP if it is larger."""
    return min(value, FIGURE_VALUE_CAP)


def _digits(tok: Token) -> int | float | None:
    if not _DIGITS.fullmatch(tok.text):
        return None
    text = tok.text.replace(",", "")
    whole = text.partition(".")[0].lstrip("0")
    if len(whole) > _CAP_DIGITS:
        return FIGURE_VALUE_CAP  # past the cap whatever its fraction: int() is never asked
    return float(text) if "." in text else capped(int(text))


def _core(tokens: list[Token], i: int) -> tuple[int | None, int | None, bool, bool, int] | None:
    """The number itself at i: (low, high, approx, vague, next index)."""
    if i >= len(tokens):
        return None
    tok = tokens[i]
    w = tok.low
    pair = (w, tokens[i + 1].low) if i + 1 < len(tokens) else None
    if pair in VAGUE_PHRASES:
        low, high = VAGUE_PHRASES[pair]
        return low, high, pair not in _EXACT_PHRASES, pair not in _EXACT_PHRASES, i + 2
    if w in VAGUE:
        low, high = VAGUE[w]
        j = i + 1
        # "hundreds of thousands", "tens of thousands"
        if j + 1 < len(tokens) and tokens[j].low == "of" and tokens[j + 1].low in ("thousands", "millions"):
            low = low * (1000 if tokens[j + 1].low == "thousands" else 1_000_000)
            j += 2
        elif j < len(tokens) and tokens[j].low in ("hundred", "thousand", "million") and low is not None:
            low = low * SCALES[tokens[j].low]  # "several thousand": 3,000 and more
            high = high * SCALES[tokens[j].low] if high is not None else None
            j += 1
        return low, high, True, True, j
    if w == "half" and i + 2 < len(tokens) and tokens[i + 1].low == "a" and tokens[i + 2].low in SCALES:
        half = SCALES[tokens[i + 2].low] // 2  # "half a million"
        return half, half, False, False, i + 3
    value = _digits(tok)
    j = i + 1
    if value is None:
        parsed = _word_number(tokens, i)
        if parsed is None:
            return None
        value, j = parsed
    # "1.5 million", "2 thousand"
    if j < len(tokens) and tokens[j].low in ("million", "thousand"):
        value = value * SCALES[tokens[j].low]
        j += 1
    elif j < len(tokens) and tokens[j].low == "dozen":
        dozens = capped(int(value * 12))
        return dozens, dozens, True, True, j + 1
    if isinstance(value, float):
        if not value.is_integer():
            return None  # decimals are not counts of people
        value = int(value)
    value = capped(value)
    return value, value, False, False, j


def parse_quantity(tokens: list[Token], i: int) -> Quantity | None:
    """The quantity starting at token i (modifier first, if any), or None."""
    kind = None
    j = i
    for words, k in _PREFIXES_BY_FIRST.get(tokens[i].low, ()):
        n = len(words)
        if tuple(t.low for t in tokens[i : i + n]) == words:
            kind, j = k, i + n
            break
    core = _core(tokens, j)
    if core is None:
        return None
    low, high, approx, vague, end = core
    if kind and not vague and low is not None:
        n = low
        if kind == "min":
            low, high = n, None
        elif kind == "gt":
            low, high = capped(n + 1), None
        elif kind == "max":
            low, high = None, n
        elif kind == "lt":
            low, high = None, max(n - 1, 0)
        elif kind == "approx":
            approx = True
    # A bound before a vague amount ("at least dozens") leaves it as it is: already a lower bound.
    # Ranges and open ends after the number: "10 to 15", "10-15", "between 10 and 15", "50 or more".
    if not vague and low is not None and high is not None and end < len(tokens):
        nxt = tokens[end].low
        between = i >= 1 and tokens[i - 1].low == "between"
        changed = nxt == "to" and i >= 1 and tokens[i - 1].low == "from" and _changes_before(tokens, i - 1)
        if (nxt in ("to", "-", "–") and not changed) or (nxt == "and" and between):
            other = _core(tokens, end + 1)
            if other and not other[3] and other[0] is not None and other[0] > low:
                return Quantity(i - 1 if between else i, other[4], low, other[1], approx, False)
        if nxt == "or" and end + 1 < len(tokens) and tokens[end + 1].low in ("more", "over"):
            return Quantity(i, end + 2, low, None, approx, False)
        if nxt == "+" or nxt == "plus":
            return Quantity(i, end + 1, low, None, approx, False)
    return Quantity(i, end, low, high, approx, vague)


# A toll that changes "from 12 to 15" gives two numbers, not a range.
_CHANGE_WORDS = frozenset(
    {
        "toll",
        "tolls",
        "rose",
        "risen",
        "rises",
        "revised",
        "revises",
        "raised",
        "increased",
        "climbed",
        "jumped",
    }
)


def _changes_before(tokens: list[Token], k: int) -> bool:
    return any(t.low in _CHANGE_WORDS for t in tokens[max(0, k - 6) : k])


# Words that can open a quantity: number words, vague amounts, the first word of a bound.
NUMBER_WORDS = frozenset({*UNITS, *TENS, *SCALES, *VAGUE, "dozen", "few", "half"})
_OPENERS = frozenset({words[0] for words, _ in PREFIXES} | {"a", "between"})


def starts_quantity(tok: Token) -> bool:
    """Cheap test: could a quantity start at this token?"""
    w = tok.low
    return tok.is_number or w in NUMBER_WORDS or w in _OPENERS or w.split("-")[0] in TENS
