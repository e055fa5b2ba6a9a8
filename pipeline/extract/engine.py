"""extract_figures: one report body in, its claimed figures out, each with its span."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from pipeline.extract import EXTRACTOR_VERSION
from pipeline.extract import lexicon as lx
from pipeline.extract.attribution import Anchor, Claimant, Discourse, QuoteMarks, anchor_for, find_anchors
from pipeline.extract.dates import MONTHS, WEEKDAYS, EventDate, date_for, find_dates, is_dateline
from pipeline.extract.episodes import Episodes, SentenceView, assign_episodes, definite_nouns
from pipeline.extract.events import classify_event
from pipeline.extract.figures import (
    TRIGGER_WORDS,
    FoundFigure,
    breakdown_figures,
    counts_no_figure,
    find_figures,
    head_kind,
    linked_figure,
    quantities,
    with_listed,
)
from pipeline.extract.kinds import ANAPHORS, antecedent_kind, includes_armed, people_kind, settle_kind
from pipeline.extract.link import CUE_WORDS, link_numbers, phrasal_match
from pipeline.extract.parse import parse
from pipeline.extract.places import (
    COUNTRY,
    REGION,
    SITE,
    TOWN,
    Place,
    find_places,
    most_specific,
    place_for,
    without_possessive,
)
from pipeline.extract.quantities import NUMBER_WORDS, Quantity
from pipeline.extract.text import Span, Token, iter_sentences, paragraphs, tokenize
from pipeline.knowledge.actors import ROLE_WORDS, ActorDictionary, Mention, fold, slug
from schemas.vocabularies import REPORT_VOICE

# The cheap pass: a sentence is analysed only if it holds a digit or a number word.
_PREFILTER = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", re.IGNORECASE)
# ... and searched for figures only if a word that makes a number a figure is in it too.
_TRIGGER = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, TRIGGER_WORDS))) + r")\b", re.IGNORECASE)
# ... or a word of a phrasal harm that only the parse links ("gunned down").
_PARSE_TRIGGERS = frozenset(TRIGGER_WORDS | CUE_WORDS | set(lx.HARM_OF_NOUNS))
_PHRASAL_CUE = re.compile(r"\b(?:" + "|".join(sorted(CUE_WORDS)) + r")\b", re.IGNORECASE)
# ... or a word that dates an episode or moves to another: it may set the scene for the next.
_EPISODE_CUE = re.compile(
    r"\b(?:"
    + "|".join(sorted({*WEEKDAYS, *MONTHS, "yesterday", "another", "separate", *lx.EPISODE_BREAKS}))
    + r")\b",
    re.IGNORECASE,
)
# Sentences without numbers are read only for speakers: reporting verbs and offices.
_SPEECH = re.compile(
    r"\b(?:"
    + "|".join(sorted(lx.REPORTING_VERBS | lx.REPORTING_PARTICIPLES | lx.ROLE_NOUNS | {"according"}))
    + r")\b",
    re.IGNORECASE,
)
_GROUP_WORDS = {
    "residents",
    "witnesses",
    "villagers",
    "locals",
    "medics",
    "doctors",
    "survivors",
    "relatives",
    "activists",
    "elders",
    "eyewitnesses",
    "rescuers",
    "sources",
    "source",
}


@dataclass(frozen=True)
class ExtractedFigure:
    """One claimed figure, before ids and incidents are attached."""

    char_start: int
    char_end: int
    quote: str
    category: str
    value_low: int | None
    value_high: int | None
    approx: bool
    number_text: str
    counted_text: str | None
    counted_kind: str
    counted_actor_id: str | None
    claimant_text: str | None
    claimant_actor_id: str | None
    claimant_actor_ids: tuple[str, ...]
    claim_voice: str  # "cited" or "report"
    scope: str
    location_name: str | None
    location_basis: str  # where the place was named, or why there is none (LOCATION_BASES)
    event_date: dt.date | None
    date_precision: str | None
    date_basis: str  # where the date was given, or why there is none (DATE_BASES)
    setting_country: str | None  # ISO3 of the country the report names most: its setting
    sentence_start: int
    event_type: str | None  # from the words of the sentence, else its paragraph
    event_words: str | None
    episode: int | None = None  # the report's episode the figure is about; None for a running total
    extractor_version: str = EXTRACTOR_VERSION


@dataclass(frozen=True)
class DiscoveredActor:
    actor_id: str
    name: str
    kind: str


@dataclass
class Extraction:
    figures: list[ExtractedFigure]
    discovered: list[DiscoveredActor]
    places: list[str] = field(default_factory=list)  # every place phrase the report names, in order


def discovered_actor_id(text: str) -> str:
    return "x-" + (slug(text)[:60] or hashlib.sha256(text.encode()).hexdigest()[:8])


def _kind_of_unknown(text: str) -> str:
    words = set(fold(text).split())
    if words & _GROUP_WORDS:
        return "group"
    if words & {"ministry", "government", "officials", "authorities", "office", "governor", "council"}:
        return "government"
    if words & {"army", "military", "troops", "forces", "commander"}:
        return "military"
    if words & {"police", "policeman", "policemen"}:
        return "police"
    if words & {
        "militants",
        "militant",
        "rebels",
        "rebel",
        "insurgents",
        "fighters",
        "group",
        "jihadists",
        "militia",
    }:
        return "armed_group"
    if words & {"media", "agency", "news", "television", "tv", "newspaper", "radio", "outlet"}:
        return "media"
    if all(w[:1].isupper() for w in text.split() if w.isalpha()) and text.strip():
        return "person"
    return "unknown"


_Relevant = tuple[int, Span, Span, list[Token]]  # (paragraph, its span, sentence span, tokens)


class _Reader:
    """Reads one report: keeps the discourse state across sentences."""

    def __init__(self, body: str, published: dt.date, book: ActorDictionary) -> None:
        self.body = body
        self.published = published
        self.book = book
        self.discourse = Discourse()
        self.discovered: dict[str, DiscoveredActor] = {}
        self.para_speaker: dict[int, Claimant] = {}
        self.para_starts: dict[int, int] = {}  # paragraph index -> where it starts in the body
        self.para_scope: dict[int, str] = {}
        self.quotes = QuoteMarks(body)
        self.para_events: dict[int, tuple[str | None, str | None]] = {}  # paragraph start -> its event
        self.credit = dateline_credit(body)  # the outlet that wrote the report, if its dateline says
        # the last claimant so far with a known actor that each word of its name points to,
        # for "the ministry" later
        self.speaker_by_word: dict[str, Claimant] = {}
        self.people_words = _PeopleWords(body)
        self.countries: Counter[str] = Counter()  # country mentions: the report's setting
        self.sides: Counter[str] = Counter()
        self.groups: Counter[str] = Counter()  # armed groups named in the report

    # ----- the report's setting ---------------------------------------------------------
    def survey(self, sentences: list[tuple[int, Span, Span, list[Token]]]) -> None:
        """Count the countries and armed groups the report names: unnamed officials and
        unqualified soldiers belong to the report's country unless a sentence says otherwise."""
        demonyms: Counter[str] = Counter()
        for _, _, _, tokens in sentences:
            for m in self.book.find_mentions([t.text for t in tokens]):
                if m.country and m.via == "name":
                    self.countries[m.country] += 1
                elif m.country:
                    demonyms[m.country] += 1  # "Marovian shelling" names the attacker, not the setting
                elif (actor := self.book.actors.get(m.target)) is not None and actor.kind == "armed_group":
                    self.groups[m.target] += 1
        self.sides = self.countries + demonyms  # every country named, by name or demonym
        if not self.countries:
            self.countries = demonyms

    def home_country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    # ----- claimants ------------------------------------------------------------------
    def claimant(self, tokens: list[Token], anchor: Anchor) -> Claimant | None:
        if anchor.subject is None:
            return None
        s, e = anchor.subject
        words = [t.text for t in tokens[s:e]]
        if self.credit is not None and _plain(" ".join(words)) == self.credit:
            return None  # "KELL (Vennick News) - ..., Vennick News reported": the report's own voice
        if len(words) == 1 and words[0].lower() in _ANY_PRONOUN:
            return self.discourse.last  # "he said", "according to him": the last speaker
        issued = self._statement(words)
        if issued is not None:
            return issued
        extra = (
            [t.text for t in tokens[anchor.apposition[0] : anchor.apposition[1]]] if anchor.apposition else []
        )
        head = _description_head(words)
        ids = (self.book.resolve(head, default_role="government") or self._antecedent(head)) if head else []
        if not ids:
            ids = self.book.resolve(words + extra, default_role="government", allow_capitals=True)
        if len(words) > 1 and fold(words[-1]) in ("reports", "report"):
            own = self.book.resolve(words[:-1], default_role="government", allow_capitals=True)
            if own and own[0] != _NEWS_MEDIA:
                ids = own  # "police reports said": the reports are the police's
        text = self.body[tokens[s].start : tokens[e - 1].end]
        names = [w for w in words if w[:1].isupper() and w.lower() != "the"]
        if not ids:
            for w in reversed(names):
                if fold(w) in self.discourse.people:
                    ids = list(self.discourse.people[fold(w)])
                    break
        if not ids:
            ids = self._antecedent(words)
        if not ids:
            ids = self._in_home_country(words + extra)
        if not ids:
            actor_id = discovered_actor_id(text)
            if actor_id not in self.discovered:
                # its kind from its name and the words about it ("X, a little-known militant group")
                self.discovered[actor_id] = DiscoveredActor(
                    actor_id, text, _kind_of_unknown(" ".join(words + extra))
                )
            ids = [actor_id]
        else:
            self._remember_people(names, ids)
        found = Claimant(text, ids)
        if any(not a.startswith("x-") for a in ids):
            self.speaker_by_word.update(dict.fromkeys(fold(text).split(), found))
        return found

    def _statement(self, words: list[str]) -> Claimant | None:
        """ "The statement said", "the report added": the speaker who issued it, last named."""
        folded = [fold(w) for w in words]
        if len(folded) <= 3 and folded and folded[-1] in _DOCUMENTS and folded[0] in ("the", "its", "their"):
            return self.discourse.last
        return None

    def _antecedent(self, words: list[str]) -> list[str]:
        """A definite description names an earlier claimant: "the ministry" after "the
        Kellish Defence Ministry", "the monitor" after "the Lorvan war monitor"."""
        folded = [fold(w) for w in words]
        if not folded or folded[0] != "the":
            return []
        head = folded[-1]
        for i, w in enumerate(folded[1:], 1):
            if w in _PREPOSITIONS:
                head = folded[i - 1]
                break
        if head in ("the", *_PREPOSITIONS):
            return []
        earlier = self.speaker_by_word.get(head)
        return list(earlier.actor_ids) if earlier is not None else []

    def _in_home_country(self, words: list[str]) -> list[str]:
        """An office with no country named ("a district health officer", "the provincial
        mayor", "the army's press office") is the report's country's."""
        home = self.home_country()
        if home is None:
            return []
        folded = [fold(w) for w in words]
        roles = [ROLE_WORDS[w] for w in folded if w in ROLE_WORDS]
        roles += ["government" for w in folded if w in _CIVIL_OFFICES]
        if not roles:
            return []
        role = "health-ministry" if "health-ministry" in roles else roles[0]
        return [self.book.country_actor(home, role)]

    def register_people(self, tokens: list[Token]) -> None:
        """Remember who named people speak for: "army spokesman Tomas Venn" and
        "Tomas Venn, a police officer," let a later bare "Venn said" resolve."""
        n = len(tokens)
        for i, t in enumerate(tokens):
            if t.low not in lx.ROLE_NOUNS:
                continue
            # role before the name: "<actor words> spokesman Name Name"
            j = i + 1
            while j < n and tokens[j].is_capitalized and tokens[j].is_word:
                j += 1
            if j > i + 1:
                context = [x.text for x in tokens[max(0, i - 4) : i + 1]]
                self._register([x.text for x in tokens[i + 1 : j]], context)
            # role in an apposition after the name: "Name Name, a ... officer,"
            k = i - 1
            while k >= 0 and tokens[k].text != "," and i - k < 8:
                k -= 1
            if k >= 1 and tokens[k].text == ",":
                e = k
                s = e
                while s > 0 and tokens[s - 1].is_capitalized and tokens[s - 1].is_word:
                    s -= 1
                if s < e:
                    self._register([x.text for x in tokens[s:e]], [x.text for x in tokens[k + 1 : i + 1]])

    def _register(self, names: list[str], context: list[str]) -> None:
        ids = self.book.resolve(context, default_role="government") or self._in_home_country(context)
        if ids:
            self._remember_people(names, ids)

    def _remember_people(self, names: list[str], ids: list[str]) -> None:
        """Name words that are not themselves actor names now stand for ``ids``."""
        for w in names:
            if not self.book.find_mentions([w], allow_capitals=True):
                self.discourse.people.setdefault(fold(w), ids)

    # ----- counted side --------------------------------------------------------------------
    def counted_actor(self, tokens: list[Token], fig: FoundFigure, claimant: Claimant | None) -> str | None:
        if fig.counted_kind in ("civilians", "objects", "unknown") or fig.counted_end <= fig.counted_start:
            return None
        phrase = tokens[fig.counted_start : fig.counted_end]
        words = [t.text for t in phrase]
        if fig.counted_end < len(tokens) and tokens[fig.counted_end].low in ("linked", "loyal", "belonging"):
            words += [
                t.text for t in tokens[fig.counted_end : fig.counted_end + 8]
            ]  # "militants linked to X"
        elif fig.counted_end < len(tokens) and tokens[fig.counted_end].low == "of":
            words += [
                t.text for t in tokens[fig.counted_end : fig.counted_end + 8]
            ]  # "members of the border guard"
        role = _ROLE_OF_KIND.get(fig.counted_kind, "state")
        ids = self.book.resolve(words, default_role=role)
        if fig.counted_kind == "armed_group":
            ids = [i for i in ids if self.book.actors.get(i) and self.book.actors[i].kind == "armed_group"]
        if ids:
            return ids[0]
        before = tokens[fig.quantity.end].low if fig.quantity.end < len(tokens) else ""
        if claimant and (
            before == "of" and {t.low for t in tokens[fig.quantity.end : fig.counted_start]} & _OWN
        ):
            return claimant.actor_ids[0]  # "two of their fighters": the claimant's own
        if fig.counted_kind in ("military", "police") or (
            fig.counted_kind == "mixed" and {fold(w) for w in words} & {"security", "army", "forces"}
        ):
            home = self._claimant_country(claimant)
            if home is None and claimant is None:
                named = {m.country for m in self.book.find_mentions([t.text for t in tokens]) if m.country}
                if len(named) > 1:
                    return None  # "clashes between Marovia and Kellan killed dozens of soldiers"
            home = home or self.home_country()
            return self.book.country_actor(home, role) if home else None
        if fig.counted_kind == "armed_group" and self.groups:
            return self.groups.most_common(1)[0][0]
        return None

    def loser(self, tokens: list[Token], fig: FoundFigure, claimant: Claimant | None) -> str | None:
        """Whose were the people or objects a side "lost": the verb's subject ("Kell lost 40
        soldiers"); "the enemy" in a state's statement is the other country the report names."""
        q = fig.quantity.start
        verb = next((x for x in range(q - 1, max(-1, q - 3), -1) if tokens[x].low in _LOSE), None)
        if verb is None:
            return None
        subject: list[Token] = []
        for t in reversed(tokens[max(0, verb - 5) : verb]):
            if not t.is_word or t.low in ("that", "and", "which", "who"):
                break
            if t.low not in lx.AUXILIARIES:
                subject.insert(0, t)
        role = _ROLE_OF_KIND.get(fig.counted_kind, "state")
        ids = self.book.resolve([t.text for t in subject], default_role=role)
        if ids:
            return ids[0]
        own = self._claimant_country(claimant)
        if own is not None and any(t.low == "enemy" for t in subject):
            others = [c for c, _ in self.sides.most_common() if c != own]
            return self.book.country_actor(others[0], role) if others else None
        return None

    def _members_of(self, tokens: list[Token], fig: FoundFigure) -> str | None:
        """The kind of "members of X" (any generic head: "men of", "personnel of") from X: an
        armed group, army or police force it names, else its own head noun ("of these gangs")."""
        end = fig.counted_end
        if (
            fig.counted_kind != "unknown"
            or end <= fig.counted_start
            or tokens[end - 1].low not in lx.GENERIC_HEADS
        ):
            return None
        if end + 1 >= len(tokens) or tokens[end].low != "of":
            return None
        phrase = []
        for t in tokens[end + 1 : end + 9]:
            if not (t.is_word or t.text in ("-", "'", "’")):
                break
            phrase.append(t)
        for actor_id in self.book.resolve([t.text for t in phrase], default_role="military"):
            actor = self.book.actors.get(actor_id)
            if actor is not None and actor.kind in ("armed_group", "military", "police"):
                return actor.kind
        heads = [k for k in (head_kind(t.low) for t in phrase) if k not in (None, "unknown")]
        return heads[0] if heads and heads[0] != "objects" else None

    def _claimant_country(self, claimant: Claimant | None) -> str | None:
        """A state's own forces go unnamed in its statements: "four soldiers were martyred"."""
        if claimant is None:
            return None
        actor = self.book.actors.get(claimant.actor_ids[0])
        if actor is not None and actor.kind != "armed_group" and actor.country_iso3:
            return actor.country_iso3
        return None

    # ----- one report -----------------------------------------------------------------------
    def read(self) -> list[ExtractedFigure]:
        body = self.body
        relevant: list[tuple[int, Span, Span, list[Token]]] = []
        numbered: set[int] = set()  # sentences with a number in them, by start
        for p_index, para, sent in iter_sentences(body):
            self.para_starts.setdefault(p_index, para.start)
            has_number = bool(_PREFILTER.search(body, sent.start, sent.end))
            if (
                has_number
                or _SPEECH.search(body, sent.start, sent.end)
                or _EPISODE_CUE.search(body, sent.start, sent.end)
            ):
                relevant.append((p_index, para, sent, tokenize(body, sent)))
                if has_number:
                    numbered.add(sent.start)
        self.survey(relevant)
        found_in = {
            sent.start: self._figures(sent, tokens)
            if sent.start in numbered
            and (
                _TRIGGER.search(body, sent.start, sent.end) or _PHRASAL_CUE.search(body, sent.start, sent.end)
            )
            else []
            for _, _, sent, tokens in relevant
        }
        self._add_breakdowns(relevant, numbered, found_in)
        anchors_in = {sent.start: find_anchors(tokens) for _, _, sent, tokens in relevant}
        self.setting = _Setting.of(self, relevant, found_in, anchors_in)
        out: list[ExtractedFigure] = []
        echoes: list[tuple[int, str, Claimant]] = []  # attributed sentences near the top without figures
        for p_index, para, sent, tokens in relevant:
            self.register_people(tokens)
            anchors = anchors_in[sent.start]
            claimants = self._claimants(tokens, anchors)
            found = found_in[sent.start]
            if found:
                out.extend(self._sentence(p_index, para, sent, tokens, anchors, claimants, found, out))
            elif _mostly_of_a_kind(body[sent.start : sent.end]):
                # "The victims are mostly soldiers": so the people counted just before were a mix
                since = self._paragraph_before(p_index, para)
                out = [
                    replace(r, counted_kind="mixed")
                    if r.char_start >= since and r.counted_kind == "unknown"
                    else r
                    for r in out
                ]
            elif self.setting.marked[sent.start]:
                # "Since March 6, 50 such incidents have occurred.": what the paragraph counts next
                # is that running total's, unless it dates itself
                self.para_scope[p_index] = "cumulative"
            if not found and p_index <= _LEDE_ECHO_PARAGRAPHS:
                named = [c for _, c in sorted(claimants.items()) if c is not None]
                if named:
                    echoes.append((sent.start, body[sent.start : sent.end].lower(), named[0]))
            self._remember(claimants, p_index)
        headline_end = _headline_end(body)
        out = _credit_lede(out, echoes, headline_end)
        return _merge_repeats(_credit_headline(out, headline_end))

    def _paragraph_event(self, para: Span) -> tuple[str | None, str | None]:
        """The paragraph's event, classified once however many of its sentences ask."""
        if para.start not in self.para_events:
            self.para_events[para.start] = classify_event(self.body[para.start : para.end])
        return self.para_events[para.start]

    def _paragraph_before(self, p_index: int, para: Span) -> int:
        """Where the paragraph before this one starts (this one's start if it is the first):
        how far back a reference to people just told may reach."""
        return self.para_starts.get(p_index - 1, para.start)

    def _claimants(self, tokens: list[Token], anchors: list[Anchor]) -> dict[int, Claimant | None]:
        """Each reporting verb's claimant. "One resident said 260 were killed, while another
        said 320": "another" is one more of the kind of speaker before it in the sentence."""
        out: dict[int, Claimant | None] = {}
        previous: Claimant | None = None
        for a in anchors:
            words = [t.low for t in tokens[a.subject[0] : a.subject[1]]] if a.subject else []
            if words[:1] == ["and"]:
                words = words[1:]
            if previous is not None and " ".join(words) in _ANOTHER_SPEAKER:
                out[a.verb] = Claimant(" ".join(words), list(previous.actor_ids))
            else:
                out[a.verb] = self.claimant(tokens, a)
            previous = out[a.verb] or previous
        return out

    def _add_breakdowns(
        self, relevant: list[_Relevant], numbered: set[int], found_in: dict[int, list[FoundFigure]]
    ) -> None:
        """A sentence that opens by pointing back ("Among them are three boys", "Of those, 12
        were soldiers") with no harm word of its own breaks down the figure just before it, in
        its paragraph or the one before."""
        last: tuple[int, FoundFigure] | None = None  # (paragraph, last figure) so far
        for p_index, _, sent, tokens in relevant:
            found = found_in[sent.start]
            if (
                not found
                and sent.start in numbered
                and last is not None
                and p_index - last[0] <= 1
                and _points_back(tokens)
            ):
                found = breakdown_figures(tokens, last[1].action, list(quantities(tokens)))
                found_in[sent.start] = found
            if found:
                last = (p_index, found[-1])

    def places(self, tokens: list[Token]) -> list[Place]:
        """Places of a sentence, with countries known as such and demonyms and actors
        ("Marovian", "Kell Front", "north Marovian", "the Marovian state") dropped. A headline
        in Title Case names no place: its capitals are style, not names."""
        if _title_case(tokens):
            return []
        out = []
        for p in find_places(tokens, self.body):
            words = [t.text for t in tokens[p.start : p.end]]
            bare = [w.removesuffix("'s").removesuffix("’s") for w in words]
            named = [w for w in bare if w.lower() not in lx.DIRECTIONS]
            if named and all(w.lower() in lx.REGION_ADJECTIVES for w in named):
                continue  # "north African": a region's adjective, not a place
            mentions = self.book.find_mentions(named)
            if (
                len(named) < len(bare)
                and len(mentions) == 1
                and mentions[0].end - mentions[0].start == len(named)
            ):
                if mentions[0].country is not None and mentions[0].via == "name":
                    out.append(replace(p, level=COUNTRY))  # "western Marovia": a part of a country
                continue
            mentions = self.book.find_mentions(bare)
            if len(mentions) == 1 and mentions[0].end - mentions[0].start == len(words):
                m = mentions[0]
                if m.country is None or m.via == "demonym":
                    continue
                if bare[-1] != words[-1] and _owns_no_place(tokens, p.end):
                    continue  # "in Marovia's modern history": the country owns no place here
                p = replace(p, level=COUNTRY, text=p.text.removesuffix("'s").removesuffix("’s"))
            elif mentions and _names_an_actor(mentions[0]):
                continue  # "ISIS-Khorasan": an actor's name, however it goes on
            elif mentions and all(m.via == "demonym" for m in mentions):
                named = [
                    w
                    for i, w in enumerate(words)
                    if w[:1].isupper() and not any(m.start <= i < m.end for m in mentions)
                ]
                if not named:
                    continue  # "north Marovian", "the Marovian state": an adjective, not a place
            elif bare[-1] != words[-1] and p.end < len(tokens) and not tokens[p.end].is_capitalized:
                if p.start == 0 or tokens[p.start - 1].low not in lx.PLACE_PREPOSITIONS:
                    continue  # "Venn's worst attack": a possessive, not a place
                # "in Kell's old quarter": the place is Kell, larger than a quarter the report may name
                p = replace(p, text=p.text.removesuffix("'s").removesuffix("’s"), level=max(p.level, REGION))
            if words[-1].lower() in ("border", "frontier") and p.level < COUNTRY:
                p = replace(p, level=COUNTRY)  # "the Kell border": a line, less specific than a town
            out.append(p)
        if any(p.named for p in out):  # "outside the school, Vennick's mayor said": Vennick
            out = [p for p in out if p.named]
        return out

    def dates(self, tokens: list[Token], para_start: int) -> list[EventDate]:
        """Dates of a sentence, datelines left out, and "today" or "yesterday" inside a quotation:
        those count from the day the speaker spoke, which the report does not give."""
        return [
            d
            for d in find_dates(tokens, self.published)
            if not is_dateline(tokens, d)
            and not (
                without_possessive(tokens[d.token].low) in _SPEAKERS_DAYS
                and self.quotes.inside(para_start, tokens[d.token].start)
            )
        ]

    def _figures(self, sent: Span, tokens: list[Token]) -> list[FoundFigure]:
        """The sentence's figures: the word rules first; a number they leave unlinked in a
        sentence with a harm word is linked through the dependency parse (``link``)."""
        numbers = list(quantities(tokens))
        found = find_figures(tokens, numbers)
        linked = {f.quantity.start for f in found}
        loose = [
            q
            for q in numbers
            if q.start not in linked and _harm_near(tokens, q) and not counts_no_figure(tokens, q)
        ]
        if not loose:
            return found
        words = parse(self.body, sent.start, sent.end)
        at_char = {w.start: k for k, w in enumerate(words)}
        token_at = {t.start: x for x, t in enumerate(tokens)}
        wanted = {at_char[tokens[q.end - 1].start]: q for q in loose if tokens[q.end - 1].start in at_char}
        added = []
        for k, link in link_numbers(words, set(wanted)).items():
            noun = token_at.get(words[link.noun].start) if link.noun is not None else None
            phrase = phrasal_match(words, link.predicate)
            last = max(link.predicate, phrase[1]) if phrase else link.predicate
            predicate = token_at.get(words[link.predicate].start)
            end = token_at.get(words[last].start)
            if predicate is None or (link.noun is not None and noun is None):
                continue  # the two tokenizers split the words differently
            fig = linked_figure(tokens, wanted[k], link.action, noun, predicate, end or predicate)
            if fig is not None:
                added.append(fig)
        return with_listed(tokens, found + added, numbers) if added else found

    def _sentence(
        self,
        p_index: int,
        para: Span,
        sent: Span,
        tokens: list[Token],
        anchors: list[Anchor],
        claimants: dict[int, Claimant | None],
        found: list[FoundFigure],
        earlier: list[ExtractedFigure],
    ) -> list[ExtractedFigure]:
        body = self.body
        places = self.setting.places[sent.start]
        dates = self.setting.dates[sent.start]
        sentence = body[sent.start : sent.end]
        scope = "cumulative" if self.setting.totals[sent.start] else "incident"
        # a running total's paragraph goes on with it unless a new date or day comes
        one_day = bool(_LAST_DAY.search(sentence.lower()))
        continues = self.para_scope.get(p_index) == "cumulative" and not dates and not one_day
        event_type, event_words = classify_event(sentence)
        if event_type is None:
            event_type, event_words = self._paragraph_event(para)
        topic_shift = _opens_with_place(tokens)
        breaks_down = _opens_breakdown(tokens)
        sentence_ep = self.setting.episodes.of_sentence[sent.start]
        refers_to_event = bool(definite_nouns(tokens))
        last_before = earlier[-1] if earlier else None  # the figure a breakdown sentence breaks down
        sentence_words = [t.low for t in tokens]
        out: list[ExtractedFigure] = []
        by_start: dict[int, ExtractedFigure] = {}
        prev_out: ExtractedFigure | None = None
        for idx, fig in enumerate(found):
            anchor = anchor_for(anchors, fig.quantity.start)
            claimant = claimants.get(anchor.verb) if anchor else None
            if anchor and claimant is None and anchor.participle:
                claimant = self.discourse.last
            if claimant is None and self.quotes.inside(para.start, tokens[fig.quantity.start].start):
                claimant = self._quote_speaker(anchors, claimants, p_index)
            if claimant is None and not anchors and (fig.framed or breaks_down) and last_before is not None:
                # "Among the dead were ...": the claim it breaks down
                claimant = _claimant_of(last_before)
            if claimant is None and not anchors and not topic_shift:
                claimant = self.para_speaker.get(p_index)  # the paragraph's speaker goes on
            nxt = found[idx + 1].span_start if idx + 1 < len(found) else None
            fig_scope = (
                _clause_scope(body, sent, tokens, anchors, fig) if self.setting.marked[sent.start] else scope
            )
            if fig_scope == "incident" and continues:
                fig_scope = "cumulative"
            carried = last_before if fig.framed or breaks_down else None
            if carried is not None and scope == "incident" and not refers_to_event:
                fig_scope = carried.scope  # "four of those killed in Wednesday's attack" stays the attack's
            if fig.category == "displaced" and (fig.quantity.low or 0) >= _DISPLACED_POPULATION:
                fig_scope = "cumulative"  # hundreds of thousands displaced: a population, not one flight
            parent_rec = by_start.get(fig.parent) if fig.parent is not None else None
            carried = carried or parent_rec  # a breakdown's place and date are its total's
            running_total = fig_scope != "incident"
            # a breakdown is about its total's episode; a running total is about none
            episode = carried.episode if carried is not None and carried.episode is not None else sentence_ep
            after_next = found[idx + 2].span_start if idx + 2 < len(found) else None
            own_place = place_for(
                places, fig.span_start, fig.span_end, nxt, _coordinated(tokens, fig, nxt, places, after_next)
            )
            own_place = _with_its_list(body, tokens, places, own_place)
            place, place_basis = self.setting.place(
                own_place,
                sent.start,
                p_index,
                episode,
                running_total,
                carried,
                _site_noun_before(tokens, own_place),
            )
            date, date_basis = self.setting.date(
                date_for(dates, fig.quantity.start), p_index, episode, running_total, carried
            )
            q = fig.quantity
            member_of = self._members_of(tokens, fig)
            if member_of is not None:
                fig = replace(fig, counted_kind=member_of)  # "16 members of the Harl Front"
            parent = by_start.get(fig.parent) if fig.parent is not None else None
            if fig.elided and (parent or prev_out) is not None:
                src = parent or prev_out
                counted_text, counted_actor = src.counted_text, src.counted_actor_id
            else:
                counted_text = (
                    body[tokens[fig.counted_start].start : tokens[fig.counted_end - 1].end]
                    if fig.counted_end > fig.counted_start
                    else None
                )
                counted_actor = self.loser(tokens, fig, claimant) or self.counted_actor(tokens, fig, claimant)
                if (
                    counted_actor is None
                    and (parent or prev_out) is not None
                    and fig.counted_kind == "objects"
                ):
                    counted_actor = (
                        parent or prev_out
                    ).counted_actor_id  # "12 soldiers killed and 3 posts seized"
            start, end = tokens[fig.span_start].start, tokens[fig.span_end - 1].end
            rec = ExtractedFigure(
                char_start=start,
                char_end=end,
                quote=body[start:end],
                category=fig.category,
                value_low=q.low,
                value_high=q.high,
                approx=q.approx,
                number_text=body[tokens[q.start].start : tokens[q.end - 1].end],
                counted_text=counted_text,
                counted_kind=settle_kind(
                    fig.counted_kind,
                    fig.category,
                    running_total,
                    [t.low for t in tokens[fig.counted_start : fig.counted_end]],
                    sentence_words,
                    [t.low for t in tokens[fig.counted_end : fig.counted_end + 8]],
                ),
                counted_actor_id=counted_actor,
                claimant_text=claimant.text if claimant else None,
                claimant_actor_id=claimant.actor_ids[0] if claimant else None,
                claimant_actor_ids=tuple(claimant.actor_ids) if claimant else (),
                claim_voice="cited" if claimant else REPORT_VOICE,
                scope=fig_scope,
                location_name=place,
                location_basis=place_basis,
                event_date=date.value if date else None,
                date_precision=date.precision if date else None,
                date_basis=date_basis,
                setting_country=self.home_country(),
                sentence_start=sent.start,
                event_type=event_type,
                event_words=event_words,
                episode=None if running_total else episode,
            )
            if rec.counted_kind in ("unknown", "civilians") and includes_armed(tokens, fig.counted_end):
                rec = replace(rec, counted_kind="mixed")  # "157 others, including policemen"
            own = [t.low for t in tokens[fig.counted_start : fig.counted_end]]
            bare = q.end < len(tokens) and tokens[q.end].low in lx.HARM  # "19 injured", "four dead"
            if rec.counted_kind == "unknown" and (
                (fig.elided and (not bare or breaks_down)) or (len(own) == 1 and own[0] in ANAPHORS)
            ):
                # "them" at a paragraph's start may point into the paragraph before
                back = self._paragraph_before(p_index, para) if sent.start == para.start else para.start
                kind = antecedent_kind(
                    own[0] if own else None,
                    _kinds_back_to(para.start, earlier, out),
                    lambda back=back, start=start: self.people_words.last(back, start),
                )
                if kind is not None:
                    rec = replace(rec, counted_kind=kind)  # "five others", "two of them"
            if rec.counted_kind == "unknown" and _attacked_civilians(sentence):
                rec = replace(rec, counted_kind="civilians")  # "twelve died when gunmen fired on villagers"
            if rec.counted_kind == "unknown" and _THE_VICTIMS.search(body[sent.start : start]):
                # "the victims were distributed as follows: 49 deaths in Kell": the victims told
                since = self._paragraph_before(p_index, para)
                kind = antecedent_kind(None, _kinds_back_to(since, earlier, out), lambda: None)
                if kind is not None:
                    rec = replace(rec, counted_kind=kind)
            out.append(rec)
            by_start[q.start] = rec
            if rec.scope == "cumulative":
                self.para_scope[p_index] = "cumulative"
            prev_out = rec
        out = _mix_parents(out, found)
        if any(f.framed for f in found):
            parts = [rec for f, rec in zip(found, out, strict=True) if f.framed or f.parent is not None]
            self._mix_broken_down(earlier, parts, self._paragraph_before(p_index, para))
        return out

    @staticmethod
    def _mix_broken_down(earlier: list[ExtractedFigure], parts: list[ExtractedFigure], since: int) -> None:
        """A total broken down in a later sentence into parts that are not civilians ("Of the
        dead, 27 were policemen") counted a mix: the last figure before, in the paragraph or the
        one before, of the parts' category and larger than each, told as people or civilians, by
        the same claimant (another source's breakdown is its own claim)."""
        for part in parts:
            if part.counted_kind not in _KIND_MIX:
                continue
            for i in range(len(earlier) - 1, -1, -1):
                total = earlier[i]
                if total.char_start < since:
                    break
                if total.category != part.category:
                    continue
                same_claim = (
                    not part.claimant_actor_ids or part.claimant_actor_ids == total.claimant_actor_ids
                )
                larger = (total.value_low or 0) > (part.value_low or 0)
                if total.counted_kind in ("unknown", "civilians") and larger and same_claim:
                    earlier[i] = replace(total, counted_kind="mixed")  # its breakdown names fighters
                break

    def _remember(self, claimants: dict[int, Claimant | None], p_index: int) -> None:
        named = [c for _, c in sorted(claimants.items()) if c is not None]
        if named:
            self.discourse.last = named[-1]
            self.para_speaker[p_index] = named[-1]

    def _quote_speaker(
        self, anchors: list[Anchor], claimants: dict[int, Claimant | None], p_index: int
    ) -> Claimant | None:
        """A quote's speaker: named in its own sentence, else in its paragraph, else the
        paragraph before (a quote that runs over several paragraphs)."""
        named = [claimants[a.verb] for a in anchors if claimants.get(a.verb)]
        if named:
            return named[0]
        return self.para_speaker.get(p_index) or self.para_speaker.get(p_index - 1)


