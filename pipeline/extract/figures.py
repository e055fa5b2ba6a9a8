"""Find figures in one sentence: a quantity, what it counts, and the harm word that
makes it a figure (passive "13 civilians were killed", active "killed 13 civilians",
elided "more than 200 wounded", tolls "the death toll rose to 13")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract import lexicon as lx
from pipeline.extract.dates import MONTHS
from pipeline.extract.quantities import Quantity, parse_quantity, starts_quantity
from pipeline.extract.text import Token

MAX_NP = 6
MAX_AUX = 5
_NP_STOPS = lx.AUXILIARIES | {
    "and",
    "or",
    "but",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "to",
    "into",
    "of",
    "after",
    "during",
    "near",
    "as",
    "while",
    "including",
    "when",
    "where",
    "since",
    "across",
    "inside",
    "outside",
    "than",
    "amid",
    "among",
    "until",
    "before",
    "because",
    "who",
    "which",
    "were",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "overnight",
    "yesterday",
    "today",
    "last",
    "earlier",
    "over",
}
_MONTHS = set(MONTHS)
# Multi-word harm phrases after what is counted: ("lost", "their", "lives") -> kill.
HARM_PHRASES: list[tuple[tuple[str, ...], str]] = [
    (("lost", "their", "lives"), "kill"),
    (("lost", "his", "life"), "kill"),
    (("shot", "dead"), "kill"),
    (("were", "dead"), "kill"),
    (("taken", "hostage"), "abduct"),
    (("taken", "captive"), "abduct"),
    (("taken", "into", "custody"), "detain"),
    (("taken", "prisoner"), "detain"),
    (("taken", "to", "hospital"), "injure"),
    (("taken", "to", "hospitals"), "injure"),
    (("rushed", "to", "hospital"), "injure"),
    (("admitted", "to", "hospital"), "injure"),
    (("unaccounted", "for"), "missing"),
    (("went", "missing"), "missing"),
    (("blown", "up"), "destroy"),
    (("burned", "down"), "destroy"),
    (("burnt", "down"), "destroy"),
    (("set", "ablaze"), "destroy"),
    (("set", "on", "fire"), "destroy"),
    (("forced", "to", "flee"), "displace"),
    (("forced", "from", "their", "homes"), "displace"),
    (("rounded", "up"), "detain"),
]
_CUSTODY = {
    "custody",
    "detention",
    "prison",
    "prisons",
    "jail",
    "jails",
    "holding",
    "centres",
    "centers",
    "camps",
}
_HOSPITAL = {"hospital", "hospitals", "clinic", "clinics"}
_TAKE = {"take", "takes", "took", "taking", "taken"}


@dataclass(frozen=True, slots=True)
class FoundFigure:
    quantity: Quantity
    action: str
    category: str
    counted_start: int  # token span of what is counted (empty when elided)
    counted_end: int
    counted_kind: str
    elided: bool  # the counted noun is understood from the figure before ("and 200 wounded")
    span_start: int  # token span of the quote
    span_end: int


def _harm_at(tokens: list[Token], k: int) -> tuple[str, int] | None:
    """A harm word or phrase starting at token k: (action, next index)."""
    if k >= len(tokens):
        return None
    for words, action in HARM_PHRASES:
        if tuple(t.low for t in tokens[k : k + len(words)]) == words:
            return action, k + len(words)
    w = tokens[k].low
    if w in lx.HARM:
        return lx.HARM[w], k + 1
    return None


def _combined(tokens: list[Token], k: int, action: str) -> bool:
    """'killed and wounded', 'dead or injured': a casualty count that fits no category."""
    if k + 1 < len(tokens) and tokens[k].low in ("and", "or", "/"):
        nxt = _harm_at(tokens, k + 1)
        return bool(nxt and nxt[0] != action)
    return False


def _is_noise_number(tokens: list[Token], i: int) -> bool:
    """Years, times, ordinals and glued tokens ("2nd", "10am", "4se3RK") are not quantities."""
    tok = tokens[i]
    if not tok.is_number:
        return False
    if i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt.start == tok.end and (nxt.is_word or nxt.text in (":", "%", "/")):
            return True
        if nxt.low in _MONTHS:
            return True
        if nxt.start == tok.end and nxt.text == "-" and i + 2 < len(tokens):
            unit = "-" + tokens[i + 2].low
            if unit.startswith(lx.UNIT_SUFFIXES):
                return True
    if i > 0:
        prev = tokens[i - 1]
        if prev.text in ("$", "€", "£", ":", "#", "/") and prev.end == tok.start:
            return True
        if prev.low in _MONTHS:
            return True
        if prev.is_word and prev.end == tok.start:  # "X2", "COVID19"
            return True
    # A year; casualty counts in four digits carry a separator ("1,900").
    return bool(re.fullmatch(r"(1[89]|20)\d\d", tok.text))


def _counted_phrase(tokens: list[Token], j: int) -> tuple[int, int]:
    """The noun phrase after a quantity: token span [j, k)."""
    k = j
    while k < len(tokens) and k - j < MAX_NP:
        t = tokens[k]
        if not t.is_word or t.low in _NP_STOPS or t.low in lx.HARM or t.low in lx.REPORTING_VERBS:
            break
        if t.low in lx.HARM_NOUNS and k > j:
            break
        k += 1
    # The phrase ends at its first known head noun (or run of them: "police officers").
    heads = [x for x in range(j, k) if _known(tokens[x].low)]
    if heads:
        h = heads[0]
        while h + 1 < k and _known(tokens[h + 1].low):
            h += 1
        k = h + 1
    else:
        while (
            k > j
            and tokens[k - 1].low.endswith(("ed", "ing"))
            and tokens[k - 1].low not in ("armed", "unarmed")
        ):
            k -= 1
    return j, k


def _head_kind(word: str) -> str | None:
    """counted_kind of a head noun, its plural folded ("villagers" -> "villager")."""
    kind = lx.COUNTED_HEADS.get(word)
    if kind is None and word.endswith("s"):
        kind = lx.COUNTED_HEADS.get(word[:-1])
    return kind


def _known(word: str) -> bool:
    return _head_kind(word) is not None or word in lx.NOT_COUNTED


def counted_kind(tokens: list[Token], start: int, end: int) -> str | None:
    """Kind of what a noun phrase counts, from its head and modifiers; None if unknown."""
    if start >= end:
        return None
    head = tokens[end - 1].low
    words = [t.low for t in tokens[start:end]]
    mods = [lx.KIND_MODIFIERS[w] for w in words[:-1] if w in lx.KIND_MODIFIERS]
    kind = _head_kind(head)
    if mods and mods[-1] and (head in lx.GENERIC_HEADS or kind is None):
        return mods[-1]
    if "civilian" in words[:-1]:
        return "civilians"
    return kind


def find_figures(tokens: list[Token]) -> list[FoundFigure]:
    """Every figure in one sentence's tokens, left to right."""
    found: list[FoundFigure] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if not starts_quantity(tok) or _is_noise_number(tokens, i):
            i += 1
            continue
        q = parse_quantity(tokens, i)
        if q is None:
            i += 1
            continue
        if any(_is_noise_number(tokens, x) for x in range(q.start, q.end)):
            i = q.end
            continue
        fig = _link(tokens, q, found[-1] if found else None)
        if fig:
            found.append(fig)
        i = q.end
    return found


