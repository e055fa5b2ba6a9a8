"""Where a figure's event happened, as worded: "in Kell province", "near Vennick",
"in eastern Marovia", "Dravo province". Gazetteer resolution comes later."""

from __future__ import annotations

import re
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
        "general",
        "easter",  # holidays: "on Easter Sunday" is a day, not a place
        "christmas",
        "ramadan",
        "eid",
    }
)


# How specific a place noun is: 0 a site or village, 1 a town, city or district,
# 2 a province or region, 3 a country (set by the caller, which knows country names).
_SITE_NOUNS = """camp centre center hospital school market mosque church university village
neighbourhood neighborhood suburb town base compound shelter airport prison hotel facility
academy college"""
_TOWN_NOUNS = "district city county locality tehsil municipality area valley capital zone"
_REGION_NOUNS = (
    "province state region oblast governorate prefecture department territory division strip river"
)
_LEVELS = {
    word: level
    for level, words in enumerate((_SITE_NOUNS, _TOWN_NOUNS, _REGION_NOUNS))
    for word in words.split()
}
SITE, TOWN, REGION, COUNTRY = 0, 1, 2, 3
# a site named by its noun alone ("the airport") is where the event was, but any named place
# says more to a reader: it counts as less specific than a province
COMMON_SITE = REGION
_ORGANISATION_NOUNS = set(
    [
        "command",
        "brigade",
        "battalion",
        "division",
        "corps",
        "regiment",
        "army",
        "forces",
        "force",
        "ministry",
        "council",
        "committee",
        "agency",
        "network",
        "observatory",
        "office",
        "commission",
        "authority",
        "front",
        "movement",
        "party",
        "group",
    ]
)
# "in the country's northern Sinai": the report's country, owning a named part of it
_THE_COUNTRYS = {"country's", "country’s", "nation's", "nation’s"}
_PLURAL_INITIALS = re.compile(r"[A-Z]{2,}s(?:['’]s?)?$")
# Sites a report may name by their noun alone ("at the airport"); not "the area", "the town"
_COMMON_SITES = set(
    ["airport", "hospital", "mosque", "church", "market", "prison", "school", "checkpoint", "academy"]
)
# "the Health Services department": an office, not a French-style department
_OFFICE_WORDS = {"health", "services", "police", "defence", "defense", "fire", "justice", "security", "press"}
# Words that make the name after "of" or "from" a place the event was near or in
_RELATIVE_TO = lx.DIRECTIONS | {
    "outskirts",
    "suburbs",
    "heart",
    "centre",
    "center",
    "edge",
    "km",
    "kms",
    "kilometres",
    "kilometers",
    "miles",
}
# "camps of the Kell Front": sites a group owns, so the name after "of" is no place
_OWNED_SITES = {"camp", "base", "compound", "shelter"}
_TITLE_QUALIFIERS = {"deputy", "vice", "acting", "former", "lord", "assistant"}
_INNER_PARTICLES = {"de", "do", "da", "dos", "das", "del", "di", "du", "des", "la"}
_NAME_PARTICLES = ("al-", "el-", "ad-", "as-", "ar-", "an-", "ash-", "ibn-", "bin-")


@dataclass(frozen=True)
class Place:
    start: int  # token span, preposition excluded
    end: int
    text: str
    level: int = TOWN  # SITE .. COUNTRY; a bare name counts as a town
    named: bool = True  # False for a site named by its noun alone ("the airport")


def _level(tokens: list[Token], start: int, end: int) -> int:
    nouns = [_LEVELS[t.low] for t in tokens[start:end] if t.low in _LEVELS]
    return min(nouns) if nouns else TOWN