@dataclass
class _Setting:
    """Where and when each episode of the report happens, for figures whose sentence does not
    say: the places and dates of each sentence, each paragraph's most specific place and first
    date within one episode, and each episode's own place and date (named where the report
    opens it or in a sentence that describes it without figures: "the fighting erupted on
    Saturday in Lorvan district"). A figure never takes another episode's place or date."""

    places: dict[int, list[Place]]
    dates: dict[int, list[EventDate]]
    totals: dict[int, bool]  # sentence start -> it tells a running total
    marked: dict[int, bool]  # ... because its own words say so ("since the war began")
    episodes: Episodes
    para_places: dict[tuple[int, int], list[tuple[int, Place]]]  # (paragraph, episode) -> (sentence, place)
    para_date: dict[tuple[int, int], EventDate]
    para_total_date: dict[tuple[int, int], EventDate]  # ... given in a running total's sentence
    framing: dict[int, Place]  # episode -> the most specific place the report names for it
    setting: dict[int, Place]  # ... where it opens or describes the episode (not a part's place)
    countries: dict[int, Place]  # episode -> the one country its sentences set it in
    described: dict[int, Place]  # episode -> ... named in a sentence that describes it without figures
    home: str | None  # the name of the report's country
    sites: dict[str, Place]  # site noun -> the first named site with it ("camp" -> "Pellin camp")
    # (paragraph, episode) -> its most specific (sentence, place), and the most specific outside
    # that sentence
    nearby: dict[tuple[int, int], tuple[tuple[int, Place] | None, tuple[int, Place] | None]] = field(
        default_factory=dict
    )

    @classmethod
    def of(
        cls,
        reader: _Reader,
        relevant: list[tuple[int, Span, Span, list[Token]]],
        found_in: dict[int, list[FoundFigure]],
        anchors_in: dict[int, list[Anchor]],
    ) -> _Setting:
        places = {
            sent.start: _event_places(reader.places(tokens), tokens, anchors_in[sent.start])
            for _, _, sent, tokens in relevant
        }
        dates = {sent.start: reader.dates(tokens, para.start) for _, para, sent, tokens in relevant}
        marked = {
            sent.start: _scope(reader.body[sent.start : sent.end].lower()) != "incident"
            for _, _, sent, _ in relevant
        }
        totals = dict(marked)
        for start, found in dates.items():
            if any(d.opens_span and d.precision != "day" for d in found):
                totals[start] = True  # "the insurgency, which began in 2009, has killed ...": a war's toll
        _refer_back_to_totals(relevant, totals)
        violent = {
            sent.start: _describes_event(reader.body[sent.start : sent.end]) for _, _, sent, _ in relevant
        }
        views = [
            SentenceView(
                sent.start,
                p_index,
                reader.body[sent.start : sent.end],
                tokens,
                dates[sent.start],
                places[sent.start],
                totals[sent.start],
                bool(found_in[sent.start]) or violent[sent.start],
                frozenset(f.category for f in found_in[sent.start]),
            )
            for p_index, _, sent, tokens in relevant
        ]
        episodes = assign_episodes(views, reader.published)
        para_places: dict[tuple[int, int], list[tuple[int, Place]]] = {}
        para_date: dict[tuple[int, int], EventDate] = {}
        para_total_date: dict[tuple[int, int], EventDate] = {}
        framing: dict[int, list[Place]] = {}
        setting: dict[int, list[Place]] = {}
        describing: dict[int, list[Place]] = {}
        spread: set[int] = set()  # episodes the text sets in several places at once
        national: dict[int, list[Place]] = {}
        for view in views:
            ep = episodes.of_sentence[view.start]
            key = (view.paragraph, ep)
            para_places.setdefault(key, []).extend((view.start, p) for p in view.places)
            of_event = [d for d in view.dates if d.of_event and not d.own_sentence]
            if of_event and key not in para_date:
                para_date[key] = of_event[0]
            if of_event and key not in para_total_date and view.cumulative:
                para_total_date[key] = of_event[0]
            local = [p for p in view.places if p.level < COUNTRY]
            figures = bool(view.categories)
            describes = view.describes and not figures  # tells of the event without figures
            if figures or describes:
                national.setdefault(ep, []).extend(p for p in view.places if p.level == COUNTRY)
            if _lists_places(view.tokens, local):
                if describes:
                    spread.add(ep)  # "strikes hit Kell, Dorn and Varda province": no one place
                else:  # "24 died in Kell and Dorn villages": the list is the figures' place
                    local = list(
                        dict.fromkeys(_with_its_list(reader.body, view.tokens, local, p) for p in local)
                    )
            opening = episodes.episodes[ep].sentences[0] == view.start
            if describes:
                describing.setdefault(ep, []).extend(local)
            if describes or figures or opening or (ep == 0 and view.paragraph == 0):
                framing.setdefault(ep, []).extend(local)
            if describes or opening or (ep == 0 and view.paragraph == 0):
                setting.setdefault(ep, []).extend(local)  # where the report sets it, not its parts
        home = reader.home_country()
        home_name = (
            reader.book.actors[home.lower()].name if home and home.lower() in reader.book.actors else None
        )
        return cls(
            places,
            dates,
            totals,
            marked,
            episodes,
            para_places,
            para_date,
            para_total_date,
            _most_specific_of(framing, spread),
            _most_specific_of(setting, spread),
            {
                ep: found[0]
                for ep, found in national.items()
                if ep not in spread and len({p.text for p in found}) == 1
            },
            _most_specific_of(describing, spread),
            home_name,
            _named_sites(places),
        )

    def place(
        self,
        own: Place | None,
        sentence_start: int,
        p_index: int,
        episode: int,
        running_total: bool,
        carried: ExtractedFigure | None,
        site_noun: str | None = None,
    ) -> tuple[str | None, str]:
        """(place as worded, basis). A province or town named in the sentence gives way to a
        more specific place that the report names where it describes the episode ("the
        fighting erupted in Lorvan district"), and "a camp in Vennick" to the camp the report
        names ("the Pellin camp"). A running total falls back to its paragraph, then the
        report's country; an episode's figure to its paragraph, then the episode's place."""
        described = None if running_total else self.described.get(episode)
        if own is not None and site_noun and own.level >= TOWN:
            named = self.sites.get(site_noun)
            if named is not None:
                return named.text, "site"
        framed = None if running_total else self.framing.get(episode)
        if own is not None:
            # a sentence's country gives way to the most specific place named for the episode; its
            # province to the town or site where the report sets the episode (not to where one of
            # the episode's parts happened)
            set_in = framed if own.level >= COUNTRY else None if running_total else self.setting.get(episode)
            if (
                set_in is not None
                and set_in.level < own.level
                and (own.level >= REGION or described is set_in)
            ):
                return set_in.text, "episode"
            if own.level == COUNTRY and described is not None:
                return described.text, "episode"  # "strikes on Marovia's coast": where they struck
            return own.text, "sentence"
        if carried is not None and carried.location_name:
            return carried.location_name, carried.location_basis
        # the paragraph's other sentences: a place in the figure's own sentence that its clause
        # does not take is another clause's
        nearby = self._nearby(p_index, episode, sentence_start)
        if nearby is not None:
            if framed is not None and framed.level < nearby.level:
                return framed.text, "episode"  # the paragraph's city gives way to the episode's site
            return nearby.text, "paragraph"
        if running_total:
            return (self.home, "report") if self.home else (None, "not_given")
        if framed is not None:
            return framed.text, "episode"
        country = self.countries.get(episode)
        if country is not None:
            return country.text, "episode"  # an episode the report sets only in a country
        return None, "not_given"

    def _nearby(self, p_index: int, episode: int, sentence_start: int) -> Place | None:
        """The most specific place of the paragraph's other sentences in the episode (the first
        on a tie): the most specific of all, unless the asking sentence named it; then the
        most specific outside that sentence. Both found once per paragraph and episode."""
        key = (p_index, episode)
        if key not in self.nearby:
            found = self.para_places.get(key, [])
            best = min(found, key=lambda sp: sp[1].level, default=None)
            rest = [sp for sp in found if best is not None and sp[0] != best[0]]
            self.nearby[key] = (best, min(rest, key=lambda sp: sp[1].level, default=None))
        best, other = self.nearby[key]
        pick = other if best is not None and best[0] == sentence_start else best
        return pick[1] if pick is not None else None

    def date(
        self,
        own: EventDate | None,
        p_index: int,
        episode: int,
        running_total: bool,
        carried: ExtractedFigure | None,
    ) -> tuple[EventDate | None, str]:
        if own is not None:
            return own, "sentence"
        if (
            carried is not None
            and carried.event_date is not None
            and not (running_total and carried.scope == "incident")
        ):
            # a breakdown is dated with its total; a running total never by one incident's date
            return EventDate(carried.event_date, carried.date_precision or "day", 0), carried.date_basis
        if running_total:  # dated by its own sentence or its paragraph, never by an episode
            para = self.para_total_date.get((p_index, episode))
            return (para, "paragraph") if para is not None else (None, "running_total")
        this = self.episodes.episodes[episode]
        if this.several_days:
            return None, "several_days"
        if (p_index, episode) in self.para_date:
            return self.para_date[(p_index, episode)], "paragraph"
        if this.date is not None:
            return this.date, "episode"
        return None, "not_given"


