"""The kind of event a sentence describes, and the words that decided it."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.extract.lexicon import EVENT_WORDS


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (
            etype,
            re.compile(
                r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
            ),
        )
        for etype, words in EVENT_WORDS
    ]


def classify_event(text: str) -> tuple[str | None, str | None]:
    """(event type, deciding words) for a piece of text, or (None, None)."""
    low = text.lower()
    for etype, pattern in _patterns():
        m = pattern.search(low)
        if m:
            return etype, m.group(1)
    return None, None
