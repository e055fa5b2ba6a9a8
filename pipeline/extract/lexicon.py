"""Words of English news that the rules read. Language, not world facts: the actors,
countries and places live in the knowledge data files.

The words themselves are data under version control, in ``pipeline/extract/data`` (its
SOURCES.md says what each file holds and where it comes from). This module reads them once
at import, checks every row, and gives the rules the same names as ever. Verbs are listed
as lemmas: their forms come from ``inflect``, irregular pasts and left-out forms from the
files."""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.extract.inflect import Inflections, inflect

DATA = Path(__file__).parent / "data"


class LexiconDataError(ValueError):
    """A malformed word-list file; the message names the file and line."""


# ----- the mapping of actions to categories: code, not vocabulary -------------------------
# It ties the rules' closed set of actions (figures.py adds "lose") to the schema's
# categories; a word list cannot add an action without a rule reading it.
# Action x kind of what is counted -> category (None: not a figure).
_PEOPLE = {
    "kill": "killed",
    "injure": "injured",
    "detain": "detained",
    "abduct": "abducted",
    "missing": "missing",
    "displace": "displaced",
    "destroy": "killed",
    "capture": "detained",
}
# "losses" of objects are destroyed; of people they mix dead and wounded (no category).
# Objects "eliminated" or "lost" are destroyed.
_OBJECTS = {"destroy": "destroyed", "capture": "captured", "lose": "destroyed", "kill": "destroyed"}


def category_for(action: str, counted_kind: str | None) -> str | None:
    if counted_kind == "objects":
        return _OBJECTS.get(action)
    return _PEOPLE.get(action)


# The values the files may map a word to. Kinds and event types are the schema's
# (schemas.vocabularies; the tests hold them equal: importing it here would load pandera).
ACTIONS = frozenset(_PEOPLE)
KINDS = frozenset({"civilians", "military", "police", "armed_group", "mixed", "unknown", "objects"})
EVENT_TYPES = frozenset(
    {
        "air_strike",
        "shelling",
        "armed_clash",
        "attack_on_civilians",
        "bombing",
        "arrests",
        "abduction",
        "displacement",
        "other_violence",
    }
)


# ----- reading and checking the files ------------------------------------------------------
def _fail(path: Path, line: int, problem: str) -> LexiconDataError:
    return LexiconDataError(f"{path}:{line}: {problem}")


def read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each row of a UTF-8 CSV file whose header is `columns`."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = tuple(next(reader, ()))
        if header != columns:
            raise _fail(path, 1, f"header {','.join(header)!r}, expected {','.join(columns)!r}")
        rows = []
        for fields in reader:
            if len(fields) != len(columns):
                raise _fail(path, reader.line_num, f"{len(fields)} fields, expected {len(columns)}")
            rows.append((reader.line_num, dict(zip(columns, fields, strict=True))))
    return rows


def _word(path: Path, line: int, word: str, phrase: bool = False) -> str:
    """A lower-case word, or when `phrase` words, checked. A phrase may end in one space,
    which the rules match: "since " begins "since June", not "since," or "sincere"."""
    body = word[:-1] if phrase and word.endswith(" ") else word
    if not body or body != body.lower() or body != body.strip() or "  " in body:
        raise _fail(path, line, f"{word!r}: words are lower case, with no spaces around or doubled")
    if not phrase and " " in body:
        raise _fail(path, line, f"{word!r} has a space: one word a row")
    return word


def _one_of(path: Path, line: int, value: str, allowed: frozenset[str], what: str) -> str:
    if value not in allowed:
        raise _fail(path, line, f"unknown {what} {value!r} (one of {', '.join(sorted(allowed))})")
    return value


def _flag(path: Path, line: int, value: str, column: str) -> bool:
    if value not in ("", "yes"):
        raise _fail(path, line, f"{column} is {value!r}: 'yes' or empty")
    return value == "yes"


def _split(path: Path, line: int, value: str) -> tuple[str, ...]:
    return tuple(_word(path, line, w) for w in value.split(";")) if value else ()


def _add(table: dict[str, str], word: str, value: str, path: Path, line: int) -> None:
    if word in table:
        raise _fail(path, line, f"{word!r} is already listed")
    table[word] = value


def load_table(path: Path, column: str, allowed: frozenset[str]) -> dict[str, str]:
    """word -> value, from a file with the columns word, `column`, note."""
    table: dict[str, str] = {}
    for line, row in read_rows(path, ("word", column, "note")):
        word = _word(path, line, row["word"])
        _add(table, word, _one_of(path, line, row[column], allowed, column), path, line)
    return table


