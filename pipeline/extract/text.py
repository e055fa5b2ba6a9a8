"""Paragraphs, sentences and tokens, all with character offsets into the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Words keep inner apostrophes and hyphens ("Pakistan's", "twenty-three", "Tehreek-e-Taliban");
# numbers keep their separators ("1,200", "2.5"); any other character is its own token.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # dotted abbreviations are one word: "U.S.", "U.N."
    r"|\d+(?:[.,]\d+)*"
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:['’]s?)?"
    r"|\S",
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "cpl",
    "pvt",
    "adm",
    "brig",
    "gov",
    "sen",
    "rep",
    "st",
    "no",
    "nos",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "prof",
    "rev",
    "hon",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "mt",
    "ft",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_SPACES = re.compile(r"\s*")
_LAST_WORD = re.compile(r"([A-Za-z]+)$")
# No English sentence runs this many tokens: a longer run (a list, text with its stops lost) is
# read in pieces of at most this many, so no rule's work per sentence grows with the report.
MAX_SENTENCE = 400
# The word before a full stop is looked for this far back: longer than any abbreviation, and a
# longer word is no abbreviation nor an initial either way.
_WORD_LOOKBACK = 64
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A token and its offsets; the lower-cased form and the shape flags are computed once,
    since every rule reads them."""

    text: str
    start: int
    end: int
    low: str = ""
    is_capitalized: bool = False
    is_word: bool = False
    is_number: bool = False

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Token:
        head = text[:1]
        return cls(
            text, start, end, text.lower().replace("’", "'"), head.isupper(), head.isalpha(), head.isdigit()
        )


def paragraphs(body: str) -> list[Span]:
    """Blank-line separated paragraphs, trimmed of surrounding white space. A break inside a
    sentence (the text before it ends with no stop and the text after it opens in lower case,
    as page layouts leave them: "estimates of the toll at\n\nthe airport") joins the two."""
    spans: list[Span] = []
    pos = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = brk.start() if brk else len(body)
        chunk = body[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            if spans and stripped[0].islower() and body[spans[-1].end - 1] not in _STOPS:
                spans[-1] = Span(spans[-1].start, start + len(stripped))
            else:
                spans.append(Span(start, start + len(stripped)))
        if brk:
            pos = brk.end()
    return spans


_STOPS = ".!?:;\"'”’)"


def sentences(body: str, para: Span) -> list[Span]:
    """Sentences of one paragraph. A full stop after a known abbreviation or a lone
    capital (initials, "U.S.") does not end a sentence."""
    out: list[Span] = []
    start = para.start
    text = body[para.start : para.end]
    for m in _SENTENCE_END.finditer(text):
        dot = para.start + m.start()
        word = _LAST_WORD.search(body, max(start, dot - _WORD_LOOKBACK), dot)
        if body[dot] == "." and word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        end = para.start + m.end()
        out.extend(_bounded(body, Span(start, end)))
        start = _SPACES.match(body, end, para.end).end()
    if start < para.end:
        out.extend(_bounded(body, Span(start, para.end)))
    return out


def _bounded(body: str, sent: Span) -> list[Span]:
    """The sentence, or, if it has more than MAX_SENTENCE tokens, its pieces of that many
    tokens each (a token is never cut: a number of any length stays in its sentence)."""
    if sent.end - sent.start <= MAX_SENTENCE:  # a token has a character at least
        return [sent]
    out = []
    start, end, n = sent.start, sent.start, 0
    for m in _TOKEN.finditer(body, sent.start, sent.end):
        if n == MAX_SENTENCE:
            out.append(Span(start, end))
            start, n = m.start(), 0
        end, n = m.end(), n + 1
    out.append(Span(start, sent.end))
    return out


def tokenize(body: str, span: Span) -> list[Token]:
    """Tokens of ``body[span]``; offsets are absolute (finditer with pos/endpos)."""
    return [Token.of(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(body, span.start, span.end)]


def iter_sentences(body: str) -> Iterator[tuple[int, Span, Span]]:
    """(paragraph index, paragraph span, sentence span) for the whole body."""
    for i, para in enumerate(paragraphs(body)):
        for sent in sentences(body, para):
            yield i, para, sent