def find_places(tokens: list[Token], body: str) -> list[Place]:
    """Place phrases of a sentence: a capitalized name after a place preposition (optionally
    with a direction word), after a verb of striking ("rocked Kell") or after "north of",
    "outskirts of", "30 km from"; any capitalized name followed by a place noun or by "Mayor";
    a possessive's place ("Marovia's coastal region"); a site named by its noun alone ("at the
    airport")."""
    out: list[Place] = []
    n = len(tokens)
    i = 0
    while i < n:
        t = tokens[i]
        start = None
        # "three districts of Kell": several places within one, which is the place named
        if (
            t.low.endswith("s")
            and t.low[:-1] in _LEVELS
            and t.low[:-1] not in _OWNED_SITES
            and i + 2 < n
            and tokens[i + 1].low == "of"
            and _name_start(tokens[i + 2])
        ):
            k = i + 2
            while k < n and (_name_start(tokens[k]) or (tokens[k].text == "-" and k + 1 < n)):
                k += 1
            out.append(Place(i + 2, k, body[tokens[i + 2].start : tokens[k - 1].end], TOWN))
            i = k
            continue
        # "the town of Vel-Amar", "the region of Kell", "the village of Tarvel"
        if (
            t.low in _LEVELS
            and not t.is_capitalized
            and i + 2 < n
            and tokens[i + 1].low == "of"
            and tokens[i + 2].is_capitalized
            and tokens[i + 2].is_word
            and without_possessive(tokens[i + 2].low) not in _NOT_PLACES
        ):
            k = i + 2
            while k < n and (
                (tokens[k].is_capitalized and tokens[k].is_word)
                or (tokens[k].text == "-" and k + 1 < n and tokens[k + 1].is_capitalized)
                or (k > i + 2 and tokens[k].low.startswith(_NAME_PARTICLES) and tokens[k].is_word)
            ):
                k += 1
            out.append(Place(i, k, body[tokens[i].start : tokens[k - 1].end], _LEVELS[t.low]))
            i = k
            continue
        # "at the airport", "outside the mosque": a site the report names by its noun alone
        if (
            t.low in lx.PLACE_PREPOSITIONS
            and i + 2 < n
            and tokens[i + 1].low == "the"
            and tokens[i + 2].low in _COMMON_SITES
            and not (i + 3 < n and (tokens[i + 3].is_capitalized or tokens[i + 3].low == "of"))
        ):
            out.append(Place(i + 1, i + 3, body[tokens[i + 1].start : tokens[i + 2].end], COMMON_SITE, False))
            i += 3
            continue
        if (
            t.low in lx.PLACE_PREPOSITIONS
            or t.low in lx.STRUCK_PLACE_VERBS
            or (t.low in ("of", "from") and i > 0 and tokens[i - 1].low in _RELATIVE_TO)
        ) and i + 1 < n:  # "north of Vennick", "on the outskirts of Vennick", "30 km from Vennick"
            j = i + 1
            if tokens[j].low == "the" and j + 1 < n:
                j += 1
                if tokens[j].low in lx.PLACE_ADJECTIVES and j + 1 < n:
                    j += 1  # "in the remote Kell mountains"
            # "in Marovia's southern Kell province": the place is what the possessive owns
            if (
                j + 1 < n
                and (tokens[j].is_capitalized or tokens[j].low in _THE_COUNTRYS)
                and tokens[j].low.endswith(("'s", "’s"))
                and (tokens[j + 1].is_capitalized or tokens[j + 1].low in lx.DIRECTIONS)
            ):
                j += 1
            elif tokens[j].is_capitalized and tokens[j].low.endswith(("'s", "’s")):
                owned = _owned_place(tokens, body, j)
                if owned is not None:  # "in Syria's coastal region": the region is the place
                    out.append(owned)
                    i = owned.end
                    continue
            s = j
            if tokens[j].low in lx.DIRECTIONS and j + 1 < n:
                j += 1
            if _name_start(tokens[j]) and without_possessive(tokens[j].low) not in _NOT_PLACES:
                start = s
                i = j
        elif t.is_capitalized and t.is_word and i > 0 and without_possessive(t.low) not in _NOT_PLACES:
            # "Dravo province" without a preposition: only with a place noun after it
            k = i
            while k < n and (
                (tokens[k].is_capitalized and tokens[k].is_word and tokens[k].low != "mayor")
                or (tokens[k].text == "-" and k > i and k + 1 < n and tokens[k + 1].is_capitalized)
                or (k > i and tokens[k].low.startswith(_NAME_PARTICLES) and tokens[k].is_word)
            ):
                k += 1
            if _place_noun_at(tokens, k):
                start = i
            elif k > i and k < n and tokens[k].low == "mayor" and tokens[k - 1].low not in _TITLE_QUALIFIERS:
                # "Vennick Mayor Ann Roe": the town the mayor governs
                out.append(Place(i, k, body[tokens[i].start : tokens[k - 1].end], TOWN))
                i = k + 1
                continue
        if start is None:
            i += 1
            continue
        k = i
        while k < n and (
            (tokens[k].is_capitalized and tokens[k].is_word)
            or (tokens[k].text == "-" and k + 1 < n and tokens[k + 1].is_capitalized)
            or (tokens[k].low.startswith(_NAME_PARTICLES) and tokens[k].is_word)
            or _inner_particle(tokens, start, k)
        ):
            k += 1
        if k < n and tokens[k].low in lx.PLACE_NOUNS:
            if k + 2 < n and tokens[k + 1].low == "of" and tokens[k + 2].is_capitalized:
                i = k  # "the eastern Marovian city of Vennick": the name follows
                continue
            k += 1
        elif k + 1 < n and tokens[k + 1].low in lx.PLACE_NOUNS and _LEVELS.get(tokens[k + 1].low) == SITE:
            k += 2  # "Pellin displacement camp", "Esker refugee camp"
        if k > start and (
            tokens[k - 1].low in _ORGANISATION_NOUNS
            or (tokens[k - 1].low == "department" and any(t.low in _OFFICE_WORDS for t in tokens[start:k]))
        ):
            i = max(k, i + 1)  # "Marovia's Western Command", "the Unity Committee": bodies, not places
            continue
        if k > start and not (k - start == 1 and tokens[start].low in lx.DIRECTIONS):
            level = _level(tokens, start, k)
            if k + 2 < n and tokens[k].text == "," and tokens[k + 1].low in ("a", "the"):
                level = min(level, _LEVELS.get(tokens[k + 2].low, level))  # "Tarvel, a village in ..."
            out.append(Place(start, k, body[tokens[start].start : tokens[k - 1].end], level))
            k = _list_members(tokens, body, k, out)
        i = max(k, i + 1)
    return out


