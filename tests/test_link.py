"""The dependency-parse linker, on sentences written for the test: what it links that the word
rules cannot, and what it must leave alone."""

from __future__ import annotations

import pytest

from pipeline.extract.link import link_numbers
from pipeline.extract.parse import parse
from tests.engine_helpers import figs


def links(sentence: str) -> list[tuple[str, str | None, str]]:
    """(number, counted noun, action) for every number word of the sentence."""
    words = parse(sentence, 0, len(sentence))
    numbers = {i for i, w in enumerate(words) if w.tag == "CD" or w.low in ("dozens", "hundreds")}
    found = link_numbers(words, numbers)
    return [
        (words[k].low, words[link.noun].low if link.noun is not None else None, link.action)
        for k, link in sorted(found.items())
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a relative clause between the noun and its verb
        ("The 4 nurses who ran the clinic were killed in the raid.", [("4", "nurses", "kill")]),
        # phrasal harms
        ("Two guards were gunned down at the gate.", [("two", "guards", "kill")]),
        ("At least 12 miners lost their lives in the blast.", [("12", "miners", "kill")]),
        ("Four deckhands sustained wounds when the ferry was shelled.", [("four", "deckhands", "injure")]),
        ("The gang took 40 passengers hostage on the highway.", [("40", "passengers", "abduct")]),
        # an object of an active harm, a harm noun with "of"
        ("Soldiers detain 33 fishermen near the coast.", [("33", "fishermen", "detain")]),
        ("They reported the detention of 9 teachers in the town.", [("9", "teachers", "detain")]),
        ("Dozens of families have been displaced from the valley.", [("dozens", "families", "displace")]),
    ],
)
def test_links_what_the_word_rules_miss(sentence, expected):
    assert links(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Two explosions killed the commander of the base.",  # the doer of an active harm
        "Gunmen killed and wounded 30 people at the market.",  # two harms, one number: no category
        "The 3 envoys met in the capital to discuss the talks.",  # no harm
    ],
)
def test_leaves_doers_joined_harms_and_harmless_numbers(sentence):
    assert links(sentence) == []


def test_parse_linked_figures_in_the_engine():
    text = (
        "Two guards were gunned down at the gate and four others sustained wounds, police said. "
        "Gunmen set 3 houses ablaze."
    )
    got = [(f.category, f.value_low, f.counted_kind, f.quote) for f in figs(text)]
    assert got == [
        ("killed", 2, "civilians", "Two guards were gunned down"),
        ("injured", 4, "civilians", "four others sustained wounds"),
        ("destroyed", 3, "objects", "set 3 houses ablaze"),
    ]
    for f in figs(text):
        assert text[f.char_start : f.char_end] == f.quote


def test_weapons_taken_are_no_figures_even_when_linked():
    # what may be destroyed or captured is a closed list: arms and material are not figures
    assert figs("Troops seized 19 rifles and 864 kilograms of explosives.") == []
