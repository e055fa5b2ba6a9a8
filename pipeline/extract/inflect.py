"""Regular English verb inflections from a lemma, so that the word lists name a verb once
("kill") and the rules still read every form news writes ("kills", "killed", "killing").
Irregular past forms come from the data files, not from here."""

from __future__ import annotations

import re
from dataclasses import dataclass

_VOWELS = "aeiou"


@dataclass(frozen=True, slots=True)
class Inflections:
    base: tuple[str, ...]  # "kill" (two spellings when -ise/-ize)
    third: tuple[str, ...]  # third person singular: "kills"
    past: tuple[str, ...]  # past tense and past participle: "killed"; "slew", "slain"
    ing: tuple[str, ...]  # present participle: "killing"

    def all(self) -> tuple[str, ...]:
        """Each form once ("overrun" is a base and a participle), in slot order."""
        return tuple(dict.fromkeys(self.base + self.third + self.past + self.ing))


def third_person(lemma: str) -> str:
    """ "kills", "flees", "dies", "lynches", "verifies"."""
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def doubles_final(lemma: str) -> bool:
    """A one-syllable verb ending consonant-vowel-consonant doubles its last letter before
    -ed/-ing ("stop", "stopped"). Longer verbs double only when stressed on the last syllable
    (or by custom: "kidnapped"), which spelling cannot tell: the data says so for them."""
    if len(re.findall(r"[aeiouy]+", lemma)) != 1 or len(lemma) < 3:
        return False
    a, b, c = lemma[-3], lemma[-2], lemma[-1]
    return a not in _VOWELS and b in _VOWELS and c not in _VOWELS and c not in "wxy"


def _stem(lemma: str, double: bool) -> str:
    """The lemma as it stands before -ed/-ing, its final consonant doubled when it doubles."""
    return lemma + lemma[-1] if double or doubles_final(lemma) else lemma


def past_regular(lemma: str, double: bool = False) -> str:
    """ "killed", "died", "verified", "destroyed", "kidnapped" (double=True)."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        return lemma[:-1] + "ied"
    return _stem(lemma, double) + "ed"


def present_participle(lemma: str, double: bool = False) -> str:
    """ "killing", "dying", "seizing", "fleeing", "overrunning" (double=True)."""
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    return _stem(lemma, double) + "ing"


def inflect(lemma: str, past: tuple[str, ...] = (), double: bool = False, ize: bool = False) -> Inflections:
    """Every form of a verb: `past` replaces the regular -ed form of an irregular verb
    (slay: slew, slain); `ize` adds the forms of the -ize spelling of an -ise verb."""
    if ize:
        if not lemma.endswith("ise") or past:
            raise ValueError(f"{lemma!r}: an -ize spelling is for a regular verb ending in -ise")
        forms = (inflect(lemma), inflect(lemma[:-3] + "ize"))
        return Inflections(*(tuple(w for f in forms for w in getattr(f, slot)) for slot in _SLOTS))
    return Inflections(
        base=(lemma,),
        third=(third_person(lemma),),
        past=past or (past_regular(lemma, double),),
        ing=(present_participle(lemma, double),),
    )


_SLOTS = ("base", "third", "past", "ing")
