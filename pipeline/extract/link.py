"""Linking a number to what it counts and to its harm through the dependency parse, for the
numbers the word rules of ``figures`` leave unlinked: material between the noun and its verb
("the four nurses who ran the clinic were killed"), counted nouns outside the word lists
("eleven deckhands were killed"), phrasal harms ("were gunned down", "sustained wounds",
"took 40 passengers hostage"). Pure: a parsed sentence in, links out.

The people a harm befalls are the passive subject, the object of an active harm verb, the
subject of a harm that happens to its subject ("died", "lost their lives", "sustained
wounds"), a noun the harm participle modifies ("12 people killed", "five wounded guards") or
the object of "of" after a harm noun ("the deaths of 11 miners"). The subject of an active
harm verb is its doer, never a victim ("two explosions killed 40 people": 40, not two)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract import lexicon as lx
from pipeline.extract.parse import Word


@dataclass(frozen=True, slots=True)
class Link:
    number: int  # index in the parse of the number word
    noun: int | None  # ... of the noun it counts; None when the number stands for it ("three died")
    action: str  # kill, injure, detain, abduct, missing, displace, destroy, capture
    predicate: int  # ... of the harm word


# Words without which no phrasal harm is in a sentence (the engine parses only sentences with
# a harm word or one of these): "gunned down", "sustained wounds", "taken hostage".
CUE_WORDS = {key for _, key in lx.PHRASAL_HARMS} | {"wounds", "injuries", "hostages", "died", "perished"}
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
# "npadvmod": the small model's parse of a capitalized number word opening a sentence
_NUMBER_DEPS = {"nummod", "amod", "quantmod", "compound", "nmod", "npadvmod"}


def link_numbers(words: list[Word], numbers: set[int]) -> dict[int, Link]:
    """Links for the number words at the given parse indices (those the rules left unlinked)."""
    out: dict[int, Link] = {}
    for i in sorted(numbers):
        found = _link(words, i)
        if found is not None:
            out[i] = found
    return out


def _link(words: list[Word], i: int) -> Link | None:
    w = words[i]
    noun: int | None = None
    role = i
    head = w.head
    hangs = words[head].dep in ("amod", "compound") and words[head].tag not in _NOUN_TAGS
    if w.dep in _NUMBER_DEPS and hangs:
        head = words[head].head  # "Thirteen suspected gang members": the number hangs on the participle
    if w.dep in _NUMBER_DEPS and words[head].tag in _NOUN_TAGS and head != i:
        noun = role = head
    elif w.tag in ("NNS", "NN") and (of := _of_object(words, i)) is not None:
        noun = of  # "dozens of soldiers were killed": the number heads the subject
    if noun is not None and _not_counted(words[noun]):
        return None
    harm = _modifying_harm(words, role)  # "12 people killed", "five wounded guards"
    if harm is not None:
        return Link(i, noun, harm[0], harm[1])
    if words[role].dep in ("conj", "appos"):
        return None  # a list's later parts are the word rules' (a breakdown, a list of one harm)
    head = words[role].head
    dep = words[role].dep
    if head == role:
        return None
    if dep == "compound" and words[head].lemma in ("hostage", "captive", "prisoner"):
        role, head, dep = head, words[head].head, words[head].dep  # "took 400 passengers hostage"
        phrasal = _phrasal(words, head)
        return Link(i, noun, phrasal, head) if phrasal and dep == "dobj" else None
    if dep == "pobj" and words[head].lemma == "of":
        harm_noun = words[head].head
        action = lx.HARM_OF_NOUNS.get(words[harm_noun].lemma)
        return Link(i, noun, action, harm_noun) if action else None
    action = _action(words, head)
    if action is None or _joined_harms(words, head, action):
        return None
    if any(c.head == head and c.tag == "MD" for c in words):
        return None  # "20 more could be killed": what may happen, not what happened
    if dep in ("nsubjpass", "dobj"):
        return Link(i, noun, action, head)
    if dep == "nsubj" and _befalls_subject(words, head, action):
        return Link(i, noun, action, head)
    return None


def _action(words: list[Word], v: int) -> str | None:
    w = words[v]
    if not w.tag.startswith("VB") and w.tag not in ("JJ",):
        return None
    return _phrasal(words, v) or lx.HARM.get(w.low) or lx.HARM.get(w.lemma)


def _joined_harms(words: list[Word], v: int, action: str) -> bool:
    """ "killed and wounded 30": one number for two harms fits no category."""
    for j in (v - 2, v + 2):
        if 0 <= j < len(words) and words[v + (j - v) // 2].low in ("and", "or"):
            other = lx.HARM.get(words[j].low) or lx.HARM.get(words[j].lemma)
            if other is not None and other != action and (words[j].head == v or words[v].head == j):
                return True
    return False


def _phrasal(words: list[Word], v: int) -> str | None:
    found = phrasal_match(words, v)
    return found[0] if found else None


def phrasal_match(words: list[Word], v: int) -> tuple[str, int] | None:
    """A phrasal harm headed by the verb at v: (action, index of its last word)."""
    verb = words[v].lemma
    for j, c in enumerate(words):
        if c.head != v or j == v:
            continue
        if j + 1 < len(words) and words[j + 1].low == "of":
            continue  # "taken out of the building": a way out, not the particle
        key, last = c.lemma, j
        if c.dep == "prep":
            objects = [k for k, o in enumerate(words) if o.head == j and o.dep == "pobj"]
            if objects:  # "set on fire", "taken into custody"
                key, last = words[objects[0]].lemma, objects[0]
        action = lx.PHRASAL_HARMS.get((verb, key))
        if action is not None:
            return action, last
    return None


def _befalls_subject(words: list[Word], v: int, action: str) -> bool:
    lemma = words[v].lemma
    return lemma in lx.UNDERGONE or (lemma in lx.UNDERGONE_PHRASAL and _phrasal(words, v) is not None)


def _modifying_harm(words: list[Word], noun: int) -> tuple[str, int] | None:
    """A harm participle that modifies the counted noun: "12 people killed", "wounded guards"."""
    for j, c in enumerate(words):
        if c.head == noun and j != noun and c.dep in ("acl", "amod") and c.tag in ("VBN", "JJ"):
            if c.low == "dead":
                return "kill", j
            action = lx.HARM.get(c.low)
            if action is not None and c.low != "missing":
                return action, j
    return None


def _of_object(words: list[Word], i: int) -> int | None:
    for j, c in enumerate(words):
        if c.head == i and c.dep == "prep" and c.lemma == "of":
            objects = [k for k, o in enumerate(words) if o.head == j and o.dep == "pobj"]
            if objects and words[objects[0]].tag in _NOUN_TAGS:
                return objects[0]
    return None


def _not_counted(noun: Word) -> bool:
    return noun.low in lx.NOT_COUNTED or noun.lemma in lx.NOT_COUNTED