_PREPOSITIONS = {"of", "in", "for", "from", "with", "based", "at", "on", "near"}
# Verbs that describe an event in a sentence without figures: where it "erupted", who "attacked".
_EVENT_VERBS = re.compile(
    r"\b(?:attacked|invaded|raided|stormed|struck|erupted|occurred|happened|took place|targeted|targeting"
    r"|carried out|hit|shelled|bombed|fired|opened fire|torched|set fire|detonated|blew up"
    r"|(?:gunmen|militants|attackers|assailants) (?:\w+ ){0,2}arrived)\b"
)
_DISPLACED_POPULATION = 100_000
# Sentence openings that move on to another event.
_ANOTHER_EVENT = re.compile(
    r"\W*(?:later|earlier|separately|meanwhile|elsewhere|in (?:a|another) separate|in another)\b",
    re.IGNORECASE,
)
_CIVIL_OFFICES = {"governor", "mayor", "administration", "council", "authority", "presidency"}
_OWN = {"its", "their", "our", "his", "her"}
_WORD = re.compile(r"[a-z]+")
_NEWS_MEDIA = "news-media"  # the actor of reports that name no outlet (organisations.csv)
_UNNAMED_SOURCES = {_NEWS_MEDIA, "local-residents"}
_ANY_PRONOUN = frozenset(lx.PRONOUNS | lx.OBJECT_PRONOUNS)  # "he said", "according to him"
_KIND_MIX = {"military", "police", "armed_group", "mixed"}
_LOSE = {"lose", "loses", "lost", "losing"}
# The role of a country's actor that counted people (or lost objects) of a kind belong to.
_ROLE_OF_KIND = {"military": "military", "police": "police", "mixed": "military", "objects": "military"}


