"""The cues a counted-kind model reads for one figure: ``features(fig, body, book)``.

Pure: an ExtractedFigure, its report body and the actor dictionary in, a dict of binary
features out (name -> 1.0). Word features only, lower-cased; no report, place or outlet names
are written here. The cues:

- the rule engine's kind, category, scope, claim voice, bounds and magnitude of the number;
- the counted phrase's head word and its modifiers;
- the words of the quote, and up to three words either side of the number in its sentence;
- the kind of the counted actor and of the claimant in the actor dictionary;
- the other words of the sentence written in lower case (names and a few function words left
  out);
- which groups of people the sentence, its paragraph and the whole report name (soldiers,
  police, civilians, fighters), from the small word lists below, and the kinds of the actors
  the dictionary finds in the sentence;
- the sentence's event type, as the engine worded it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from pipeline.extract.engine import ExtractedFigure
from pipeline.extract.text import iter_sentences, paragraphs
from pipeline.knowledge.actors import ActorDictionary

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_NAME_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
WINDOW = 3  # words either side of the number


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say which group of people a sentence is about. The model weighs them; a word in
# two lists ("officers") is a cue for both.
CUES: dict[str, frozenset[str]] = {
    "military": _word_set(
        "soldier soldiers troops troop army armies military servicemen serviceman servicemembers "
        "marines marine paratroopers sailors airmen conscripts commanders commander officers "
        "officer sergeant lieutenant captain colonel general generals battalion brigade regiment "
        "division garrison gunners tankers artillerymen recruits"
    ),
    "police": _word_set(
        "police policemen policeman policewomen policewoman constables constable gendarmes "
        "gendarmerie cops officers officer patrolmen"
    ),
    "civilians": _word_set(
        "civilians civilian residents resident villagers villager children child women woman "
        "girls boys babies infants students pupils schoolchildren worshippers passengers pilgrims "
        "farmers journalists workers doctors nurses medics patients refugees families family "
        "displaced bystanders shoppers locals elderly teachers fishermen herders tourists "
        "non-combatants"
    ),
    "armed_group": _word_set(
        "militants militant fighters fighter insurgents insurgent rebels rebel jihadists jihadist "
        "terrorists terrorist gunmen gunman militia militias militiamen bandits bandit extremists "
        "extremist attackers attacker separatists separatist guerrillas guerrilla assailants "
        "insurgency"
    ),
    "mixed": _word_set("security personnel combatants casualties people persons dead bodies"),
}
# Function words left out of the sentence's words.
STOP_WORDS = _word_set(
    "a an and are as at be been but by for from had has have he her his in is it its of on or "
    "she that the their them they this to was were which who with"
)


def words(text: str) -> list[str]:
    """Lower-cased words, apostrophes straightened, a possessive 's dropped."""
    low = text.lower().replace("’", "'")
    return [w.removesuffix("'s").rstrip("'") for w in _WORD.findall(low)]


def common_words(text: str) -> set[str]:
    """The words of a text written in lower case: no names of places, people or groups (and
    no word that opens a sentence), so the sentence's words say what happened, not where."""
    return {w for t in _NAME_WORD.findall(text) if t[0].islower() for w in words(t)}


@lru_cache(maxsize=16)
def _sentence_spans(body: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts, ends = [], []
    for _, _, sent in iter_sentences(body):
        starts.append(sent.start)
        ends.append(sent.end)
    return tuple(starts), tuple(ends)


@lru_cache(maxsize=16)
def _report_cues(body: str) -> tuple[tuple[int, frozenset[str]], ...]:
    """Each paragraph's start and the cue groups it names."""
    out = []
    for p in paragraphs(body):
        found = set(words(body[p.start : p.end]))
        out.append((p.start, frozenset(g for g, cue in CUES.items() if cue & found)))
    return tuple(out)


def sentence_of(fig: ExtractedFigure, body: str) -> tuple[int, int]:
    """The figure's sentence: from fig.sentence_start to that sentence's end (the sentence
    holding the figure's start if no sentence starts there)."""
    starts, ends = _sentence_spans(body)
    i = bisect_right(starts, fig.sentence_start) - 1
    if i < 0 or starts[i] != fig.sentence_start:
        i = bisect_right(starts, fig.char_start) - 1
    if i < 0:
        return 0, len(body)
    return starts[i], max(ends[i], fig.char_end)


def _magnitude(low: int | None, high: int | None) -> str:
    v = low if low is not None else high
    if v is None:
        return "none"
    if v <= 1:
        return "1"
    if v < 10:
        return "2-9"
    if v < 100:
        return "10-99"
    if v < 1000:
        return "100-999"
    return "1000+"


def _actor_kind(actor_id: str | None, book: ActorDictionary) -> str:
    if actor_id is None:
        return "none"
    actor = book.actors.get(actor_id)
    if actor is None:
        return "discovered"
    return actor.kind


def features(fig: ExtractedFigure, body: str, book: ActorDictionary) -> dict[str, float]:
    """Binary features of one figure (name -> 1.0)."""
    out: set[str] = {
        f"rule={fig.counted_kind}",
        f"cat={fig.category}",
        f"rule|cat={fig.counted_kind}|{fig.category}",
        f"scope={fig.scope}",
        f"voice={fig.claim_voice}",
        f"mag={_magnitude(fig.value_low, fig.value_high)}",
        f"bounds={'open' if fig.value_high is None else 'closed'}",
        f"actor={_actor_kind(fig.counted_actor_id, book)}",
        f"claimant={_actor_kind(fig.claimant_actor_id, book)}",
        f"event={fig.event_type or 'none'}",
    }
    if fig.approx:
        out.add("approx")
    counted = words(fig.counted_text or "")
    if counted:
        out.add(f"head={counted[-1]}")
        out.update(f"mod={w}" for w in counted[:-1])
    else:
        out.add("head=<none>")
    quote = words(fig.quote)
    out.update(f"q={w}" for w in quote)
    out.update(f"qcue={group}" for group, cue in CUES.items() if cue.intersection(quote))

    s_start, s_end = sentence_of(fig, body)
    number_at = body.find(fig.number_text, fig.char_start, fig.char_end) if fig.number_text else -1
    if number_at < 0:
        number_at = fig.char_start
    number_end = number_at + len(fig.number_text or "")
    before = words(body[s_start:number_at])[-WINDOW:]
    after = words(body[number_end:s_end])[:WINDOW]
    out.update(f"l={w}" for w in before)
    out.update(f"r={w}" for w in after)
    if not before:
        out.add("l=<start>")

    sentence_text = body[s_start:s_end]
    sentence = set(words(sentence_text))
    out.update(f"s={w}" for w in common_words(sentence_text) if w not in STOP_WORDS)
    out.update(f"cue={group}" for group, cue in CUES.items() if cue & sentence)
    paras = _report_cues(body)
    at = bisect_right([start for start, _ in paras], fig.char_start) - 1
    if at >= 0:
        out.update(f"pcue={group}" for group in paras[at][1])
    out.update(f"rcue={group}" for group in set().union(*(groups for _, groups in paras)))
    names = _NAME_WORD.findall(sentence_text)
    countries = set()
    for m in book.find_mentions(names):
        if m.country is not None:
            countries.add(m.country)
        elif (actor := book.actors.get(m.target)) is not None:
            out.add(f"named={actor.kind}")
    if countries:
        out.add(f"countries={'2+' if len(countries) > 1 else '1'}")
    return dict.fromkeys(sorted(out), 1.0)