def _link(tokens: list[Token], q: Quantity, prev: FoundFigure | None) -> FoundFigure | None:
    n = len(tokens)
    j = q.end
    # "dozens of soldiers", "14 of them", "one of the victims"
    if (
        j + 1 < n
        and tokens[j].low == "of"
        and (q.vague or tokens[j + 1].low in ("them", "whom", "the", "those"))
    ):
        j += 1
        if tokens[j].low in ("the", "those") and j + 1 < n:
            j += 1
    np_start, np_end = _counted_phrase(tokens, j)
    if np_end > np_start and tokens[np_end - 1].low in lx.NOT_COUNTED:
        return None
    pronoun = np_end - np_start == 1 and tokens[np_start].low in ("them", "whom")
    kind = None if pronoun else counted_kind(tokens, np_start, np_end)
    elided = np_end == np_start or pronoun
    if np_end > np_start and not pronoun and kind is None:
        if tokens[np_end - 1].low in lx.HARM_NOUNS:
            kind = "unknown"  # "13 deaths", "7 fatalities": the noun names the harm itself
        elif not _harm_at(tokens, np_end):
            return None  # an unknown noun counts only if a harm word follows at once ("13 Xs killed")
    # Harm noun right after the number: "13 deaths", "13 dead".
    if np_end == np_start and j < n and tokens[j].low in lx.HARM_NOUNS and tokens[j].low != "dead":
        action = lx.HARM_NOUNS[tokens[j].low]
        return _make(q, action, j, j + 1, "unknown", False, q.start, j + 1)
    # Passive or adjectival: "55 soldiers were killed", "11 wounded", "9 captured".
    k = np_end
    aux = 0
    while k < n and tokens[k].low in lx.AUXILIARIES and aux < MAX_AUX:
        k += 1
        aux += 1
    harm = _harm_at(tokens, k)
    if harm and not (aux and tokens[k - 1].low == "to" and tokens[k].low in ("kill", "capture")):
        action, after = harm
        if _combined(tokens, after, action):
            return None
        if elided and prev is not None and not pronoun:
            kind = prev.counted_kind
        if kind is None:
            kind = "unknown"
        return _make(q, action, np_start, np_end, kind, elided, q.start, after)
    # The counted noun is itself the harm: "17 bodies", "13 deaths".
    if (
        np_end > np_start
        and tokens[np_end - 1].low in lx.HARM_NOUNS
        and (q.start == 0 or tokens[q.start - 1].low not in lx.HARM)
    ):
        return _make(
            q,
            lx.HARM_NOUNS[tokens[np_end - 1].low],
            np_start,
            np_end,
            kind or "unknown",
            False,
            q.start,
            np_end,
        )
    # Active: "killed 13 civilians", "the attack wounded dozens", "taking 90 men to holding centres".
    b = q.start - 1
    if b >= 0:
        before = tokens[b].low
        action = lx.HARM.get(before)
        if action and before not in ("dead", "missing"):
            if (
                b >= 2
                and tokens[b - 1].low in ("and", "or")
                and lx.HARM.get(tokens[b - 2].low) not in (None, action)
            ):
                return None  # "killed and wounded 30"
            return _make(
                q, action, np_start, np_end, kind or "unknown", elided and not pronoun, b, max(np_end, q.end)
            )
        if before in _TAKE and np_end < n and tokens[np_end].low in ("to", "into"):
            dest = {t.low for t in tokens[np_end + 1 : np_end + 4]}
            act = "detain" if dest & _CUSTODY else "injure" if dest & _HOSPITAL else None
            if act:
                end = (
                    np_end
                    + 1
                    + max(
                        x
                        for x, t in enumerate(tokens[np_end + 1 : np_end + 4], 1)
                        if t.low in _CUSTODY | _HOSPITAL
                    )
                )
                return _make(q, act, np_start, np_end, kind or "unknown", False, b, end)
        # "the death toll rose to 13", "a toll of 13", "the toll from the attack climbed to 13"
        toll = _toll_before(tokens, q.start)
        if toll is not None:
            x, injury = toll
            if injury is None:
                return None  # a casualty toll counts dead and wounded together
            return _make(
                q,
                "injure" if injury else "kill",
                np_start,
                np_end,
                kind or "unknown",
                False,
                x,
                max(np_end, q.end),
            )
    # "claimed the lives of 13", "the bodies of 13"
    if q.start >= 3 and tokens[q.start - 1].low == "of" and tokens[q.start - 2].low in ("lives", "bodies"):
        return _make(q, "kill", np_start, np_end, kind or "unknown", False, q.start - 3, max(np_end, q.end))
    return None