def _kinds_back_to(since: int, earlier: list[ExtractedFigure], out: list[ExtractedFigure]) -> Iterator[str]:
    """The kinds of the figures told from ``since`` on, the last first. Figures come in the
    order of their sentences, so those from ``since`` on are the lists' tails."""
    for figures in (out, earlier):
        for r in reversed(figures):
            if r.char_start < since:
                return
            yield r.counted_kind


class _PeopleWords:
    """The plural nouns of people in a body ("the attackers", "the gunmen"), found once, for
    what "them" and "those" point back to: the last such word in a stretch is a bisection."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.aligned: bool | None = None  # found on first use: most reports never ask
        self.ends: list[int] = []
        self.starts: list[int] = []
        self.kinds: list[str] = []

    def _find(self) -> None:
        low = self.body.lower()
        self.aligned = len(low) == len(self.body)  # else the lowered text's offsets are not the body's
        for m in _WORD.finditer(low) if self.aligned else ():
            kind = people_kind(m.group())
            if kind is not None:
                self.ends.append(m.end())
                self.starts.append(m.start())
                self.kinds.append(kind)

    def last(self, start: int, end: int) -> str | None:
        """The kind of the last plural noun of people in ``body[start:end]``."""
        if self.aligned is None:
            self._find()
        if not self.aligned:
            words = _WORD.findall(self.body[start:end].lower())
            return next((k for w in reversed(words) if (k := people_kind(w)) is not None), None)
        i = bisect_right(self.ends, end) - 1
        return self.kinds[i] if i >= 0 and self.starts[i] >= start else None


def _most_specific_of(found: dict[int, list[Place]], spread: set[int]) -> dict[int, Place]:
    return {ep: p for ep, ps in found.items() if ep not in spread and (p := most_specific(ps)) is not None}


_SPEAKERS_DAYS = {"today", "yesterday", "tonight", "morning", "afternoon", "evening", "night", "ago"}


def _names_an_actor(m: Mention) -> bool:
    """A place phrase opening on an actor's name ("ISIS-Khorasan") is that actor."""
    return m.start == 0 and not m.country and m.via == "name"


