"""The engine's work grows linearly with a report's length, and no number, however long, makes
it raise or overflow.

Work is counted, not timed: lines of the engine's code run on a text and on one 4 times as long
(pipeline.bench.engine_work, a sys.settrace counter), whose ratio is about 4 when the engine
is linear and 16 when it rescans earlier text for each sentence, figure or speaker."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.bench import LONG_INPUTS, TARGET_GROWTH, engine_work
from pipeline.extract.engine import extract_figures
from pipeline.extract.quantities import FIGURE_VALUE_CAP
from pipeline.extract.text import iter_sentences
from pipeline.knowledge import load_actor_dictionary

KB = 4.0  # the 1x size; the 4x text is 16 KB: enough for a rescan to show, small enough to trace
# Short paragraphs bound a rescan of the paragraph; what is left to rescan (earlier figures, earlier
# speakers) grows per figure, not per character, and shows only on longer text.
SIZES = {"many paragraphs": 16.0}


@pytest.fixture(scope="module")
def book():
    return load_actor_dictionary()


@pytest.mark.parametrize("family", sorted(LONG_INPUTS))
def test_work_grows_linearly(family: str) -> None:
    make, kb = LONG_INPUTS[family], SIZES.get(family, KB)
    small = engine_work(make(kb, 7))
    # past this much work the ratio has failed already: the run stops there
    large = engine_work(make(4 * kb, 7), budget=int(TARGET_GROWTH * small))
    assert large / small <= TARGET_GROWTH, f"{family}: work {small:,} -> {large:,}"


def _figures(book, number: str) -> list:
    body = f"Kell, Marovia - {number} soldiers were killed in Dorn on Monday, the army said."
    return [f for f in extract_figures(body, dt.date(2024, 3, 10), book).figures if number in f.quote]


@pytest.mark.parametrize(
    "number",
    [
        str(2**63),  # one past int64
        "1" + "0" * 20,
        "7" * 5_000,  # more digits than int() accepts (4,300)
        "1,000,000,000,000,000,000,000",
        "9" * 40 + ".0",  # a decimal past any float count
        "3" * 30 + ".25",
    ],
)
def test_huge_number_is_capped_with_its_digits_kept(book, number: str) -> None:
    (fig,) = _figures(book, number)
    assert fig.value_low == fig.value_high == FIGURE_VALUE_CAP
    assert fig.number_text == number


def test_huge_scaled_and_worded_numbers_are_capped(book) -> None:
    for number in ["9" * 20 + " million", "nine" + " hundred" * 30, "2.5 million million"]:
        for fig in _figures(book, number):
            assert fig.value_high is not None and fig.value_high <= FIGURE_VALUE_CAP, number


def test_numbers_below_the_cap_are_exact(book) -> None:
    (fig,) = _figures(book, "999999999999999")
    assert fig.value_low == 999_999_999_999_999
    (fig,) = _figures(book, "000000000000000000000000012")
    assert fig.value_low == 12


def test_giant_digit_run_without_spaces_does_not_raise(book) -> None:
    body = "Kell - " + "4" * 200_000 + " people died in Dorn, police said."
    (fig,) = extract_figures(body, dt.date(2024, 3, 10), book).figures
    assert fig.value_low == FIGURE_VALUE_CAP and len(fig.number_text) == 200_000


def test_run_on_text_is_read_in_bounded_sentences() -> None:
    body = "and 10 soldiers were killed in Kell, " * 500
    spans = [s for _, _, s in iter_sentences(body)]
    assert len(spans) > 1
    assert "".join(body[s.start : s.end] for s in spans).replace(" ", "") == body.replace(" ", "")