_TOLL_LINKS = {
    "rose",
    "risen",
    "rises",
    "climbed",
    "climbs",
    "jumped",
    "reached",
    "reaches",
    "hit",
    "stood",
    "stands",
    "increased",
    "surpassed",
    "passed",
    "exceeded",
    "topped",
    "mounted",
    "is",
    "was",
    "now",
    "has",
    "had",
    "been",
    "further",
    "stand",
    "of",
    "to",
    "at",
    "grew",
    "soared",
}


def _toll_before(tokens: list[Token], q_start: int) -> tuple[int, bool | None] | None:
    """A toll that a number completes: (token where the quote starts, injury toll?).
    The number must follow a toll verb or "of" directly ("rose to 13", "a toll of 13"); the
    word "toll" may stand a few words earlier ("the toll from Friday's attack rose to 13")."""
    b = q_start - 1
    if b < 0 or tokens[b].low not in _TOLL_LINKS:
        return None
    for x in range(b, max(-1, b - 15), -1):
        w = tokens[x].low
        if w in (";", ":") or tokens[x].is_number or w in lx.HARM:
            return None
        if w in ("toll", "tolls"):
            mod = tokens[x - 1].low if x > 0 else ""
            if mod == "casualty":
                return x - 1, None
            injury = mod in ("injury", "injuries", "wounded")
            return (x - 1 if mod in ("death", "injury") else x), injury
    return None


def _make(
    q: Quantity, action: str, cs: int, ce: int, kind: str, elided: bool, s: int, e: int
) -> FoundFigure | None:
    category = lx.category_for(action, kind)
    if category is None:
        return None
    return FoundFigure(q, action, category, cs, ce, kind, elided, min(s, q.start), max(e, q.end))