def _owns_no_place(tokens: list[Token], k: int) -> bool:
    """After a possessive: a lowercase word that is neither a direction nor a place noun
    ("Marovia's modern history", "Marovia's army"), not "Marovia's north"."""
    if k >= len(tokens) or not tokens[k].is_word or tokens[k].is_capitalized:
        return False
    return tokens[k].low not in lx.DIRECTIONS and tokens[k].low not in lx.PLACE_NOUNS


def _title_case(tokens: list[Token]) -> bool:
    """A headline in Title Case: most of its words capitalized, small words aside."""
    words = [t for t in tokens if t.is_word and len(t.text) > 3]
    return len(words) >= 4 and sum(t.is_capitalized for t in words) >= 0.8 * len(words)


_LIST_JOINERS = {",", "and", "or", "as", "well"}


def _listed(between: list[Token]) -> bool:
    """Tokens between two places that make them a list: a conjunction, with only commas and
    other names beside it ("in Kell, Dorn and Varda province"). Commas alone nest ("in Kell,
    Varda province")."""
    return (
        bool(between)
        and bool({t.low for t in between} & {"and", "or", "well"})
        and all(t.low in _LIST_JOINERS or t.is_capitalized for t in between)
    )


def _lists_places(tokens: list[Token], places: list[Place]) -> bool:
    return any(_listed(tokens[a.end : b.start]) for a, b in pairwise(places))


