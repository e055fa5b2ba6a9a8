"""The conventions of counted kind that a figure's own noun phrase cannot settle: what is
counted follows from the harm, the scope and the words around the figure (ANNOTATION.md,
"counted_kind"). Pure: the figure's kind, category, scope and words in, a kind out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from pipeline.extract import lexicon as lx
from pipeline.extract.figures import counted_kind, head_kind
from pipeline.extract.text import Token


def settle_kind(
    kind: str,
    category: str,
    cumulative: bool,
    counted_words: list[str],
    sentence_words: list[str],
    after_words: Sequence[str] = (),
) -> str:
    """The figure's counted_kind after the conventions:
    - people displaced are civilians, whoever says it ("6,000 fled their homes");
    - a running toll of "people" that the sentence gives for a whole war is a mix of
      fighters and civilians ("the insurgency has killed 40,000 people");
    - "officers" with no force named before them are police officers, unless the sentence
      speaks of an army and not of police ("two officers and five soldiers were killed");
    - people "mostly civilians", "most of them soldiers" are a mix of kinds."""
    words = set(sentence_words)
    if kind == "unknown" and _mostly_one_kind(list(after_words)):
        return "mixed"  # "30 people, mostly civilians": some were not
    if kind == "unknown" and category == "displaced":
        return "civilians"
    if kind == "unknown" and category == "killed" and cumulative and words & lx.WAR_WORDS:
        return "mixed"
    lone_officers = counted_words in (["officers"], ["officer"])
    if lone_officers and words & lx.ARMY_WORDS and not words & lx.POLICE_WORDS:
        return "military"
    return kind


# Kinds that say who the people counted are; "unknown" and "mixed" say nothing of one group.
_PERSON_KINDS = {"civilians", "military", "police", "armed_group"}
ANAPHORS = {"them", "those", "others", "whom"}


def antecedent_kind(
    counted: str | None, previous: Iterable[str], people_before: Callable[[], str | None]
) -> str | None:
    """The kind of people a figure without a noun of its own counts ("three were killed",
    "five others", "two of them"): the kind of the paragraph's last figure before it that
    says who it counts (``previous``, the last first); for "them" and "those", else the kind
    of the last plural noun of people named before it in the paragraph ("the attackers fled;
    two of them were caught"), which ``people_before`` finds, asked only then."""
    for kind in previous:
        if kind in _PERSON_KINDS:
            return kind
    if counted in ("them", "those"):
        return people_before()
    return None


def people_kind(word: str) -> str | None:
    """The kind of people a plural noun names ("attackers", "gunmen"), if it is one."""
    if word.endswith(("s", "men")):
        kind = head_kind(word)
        if kind in _PERSON_KINDS:
            return kind
    return None


_MOSTLY = {"mostly", "mainly", "largely", "most", "many", "majority"}


def _mostly_one_kind(after: list[str]) -> bool:
    """ ", mostly civilians", ", most of them soldiers", ", the majority of whom were children"."""
    if (
        not after
        or after[0] != ","
        or len(after) < 3
        or (after[1] not in _MOSTLY and after[1:3] != ["the", "majority"])
    ):
        return False
    return any(head_kind(w) in _PERSON_KINDS for w in after[2:7])


# Kinds that are not civilians: a total that includes any of them counts a mix.
_ARMED_KINDS = {"military", "police", "armed_group", "mixed"}
_SUBSET_END = {
    ".", ";", ":", "(", ")", "-", "–", "—", "who", "which", "that", "were", "was", "have", "had", "are",
    "as", "after", "when", "while", "but", "in", "at", "on", "during",
}  # fmt: skip


def includes_armed(tokens: list[Token], k: int) -> bool:
    """Whether the words after a figure's counted noun name, with no number of their own, a
    subset that are not civilians: "157 others, including policemen", "400 passengers hostage,
    including security personnel", "ten people, including the driver and eight soldiers".
    Such a total counts a mix of kinds (ANNOTATION.md, totals with a breakdown)."""
    n = len(tokens)
    x = next((y for y in range(k, min(k + 3, n)) if tokens[y].low == "including"), None)
    if x is None:
        return False
    for y in range(x + 1, min(x + 12, n)):
        if tokens[y].low in _SUBSET_END or tokens[y].low in lx.HARM or tokens[y].low in lx.REPORTING_VERBS:
            return False
        if head_kind(tokens[y].low) is None and tokens[y].low not in lx.GENERIC_HEADS:
            continue
        start = max(x + 1, y - 2)
        if counted_kind(tokens, start, y + 1) in _ARMED_KINDS:
            return True
    return False
