from __future__ import annotations

import pytest

from pipeline.extract.quantities import parse_quantity
from pipeline.extract.text import Span, tokenize


def q(text: str):
    tokens = tokenize(text, Span(0, len(text)))
    for i in range(len(tokens)):
        got = parse_quantity(tokens, i)
        if got:
            return got.low, got.high, got.approx
    return None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,200 people", (1200, 1200, False)),
        ("eight soldiers", (8, 8, False)),
        ("twenty-three villagers", (23, 23, False)),
        ("one hundred and five", (105, 105, False)),
        ("a dozen", (12, 12, True)),
        ("two dozen", (24, 24, True)),
        ("dozens of", (24, None, True)),
        ("scores of", (40, None, True)),
        ("hundreds of", (200, None, True)),
        ("thousands of", (2000, None, True)),
        ("tens of thousands", (20000, None, True)),
        ("millions of", (2_000_000, None, True)),
        ("several", (3, None, True)),
        ("a few", (2, None, True)),
        ("at least 7", (7, None, False)),
        ("no fewer than 7", (7, None, False)),
        ("7 or more", (7, None, False)),
        ("more than 200", (201, None, False)),
        ("over 30", (31, None, False)),
        ("well over 30", (31, None, False)),
        ("up to 40", (None, 40, False)),
        ("as many as 40", (None, 40, False)),
        ("nearly 50", (50, 50, True)),
        ("about 50", (50, 50, True)),
        ("around 50", (50, 50, True)),
        ("some 50", (50, 50, True)),
        ("roughly 50", (50, 50, True)),
        ("almost 50", (50, 50, True)),
        ("an estimated 50", (50, 50, True)),
        ("between 10 and 15", (10, 15, False)),
        ("10 to 15", (10, 15, False)),
        ("1.5 million", (1_500_000, 1_500_000, False)),
    ],
)
def test_quantity_values_follow_the_annotation_rules(text, expected):
    assert q(text) == expected


@pytest.mark.parametrize("text", ["the", "many people", "another"])
def test_words_that_are_not_quantities(text):
    assert q(text) is None