def _with_its_list(body: str, tokens: list[Token], places: list[Place], place: Place | None) -> Place | None:
    """A figure's place that is one of a list is the list as worded: "leaving 158 dead in
    Kell, Dorn and Varda" happened in all three."""
    if place is None or place not in places:
        return place
    first = last = places.index(place)

    def joined(a: Place, b: Place) -> bool:
        return all(t.low in _LIST_JOINERS for t in tokens[a.end : b.start])

    while first > 0 and joined(places[first - 1], places[first]):
        first -= 1
    while last + 1 < len(places) and joined(places[last], places[last + 1]):
        last += 1
    if first == last or not _listed(tokens[places[first].end : places[last].start]):
        return place
    start, end = places[first].start, places[last].end
    text = body[tokens[start].start : tokens[end - 1].end]
    return Place(start, end, text, max(p.level for p in places[first : last + 1]))


def _describes_event(text: str) -> bool:
    return (
        classify_event(text)[0] is not None
        or bool(_EVENT_VERBS.search(text))
        or bool(_EVENT_NOUN.search(text.lower()))
    )


_EVENT_NOUN = re.compile(r"\b(?:" + "|".join(sorted(lx.EPISODE_NOUNS)) + r")\b")


def _named_sites(places: dict[int, list[Place]]) -> dict[str, Place]:
    sites: dict[str, Place] = {}
    for start in sorted(places):
        for p in places[start]:
            noun = p.text.split()[-1].lower()
            if p.level == SITE and noun in _SITE_NOUNS:
                sites.setdefault(noun, p)
    return sites


def _site_noun_before(tokens: list[Token], place: Place | None) -> str | None:
    """ "a displaced persons camp in Vennick": the site noun just before a town's name."""
    if place is None:
        return None
    for t in tokens[max(0, place.start - 4) : place.start]:
        if t.low in _SITE_NOUNS:
            return t.low
    return None


_SITE_NOUNS = {"camp", "market", "hospital", "school", "mosque", "church", "shelter", "centre", "center"}


def _event_places(places: list[Place], tokens: list[Token], anchors: list[Anchor]) -> list[Place]:
    """Places outside the speakers' names: in "the Rights Office based in Vennick said", Vennick
    is where the speaker sits, not where the event was."""
    spans = [(a.subject[0], a.verb) for a in anchors if a.subject and a.subject[0] < a.verb]
    spans += [a.apposition for a in anchors if a.apposition]

    def seat(p: Place) -> bool:
        # "the Rights Office based in Vennick", "the president, who was holding talks in Kell,"
        return any(
            s <= p.start < e
            and (
                any(t.low in lx.SEAT_PARTICIPLES for t in tokens[max(0, p.start - 2) : p.start])
                # ... a country the speaker was in, not a resident's village
                or (p.level == COUNTRY and any(t.low == "who" for t in tokens[s : p.start]))
            )
            for s, e in spans
        )

    def care(p: Place) -> bool:  # "taken to Dunmore hospital": where the wounded went, not the event
        before = [t.low for t in tokens[max(0, p.start - 3) : p.start]]
        return "to" in before and any(w in lx.CARRIED_TO for w in before)

    return [p for p in places if not seat(p) and not care(p)]


def _coordinated(
    tokens: list[Token], fig: FoundFigure, nxt: int | None, places: list[Place], after_next: int | None
) -> bool:
    """Is the next figure joined to this one by "and" alone ("4 killed and 23 wounded"), with
    the place phrase right after it? In a longer chain the place belongs to its own conjunct."""
    if nxt is None or not all(t.low in ("and", ",") for t in tokens[fig.span_end : nxt]):
        return False
    later = [p.start for p in places if p.start >= nxt]
    return bool(later) and (after_next is None or later[0] < after_next)


def _clause_scope(body: str, sent: Span, tokens: list[Token], anchors: list[Anchor], fig: FoundFigure) -> str:
    """The scope of a figure in a sentence whose words mark a running total: the marker counts
    only before the attribution that follows the figure: in "... killed 100 people, officials
    said, the worst attack since the war", the "since" is about the war, not the figure."""
    after = [a.verb for a in anchors if a.verb >= fig.span_end]
    if not after:
        return "cumulative"
    cut = tokens[after[0]].start
    return _scope(body[sent.start : cut].lower())


