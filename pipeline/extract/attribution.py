"""Who claims a figure: reporting verbs, their subjects and appositions, "according to",
participles that continue a subject ("..., adding"), pronouns, and quotes."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import pairwise

from pipeline.extract import lexicon as lx
from pipeline.extract.dates import WEEKDAYS
from pipeline.extract.quantities import NUMBER_WORDS
from pipeline.extract.text import Token

_ADVERBS = {
    "also",
    "later",
    "earlier",
    "previously",
    "separately",
    "further",
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "then",
    "again",
    "however",
    "publicly",
    "officially",
    "reportedly",
    "would",
    "could",
    "initially",
    "first",
    "last",
    "repeatedly",
    "subsequently",
}
_WEEKDAYS = set(WEEKDAYS)
_LOCATIVES = {"chief", "outside", "near", "in", "from", "based", "close"}  # ", outside of Tarvel,"
_INVERSION_VERBS = {
    "said",
    "says",
    "added",
    "adds",
    "wrote",
    "writes",
    "noted",
    "stated",
    "reported",
    "explained",
}
_QUOTES = {'"', "“", "”", "'", "‘", "’"}
_APPOSITION_STARTS = {"a", "an", "the", "who", "whose", "which", "its", "his", "her", "their"}
MAX_SUBJECT = 10


@dataclass(frozen=True)
class Anchor:
    verb: int  # token index of the reporting verb
    subject: tuple[int, int] | None  # token span of the subject
    apposition: tuple[int, int] | None
    participle: bool


@dataclass
class Claimant:
    text: str
    actor_ids: list[str]


@dataclass
class Discourse:
    """What earlier sentences told us: named people and their sides, the last speaker."""

    people: dict[str, list[str]] = field(default_factory=dict)  # surname -> actor ids
    last: Claimant | None = None


_PASSIVE = {"been", "be", "being", "is", "are", "was", "were"}
_STATEMENT_NOUNS = {"statement", "release", "tweet", "post", "briefing", "interview", "communique", "letter"}
_TOLL_WORDS = {"toll", "number", "figure", "count", "tally", "total"}


def _is_verb(tokens: list[Token], v: int) -> bool:
    w = tokens[v].low
    if w in ("put", "puts", "putting", "gave", "give", "gives", "giving"):
        # "put the tally of dead at 25", "gave varying estimates of the toll"
        return bool({t.low for t in tokens[v + 1 : v + 5]} & (_TOLL_WORDS | {"estimate", "estimates"}))
    if w.endswith("s") and v > 0 and tokens[v - 1].low.endswith("ing") and tokens[v - 1].low != "during":
        return False  # "varying estimates", "conflicting reports": a noun
    if w in lx.WITNESS_VERBS:
        return _finds_the_harmed(tokens, v)
    if w not in lx.REPORTING_VERBS:
        return False
    if w in _REPORT_NOUNS and v + 1 < len(tokens) and _is_verb(tokens, v + 1):
        return False  # "police reports said": a noun, the subject of the verb after it
    if w.startswith("claim") and "lives" in {t.low for t in tokens[v + 1 : v + 5]}:
        return False  # "the fighting has claimed 3,400 lives"
    if w.startswith("declare") and _declares_an_act(tokens, v):
        return False  # "Marovia has declared a curfew": an act, not a report
    if w.startswith("claim") and _claims_a_deed(tokens, v):
        return False  # "the Harl Front claimed the attack": responsibility, not a report
    if (
        w.endswith("ed")
        and w != "said"
        and v > 0
        and (tokens[v - 1].is_number or tokens[v - 1].low in _ADJECTIVE_AFTER)
        and not (v + 1 < len(tokens) and tokens[v + 1].low in lx.HARM)  # "three reported killed"
    ):
        return False  # "five alleged members", "for alleged links": an adjective
    if (
        v + 1 < len(tokens)
        and tokens[v + 1].low == "to"
        and {t.low for t in tokens[max(0, v - 2) : v]} & _PASSIVE
    ):
        return False  # "seven are also said to have been killed": hearsay, no speaker
    # "the reported toll", "a claimed 35": adjectives; "were confirmed as": a passive.
    return not (v > 0 and tokens[v - 1].low in ("the", "a", "an", "its", "their", *_PASSIVE))


# Reporting words that are also plural nouns heading a subject ("police reports said").
_REPORT_NOUNS = {"reports", "claims", "estimates", "states", "notes"}
# Words after which a participle is an adjective of the next noun: "for alleged links".
_BEFORE_ADJECTIVE = {"for", "of", "with", "over", "on", "about", "among", "by", "to", "and", "other"}
_ADJECTIVE_AFTER = frozenset(NUMBER_WORDS | _BEFORE_ADJECTIVE)  # "five alleged members"


def _declares_an_act(tokens: list[Token], v: int) -> bool:
    """ "declared a state of emergency", "declared a curfew": an object with no count in it."""
    ahead = tokens[v + 1 : v + 7]
    return bool(ahead) and ahead[0].low in ("a", "an") and not any(t.is_number for t in ahead)


def _finds_the_harmed(tokens: list[Token], v: int) -> bool:
    """ "recovered the bodies of 12", "found 10 bodies", "saw villagers carrying 6 bodies": a
    verb of finding whose object, within a few words, is a count; not "were found dead"."""
    if v > 0 and tokens[v - 1].low in _PASSIVE:
        return False
    ahead = tokens[v + 1 : v + 6]
    return any(t.is_number or t.low in ("bodies", "remains", "corpses") for t in ahead)


def _claims_a_deed(tokens: list[Token], v: int) -> bool:
    """ "claimed the attack", "claimed responsibility for", "an assault claimed by the Harl Front"."""
    nxt = [t.low for t in tokens[v + 1 : v + 4]]
    if nxt[:1] == ["by"]:
        return True
    for w in nxt:
        if w in lx.DEEDS:
            return True
        if w not in ("the", "a", "an", "its", "their", "this", "that", "both", "sole", "full"):
            return False
    return False


def find_anchors(tokens: list[Token]) -> list[Anchor]:
    anchors: list[Anchor] = []
    n = len(tokens)
    source_end = 0  # the end of an "according to" source: "according to reports" is no verb
    for v, tok in enumerate(tokens):
        w = tok.low
        if v < source_end:
            continue
        if w == "according" and v + 1 < n and tokens[v + 1].low == "to":
            s = v + 2
            e = s
            while (
                e < n
                and e - s < MAX_SUBJECT
                and tokens[e].text not in (",", ".", ";", ":", "(", ")")
                and tokens[e].low not in lx.SUBJECT_STOPS
                and tokens[e].text not in _QUOTES
            ):
                e += 1
            if e > s:
                anchors.append(Anchor(v, (s, e), None, False))
                source_end = e
            continue
        if w in lx.REPORTING_PARTICIPLES:
            finite = [a for a in anchors if not a.participle and a.subject]
            subject = None if finite else sentence_subject(tokens, v)
            anchors.append(Anchor(v, subject, None, subject is None))
            continue
        if not _is_verb(tokens, v):
            continue
        subject, appos = _subject_left(tokens, v)
        if subject is None:
            subject = _subject_right(tokens, v)
        shared = subject is None and v > 0 and tokens[v - 1].low in ("and", "or", "but")
        if shared:
            # "Police spokesman Maro Kell denied the claim, and said ...": the sentence's subject
            finite = [a for a in anchors if not a.participle and a.subject]
            subject = finite[-1].subject if finite else sentence_subject(tokens, v)
            shared = subject is None
        anchors.append(Anchor(v, subject, appos, shared))
    return anchors


def sentence_subject(tokens: list[Token], limit: int) -> tuple[int, int] | None:
    """The named subject opening a sentence, for a participle with no finite reporting verb
    before it: "Veldor Amsel, a member of the town board, gave a lower count, adding ...". Skips an
    opening connective ("However,") and an apposition; None unless a capitalized name opens."""
    s = 0
    if len(tokens) > 2 and tokens[1].text == "," and tokens[0].is_word:
        s = 2
    if s < limit and tokens[s].low in lx.ROLE_NOUNS:
        named = _name_after_role(tokens, s, limit)
        if named is not None:
            return named
    e = s
    while e < limit and (
        (tokens[e].is_capitalized and tokens[e].is_word)
        or tokens[e].text in (".", "-")
        or (tokens[e].low in lx.ROLE_NOUNS and e > s and e + 1 < limit and tokens[e + 1].is_capitalized)
    ):
        e += 1  # "Police spokesperson Maro Kell"
    if e == s or tokens[s].low in ("the", "a", "an", "in", "on", "at", "after", "as", "when", "while"):
        return None
    return (s, e) if e < limit else None


def _name_after_role(tokens: list[Token], s: int, limit: int) -> tuple[int, int] | None:
    """ "Spokesman of the Kell Union, KU, Maro Vennick, ...": the person's name, set off by
    commas after the office and its body."""
    commas = [x for x in range(s, min(limit, s + 20)) if tokens[x].text == ","]
    for a, b in pairwise(commas):
        words = tokens[a + 1 : b]
        if len(words) >= 2 and all(t.is_capitalized and t.is_word and not t.text.isupper() for t in words):
            return a + 1, b
    return None


def _subject_left(tokens: list[Token], v: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    e = v
    while e > 0 and tokens[e - 1].low in _ADVERBS:
        e -= 1
    # ", however," / ", meanwhile,": a comma-enclosed adverb between subject and verb
    if e >= 3 and tokens[e - 1].text == "," and tokens[e - 3].text == "," and tokens[e - 2].low in _ADVERBS:
        e -= 3
    if e >= 2 and tokens[e - 1].low in _WEEKDAYS and tokens[e - 2].low == "on":
        e -= 2
    if (
        e >= 4
        and tokens[e - 4].text == ","
        and tokens[e - 3].low in ("in", "through")
        and tokens[e - 2].low in ("a", "the", "its", "his", "her")
        and tokens[e - 1].low in _STATEMENT_NOUNS
    ):
        e -= 3  # "Kell, head of the press office, in a statement said": how, not who
    if e >= 3 and tokens[e - 1].low in ("which", "who") and tokens[e - 2].text == ",":
        e -= 2  # "the group Kell Watch, which has recorded that": the relative's antecedent
    appos = None
    if e > 0 and tokens[e - 1].text == ",":
        # "Name, a government spokesperson, said": skip back over the apposition.
        c2 = e - 1
        c1 = c2 - 1
        while c1 >= 0 and tokens[c1].text != "," and c2 - c1 <= 14:
            c1 -= 1
        if (
            c1 >= 1
            and tokens[c1].text == ","
            and (
                tokens[c1 + 1].low in _APPOSITION_STARTS | _LOCATIVES
                or any(t.low in lx.ROLE_NOUNS for t in tokens[c1 + 1 : c2])
            )
        ):
            appos = (c1 + 1, c2)
            e = c1
        elif (
            c1 >= 1
            and tokens[c1].text == ","
            and all(t.is_capitalized or t.text in (".", "-", "'") for t in tokens[c1 + 1 : c2])
        ):
            # "A police spokesman, Maro Keltan, said": the name is the claimant, the
            # phrase before it says whom he speaks for.
            s = c1
            while (
                s > 0
                and c1 - s < MAX_SUBJECT
                and tokens[s - 1].text not in (",", ";", ":")
                and tokens[s - 1].low not in lx.SUBJECT_STOPS
                and tokens[s - 1].text not in _QUOTES
            ):
                s -= 1
            return (c1 + 1, c2), ((s, c1) if s < c1 else None)
        else:
            return None, None
    if e > 0 and tokens[e - 1].low in ("and", "or", "but"):
        return None, None  # "denied the charge and said": the subject is shared, not adjacent
    if e > 0 and tokens[e - 1].low in lx.PRONOUNS:
        return (e - 1, e), appos
    s = e
    while s > 0 and e - s < MAX_SUBJECT + 4:
        t = tokens[s - 1]
        if not (t.is_word or t.text in ("'", "’", "-", ".", "&", "(", ")")) or t.low in lx.SUBJECT_STOPS:
            break
        if t.low in _REPORT_NOUNS and s == e:
            s -= 1  # "police reports said": the noun heads the subject
            continue
        if t.low in lx.HARM or t.low in lx.REPORTING_VERBS or t.low in lx.REPORTING_PARTICIPLES:
            break
        if not t.is_capitalized and t.low.endswith("ed") and t.low not in ("united", "armed"):
            # "The Lorvan Rights Office ... based in Vennick said": the name is before the participle
            if t.low in lx.SEAT_PARTICIPLES and s - 1 > 0 and tokens[s - 2].is_word:
                e = s - 1
                s -= 1
                continue
            break
        s -= 1
    while s < e and tokens[s].text in (".", "-", "'", "’"):
        s += 1
    return ((s, e) if e > s else None), appos


def _subject_right(tokens: list[Token], v: int) -> tuple[int, int] | None:
    """Inverted attribution after a quote or a comma: '..., said the army.'"""
    if v == 0 or not (tokens[v - 1].text in _QUOTES or tokens[v - 1].text == ","):
        return None
    if tokens[v].low not in _INVERSION_VERBS:
        return None
    s = v + 1
    if s < len(tokens) and (tokens[s].low == "that" or tokens[s].is_number):
        return None
    e = s
    while (
        e < len(tokens)
        and e - s < MAX_SUBJECT
        and tokens[e].text not in (",", ".", ";", ":")
        and tokens[e].text not in _QUOTES
        and tokens[e].low not in lx.SUBJECT_STOPS
    ):
        if (
            tokens[e].is_number
            or tokens[e].low in lx.HARM
            or tokens[e].low in lx.AUXILIARIES - {"all", "both"}
        ):
            return None  # a clause, not a speaker: "..., said 6 men were held"
        e += 1
    return (s, e) if e > s else None


def anchor_for(anchors: list[Anchor], position: int) -> Anchor | None:
    """The reporting verb that governs a figure at token ``position``: the nearest before it
    (participles take the subject of the verb before them), else the nearest after it."""
    before = [a for a in anchors if a.verb < position]
    if before:
        a = before[-1]
        if a.participle:
            finite = [b for b in before if not b.participle and b.subject]
            return finite[-1] if finite else a
        return a
    after = [a for a in anchors if a.verb > position and not a.participle]
    return after[0] if after else None


class QuoteMarks:
    """The double quotation marks of a body, found once, so that whether a position is inside
    a quotation costs a bisection rather than a rescan of its paragraph: an opening mark opens,
    a closing one closes, a straight one toggles."""

    def __init__(self, body: str) -> None:
        self.at: list[int] = []  # positions of the marks
        self.curly: list[int] = []  # for each mark, the index of the last curly mark up to it (-1: none)
        self.straight: list[int] = [0]  # straight marks before each mark (prefix counts)
        last = -1
        for m in _DOUBLE_QUOTE.finditer(body):
            i = len(self.at)
            if m.group() != '"':
                last = i
            self.at.append(m.start())
            self.curly.append(last)
            self.straight.append(self.straight[-1] + (m.group() == '"'))
        self.opens = [body[p] == "“" for p in self.at]

    def inside(self, para_start: int, pos: int) -> bool:
        """Is character ``pos`` inside double quotation marks opened in its paragraph (which
        starts at ``para_start``)?"""
        lo = bisect_left(self.at, para_start)
        hi = bisect_left(self.at, pos)  # marks at lo..hi-1 lie in [para_start, pos)
        if hi <= lo:
            return False
        j = self.curly[hi - 1]
        if j >= lo:  # the last curly mark decides, then each straight one after it toggles
            return self.opens[j] != bool((self.straight[hi] - self.straight[j + 1]) % 2)
        return bool((self.straight[hi] - self.straight[lo]) % 2)


_DOUBLE_QUOTE = re.compile('[“”"]')
