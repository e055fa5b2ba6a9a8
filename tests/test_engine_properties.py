"""The engine never raises and every span it returns slices back to its quote."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.engine import extract_figures
from pipeline.knowledge import load_actor_dictionary

BOOK = load_actor_dictionary()
WORDS = st.sampled_from(
    [
        "killed",
        "wounded",
        "were",
        "at",
        "least",
        "12",
        "1,200",
        "dozens",
        "of",
        "soldiers",
        "civilians",
        "said",
        "the",
        "army",
        ",",
        ".",
        '"',
        "“",
        "”",
        "and",
        "in",
        "Kabul",
        "Pakistani",
        "Taliban",
        "on",
        "Friday",
        "more",
        "than",
        "nine",
        "posts",
        "destroyed",
        "according",
        "to",
        "he",
        "\n\n",
        "-",
        "km",
        "between",
        "20",
        "death",
        "toll",
        "rose",
        "October",
        "since",
        "captured",
        "a",
        "dozen",
        "'s",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=60), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
def test_word_salad_never_raises_and_spans_slice(words, published):
    body = " ".join(words)
    for f in extract_figures(body, published, BOOK).figures:
        assert body[f.char_start : f.char_end] == f.quote
        assert f.value_low is None or f.value_high is None or f.value_low <= f.value_high


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
def test_arbitrary_text_never_raises(body, published):
    for f in extract_figures(body, published, BOOK).figures:
        assert body[f.char_start : f.char_end] == f.quote