_HARM_REACH = 20  # tokens: a relative clause or an apposition between a number and its harm


def _harm_near(tokens: list[Token], q: Quantity) -> bool:
    """Is a harm word close enough to the number for the parse to link them? Most numbers the
    word rules leave are ages, times and amounts with no harm in reach: they are not parsed."""
    window = tokens[max(0, q.start - _HARM_REACH) : q.end + _HARM_REACH]
    return any(t.low in _PARSE_TRIGGERS for t in window)


# "KELL (Vennick News) -", "DORN, Marovia (Lorvan Wire) —": the outlet credited in a dateline.
_DATELINE_CREDIT = re.compile(r"^[A-Z][A-Za-z .,'’-]{1,40}?\s*\(([^()\n]{2,40})\)\s*[-–—]", re.MULTILINE)


def dateline_credit(body: str) -> str | None:
    """The outlet a dateline at the head of the report credits, folded; None without one."""
    found = _DATELINE_CREDIT.search(body[:1500])
    return _plain(found.group(1)) if found else None


def _plain(text: str) -> str:
    words = fold(text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def _description_head(words: list[str]) -> list[str] | None:
    """The head of a description with a modifier after it: "The Kell-based monitor" of
    "The Kell-based monitor with a network of contacts across Marovia"."""
    if not words or words[0].lower() != "the":
        return None
    for i, w in enumerate(words[2:], 2):
        if w.lower() in _PREPOSITIONS and words[i - 1][:1].islower():
            return words[:i]
    return None


def _refer_back_to_totals(relevant: list[_Relevant], totals: dict[int, bool]) -> None:
    """A sentence set in a running total's events ("During the operations, 112 were arrested"
    after "forces carried out 729 operations over the week") tells a part of that total."""
    named: set[str] = set()  # kinds of event the running totals so far are made of
    for _, _, sent, tokens in relevant:
        if totals[sent.start]:
            named |= {t.low.rstrip("s") for t in tokens if t.low in lx.EPISODE_NOUNS}
            continue
        opening = tokens[:3]
        if (
            len(opening) == 3
            and opening[0].low in ("during", "in", "throughout", "amid")
            and opening[1].low in ("the", "these", "those")
            and opening[2].low.endswith("s")
            and opening[2].low.rstrip("s") in named
        ):
            totals[sent.start] = True


_BACK = {"them", "those", "these"}


def _points_back(tokens: list[Token]) -> bool:
    """ "Among them", "Of these", "Of those": an opening that refers to the people just counted."""
    return len(tokens) > 1 and tokens[0].low in ("among", "of") and tokens[1].low in _BACK


def _opens_breakdown(tokens: list[Token]) -> bool:
    """ "Among the victims, 312 were ...", "Of those killed, ...", "Of the 17 detained, ...",
    "Among them, ...": a sentence that breaks down the figure before it."""
    if _points_back(tokens):
        return True
    if not tokens or tokens[0].low not in ("among", "of"):
        return False
    if len(tokens) > 2 and tokens[1].low == "the" and tokens[2].low[:1].isdigit():
        return True  # "Of the 17 terrorists, 11 were captured": the 17 named before
    for t in tokens[1:7]:
        if t.text == ",":
            return False
        if t.low in _BREAKDOWN_NOUNS:
            return True
    return False


_BREAKDOWN_NOUNS = {
    "dead",
    "casualties",
    "victims",
    "fatalities",
    "killed",
    "wounded",
    "injured",
    "toll",
    "deaths",
    "total",  # "Of the total, five were killed in Kell"
}


def _claimant_of(f: ExtractedFigure) -> Claimant | None:
    if f.claim_voice == REPORT_VOICE:
        return None
    return Claimant(f.claimant_text or "", list(f.claimant_actor_ids))


def _opens_with_place(tokens: list[Token]) -> bool:
    """ "In Kell, 17 people ...": a sentence that opens on a new place starts a new topic."""
    if len(tokens) < 3 or tokens[0].low not in ("in", "at", "elsewhere"):
        return False
    if tokens[0].low == "elsewhere":
        return True
    return any(t.text == "," for t in tokens[1:6]) and tokens[1].is_capitalized


_DOCUMENTS = {"statement", "report", "communique", "release", "post", "letter", "notice"}


def _mix_parents(out: list[ExtractedFigure], found: list[FoundFigure]) -> list[ExtractedFigure]:
    """People counted as "people" whose breakdown names fighters or soldiers are a mix:
    "nine people, including four soldiers"."""
    starts = [f.quantity.start for f in found]
    mixed = {
        f.parent
        for f, rec in zip(found, out, strict=True)
        if f.parent is not None and rec.counted_kind in _KIND_MIX
    }
    return [
        replace(rec, counted_kind="mixed") if s in mixed and rec.counted_kind == "unknown" else rec
        for s, rec in zip(starts, out, strict=True)
    ]


_CUMULATIVE = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in lx.CUMULATIVE_MARKERS) + ")")


# A count over a span of days or more: "over the past week", "during the first ten days",
# "between January 9 and 19". "The past 24 hours" is one day's fighting: an incident.
_LAST_DAY = re.compile(r"\b(?:over|in|during|within) the (?:past|last) (?:24 hours|day)\b")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_GROWN_TOLL = r"\b(?:have|has) been (?:\w+ )?(?:killed|detained|arrested|injured|wounded)\b"
_PROTESTS = r"\b(?:protests?|protesters|demonstrations|demonstrators|crackdown|unrest)\b"
_SPAN_TOTAL = re.compile(
    r"\b(?:over|in|during|within) the (?:past|last|first) (?:[\w-]+ )?(?:days|weeks?|months?|years?)\b"
    # "between March 3 and 5", "between 3 and 5 March": a span of days, not "between 25 and 30 militants"
    rf"|\bbetween (?:(?:{_MONTH_NAMES})\.? \d{{1,2}}(?:st|nd|rd|th)? and \d{{1,2}}\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? and \d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_MONTH_NAMES})\b)"
    # a sentence that opens by summing up: "In total, the enemy lost 9,300 ..."
    r"|^\W*in total\b"
    # operations over a week or a month: "detained 17 in raids last week"
    r"|\b(?:operations|raids|sweeps|crackdowns|attacks|strikes)\b(?: \w+){0,3}"
    r" (?:last|this|past) (?:week|month)\b"
    # a toll that has grown over protests or a crackdown: "216 demonstrators have been detained"
    rf"|{_GROWN_TOLL}[^.]{{0,80}}{_PROTESTS}|{_PROTESTS}[^.]{{0,80}}{_GROWN_TOLL}"
    # a count of attacks whose toll has grown: "nine assaults on police stations that have killed three"
    r"|\b(?:\d+|three|four|five|six|seven|eight|nine|ten|dozens of) (?:\w+ )?"
    r"(?:attacks|assaults|raids|ambushes)\b"
    r"[^.]{0,60}\b(?:have|has) (?:\w+ )?(?:killed|left|wounded|injured|claimed)\b"
)


def _scope(low_sentence: str) -> str:
    """Whole words only: "brutally" holds "tally" but marks no running total."""
    total = _CUMULATIVE.search(low_sentence) or _SPAN_TOTAL.search(low_sentence)
    return "cumulative" if total else "incident"


def _headline_end(body: str) -> int | None:
    """Where the report's headline ends: a first paragraph that is not a sentence (it ends
    without a full stop, a question or an exclamation) and has the report after it."""
    paras = paragraphs(body)
    if len(paras) < 2:
        return None
    first = body[paras[0].start : paras[0].end].rstrip(_CLOSING_QUOTES)
    return None if first.endswith((".", "!", "?")) else paras[0].end


_CLOSING_QUOTES = "\"'”’)"


_ANOTHER_SPEAKER = {"another", "another one", "a second", "a second one", "the other", "a third"}


_LEDE_ECHO_PARAGRAPHS = 3  # paragraphs (from 0) where an echo of the lede's figure may attribute it
_THE_TOLL = re.compile(r"\bthe (?:death )?toll\b")


def _credit_lede(
    figures: list[ExtractedFigure], echoes: list[tuple[int, str, Claimant]], headline_end: int | None
) -> list[ExtractedFigure]:
    """A lede often states a toll and names its source a sentence later, pointing back to it
    without the number ("The toll rose to 47." / "A hospital spokesman said the death toll rose
    after ..."): the lede's unattributed death figures take the claimant of the first such echo."""
    lede_start = headline_end or 0
    lede = [f for f in figures if f.char_start >= lede_start]
    if not lede:
        return figures
    first_sentence = lede[0].sentence_start
    out = []
    for f in figures:
        if f.sentence_start == first_sentence and f.claim_voice == REPORT_VOICE and f.category == "killed":
            echo = next(
                (c for start, text, c in echoes if start > f.char_start and _THE_TOLL.search(text)), None
            )
            if echo is not None:
                f = _cited_by(f, echo.text, tuple(echo.actor_ids))
        out.append(f)
    return out


