"""Find figures in one sentence: a quantity, what it counts, and the harm word that
makes it a figure (passive "13 civilians were killed", active "killed 13 civilians",
elided "more than 200 wounded", tolls "the death toll rose to 13")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from pipeline.extract import lexicon as lx
from pipeline.extract.dates import MONTHS
from pipeline.extract.quantities import Quantity, parse_quantity, starts_quantity
from pipeline.extract.text import Token

MAX_NP = 6
MAX_AUX = 6  # "are also said to have been killed"
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
_CALENDAR = _MONTHS | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
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
    (("sent", "to", "hell"), "kill"),
    (("brought", "in", "dead"), "kill"),
    (("paid", "the", "ultimate", "sacrifice"), "kill"),
    (("took", "away"), "abduct"),
    (("taken", "away"), "abduct"),
    (("carried", "off"), "abduct"),
    (("in", "serious", "condition"), "injure"),
    (("in", "critical", "condition"), "injure"),
    (("in", "a", "serious", "condition"), "injure"),
    (("in", "a", "critical", "condition"), "injure"),
    (("seriously", "hurt"), "injure"),
]
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _action in HARM_PHRASES:
    _PHRASES_BY_FIRST.setdefault(_words[0], []).append((_words, _action))
# "taken to the nearest hospital", "brought to two field clinics": a hospital word within reach.
_TO_HOSPITAL = lx.CARRIED_TO
# Nouns whose "of" names the harm of the number after it: "the deaths of 13", "the abduction of two".
# Verbs that take "N lives": "claimed 20 lives", "cost 13 lives".
_TAKE_LIVES = {"claimed", "claiming", "claim", "claims", "cost", "costs", "costing", "took", "taken", "take"}
# Harm nouns that can head what is counted: "two charred bodies", "three martyrs".
_NOUN_HEADS = {"bodies", "corpses", "dead", "martyrs"}
# Words between a harm verb and its number: "killed all nine", "wounded a further 8".
_DETERMINERS = {"all", "the", "another", "a", "further", "some", "its", "their"}
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
    parent: int | None = None  # quantity start of the figure it breaks down or is listed with
    framed: bool = False  # its harm comes from a frame ("among the dead were ...")


def _harm_at(tokens: list[Token], k: int) -> tuple[str, int] | None:
    """A harm word or phrase starting at token k: (action, next index)."""
    if k >= len(tokens):
        return None
    w = tokens[k].low
    for words, action in _PHRASES_BY_FIRST.get(w, ()):
        if tuple(t.low for t in tokens[k : k + len(words)]) == words:
            return action, k + len(words)
    if w in lx.HARM:
        return lx.HARM[w], k + 1
    if w in _TO_HOSPITAL and k + 1 < len(tokens) and tokens[k + 1].low == "to":
        for x in range(k + 2, min(k + 6, len(tokens))):
            if tokens[x].low in _HOSPITAL:
                return "injure", x + 1
    return None


def _skip_aux(tokens: list[Token], k: int) -> int:
    """Past the words between a counted noun and its harm word: auxiliaries, adverbs
    ("were reportedly", "have been \"slightly\""), quotation marks and brackets, a first verb
    joined by "and" ("were targeted and killed"), and the common typo "where killed"."""
    n = len(tokens)
    steps = 0
    while k < n and steps < MAX_AUX:
        w = tokens[k].low
        if (
            w in lx.AUXILIARIES
            or w in _MARKS
            or (w.endswith("ly") and w not in lx.HARM and len(w) > 3)
            or (w == "where" and k + 1 < n and tokens[k + 1].low in lx.HARM)
        ):
            k += 1
        elif (
            w.endswith("ed")
            and steps > 0  # a passive: "were targeted and killed", not "inmates rioted and killed"
            and w not in lx.HARM
            and k + 2 < n
            and tokens[k + 1].low == "and"
            and tokens[k + 2].low in lx.HARM
        ):
            k += 2
        else:
            break
        steps += 1
    return k


_MARKS = {'"', "“", "”", "'", "‘", "’", "[", "]", "(", ")"}
_INSERT_OPENERS = {"including", "among", "mostly", "most", "many", "all", "both", "mainly", "a", "an"}


def _skip_insert(tokens: list[Token], k: int) -> int:
    """Past what may stand between a counted noun and its verb: a comma-enclosed insert
    (", including 6 children and 2 women,", ", mostly farm workers,") or an "of" phrase
    naming whose they are ("of the Kell Rifles and Border Guard (BG)").
    Returns k unchanged when nothing is skipped."""
    n = len(tokens)
    if k < n and tokens[k].text == "," and k + 1 < n and tokens[k + 1].low in _INSERT_OPENERS:
        for x in range(k + 2, min(k + 14, n)):
            w = tokens[x].low
            if tokens[k + 1].low == "including" and w in ("were", "was", "where") and _harm_at(tokens, x + 1):
                return x  # no closing comma: "nine people, including four soldiers were killed"
            if (
                w in lx.HARM
                or w in lx.REPORTING_VERBS
                or tokens[x].text in (";", ":", ".")
                or w in _QUOTE_MARKS
            ):
                return k
            if tokens[x].text == ",":
                return x + 1
        return k
    if k < n and tokens[k].low in ("of", "from") and k + 1 < n:
        x = k + 1
        while (
            x < n
            and x - k <= 10
            and (
                tokens[x].is_capitalized
                or tokens[x].low in ("the", "and", "'s", "’s")
                or tokens[x].text in "()"
            )
        ):
            x += 1
        if x > k + 2 and any(t.is_capitalized for t in tokens[k + 1 : x]):
            return x
    if k + 2 < n and tokens[k].text in _DASHES:
        # "two attackers - a man and a woman - were killed"
        for x in range(k + 1, min(k + 10, n)):
            if tokens[x].low in lx.HARM or tokens[x].low in lx.REPORTING_VERBS:
                return k
            if tokens[x].text in _DASHES:
                return x + 1
    if k + 1 < n and (
        tokens[k].low in _PLACE_LINKS or (tokens[k].low in ("next", "close") and tokens[k + 1].low == "to")
    ):
        # "four cars near the station had been destroyed": a short place phrase, then the verb
        for x in range(k + 1, min(k + 7, n)):
            if tokens[x].low in ("were", "was", "had", "have", "has") and _harm_at(
                tokens, _skip_aux(tokens, x)
            ):
                return x
            if not tokens[x].is_word or tokens[x].low in lx.HARM or tokens[x].low in lx.REPORTING_VERBS:
                return k
    return k


_QUOTE_MARKS = {'"', "“", "”"}
_DASHES = {"-", "–", "—"}
_PLACE_LINKS = {"near", "at", "in", "inside", "outside", "on", "around", "beside"}


def _combined(tokens: list[Token], k: int, action: str) -> bool:
    """'killed and wounded', 'dead or injured': a casualty count that fits no category."""
    if k + 1 < len(tokens) and tokens[k].low in ("and", "or", "/"):
        nxt = _harm_at(tokens, k + 1)
        return bool(nxt and nxt[0] != action)
    return False


def _is_noise_number(tokens: list[Token], i: int) -> bool:
    """Years, times, ordinals and glued tokens ("2nd", "10am", "7xq2Lm") are not quantities."""
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
        if prev.text == "-" and prev.end == tok.start and i > 1 and tokens[i - 2].end == prev.start:
            return True  # a model designation: "KT-90", "Zr-31"
    # A year; casualty counts in four digits carry a separator ("1,900").
    return bool(re.fullmatch(r"(1[89]|20)\d\d", tok.text))


# What cannot follow a hedge inside a counted phrase ("12 suspected militants").
_HEDGE_ENDS = frozenset(_NP_STOPS | lx.REPORTING_VERBS)


def _counted_phrase(tokens: list[Token], j: int) -> tuple[int, int]:
    """The noun phrase after a quantity: token span [j, k)."""
    k = j
    n = len(tokens)
    joined = 0  # index of the "and" joining two modifiers or heads, if any
    while k < n and k - j < MAX_NP + 2:
        t = tokens[k]
        if (
            t.text == "-"
            and k > j
            and k + 1 < n
            and tokens[k - 1].end == t.start
            and t.end == tokens[k + 1].start
            and tokens[k + 1].is_number
        ):
            k += 2  # a model designation inside the phrase: "KT-90 tanks"
            continue
        if (
            t.low == "and"
            and not joined
            and not tokens[k + 1 if k + 1 < n else k].low.endswith("ed")
            and k > j
            and k + 1 < n
            and tokens[k + 1].is_word
            and tokens[k + 1].low not in _NP_STOPS
            and not starts_quantity(tokens[k + 1])
            and tokens[k + 1].low not in lx.HARM
            and tokens[k + 1].low not in lx.REPORTING_VERBS
        ):
            joined = k  # "police and army personnel": two modifiers of one head
            k += 1
            continue
        if (
            t.low in lx.HEDGES
            and k + 1 < n
            and tokens[k + 1].is_word
            and tokens[k + 1].low not in _HEDGE_ENDS
            and tokens[k + 1].low not in lx.HARM
        ):
            k += 1  # "five alleged members", "12 suspected militants": a hedge, not a verb
            continue
        if not t.is_word or t.low in _NP_STOPS or t.low in lx.HARM or t.low in lx.REPORTING_VERBS:
            break
        if t.low in lx.HARM_NOUNS and k > j:
            if not any(_known(tokens[x].low) for x in range(j, k)) and t.low in _NOUN_HEADS:
                k += 1  # "two charred bodies": the harm noun is the head
            break
        k += 1
    if k > j and tokens[k - 1].low == "and":
        k -= 1
    if joined and any(starts_quantity(tokens[x]) for x in range(joined + 1, k)):
        k = joined  # "two guards and took four others": the join opens another figure
        joined = 0
    if joined and not any(_known(tokens[x].low) for x in range(joined, k)):
        k = joined  # "civilians and reiterated ...": no second head, no join
        joined = 0
    # The phrase ends at its first known head noun (or run of them: "police officers");
    # after "and" when two are joined ("fighters and civilians", "police and army personnel").
    heads = [x for x in range(joined or j, k) if _known(tokens[x].low)]
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


def head_kind(word: str) -> str | None:
    """counted_kind of a head noun, its plural folded ("villagers" -> "villager")."""
    kind = lx.COUNTED_HEADS.get(word)
    if kind is None and word.endswith("s"):
        kind = lx.COUNTED_HEADS.get(word[:-1])
    if kind is None:
        kind = lx.COUNTED_HEADS.get(word + "s")  # "a nurse" as "nurses"
    return kind


def _known(word: str) -> bool:
    return head_kind(word) is not None or word in lx.NOT_COUNTED


def counted_kind(tokens: list[Token], start: int, end: int) -> str | None:
    """Kind of what a noun phrase counts, from its head and modifiers; None if unknown.
    Two joined parts of different kinds ("police and army personnel") count a mix."""
    if start >= end:
        return None
    joins = [x for x in range(start + 1, end - 1) if tokens[x].low == "and"]
    if joins:
        first = _simple_kind(tokens, start, joins[0]) or _simple_kind(tokens, start, joins[0] + 1)
        second = _simple_kind(tokens, joins[0] + 1, end)
        if first and second and first != second:
            return "mixed"
        return second or first
    return _simple_kind(tokens, start, end)


def _simple_kind(tokens: list[Token], start: int, end: int) -> str | None:
    if start >= end:
        return None
    head = tokens[end - 1].low
    words = [t.low for t in tokens[start:end]]
    mods = [lx.KIND_MODIFIERS[w] for w in words[:-1] if w in lx.KIND_MODIFIERS]
    kind = head_kind(head)
    if mods and mods[-1] and (head in lx.GENERIC_HEADS or kind is None):
        return mods[-1]
    if "civilian" in words[:-1]:
        return "civilians"
    return kind


def find_figures(tokens: list[Token], numbers: list[Quantity] | None = None) -> list[FoundFigure]:
    """Every figure in one sentence's tokens, left to right. A number with its own harm
    word is linked first; numbers in a list or a breakdown then share the harm of the figure
    they belong to ("including 6 children", "12 fighters and 9 soldiers were killed")."""
    found: list[FoundFigure] = []
    pending: list[_Candidate] = []
    for q in quantities(tokens) if numbers is None else numbers:
        fig = _link(tokens, q, found[-1] if found else None)
        if fig:
            found.append(fig)
        else:
            cand = _candidate(tokens, q)
            if cand:
                pending.append(cand)
    if pending:
        found = _inherit(tokens, found, pending)
    # "nine people, including four soldiers were killed": a subset with its own verb
    for idx, f in enumerate(found):
        if f.parent is None and _inclusion_marker(tokens, f.quantity.start) is not None:
            before = [g for g in found if g.quantity.start < f.quantity.start]
            if before:
                found[idx] = replace(f, parent=before[-1].quantity.start)
    return found


def with_listed(tokens: list[Token], found: list[FoundFigure], numbers: list[Quantity]) -> list[FoundFigure]:
    """The figures found, and the numbers listed with or breaking them down ("220 soldiers, 3
    tanks and 7 vehicles were destroyed" once the parse has linked the 220)."""
    linked = {f.quantity.start for f in found}
    pending = [c for q in numbers if q.start not in linked and (c := _candidate(tokens, q)) is not None]
    return _inherit(tokens, found, pending) if pending else sorted(found, key=lambda f: f.quantity.start)


def quantities(tokens: list[Token]) -> Iterator[Quantity]:
    """The quantities of a sentence that may count people or objects, left to right: years,
    model numbers, times and amounts of money left out."""
    i = 0
    n = len(tokens)
    while i < n:
        if not starts_quantity(tokens[i]) or _is_noise_number(tokens, i):
            i += 1
            continue
        q = parse_quantity(tokens, i)
        if q is None:
            i += 1
            continue
        if not any(_is_noise_number(tokens, x) for x in range(q.start, q.end)):
            yield q
        i = q.end


def counts_no_figure(tokens: list[Token], q: Quantity) -> bool:
    """Does the number count what is never a figure ("five assault rifles", "24 hours", "one
    of the deadliest attacks")? Such numbers are not worth a parse."""
    if q.low == 1 and q.end < len(tokens) and tokens[q.end].low == "of":
        return q.end + 1 < len(tokens) and tokens[q.end + 1].low not in ("them", "those", "whom")
    j, _ = _of_phrase(tokens, q)
    s, e = _counted_phrase(tokens, j)
    e = next((x for x in range(s, e) if tokens[x].low in ("and", "or")), e)  # its own noun, not a list's
    return e > s and tokens[e - 1].low in lx.NOT_COUNTED


def linked_figure(
    tokens: list[Token], q: Quantity, action: str, noun: int | None, predicate: int, harm_end: int
) -> FoundFigure | None:
    """A figure the parse linked (``link``): the counted phrase runs from the number to its
    noun; a noun outside the word lists counts people of unknown kind, or objects for a harm
    done to objects ("torched seven parked cars")."""
    cs = ce = q.end
    if noun is not None:
        if not q.end <= noun < q.end + MAX_NP or any(not t.is_word for t in tokens[q.end : noun]):
            return None  # the number is not in the noun's phrase: "(Oct. 24) - Seven soldiers"
        ce = noun + 1
    elif q.end < len(tokens) and not tokens[q.end].is_word and tokens[q.end].text not in ",.;":
        return None
    if ce > cs and tokens[ce - 1].low in lx.NOT_COUNTED:
        return None
    kind = counted_kind(tokens, cs, ce) if ce > cs else None
    if kind is None and action in ("destroy", "capture"):
        return None  # what may be destroyed or captured is a closed list (weapons are not figures)
    kind = kind or "unknown"
    return _make(q, action, cs, ce, kind, ce == cs, min(q.start, predicate), max(ce, harm_end + 1))


def _of_phrase(tokens: list[Token], q: Quantity) -> tuple[int, str | None]:
    """After the number: "dozens of soldiers", "5 of them", "two of its fighters", "87 of
    these deaths". Returns where the counted phrase starts and the harm an "of the dead"
    phrase names."""
    n = len(tokens)
    j = q.end
    if j + 1 < n and tokens[j].low == "of" and (q.vague or tokens[j + 1].low in _OF_DETERMINERS):
        j += 1
        if tokens[j].low in _OF_DETERMINERS - {"them", "whom"} and j + 1 < n:
            j += 1
            w = tokens[j].low
            if w in ("total", "overall", "reported") and j + 1 < n:
                j += 1
                w = tokens[j].low
            if w in lx.HARM_NOUNS or w in ("killed", "wounded", "injured", "victims"):
                action = lx.HARM_NOUNS.get(w) or lx.HARM.get(w) or "kill"
                return j, action
    return j, None


_OF_DETERMINERS = {"them", "whom", "the", "those", "these", "its", "their", "his", "her", "our", "which"}


def _link(tokens: list[Token], q: Quantity, prev: FoundFigure | None) -> FoundFigure | None:
    n = len(tokens)
    j, of_action = _of_phrase(tokens, q)
    if of_action is not None:
        # "87 of these deaths (were reported as civilians)", "one of the dead"
        cs, ce = _copula_phrase(tokens, j + 1)
        if ce == cs and j + 1 < n and head_kind(tokens[j + 1].low) == "unknown":
            cs, ce = _copula_phrase(tokens, j + 2)  # "27 of the dead people were policemen"
        kind = counted_kind(tokens, cs, ce) if ce > cs else None
        fig = _make(q, of_action, cs, ce, kind or "unknown", False, q.start, max(j + 1, ce))
        return replace(fig, framed=True) if fig else None  # it breaks down a figure named before
    np_start, np_end = _counted_phrase(tokens, j)
    if np_end > np_start and tokens[np_end - 1].low in lx.NOT_COUNTED:
        return None
    pronoun = np_end - np_start == 1 and tokens[np_start].low in ("them", "whom", "others", "more")
    kind = None if pronoun else counted_kind(tokens, np_start, np_end)
    elided = np_end == np_start or pronoun
    before = _word_before(tokens, q.start)
    if np_end > np_start and tokens[np_end - 1].low == "lives" and before and before[0] in _TAKE_LIVES:
        return _make(q, "kill", np_start, np_end, "unknown", False, before[1], np_end)  # "claimed 20 lives"
    if np_end > np_start and not pronoun and kind is None:
        if tokens[np_end - 1].low in lx.HARM_NOUNS:
            kind = "unknown"  # "13 deaths", "7 fatalities": the noun names the harm itself
        elif not (_harm_at(tokens, np_end) and not _acts(tokens, np_end)) and not (
            _is_group_name(tokens[np_end - 1]) and _harm_at(tokens, _skip_aux(tokens, np_end))
        ):
            # an unknown noun counts only with its harm word ("13 Xs killed"), and not as the
            # doer of an active verb ("two explosions killed at least 40")
            return None
    # Harm noun right after the number: "13 deaths", "13 dead".
    if np_end == np_start and j < n and tokens[j].low in lx.HARM_NOUNS and tokens[j].low != "dead":
        action = lx.HARM_NOUNS[tokens[j].low]
        return _make(q, action, j, j + 1, "unknown", False, q.start, j + 1)
    # "the fate of seven police officers is unclear", "the whereabouts of 20 remain unknown"
    if (
        q.start >= 2
        and tokens[q.start - 1].low == "of"
        and tokens[q.start - 2].low in ("fate", "whereabouts")
    ):
        k = _skip_aux(tokens, np_end)
        if k < n and tokens[k].low in ("unknown", "unclear"):
            return _make(q, "missing", np_start, np_end, kind or "unknown", False, q.start - 3, k + 1)
    # Passive or adjectival: "12 soldiers were killed", "11 wounded", "9 captured",
    # "31 people, including 6 children, were killed", "Four troops of the Kell Rifles were martyred".
    k = _skip_aux(tokens, np_end)
    harm = _harm_at(tokens, k)
    if harm is None and k == np_end:
        k = _skip_aux(tokens, _skip_insert(tokens, np_end))
        harm = _harm_at(tokens, k) if k > np_end else None
    if harm and any(t.low in lx.MODALS for t in tokens[np_end:k]):
        return None  # "thousands will have to flee", "dozens could be killed": not yet happened
    if harm and not (k > np_end and tokens[k - 1].low == "to" and tokens[k].low in ("kill", "capture")):
        action, after = harm
        if _combined(tokens, after, action):
            return None
        if np_end == np_start and k == np_end:
            counted = _counted_after_harm(tokens, after)
            if counted is not None:  # "five wounded soldiers": the participle modifies the noun
                cs, ce, kind = counted
                return _make(q, action, cs, ce, kind, False, q.start, ce)
        if elided and prev is not None:
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
    # Active: "killed 13 civilians", "killed all nine gunmen", "carried off the three hostages".
    active = _harm_before(tokens, q.start)
    if active is not None:
        action, b = active
        if (
            b >= 2
            and tokens[b - 1].low in ("and", "or")
            and lx.HARM.get(tokens[b - 2].low) not in (None, action)
        ):
            return None  # "killed and wounded 30"
        if elided and prev is not None and pronoun and tokens[np_start].low in ("others", "more"):
            kind = prev.counted_kind
        return _make(
            q, action, np_start, np_end, kind or "unknown", elided and not pronoun, b, max(np_end, q.end)
        )
    b = q.start - 1
    if b >= 0:
        if tokens[b].low in _TAKE and np_end < n and tokens[np_end].low in ("to", "into"):
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
        harm_of = _harm_of(tokens, q.start)
        if harm_of is not None:  # before tolls: "the deaths of 20 and the flight of thousands"
            return _make(
                q, harm_of[0], np_start, np_end, kind or "unknown", False, harm_of[1], max(np_end, q.end)
            )
        # "the death toll rose to 13", "a toll of 13", "the tally of wounded in the hundreds"
        toll = _toll_before(tokens, q.start)
        if toll is not None:
            x, action = toll
            if action is None:
                return None  # a casualty toll counts dead and wounded together
            kind = kind or _toll_kind(tokens, x, q.start)
            return _make(q, action, np_start, np_end, kind or "unknown", False, x, max(np_end, q.end))
    # "the lives of 13", "the bodies of 13", "reported the killing of the four guards"
    harm_of = _harm_of(tokens, q.start)
    if harm_of is not None:
        return _make(
            q, harm_of[0], np_start, np_end, kind or "unknown", False, harm_of[1], max(np_end, q.end)
        )
    return None


def _counted_after_harm(tokens: list[Token], after: int) -> tuple[int, int, str] | None:
    """The noun a harm participle modifies right after a number ("five wounded soldiers",
    "48 injured police and army personnel"): (start, end, kind), or None when no known noun
    follows or the noun begins a new clause ("five killed, police said")."""
    if after >= len(tokens) or not tokens[after].is_word:
        return None
    cs, ce = _counted_phrase(tokens, after)
    if ce <= cs or tokens[ce - 1].low in lx.NOT_COUNTED:
        return None
    if ce < len(tokens) and (tokens[ce].low in lx.REPORTING_VERBS or tokens[ce].low in lx.HARM):
        return None
    kind = counted_kind(tokens, cs, ce)
    return (cs, ce, kind) if kind else None


def _harm_of(tokens: list[Token], q_start: int) -> tuple[str, int] | None:
    """ "the deaths of 16 miners", "the abduction of the three": (action, quote start)."""
    x = q_start - 1
    if x >= 1 and tokens[x].low in ("the", "all", "some"):
        x -= 1
    if x >= 1 and tokens[x].low == "of" and tokens[x - 1].low in lx.HARM_OF_NOUNS:
        return lx.HARM_OF_NOUNS[tokens[x - 1].low], (
            x - 2 if x >= 2 and tokens[x - 2].low in ("the", "a") else x - 1
        )
    if x >= 1 and tokens[x].low == "to" and tokens[x - 1].low in ("injuries", "injury", "wounds"):
        return "injure", x - 1  # "the blast caused injuries to 12 guards"
    return None


def _word_before(tokens: list[Token], q_start: int) -> tuple[str, int] | None:
    """The word before a number, past a determiner ("claimed an estimated" is in the number)."""
    b = q_start - 1
    if b >= 0 and tokens[b].low in _DETERMINERS:
        b -= 1
    return (tokens[b].low, b) if b >= 0 else None


def _harm_before(tokens: list[Token], q_start: int) -> tuple[str, int] | None:
    """A harm verb governing the number after it: (action, where the quote starts).
    Up to two determiners may stand between ("wounded a further 8", "killed all the")."""
    b = q_start - 1
    skipped = 0
    while b >= 0 and tokens[b].low in _DETERMINERS and skipped < 2:
        b -= 1
        skipped += 1
    if b < 0:
        return None
    before = tokens[b].low
    if before in lx.HARM and before not in ("dead", "missing"):
        return lx.HARM[before], b
    for x in (b - 1, b - 2, b - 3):  # a phrase ending just before: "rounded up", "carried off"
        if x >= 0:
            harm = _harm_at(tokens, x)
            if harm and harm[1] == b + 1 and tokens[x].low not in _TO_HOSPITAL:
                return harm[0], x
    if before == "and":
        return _harm_before_one(tokens, b - 1 if b >= 1 and tokens[b - 1].text == "," else b)
    return None


def _harm_before_one(tokens: list[Token], joiner: int) -> tuple[str, int] | None:
    """A harm verb whose first object is one person with no number, the number joined after
    it: "killed a policeman and two civilians", "abducted the village head, and 50 others"."""
    for x in range(joiner - 1, max(-1, joiner - 6), -1):
        t = tokens[x]
        if not t.is_word or t.is_number or t.low in lx.HARM or t.low in lx.REPORTING_VERBS:
            return None
        if t.low in ("a", "an", "the", "his", "her", "their", "its") and x >= 1:
            verb = tokens[x - 1].low
            if verb in lx.HARM and verb not in ("dead", "missing") and x < joiner - 1:
                return lx.HARM[verb], x - 1
            return None
    return None


def _copula_phrase(tokens: list[Token], k: int) -> tuple[int, int]:
    """What a breakdown says the number were: "(87 of these deaths) were reported as
    civilians", "(318) were children". Empty when nothing follows."""
    x = _skip_aux(tokens, k)
    if x < len(tokens) and tokens[x].low == "as":
        x += 1
    if x == k and not (x < len(tokens) and tokens[x].low == "as"):
        return k, k
    while x < len(tokens) and tokens[x].low in {"a", "an"} | _MARKS:
        x += 1
    s, e = _counted_phrase(tokens, x)
    if e - s == 1 and tokens[s].low in lx.GENERIC_HEADS and e + 1 < len(tokens) and tokens[e].low == "of":
        x = e + 2 if tokens[e + 1].low == "the" else e + 1
        s, e = _counted_phrase(tokens, x)  # "were members of the security forces"
    return (s, e) if counted_kind(tokens, s, e) else (k, k)


def _acts(tokens: list[Token], k: int) -> bool:
    """Is the harm word at k an active verb with an object ("... killed at least 40")?"""
    harm = _harm_at(tokens, k)
    if harm is None or harm[1] >= len(tokens):
        return False
    nxt = tokens[harm[1]]
    return starts_quantity(nxt) or nxt.low in ("the", "a", "an", "his", "her", "their", "its")


def _is_group_name(tok: Token) -> bool:
    """A capitalized plural such as a demonym ("Marovians", "Kellans") counts people."""
    return tok.is_capitalized and tok.low.endswith("s") and not tok.low.endswith("ss") and len(tok.text) > 3


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A number with what it counts but no harm word of its own."""

    quantity: Quantity
    counted_start: int
    counted_end: int
    kind: str | None  # None: elided ("three more on Thursday")
    end: int  # token after the phrase


def _candidate(tokens: list[Token], q: Quantity) -> _Candidate | None:
    if _harm_before(tokens, q.start) or _toll_before(tokens, q.start):
        return None  # refused by its own harm word ("killed and wounded several people")
    j, _ = _of_phrase(tokens, q)
    s, e = _counted_phrase(tokens, j)
    if e - s == 1 and tokens[s].low in ("them", "whom"):
        x = e + 1 if e < len(tokens) and tokens[e].low in ("a", "an") else e
        ns, ne = _counted_phrase(tokens, x)  # "one of them a teenage girl"
        if ne > ns and counted_kind(tokens, ns, ne):
            s, e = ns, ne
    if e > s and tokens[e - 1].low in lx.NOT_COUNTED:
        return None
    if e > s and e < len(tokens) and tokens[e].low in lx.REPORTING_VERBS:
        return None  # "..., two residents said": who speaks, not who was harmed
    if e > s and tokens[s].low in ("them", "whom", "others", "more") and e - s == 1:
        cs, ce = _copula_phrase(tokens, e)  # "37 of them were police officers"
        if ce > cs:
            return _Candidate(q, cs, ce, counted_kind(tokens, cs, ce), ce)
        return _Candidate(q, s, e, None, e)
    if e > s:
        kind = counted_kind(tokens, s, e) or ("unknown" if _is_group_name(tokens[e - 1]) else None)
        k = _skip_aux(tokens, e)
        if k > e and k < len(tokens) and tokens[k].low.endswith(("ed", "en")) and not _harm_at(tokens, k):
            return None  # the phrase has a verb of its own: "several buildings were damaged"
        return _Candidate(q, s, e, kind, e) if kind else None
    cs, ce = _copula_phrase(tokens, j)  # "318 were children", "46 as security personnel"
    if ce > cs:
        return _Candidate(q, cs, ce, counted_kind(tokens, cs, ce), ce)
    return _Candidate(q, j, j, None, j)


def _frames(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Phrases that set the harm of the numbers listed with them: "among the dead",
    "of the overall death toll", "among the 7 people wounded", "total losses": (start, end,
    action)."""
    out = []
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.low == "losses":
            out.append((i, i + 1, "lose"))
        if t.low in ("includes", "included", "include") and i >= 1 and tokens[i - 1].low == "toll":
            out.append((i - 1, i + 1, "kill"))  # "the death toll includes 40 in Kell"
        if t.low in ("includes", "included", "include") and i >= 1 and tokens[i - 1].low in _FRAME_HARMS:
            harmed = tokens[i - 1].low  # "the dead included two teenagers"
            out.append((i - 1, i + 1, lx.HARM_NOUNS.get(harmed) or lx.HARM.get(harmed) or "kill"))
        if t.low not in ("among", "of"):
            continue
        for x in range(i + 1, min(i + 7, n)):
            w = tokens[x].low
            if w == "toll" and tokens[x - 1].low in ("death", "injury"):
                out.append((i, x + 1, "kill" if tokens[x - 1].low == "death" else "injure"))
                break
            if w in _FRAME_HARMS or (w in lx.HARM and tokens[x - 1].low in ("those", "people", "the")):
                # "among the dead", "of them were killed", "among those missing"
                out.append((i, x + 1, lx.HARM_NOUNS.get(w) or lx.HARM.get(w) or "kill"))
                break
            if w in (",", ".", ";", ":", "and") or w in lx.REPORTING_VERBS or _other_verb(w):
                break  # "of Barrio 18 inmates rioted and killed": the phrase ended at its verb
    return out


_FRAME_HARMS = {"dead", "deaths", "fatalities", "victims", "killed", "wounded", "injured", "injuries"}


def _other_verb(word: str) -> bool:
    return word.endswith("ed") and word not in lx.HARM and word not in _FRAME_HARMS


def _inherit(tokens: list[Token], found: list[FoundFigure], pending: list[_Candidate]) -> list[FoundFigure]:
    """Numbers without a harm word of their own take the harm of the figure they break down
    or are listed with, or of a frame such as "among the dead"."""
    frames = _frames(tokens)
    figures = sorted(found, key=lambda f: f.quantity.start)
    left = list(pending)
    changed = True
    while left and changed:
        changed = False
        for c in list(left):
            fig = _inherit_one(tokens, c, figures, frames)
            if fig is not None:
                figures.append(fig)
                figures.sort(key=lambda f: f.quantity.start)
                left.remove(c)
                changed = True
    return figures


def _inherit_one(
    tokens: list[Token], c: _Candidate, figures: list[FoundFigure], frames: list[tuple[int, int, str]]
) -> FoundFigure | None:
    q = c.quantity
    before = [f for f in figures if f.span_end <= q.start or f.quantity.end <= q.start]
    if before and _in_dashes_after(tokens, before[-1], q.start):
        return None  # "three assailants - two men and one woman - were killed": the two again
    after = [f for f in figures if f.quantity.start >= c.end]
    marker = _inclusion_marker(tokens, q.start)
    parent: FoundFigure | None = None
    start = q.start
    if (
        c.kind is None
        and before
        and (place_end := _place_after(tokens, q.end)) is not None
        and _part_gap(tokens, before[-1].span_end, q.start)
    ):
        # "90 were killed: 50 in Kell, 30 in Dorn": a total's parts by place
        prev = before[-1]
        parent = next((f for f in figures if f.quantity.start == prev.parent), prev) if prev.parent else prev
        fig = _make(q, parent.action, q.end, q.end, parent.counted_kind, True, q.start, place_end)
        return replace(fig, parent=parent.quantity.start) if fig else None
    partitive = (
        c.counted_start > q.end
        and tokens[q.end].low == "of"
        and q.end + 1 < len(tokens)
        and tokens[q.end + 1].low in _DEFINITE
    )  # "two of the dead", not "dozens of Kell inmates"
    if marker is not None or partitive:
        parent = before[-1] if before else (after[0] if after else None)
        start = marker if marker is not None and marker >= q.start - 2 else q.start  # not a list's opening
    elif c.kind is None and before and _parallel_claim(tokens, before[-1].span_end, q.start):
        parent = before[-1]  # "one resident said 260 were killed, and another said 320"
    elif before and _revised_to(tokens, before[-1], q.start):
        parent = before[-1]  # "from at least 40 dead to more than 70"
    elif before and _joined(tokens, _member_end(before[-1], q.start), q.start, elided=c.kind is None):
        parent = before[-1]
        start = _join_start(tokens, _member_end(before[-1], q.start), q.start)
    elif after and c.kind and _list_gap(tokens, c.end, after[0].quantity.start):
        parent = after[0]
    if parent is not None:
        kind = c.kind or parent.counted_kind
        fig = _make(q, parent.action, c.counted_start, c.counted_end, kind, c.kind is None, start, c.end)
        return replace(fig, parent=parent.quantity.start) if fig else None
    place_end = _place_after(tokens, q.end) if c.kind is None else None
    if c.kind or place_end is not None:  # "Among the dead were 9 soldiers", "the toll includes 40 in Kell"
        for fs, fe, action in frames:
            if fe <= q.start or 0 <= fs - c.end <= 2:
                end = place_end or c.end
                kind = c.kind or "unknown"
                fig = _make(q, action, c.counted_start, c.counted_end, kind, c.kind is None, q.start, end)
                return replace(fig, framed=True) if fig else None
    return None


_DEFINITE = {"the", "them", "those", "these", "whom", "its", "their", "his", "her", "our"}
_PART_JOINERS = {",", "and", ":", "-", "–", "—", "while", "with"}
_PLACE_LEADS = {"state", "province", "city", "region", "district", "town", "village", "governorate"}


def _place_after(tokens: list[Token], k: int) -> int | None:
    """The end of an "in Kell" / "in the province of Varda" right at k, or None."""
    n = len(tokens)
    if k >= n or tokens[k].low not in ("in", "at"):
        return None
    x = k + 1
    if (
        x + 2 < n
        and tokens[x].low == "the"
        and tokens[x + 1].low in _PLACE_LEADS
        and tokens[x + 2].low == "of"
    ):
        x += 3
    end = x
    while end < n and end - x < 4 and tokens[end].is_capitalized and tokens[end].is_word:
        end += 1
    if end == x:
        return None
    if end + 2 < n and tokens[end].text == "(":  # "in the province of Varda (north)"
        close = next((y for y in range(end + 1, min(end + 5, n)) if tokens[y].text == ")"), None)
        if close is not None:
            end = close + 1
    return end


def _part_gap(tokens: list[Token], prev_end: int, q_start: int) -> bool:
    """Only list punctuation, after the previous part's own place, before the next part."""
    x = prev_end
    while x < q_start and tokens[x].text in _MARKS:
        x += 1  # the closing mark of a quoted harm: "six were “executed” in Kell"
    place_end = _place_after(tokens, x)
    if place_end is not None and place_end <= q_start:
        x = place_end  # "five were murdered in Caracas, two in ..."
    gap = tokens[x:q_start]
    return 0 < len(gap) <= 2 and all(t.low in _PART_JOINERS for t in gap)


def _inclusion_marker(tokens: list[Token], q_start: int) -> int | None:
    """Where "including" / "among them" / "of whom" opens, right before a number or before
    the members of its list that come first."""
    b = q_start - 1
    if b >= 0 and tokens[b].low == "including":
        return b
    if b >= 1 and tokens[b].low in ("them", "whom") and tokens[b - 1].low in ("among", "of"):
        return b - 1
    if b >= 0 and tokens[b].low in ("and", ","):
        # a later member of the list it opens: "including the driver and eight soldiers"
        for x in range(b - 1, max(-1, b - 8), -1):
            t = tokens[x]
            if t.low == "including":
                return x
            if t.is_number or t.text in (".", ";", ":") or t.low in lx.HARM or t.low in lx.REPORTING_VERBS:
                return None
    return None


_THERE_WAS = {"there", "were", "was", "it", "is", "at"}


def _parallel_claim(tokens: list[Token], prev_end: int, q_start: int) -> bool:
    """A bare number told by a second speaker in a clause parallel to a figure's: "..., and
    another said 320", "while a second said there were 210"."""
    x = q_start - 1
    while x > prev_end and tokens[x].low in _THERE_WAS and q_start - x <= 2:
        x -= 1
    if x <= prev_end or tokens[x].low not in lx.REPORTING_VERBS:
        return False
    for y in range(x - 1, max(prev_end - 1, x - 5), -1):
        if tokens[y].low in ("and", "while", "but", ","):
            speaker = {t.low for t in tokens[y + 1 : x]}
            return bool(speaker & {"another", "other", "second", "third"})
        if not tokens[y].is_word or tokens[y].is_number:
            return False
    return False


def _in_dashes_after(tokens: list[Token], prev: FoundFigure, q_start: int) -> bool:
    """Is the number inside a dashed aside right after the figure before, naming its members?"""
    gap = tokens[prev.counted_end : q_start]
    if prev.counted_end <= prev.quantity.end or not gap or gap[0].text not in _DASHES:
        return False
    if any(t.text in _DASHES for t in gap[1:]):
        return False
    closing = next(
        (x for x in range(q_start, min(q_start + 10, len(tokens))) if tokens[x].text in _DASHES), None
    )
    return closing is not None


def _member_end(prev: FoundFigure, q_start: int) -> int:
    """Where a list member ends: its quote, or what it counts when its quote runs on to a verb
    after the list ("220 soldiers, 3 tanks, 7 vehicles ... were destroyed")."""
    return prev.span_end if prev.span_end <= q_start else max(prev.counted_end, prev.quantity.end)


def _revised_to(tokens: list[Token], prev: FoundFigure, q_start: int) -> bool:
    """A number after "from N <harm> to": the other end of a revised estimate."""
    s = prev.quantity.start
    return (
        prev.span_end == q_start - 1
        and tokens[q_start - 1].low == "to"
        and s > 0
        and tokens[s - 1].low == "from"
    )


def _joined(tokens: list[Token], prev_end: int, q_start: int, elided: bool) -> bool:
    """Is the number the next member of a list whose previous member ends at prev_end?
    Only joiners, a day or place, and determiners may stand between ("and three more on
    Thursday", ", followed by 17", "and 8 tanks"); never another verb or number. A bare number
    needs a joining word and no name between (", 27," after a name is an age)."""
    gap = tokens[prev_end:q_start]
    if not gap or len(gap) > 8:
        return False
    lows = [t.low for t in gap]
    joiners = ("and", "followed", "plus", "while", "with") if elided else ("and", ",", "followed", "plus")
    if not any(w in joiners for w in lows[-3:]):
        return False
    if elided and any(t.is_capitalized and t.low not in _CALENDAR for t in gap):
        return False
    if elided and any(t.is_word and t.low not in _LIST_WORDS and t.low not in _CALENDAR for t in gap):
        return False  # "killed two and took four others": a verb of its own
    joins = [x for x, w in enumerate(lows) if w in joiners or w == ","]
    after_join = gap[joins[-1] + 1 :] if joins else gap
    if any(t.low in _PAST_VERBS or t.low.endswith("ed") for t in after_join):
        return False  # "shot two drivers and took three others hostage": a verb after the joiner
    for t in gap:
        w = t.low
        if t.is_number or w in lx.HARM or w in lx.REPORTING_VERBS or w in lx.REPORTING_PARTICIPLES:
            return False
        if t.text in (";", ":", "."):
            return False
    return True


# Words that may stand between the members of a list of one harm ("and another 17 on Monday").
_LIST_WORDS = {
    "and", "followed", "by", "plus", "while", "with", "another", "a", "the", "further", "more",
    "also", "on", "in", "at", "of", "including", "then", "later", "earlier", "day", "night",
    "morning", "evening", "afternoon", "last", "next", "same", "following", "previous", "least",
    "some", "about", "around", "nearly", "over", "almost", "roughly", "up", "to", "as", "many",
}  # fmt: skip


# Common irregular past forms: a verb between two numbers starts another clause.
_PAST_VERBS = {
    "took", "held", "left", "made", "set", "shot", "hit", "went", "came", "saw", "told", "kept", "led",
}  # fmt: skip


def _join_start(tokens: list[Token], prev_end: int, q_start: int) -> int:
    """The quote of a list member starts at its joiner word ("followed by 17")."""
    x = q_start
    while x > prev_end and tokens[x - 1].low in ("followed", "by", "another", "further", "a", "the"):
        x -= 1
    return x


def _list_gap(tokens: list[Token], end: int, nxt: int) -> bool:
    """Only list punctuation between a member and the next figure: "12 fighters and 9"."""
    gap = [t.low for t in tokens[end:nxt]]
    return 0 < len(gap) <= 2 and all(w in (",", "and", "or") for w in gap)


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


def _toll_before(tokens: list[Token], q_start: int) -> tuple[int, str | None] | None:
    """A toll that a number completes: (token where the quote starts, action; None for a
    casualty toll of dead and wounded together). The number follows a toll verb or "of"
    directly ("rose to 13", "a toll of 13", "in the hundreds"); the toll noun may stand a few
    words earlier ("the toll from Tuesday's blast rose to 9", "the death from the shelling has
    risen to 6", "put the tally of dead at 25"); a revised toll gives both its numbers ("the toll
    rose from 12 to 15")."""
    b = q_start - 1
    if b >= 1 and tokens[b].low == "the" and tokens[b - 1].low == "in":
        b -= 1  # "in the hundreds"
    if b < 0 or not (tokens[b].low in _TOLL_LINKS or tokens[b].low in ("in", "from")):
        return None
    for x in range(b, max(-1, b - 25), -1):
        w = tokens[x].low
        revised = x > 0 and tokens[x - 1].low == "from"  # "revised the toll from 359 to 253"
        if w in (";", ":") or (
            tokens[x].is_number and not (x > 0 and tokens[x - 1].low in _MONTHS) and not revised
        ):
            return None  # another number stands between, though not the day of a date
            # nor the toll it revises
        if w in lx.HARM or w in lx.HARM_NOUNS:
            # "the tally of dead", "the count of those killed"
            for y in range(x - 1, max(-1, x - 4), -1):
                if tokens[y].low in _COUNT_NOUNS:
                    return (y - 1 if y > 0 and tokens[y - 1].low == "the" else y), (
                        lx.HARM_NOUNS.get(w) or lx.HARM[w]
                    )
            if w in ("death", "deaths") or (w == "dead" and x > 0 and tokens[x - 1].low == "the"):
                return (x - 1 if x > 0 and tokens[x - 1].low == "the" else x), "kill"
            return None
        if w == "death":  # "the death from the shelling has risen to 6"
            return (x - 1 if x > 0 and tokens[x - 1].low == "the" else x), "kill"
        if w in ("toll", "tolls"):
            mod = tokens[x - 1].low if x > 0 else ""
            if mod == "casualty":
                return x - 1, None
            injury = mod in ("injury", "injuries", "wounded")
            return (x - 1 if mod in ("death", "injury") else x), ("injure" if injury else "kill")
    return None


_COUNT_NOUNS = {"number", "count", "tally", "figure", "total"}


def _toll_kind(tokens: list[Token], start: int, q_start: int) -> str | None:
    """Whom a toll counts when it names them: "the number of civilians massacred ... is 200"."""
    for x in range(start, q_start - 1):
        if tokens[x].low in _COUNT_NOUNS and tokens[x + 1].low == "of":
            y = x + 3 if x + 2 < q_start and tokens[x + 2].low == "the" else x + 2
            cs, ce = _counted_phrase(tokens, y)
            kind = counted_kind(tokens, cs, ce) if ce <= q_start else None
            return kind if kind != "objects" else None
    return None


def breakdown_figures(tokens: list[Token], action: str, numbers: list[Quantity]) -> list[FoundFigure]:
    """The figures of a sentence that breaks down the figure before it with no harm word of
    its own ("Among them are three boys"): each number with people it counts takes the
    action of the figure broken down."""
    out = []
    for q in numbers:
        c = _candidate(tokens, q)
        if c is None or not c.kind or c.kind == "objects":
            continue
        fig = _make(q, action, c.counted_start, c.counted_end, c.kind, False, q.start, c.end)
        if fig is not None:
            out.append(replace(fig, framed=True))
    return out


def _make(
    q: Quantity, action: str, cs: int, ce: int, kind: str, elided: bool, s: int, e: int
) -> FoundFigure | None:
    category = lx.category_for(action, kind)
    if category is None:
        return None
    return FoundFigure(q, action, category, cs, ce, kind, elided, min(s, q.start), max(e, q.end))


# Every word that can make a number a figure, for a cheap test of a whole sentence.
TRIGGER_WORDS = (
    set(lx.HARM)
    | set(lx.HARM_NOUNS)
    | {words[0] for words, _ in HARM_PHRASES}
    | set(lx.HARM_OF_NOUNS)
    | _TO_HOSPITAL
    | _TAKE
    | {"toll", "tolls", "lives", "losses", "fate", "whereabouts", "victims", "casualties"}
)
