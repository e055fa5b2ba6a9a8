"""The word-list files under pipeline/extract/data load, every row is well-formed, verbs
inflect as English does, and the lists read from lemmas hold every word the literal lists
of lexicon.py held before they became data (extractor 0.5.0)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.extract import lexicon as lx
from pipeline.extract.inflect import doubles_final, inflect
from schemas.vocabularies import COUNTED_KINDS, EVENT_TYPES


# ----- frozen reference: the literal lists of lexicon.py at extractor 0.5.0 ----------------
def _words(text: str) -> set[str]:
    return set(text.split())


FROZEN_HARM = {
    "kill": "killed kill kills killing slain slew slaughtered massacred murdered executed beheaded "
    "neutralised neutralized neutralising neutralizing eliminated eliminating martyred martyring "
    "martyr died die dies dying dead perished assassinated lynched",
    "injure": "wounded wounding wound wounds injured injuring injure injures hurt maimed hospitalised "
    "hospitalized",
    "detain": "arrested arresting arrest arrests detained detaining detain apprehended "
    "apprehending surrendered rounded",
    "abduct": "abducted abducting abduct kidnapped kidnapping kidnap kidnaps",
    "missing": "missing",
    "displace": "displaced displacing displace fled flee fleeing evacuated evacuating deported "
    "deporting uprooted expelled",
    "destroy": "destroyed destroying destroy razed demolished torched flattened obliterated",
    "capture": "captured capturing capture seized seizing seize overran overrun",
}
FROZEN_REPORTING_VERBS = _words(
    """
    said says say told tells tell claimed claims claim added add adds announced announces
    reported reports confirmed confirms stated states wrote writes posted tweeted insisted
    insists noted notes estimated estimates quoted cited acknowledged admitted disclosed
    revealed declared maintained asserted explained alleged alleges allege documented recorded
    verified
    """
)
FROZEN_REPORTING_PARTICIPLES = _words(
    """
    adding saying claiming confirming noting stating citing insisting announcing reporting
    explaining
    """
)
# Forms a lemma generates that are first of all nouns or adjectives in news, absent from the
# lists before: they stay out (the `exclude` column, or no `participle` for -ing forms).
LEFT_OUT_HARM = {
    "massacre", "massacres", "murder", "murders", "slaughter", "slaughters", "martyrs",
    "surrender", "surrenders", "round", "rounds", "rounding", "torch", "torches",
}  # fmt: skip
LEFT_OUT_REPORTING = {
    "post", "posts", "tweet", "tweets", "note", "estimate", "quote", "quotes", "document",
    "documents", "record", "records", "report", "state", "written",
}  # fmt: skip
LEFT_OUT_PARTICIPLES = {"telling", "writing", "posting", "recording", "estimating", "declaring"}

DATA = lx.DATA
HEADERS = {
    "harm_verbs.csv": ("lemma", "action", "past", "double", "ize", "exclude", "note"),
    "harm_adjectives.csv": ("word", "action", "note"),
    "harm_nouns.csv": ("word", "action", "note"),
    "harm_of_nouns.csv": ("word", "action", "note"),
    "phrasal_harms.csv": ("verb", "particle", "action", "undergone", "note"),
    "reporting_verbs.csv": ("lemma", "past", "double", "ize", "participle", "exclude", "note"),
    "counted_heads.csv": ("word", "kind", "note"),
    "kind_modifiers.csv": ("word", "kind", "note"),
    "kind_words.csv": ("list", "word", "note"),
    "figure_words.csv": ("list", "word", "note"),
    "speaker_words.csv": ("list", "word", "note"),
    "place_words.csv": ("list", "word", "note"),
    "episode_words.csv": ("list", "word", "note"),
    "phrases.csv": ("list", "phrase", "note"),
    "event_words.csv": ("event_type", "phrase", "note"),
}


def _rows(name: str) -> list[dict[str, str]]:
    return [row for _, row in lx.read_rows(DATA / name, HEADERS[name])]


# ----- the files ----------------------------------------------------------------------------
def test_every_data_file_is_known_and_described():
    assert {p.name for p in DATA.glob("*.csv")} == set(HEADERS)
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for name in HEADERS:
        assert f"`{name}`" in sources, name
        _rows(name)  # parses with its header


def test_files_are_plain_utf8_csv_with_unix_lines():
    for name in HEADERS:
        raw = (DATA / name).read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw and raw.endswith(b"\n") and not raw.endswith(b"\n\n"), name


def test_vocabularies_match_the_schema():
    assert set(COUNTED_KINDS) == lx.KINDS
    assert set(EVENT_TYPES) == lx.EVENT_TYPES
    assert set(lx.HARM.values()) | set(lx.HARM_NOUNS.values()) <= lx.ACTIONS
    assert set(lx.COUNTED_HEADS.values()) | set(lx.KIND_MODIFIERS.values()) <= lx.KINDS


def _grouped_and_sorted(rows: list[dict[str, str]], group: str, key: str, group_order: list[str]) -> None:
    seen = [row[group] for row in rows]
    runs = [g for i, g in enumerate(seen) if i == 0 or seen[i - 1] != g]
    assert runs == sorted(set(runs), key=group_order.index), f"{group} rows are not together in order"
    for g in runs:
        keys = [row[key] for row in rows if row[group] == g]
        assert keys == sorted(keys), f"{g}: not sorted"
        assert len(keys) == len(set(keys)), f"{g}: duplicates"


ACTION_ORDER = ["kill", "injure", "detain", "abduct", "missing", "displace", "destroy", "capture"]
KIND_ORDER = ["civilians", "military", "police", "armed_group", "mixed", "unknown", "objects"]


def test_tables_are_grouped_by_value_and_sorted():
    _grouped_and_sorted(_rows("harm_verbs.csv"), "action", "lemma", ACTION_ORDER)
    _grouped_and_sorted(_rows("harm_adjectives.csv"), "action", "word", ACTION_ORDER)
    _grouped_and_sorted(_rows("harm_nouns.csv"), "action", "word", ACTION_ORDER)
    _grouped_and_sorted(_rows("counted_heads.csv"), "kind", "word", KIND_ORDER)
    _grouped_and_sorted(_rows("kind_modifiers.csv"), "kind", "word", KIND_ORDER)
    lemmas = [row["lemma"] for row in _rows("reporting_verbs.csv")]
    assert lemmas == sorted(set(lemmas))
    for name in (
        "kind_words.csv",
        "figure_words.csv",
        "speaker_words.csv",
        "place_words.csv",
        "episode_words.csv",
    ):
        rows = _rows(name)
        order = list(dict.fromkeys(row["list"] for row in rows))
        _grouped_and_sorted(rows, "list", "word", order)


def test_words_are_lowercase_and_single():
    for name in HEADERS:
        for row in _rows(name):
            word = row.get("word") or row.get("lemma") or row.get("verb") or row["phrase"]
            assert word == word.lower() and word.strip() and word.lstrip() == word, (name, word)
            if "phrase" not in row:
                assert " " not in word, (name, word)
            if "particle" in row:
                assert row["particle"] == row["particle"].lower() and " " not in row["particle"], (name, row)
            for column in ("past", "exclude"):
                for w in filter(None, row.get(column, "").split(";")):
                    assert w == w.lower().strip() and " " not in w, (name, w)


def test_notes_use_no_double_quotes():
    """House style (pipeline/knowledge/data/SOURCES.md): double quotes only around a field
    with a comma, so notes quote words with single quotes."""
    for name in HEADERS:
        for row in _rows(name):
            assert '"' not in row["note"], (name, row)


def test_a_word_maps_to_one_value_across_the_harm_files():
    nouns = set(lx.HARM_NOUNS)
    verbs_and_adjectives = set(lx.HARM)
    # "arrests" is both a verb form and a harm noun, as it always was; the two agree.
    for word in nouns & verbs_and_adjectives:
        assert lx.HARM_NOUNS[word] == lx.HARM[word], word


# ----- inflections --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lemma", "kwargs", "forms"),
    [
        ("kill", {}, ("kill", "kills", "killed", "killing")),
        ("destroy", {}, ("destroy", "destroys", "destroyed", "destroying")),
        ("verify", {}, ("verify", "verifies", "verified", "verifying")),
        ("lynch", {}, ("lynch", "lynches", "lynched", "lynching")),
        ("seize", {}, ("seize", "seizes", "seized", "seizing")),
        ("die", {}, ("die", "dies", "died", "dying")),
        ("stop", {}, ("stop", "stops", "stopped", "stopping")),
        ("tweet", {}, ("tweet", "tweets", "tweeted", "tweeting")),
        ("kidnap", {"double": True}, ("kidnap", "kidnaps", "kidnapped", "kidnapping")),
        ("flee", {"past": ("fled",)}, ("flee", "flees", "fled", "fleeing")),
        ("hurt", {"past": ("hurt",)}, ("hurt", "hurts", "hurting")),
        ("slay", {"past": ("slew", "slain")}, ("slay", "slays", "slew", "slain", "slaying")),
        (
            "overrun",
            {"past": ("overran", "overrun"), "double": True},
            ("overrun", "overruns", "overran", "overrunning"),
        ),
        ("say", {"past": ("said",)}, ("say", "says", "said", "saying")),
    ],
)
def test_inflect(lemma: str, kwargs: dict, forms: tuple[str, ...]):
    assert inflect(lemma, **kwargs).all() == forms


def test_inflect_ise_verbs_get_both_spellings():
    f = inflect("neutralise", ize=True)
    assert f.base == ("neutralise", "neutralize")
    assert f.third == ("neutralises", "neutralizes")
    assert f.past == ("neutralised", "neutralized")
    assert f.ing == ("neutralising", "neutralizing")
    with pytest.raises(ValueError, match="-ise"):
        inflect("kill", ize=True)


def test_only_one_syllable_cvc_verbs_double_by_themselves():
    assert doubles_final("stop") and doubles_final("drop")
    assert not any(doubles_final(w) for w in ("kill", "claim", "tweet", "slay", "wound", "kidnap", "admit"))


# ----- superset of the frozen lists ---------------------------------------------------------
def test_harm_holds_every_frozen_word_with_its_action():
    for action, words in FROZEN_HARM.items():
        for word in words.split():
            assert lx.HARM.get(word) == action, word


def test_reporting_lists_hold_every_frozen_word():
    assert FROZEN_REPORTING_VERBS <= lx.REPORTING_VERBS
    assert FROZEN_REPORTING_PARTICIPLES <= lx.REPORTING_PARTICIPLES


def _lemma_forms(name: str) -> dict[str, set[str]]:
    """lemma -> every form inflect gives it before exclusions."""
    out = {}
    for row in _rows(name):
        past = tuple(filter(None, row["past"].split(";")))
        out[row["lemma"]] = set(
            inflect(row["lemma"], past, row["double"] == "yes", row["ize"] == "yes").all()
        )
    return out


def test_new_words_are_inflections_of_listed_lemmas():
    frozen = {w for words in FROZEN_HARM.values() for w in words.split()}
    harm_forms = set().union(*_lemma_forms("harm_verbs.csv").values())
    assert set(lx.HARM) - frozen <= harm_forms
    reporting_forms = set().union(*_lemma_forms("reporting_verbs.csv").values())
    new_verbs = lx.REPORTING_VERBS - FROZEN_REPORTING_VERBS
    new_participles = lx.REPORTING_PARTICIPLES - FROZEN_REPORTING_PARTICIPLES
    assert new_verbs <= reporting_forms
    assert new_participles <= reporting_forms


def test_nouns_and_adjectives_left_out_stay_out():
    assert not LEFT_OUT_HARM & set(lx.HARM)
    assert not LEFT_OUT_REPORTING & lx.REPORTING_VERBS
    assert not LEFT_OUT_PARTICIPLES & lx.REPORTING_PARTICIPLES


def test_participles_are_no_reporting_verbs():
    assert not lx.REPORTING_VERBS & lx.REPORTING_PARTICIPLES
    assert all(w.endswith("ing") for w in lx.REPORTING_PARTICIPLES)


# ----- malformed rows -----------------------------------------------------------------------
def _write(tmp_path: Path, name: str, rows: list[list[str]]) -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return path


TABLE = ["word", "kind", "note"]


@pytest.mark.parametrize(
    ("rows", "line", "problem"),
    [
        ([TABLE, ["troops", "military", ""], ["rebels", "armed_group"]], 3, "2 fields, expected 3"),
        ([TABLE, ["troops", "military", ""], ["rebels", "rebel", ""]], 3, "unknown kind 'rebel'"),
        ([TABLE, ["Troops", "military", ""]], 2, "'Troops': words are lower case"),
        ([TABLE, ["army troops", "military", ""]], 2, "one word a row"),
        ([TABLE, ["troops", "military", ""], ["troops", "military", ""]], 3, "'troops' is already listed"),
        ([["word", "value", "note"], ["troops", "military", ""]], 1, "expected 'word,kind,note'"),
    ],
)
def test_a_malformed_table_row_names_file_and_line(
    tmp_path: Path, rows: list[list[str]], line: int, problem: str
):
    path = _write(tmp_path, "heads.csv", rows)
    with pytest.raises(lx.LexiconDataError) as e:
        lx.load_table(path, "kind", lx.KINDS)
    assert str(e.value).startswith(f"{path}:{line}: ")
    assert problem in str(e.value)


VERBS = ["lemma", "action", "past", "double", "ize", "exclude", "note"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (["kill", "slay", "", "", "", "", ""], "unknown action 'slay'"),
        (["kill", "kill", "", "no", "", "", ""], "double is 'no'"),
        (["kill", "kill", "", "", "yes", "", ""], "-ise"),
        (["kill", "kill", "", "", "", "kil", ""], "excludes kil: not a form of 'kill'"),
        (["kill", "kill", "Slew", "", "", "", ""], "'Slew': words are lower case"),
    ],
)
def test_a_malformed_verb_row_names_file_and_line(tmp_path: Path, row: list[str], problem: str):
    verbs = _write(tmp_path, "verbs.csv", [VERBS, ["die", "kill", "", "", "", "", ""], row])
    adjectives = _write(tmp_path, "adjectives.csv", [["word", "action", "note"], ["dead", "kill", ""]])
    with pytest.raises(lx.LexiconDataError) as e:
        lx.load_harm(verbs, adjectives)
    assert str(e.value).startswith(f"{verbs}:3: ")
    assert problem in str(e.value)


def test_a_form_of_two_verbs_is_an_error(tmp_path: Path):
    verbs = _write(
        tmp_path,
        "verbs.csv",
        [VERBS, ["die", "kill", "", "", "", "", ""], ["dye", "kill", "died", "", "", "", ""]],
    )
    adjectives = _write(tmp_path, "adjectives.csv", [["word", "action", "note"], ["die", "kill", ""]])
    with pytest.raises(lx.LexiconDataError, match=r"verbs\.csv:3: 'died' is already listed"):
        lx.load_harm(verbs, adjectives)


def test_an_unknown_list_is_an_error(tmp_path: Path):
    path = _write(
        tmp_path,
        "words.csv",
        [["list", "word", "note"], ["PLACE_NOUNS", "town", ""], ["PLACE_NOUN", "city", ""]],
    )
    with pytest.raises(lx.LexiconDataError, match=r"words\.csv:3: unknown list 'PLACE_NOUN'"):
        lx.load_word_lists(path, ("PLACE_NOUNS",))


def test_event_types_must_keep_their_rows_together(tmp_path: Path):
    path = _write(
        tmp_path,
        "events.csv",
        [
            ["event_type", "phrase", "note"],
            ["bombing", "blast", ""],
            ["shelling", "shells", ""],
            ["bombing", "ied", ""],
        ],
    )
    with pytest.raises(lx.LexiconDataError, match=r"events\.csv:4: 'bombing' rows must be together"):
        lx.load_event_words(path)


def test_a_phrase_may_end_in_one_space_only(tmp_path: Path):
    ok = _write(tmp_path, "ok.csv", [["list", "phrase", "note"], ["CUMULATIVE_MARKERS", "since ", ""]])
    assert lx.load_phrase_lists(ok, ("CUMULATIVE_MARKERS",)) == {"CUMULATIVE_MARKERS": ("since ",)}
    bad = _write(tmp_path, "bad.csv", [["list", "phrase", "note"], ["CUMULATIVE_MARKERS", "since  ", ""]])
    with pytest.raises(lx.LexiconDataError, match=r"bad\.csv:2: "):
        lx.load_phrase_lists(bad, ("CUMULATIVE_MARKERS",))