def load_word_lists(path: Path, names: tuple[str, ...]) -> dict[str, set[str]]:
    """list name -> its words, from a file with the columns list, word, note."""
    lists: dict[str, set[str]] = {name: set() for name in names}
    for line, row in read_rows(path, ("list", "word", "note")):
        words = lists.get(row["list"])
        if words is None:
            raise _fail(path, line, f"unknown list {row['list']!r} (one of {', '.join(names)})")
        word = _word(path, line, row["word"])
        if word in words:
            raise _fail(path, line, f"{word!r} is listed twice in {row['list']}")
        words.add(word)
    return lists


def load_phrase_lists(path: Path, names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """list name -> its phrases in file order (the rules build alternations from them, so
    the order is the order they are tried in), from a file with the columns list, phrase, note."""
    lists: dict[str, list[str]] = {name: [] for name in names}
    for line, row in read_rows(path, ("list", "phrase", "note")):
        phrases = lists.get(row["list"])
        if phrases is None:
            raise _fail(path, line, f"unknown list {row['list']!r} (one of {', '.join(names)})")
        phrase = _word(path, line, row["phrase"], phrase=True)
        if phrase in phrases:
            raise _fail(path, line, f"{phrase!r} is listed twice in {row['list']}")
        phrases.append(phrase)
    return {name: tuple(phrases) for name, phrases in lists.items()}


def load_event_words(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(event type, its words) in file order, which is the order of strength: the first
    event type whose words a sentence has wins. Columns: event_type, phrase, note."""
    groups: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for line, row in read_rows(path, ("event_type", "phrase", "note")):
        etype = _one_of(path, line, row["event_type"], EVENT_TYPES, "event type")
        phrase = _word(path, line, row["phrase"], phrase=True)
        if phrase in seen:
            raise _fail(path, line, f"{phrase!r} is listed twice")
        seen.add(phrase)
        if not groups or groups[-1][0] != etype:
            if any(etype == g for g, _ in groups):
                raise _fail(path, line, f"{etype!r} rows must be together: their place is their rank")
            groups.append((etype, []))
        groups[-1][1].append(phrase)
    return [(etype, tuple(words)) for etype, words in groups]


def verb_forms(path: Path, line: int, row: dict[str, str]) -> Inflections:
    """The forms of a verb row (lemma, past, double, ize, exclude), without the excluded ones."""
    lemma = _word(path, line, row["lemma"])
    past = _split(path, line, row["past"])
    double = _flag(path, line, row["double"], "double")
    ize = _flag(path, line, row["ize"], "ize")
    try:
        forms = inflect(lemma, past=past, double=double, ize=ize)
    except ValueError as e:
        raise _fail(path, line, str(e)) from e
    excluded = set(_split(path, line, row["exclude"]))
    stray = excluded - set(forms.all())
    if stray:
        raise _fail(path, line, f"excludes {', '.join(sorted(stray))}: not a form of {lemma!r}")
    slots = (forms.base, forms.third, forms.past, forms.ing)
    return Inflections(*(tuple(w for w in slot if w not in excluded) for slot in slots))


def load_harm(verbs: Path, adjectives: Path) -> dict[str, str]:
    """Harm word -> action: every form of each harm verb, and the harm adjectives."""
    harm: dict[str, str] = {}
    for line, row in read_rows(verbs, ("lemma", "action", "past", "double", "ize", "exclude", "note")):
        action = _one_of(verbs, line, row["action"], ACTIONS, "action")
        for form in verb_forms(verbs, line, row).all():
            _add(harm, form, action, verbs, line)
    for line, row in read_rows(adjectives, ("word", "action", "note")):
        word = _word(adjectives, line, row["word"])
        _add(harm, word, _one_of(adjectives, line, row["action"], ACTIONS, "action"), adjectives, line)
    return harm


def load_reporting(path: Path) -> tuple[set[str], set[str]]:
    """(reporting verbs, reporting participles): the -ing form of a verb marked `participle`
    continues the subject before it ("..., adding that"); other verbs' -ing forms are not read."""
    verbs: dict[str, str] = {}
    participles: dict[str, str] = {}
    for line, row in read_rows(path, ("lemma", "past", "double", "ize", "participle", "exclude", "note")):
        forms = verb_forms(path, line, row)
        for form in dict.fromkeys(forms.base + forms.third + forms.past):
            _add(verbs, form, row["lemma"], path, line)
        if _flag(path, line, row["participle"], "participle"):
            for form in forms.ing:
                _add(participles, form, row["lemma"], path, line)
    return set(verbs), set(participles)


# ----- the words ----------------------------------------------------------------------------
# Harm words -> the action they name. The category then depends on what is counted
# (see ``category_for``): "destroyed 240 troops" is killed, "captured 9 posts" is captured.
HARM: dict[str, str] = load_harm(DATA / "harm_verbs.csv", DATA / "harm_adjectives.csv")
# Nouns that name a harm after a number: "13 deaths", "20 casualties" (not a category).
HARM_NOUNS: dict[str, str] = load_table(DATA / "harm_nouns.csv", "action", ACTIONS)
# Nouns of harm that take "of" before what they count: "the deaths of 16 miners".
HARM_OF_NOUNS: dict[str, str] = load_table(DATA / "harm_of_nouns.csv", "action", ACTIONS)


def load_phrasal_harms(path: Path) -> tuple[dict[tuple[str, str], str], set[str]]:
    """(verb lemma, particle or object lemma) -> action, and the verbs whose subject undergoes
    the harm ("lost their lives"), from a file with the columns verb, particle, action,
    undergone, note."""
    table: dict[tuple[str, str], str] = {}
    undergone: set[str] = set()
    for line, row in read_rows(path, ("verb", "particle", "action", "undergone", "note")):
        key = (_word(path, line, row["verb"]), _word(path, line, row["particle"]))
        if key in table:
            raise _fail(path, line, f"{' '.join(key)!r} is already listed")
        table[key] = _one_of(path, line, row["action"], ACTIONS, "action")
        if _flag(path, line, row["undergone"], "undergone"):
            undergone.add(key[0])
    return table, undergone


# Phrasal harms the parse links: "gunned down", "took 40 passengers hostage", "lost their lives".
PHRASAL_HARMS: dict[tuple[str, str], str]
UNDERGONE_PHRASAL: set[str]
PHRASAL_HARMS, UNDERGONE_PHRASAL = load_phrasal_harms(DATA / "phrasal_harms.csv")

# Head nouns of what is counted -> counted_kind.
COUNTED_HEADS: dict[str, str] = load_table(DATA / "counted_heads.csv", "kind", KINDS)
# Modifiers that set or sharpen the kind: "police officers", "army officers", "security personnel".
KIND_MODIFIERS: dict[str, str] = load_table(DATA / "kind_modifiers.csv", "kind", KINDS)

_KIND = load_word_lists(DATA / "kind_words.csv", ("GENERIC_HEADS", "WAR_WORDS", "ARMY_WORDS", "POLICE_WORDS"))
# Heads whose kind comes only from a modifier ("police officers", "army personnel").
GENERIC_HEADS: set[str] = _KIND["GENERIC_HEADS"]
# Words of a sentence that speak of a war, an army, a police force (kinds.settle_kind).
WAR_WORDS: set[str] = _KIND["WAR_WORDS"]
ARMY_WORDS: set[str] = _KIND["ARMY_WORDS"]
POLICE_WORDS: set[str] = _KIND["POLICE_WORDS"]

_FIGURE = load_word_lists(
    DATA / "figure_words.csv", ("NOT_COUNTED", "AUXILIARIES", "HEDGES", "MODALS", "UNDERGONE")
)
# Participles that hedge a counted noun rather than report it: "five alleged members".
HEDGES: set[str] = _FIGURE["HEDGES"]
# Modal verbs before a harm: what may happen, not what happened.
MODALS: set[str] = _FIGURE["MODALS"]
# Verb lemmas whose harm befalls their subject: "died", "fled".
UNDERGONE: set[str] = _FIGURE["UNDERGONE"]
# What a number may count that is never a figure.
NOT_COUNTED: set[str] = _FIGURE["NOT_COUNTED"]
# Words between a counted noun and its harm participle: "were reportedly killed".
AUXILIARIES: set[str] = _FIGURE["AUXILIARIES"]

# Verbs that report a claim. Participles ("adding", "saying") continue the previous subject.
REPORTING_VERBS: set[str]
REPORTING_PARTICIPLES: set[str]
REPORTING_VERBS, REPORTING_PARTICIPLES = load_reporting(DATA / "reporting_verbs.csv")

_SPEAKER = load_word_lists(
    DATA / "speaker_words.csv",
    ("SUBJECT_STOPS", "PRONOUNS", "OBJECT_PRONOUNS", "ROLE_NOUNS", "WITNESS_VERBS", "DEEDS"),
)
# What a group claims when it claims a deed: "claimed responsibility", "claimed the attack".
DEEDS: set[str] = _SPEAKER["DEEDS"]
# Words that end a subject noun phrase when walking left from a reporting verb.
SUBJECT_STOPS: set[str] = _SPEAKER["SUBJECT_STOPS"]
PRONOUNS: set[str] = _SPEAKER["PRONOUNS"]
# "according to him", "told them": the last speaker, as "he said" is.
OBJECT_PRONOUNS: set[str] = _SPEAKER["OBJECT_PRONOUNS"]
# Nouns of office that introduce a person speaking for an actor: "army spokesman Tomas Venn".
ROLE_NOUNS: set[str] = _SPEAKER["ROLE_NOUNS"]
# Verbs of finding or counting the harmed: their subject is the figure's source ("authorities
# recovered the bodies of 12 people", "reporters saw villagers carrying 6 bodies").
WITNESS_VERBS: set[str] = _SPEAKER["WITNESS_VERBS"]

_PLACE = load_word_lists(
    DATA / "place_words.csv",
    (
        "PLACE_PREPOSITIONS",
        "PLACE_NOUNS",
        "PLACE_ADJECTIVES",
        "REGION_ADJECTIVES",
        "DIRECTIONS",
        "STRUCK_PLACE_VERBS",
        "SEAT_PARTICIPLES",
        "CARRIED_TO",
    ),
)
# Prepositions that introduce where an event happened.
PLACE_PREPOSITIONS: set[str] = _PLACE["PLACE_PREPOSITIONS"]
# Nouns of places: "the Kell district", "a market in Vennick".
PLACE_NOUNS: set[str] = _PLACE["PLACE_NOUNS"]
# Adjectives news puts between "in the" and a place's name: "in the remote Kell mountains".
PLACE_ADJECTIVES: set[str] = _PLACE["PLACE_ADJECTIVES"]
# Adjectives of continents and world regions: "north African", "the Arab world" name no place.
REGION_ADJECTIVES: set[str] = _PLACE["REGION_ADJECTIVES"]
DIRECTIONS: set[str] = _PLACE["DIRECTIONS"]
# Verbs whose object is where violence struck: "explosions rocked Kabul", "shells hit Vennick".
STRUCK_PLACE_VERBS: set[str] = _PLACE["STRUCK_PLACE_VERBS"]
# "X based in Y": the participles that give where a speaker sits, not where an event was.
SEAT_PARTICIPLES: set[str] = _PLACE["SEAT_PARTICIPLES"]
# "taken to Z hospital": the verbs that carry the wounded somewhere else than the event.
CARRIED_TO: set[str] = _PLACE["CARRIED_TO"]

_PHRASES = load_phrase_lists(
    DATA / "phrases.csv",
    ("CUMULATIVE_MARKERS", "UNIT_SUFFIXES", "EPISODE_BREAKS", "DAY_AFTER", "DAY_BEFORE", "SEVERAL_DAYS"),
)
# Words that mark a running total rather than one event's figure.
CUMULATIVE_MARKERS: tuple[str, ...] = _PHRASES["CUMULATIVE_MARKERS"]
# A number glued to a unit ("10-km") is a measure, not a count.
UNIT_SUFFIXES: tuple[str, ...] = _PHRASES["UNIT_SUFFIXES"]

# Words that say what kind of event a figure belongs to (schemas.vocabularies.EVENT_TYPES),
# strongest evidence first: a suicide bombing that follows clashes is a bombing.
EVENT_WORDS: list[tuple[str, tuple[str, ...]]] = load_event_words(DATA / "event_words.csv")

# ----- episodes: how a report moves from its event to another one -------------------------
# Sentence openings and phrases that say the text now speaks of another episode: "Elsewhere,
# ...", "In a separate attack", "Earlier this week", "A day later, another militia ...".
EPISODE_BREAKS: tuple[str, ...] = _PHRASES["EPISODE_BREAKS"]
# Relative days that move the episode by a day: "a day later", "the next day".
DAY_AFTER: tuple[str, ...] = _PHRASES["DAY_AFTER"]
DAY_BEFORE: tuple[str, ...] = _PHRASES["DAY_BEFORE"]
# Words that make an episode last several days: "two days of clashes", "entered its second day".
SEVERAL_DAYS: tuple[str, ...] = _PHRASES["SEVERAL_DAYS"]

_EPISODE = load_word_lists(
    DATA / "episode_words.csv", ("EPISODE_NOUNS", "RECOVERY_VERBS", "SPAN_START_VERBS", "DAY_COUNTS")
)
# Event nouns that "another" or "a separate" can introduce: "another attack".
EPISODE_NOUNS: set[str] = _EPISODE["EPISODE_NOUNS"]
# Verbs of finding the dead after the event: "the bodies were recovered on Wednesday".
RECOVERY_VERBS: set[str] = _EPISODE["RECOVERY_VERBS"]
# Verbs that date the start of a span, not the event: "fighting that began on Thursday".
SPAN_START_VERBS: set[str] = _EPISODE["SPAN_START_VERBS"]
# ... and "two days of clashes", "a three-day battle": a count of days of the fighting itself.
DAY_COUNTS: set[str] = _EPISODE["DAY_COUNTS"]