def _cited_by(f: ExtractedFigure, text: str | None, actor_ids: tuple[str, ...]) -> ExtractedFigure:
    """The figure, as claimed by the given claimant (a figure credited to a claim elsewhere)."""
    return replace(
        f,
        claimant_text=text,
        claimant_actor_id=actor_ids[0],
        claimant_actor_ids=actor_ids,
        claim_voice="cited",
    )


def _credit_headline(figures: list[ExtractedFigure], headline_end: int | None) -> list[ExtractedFigure]:
    """A headline sums up what the report attributes in its body, so an unattributed headline
    figure is the body's claim ("Death toll rises to 305" over "..., the prosecutor said"):
    the claimant of the body's first attributed figure of the same category and number (and
    what that figure counts), else of the same category, else of any figure."""
    if headline_end is None:
        return figures
    cited = [f for f in figures if f.char_start >= headline_end and f.claim_voice != REPORT_VOICE]
    if not cited:
        return figures
    out = []
    for f in figures:
        if f.char_start < headline_end and f.claim_voice == REPORT_VOICE:
            same = [c for c in cited if c.category == f.category]
            repeat = next((c for c in same if _same_number(c, f)), None)
            source = repeat or (same[0] if same else cited[0])
            f = _cited_by(f, source.claimant_text, source.claimant_actor_ids)
            if repeat is not None:  # the body says whom it counts: a headline is short for it
                f = replace(
                    f,
                    counted_text=repeat.counted_text,
                    counted_kind=repeat.counted_kind,
                    counted_actor_id=repeat.counted_actor_id,
                )
        out.append(f)
    return out


def _merge_repeats(figures: list[ExtractedFigure]) -> list[ExtractedFigure]:
    """One claim once: a repeat of the same figure (same category and values) is dropped
    when it comes from the same claimant: the same actors, or a description ("the ministry",
    "the district administrator") standing for a claimant named in the other mention, or an
    unattributed mention of the same thing attributed in the other. A repeat may add or drop a
    bound word ("15 killed", then "at least 15"). The first mention keeps its place and its
    bounds; the better-identified claimant and the more specific kind are kept."""
    kept: list[ExtractedFigure] = []
    # a repeat has the same values or the same numeral (_same_number): the kept figures of
    # each, by category, so a figure is compared with those only (combining keeps both keys)
    by_key: dict[tuple[object, ...], list[int]] = {}
    for f in figures:
        keys = _repeat_keys(f)
        candidates = sorted({i for key in keys for i in by_key.get(key, ())})
        for i in candidates:
            k = kept[i]
            if _same_number(k, f) and _same_claim(k, f):
                kept[i] = _combine(k, f)
                break
        else:
            for key in keys:
                by_key.setdefault(key, []).append(len(kept))
            kept.append(f)
    return kept


def _repeat_keys(f: ExtractedFigure) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """The figure's two keys of _same_number: its values, and its numeral."""
    return (f.category, "values", f.value_low, f.value_high), (f.category, "numeral", _numeral(f.number_text))


def _same_number(a: ExtractedFigure, b: ExtractedFigure) -> bool:
    """The same number, or one that only adds or drops a bound word: "15" and "at least 15",
    "more than 15" (16 and up) or "up to 15"."""
    if (a.value_low, a.value_high) == (b.value_low, b.value_high):
        return True
    if _numeral(a.number_text) != _numeral(b.number_text):
        return False  # "around 200" and "hundreds" are two estimates
    exact, bounded = (a, b) if a.value_low == a.value_high else (b, a)
    n = exact.value_low
    if n is None or exact.value_high != n or bounded.value_low == bounded.value_high:
        return False
    if bounded.value_high is None:
        return bounded.value_low in (n, n + 1)
    return bounded.value_low is None and bounded.value_high == n


def _numeral(number_text: str) -> str:
    """The number's own word, bound words and signs dropped: "at least 15", "15+" -> "15"."""
    words = re.sub(r"[^\w\s]", "", fold(number_text)).split()
    return words[-1] if words else ""


def _curated(f: ExtractedFigure) -> bool:
    return any(not a.startswith("x-") for a in f.claimant_actor_ids)


def _described(f: ExtractedFigure) -> bool:
    """A claimant given by description only: "the ministry", "police", "he"."""
    text = (f.claimant_text or "").strip()
    return not text[:1].isupper() or fold(text).split()[0] in _DETERMINERS_AND_PRONOUNS


_DETERMINERS_AND_PRONOUNS = {"the", "a", "an", "its", "their", "his", "her", "he", "she", "they", "it", "we"}


# A sentence that says the people just counted were mostly of one kind.
_MOSTLY_ONE_KIND = re.compile(
    r"\b(?:victims|dead|casualties|killed|wounded|injured)\b[^.]{0,30}\b(?:are|were)\b"
    r" (?:mostly|mainly|largely|predominantly) ((?:\w+ ){0,2}\w+)",
    re.IGNORECASE,
)


def _mostly_of_a_kind(sentence: str) -> bool:
    """ "The victims are mostly military" or "mostly civilians", not "... mostly Syrian nationals"
    (where they came from says nothing of the kinds among them)."""
    m = _MOSTLY_ONE_KIND.search(sentence)
    if m is None:
        return False
    words = m.group(1).lower().split()
    return any(head_kind(w) in _KIND_MIX or lx.KIND_MODIFIERS.get(w) or w == "civilians" for w in words)


# An attack aimed at people the sentence names ("opened fire on villagers").
_ATTACK_ON = re.compile(
    r"\b(?:opened fire on|fired on|fired at|shot at|attacked|attacks? on)\s+(?:the\s+)?(\w+)"
)


def _attacked_civilians(sentence: str) -> bool:
    """Does the sentence tell of an attack on civilians by their name ("opened fire on
    worshippers")? Its victims, told as "people", are those civilians."""
    return any(head_kind(m.group(1).lower()) == "civilians" for m in _ATTACK_ON.finditer(sentence))


# A definite reference back to the people a report has told of ("the victims were ...").
_THE_VICTIMS = re.compile(r"\b(?:the|these|those) (?:victims|dead|deceased)\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"\s+of (?:them|those|these|whom)\b", re.IGNORECASE)


def _same_claim(a: ExtractedFigure, b: ExtractedFigure) -> bool:
    if a.sentence_start == b.sentence_start:
        return False  # a sentence does not repeat itself: "two died, and two more were killed"
    if _PARTITIVE.match(b.quote[b.quote.find(b.number_text) + len(b.number_text) :]):
        return False  # "two of them died": a part of a figure before, not its repeat
    vague = ("unknown", "mixed")
    if not (a.counted_kind == b.counted_kind or a.counted_kind in vague or b.counted_kind in vague):
        return False  # "15 soldiers" and "15 civilians" are two figures
    if a.claimant_actor_ids == b.claimant_actor_ids:
        # unnamed residents or reports are one claimant only when worded alike
        return not set(a.claimant_actor_ids) & _UNNAMED_SOURCES or fold(a.claimant_text or "") == fold(
            b.claimant_text or ""
        )
    if REPORT_VOICE in (a.claim_voice, b.claim_voice):
        return a.counted_kind == b.counted_kind
    if _curated(a) and _curated(b):
        return bool(set(a.claimant_actor_ids) & set(b.claimant_actor_ids))
    da, db = _described(a), _described(b)
    return (da and (not db or _curated(b))) or (db and (not da or _curated(a)))


def _claimant_rank(f: ExtractedFigure) -> int:
    if f.claim_voice == REPORT_VOICE:
        return 0
    if _curated(f):
        return 3
    text = (f.claimant_text or "").strip()
    named = text[:1].isupper() and fold(text).split()[0] not in ("the", "a", "an", "he", "she", "they", "it")
    return 2 if named else 1


def _combine(first: ExtractedFigure, repeat: ExtractedFigure) -> ExtractedFigure:
    out = first
    if _claimant_rank(repeat) > _claimant_rank(first):
        out = replace(
            out,
            claimant_text=repeat.claimant_text,
            claimant_actor_id=repeat.claimant_actor_id,
            claimant_actor_ids=repeat.claimant_actor_ids,
            claim_voice=repeat.claim_voice,
        )
    if first.location_basis != "sentence" and repeat.location_basis == "sentence":
        out = replace(out, location_name=repeat.location_name, location_basis="sentence")
    if first.date_basis != "sentence" and repeat.date_basis == "sentence":
        out = replace(
            out, event_date=repeat.event_date, date_precision=repeat.date_precision, date_basis="sentence"
        )
    if first.scope == "incident" and repeat.scope == "cumulative" and repeat.episode is None:
        out = replace(out, scope="cumulative", episode=None)  # "In total, ... 9,300": the claimant sums up
    if first.counted_kind in ("unknown",) and repeat.counted_kind != "unknown":
        out = replace(
            out,
            counted_text=repeat.counted_text,
            counted_kind=repeat.counted_kind,
            counted_actor_id=repeat.counted_actor_id,
        )
    return out


def extract_figures(body: str, published: dt.date, book: ActorDictionary) -> Extraction:
    """All claimed figures of one report body. Pure: same inputs, same output."""
    reader = _Reader(body, published, book)
    figures = reader.read()
    named = [p.text for start in sorted(reader.setting.places) for p in reader.setting.places[start]]
    return Extraction(
        figures, sorted(reader.discovered.values(), key=lambda a: a.actor_id), list(dict.fromkeys(named))
    )
