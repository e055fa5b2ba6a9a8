"""Helpers shared by the engine tests: run the extractor on a sentence written for the test."""

from __future__ import annotations

import datetime as dt

from pipeline.extract.engine import extract_figures
from pipeline.knowledge import load_actor_dictionary

BOOK = load_actor_dictionary()
FRIDAY = dt.date(2025, 3, 14)  # a Friday


def figs(text: str, published: dt.date = FRIDAY):
    return extract_figures(text, published, BOOK).figures


def one(text: str, published: dt.date = FRIDAY):
    found = figs(text, published)
    assert len(found) == 1, [f.quote for f in found]
    return found[0]


def values(text: str):
    return [(f.category, f.value_low, f.value_high) for f in figs(text)]