def _list_members(tokens: list[Token], body: str, k: int, out: list[Place]) -> int:
    """The other names of a list a place phrase opens: "in Kell, Dorn, and Varda" names three."""
    n = len(tokens)
    while k + 1 < n and tokens[k].low in (",", "and", "or"):
        j = k + 1
        if tokens[j].low in ("and", "or") and j + 1 < n:
            j += 1
        if (
            not (tokens[j].is_capitalized and tokens[j].is_word)
            or without_possessive(tokens[j].low) in _NOT_PLACES
        ):
            break
        e = j
        while e < n and (
            (tokens[e].is_capitalized and tokens[e].is_word) or tokens[e].low.startswith(_NAME_PARTICLES)
        ):
            e += 1
        if e < n and tokens[e].low in lx.PLACE_NOUNS:
            e += 1
        if tokens[e - 1].low in _ORGANISATION_NOUNS:
            break
        out.append(Place(j, e, body[tokens[j].start : tokens[e - 1].end], _level(tokens, j, e)))
        k = e
    return k


def _owned_place(tokens: list[Token], body: str, j: int) -> Place | None:
    """The place a possessive name owns within two lowercase words: "Syria's coastal
    region", "Iran's border province"."""
    for k in range(j + 1, min(j + 4, len(tokens))):
        tok = tokens[k]
        if not tok.is_word or tok.is_capitalized:
            return None
        if tok.low == "capital":
            return None  # "Marovia's capital" is a city the phrase does not name
        if tok.low in lx.PLACE_NOUNS or tok.low in _LEVELS:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and (nxt.low in lx.PLACE_NOUNS or nxt.low in _LEVELS):
                continue  # "border province"
            if nxt is not None and nxt.low == "of":
                return None  # "Iran's border province of Sistan": the name follows
            return Place(j, k + 1, body[tokens[j].start : tok.end], _LEVELS.get(tok.low, TOWN))
    return None


def _inner_particle(tokens: list[Token], start: int, k: int) -> bool:
    """A lowercase particle inside a name: "Rio de Janeiro", "Complexo do Alemao"."""
    return (
        start < k
        and k + 1 < len(tokens)
        and tokens[k].low in _INNER_PARTICLES
        and tokens[k - 1].is_capitalized
        and tokens[k + 1].is_capitalized
        and tokens[k + 1].is_word
    )


def _name_start(tok: Token) -> bool:
    """A word that can start a place name: capitalized, or "el-Vell", "al-Dara"; not a
    plural of initials ("IDPs' camps", "NGOs")."""
    if not tok.is_word or _PLURAL_INITIALS.match(tok.text):
        return False
    if tok.is_capitalized:
        return True
    return tok.low.startswith(_NAME_PARTICLES) and tok.text.split("-", 1)[-1][:1].isupper()


def _place_noun_at(tokens: list[Token], k: int) -> bool:
    """A place noun at k, or after one modifier for sites ("Pellin displacement camp")."""
    n = len(tokens)
    if k < n and tokens[k].low in lx.PLACE_NOUNS:
        return True
    return k + 1 < n and tokens[k + 1].low in lx.PLACE_NOUNS and _LEVELS.get(tokens[k + 1].low) == SITE


def without_possessive(word: str) -> str:
    """A word without its possessive: "sunday's" -> "sunday"."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def most_specific(places: list[Place]) -> Place | None:
    """The most specific of some places, the first named on a tie."""
    return min(places, key=lambda p: p.level) if places else None


def place_for(
    places: list[Place], fig_start: int, fig_end: int, next_fig_start: int | None, coordinated: bool = False
) -> Place | None:
    """The place of a figure: one its own quote names ("50 in Kell"), else one named
    after it within its own clause (up to the next figure), else the most specific one before
    it in the sentence, else one after the figures it is coordinated with ("4 killed and 23
    wounded in Dunmarrow")."""
    inside = [p for p in places if fig_start <= p.start and p.end <= fig_end]
    if inside:
        return inside[-1]  # a part of a total by place: "50 in Kell"
    limit = next_fig_start if next_fig_start is not None else 10**9
    after = [p for p in places if fig_end <= p.start < limit]
    if after:
        return after[0]
    before = [p for p in places if p.end <= fig_start]
    if before:
        return min(reversed(before), key=lambda p: p.level)
    later = [p for p in places if p.start >= fig_end] if coordinated else []
    return later[0] if later else None
