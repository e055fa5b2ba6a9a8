from __future__ import annotations

import datetime as dt
import hashlib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest import near_duplicates as nd
from pipeline.ingest.near_duplicates import near_duplicates, scan_near_duplicates

DAY = dt.date(2025, 3, 14)

WIRE = (
    "Gunmen attacked the market in Kell on Friday morning, killing 14 traders and wounding 22 "
    "others, the Marovia interior ministry said.\n\n"
    "Witnesses said the attackers arrived on motorcycles shortly after dawn and set fire to stalls "
    "before fleeing towards the Dorn hills. Governor Varda Vennick called the attack cowardly and "
    "ordered extra patrols on the roads out of the town."
)

OTHER_PUBLISHER = (
    "At least 14 people were killed when armed men stormed a busy market in the Marovian town of "
    "Kell, officials said on Friday.\n\n"
    "Twenty-two were wounded. The gunmen, who came on motorbikes, torched stalls and escaped into "
    "the hills near Dorn, residents told reporters. Regional governor Varda Vennick promised more "
    "patrols."
)


def test_one_changed_character_is_flagged():
    copy = WIRE.replace("14 traders", "15 traders")
    assert near_duplicates([("a.txt", DAY, WIRE), ("b.txt", DAY, copy)]) == {"b.txt": "a.txt"}


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("morning", "mornig"),  # a deleted letter
        lambda t: t.replace("Kell on", "Kell  on"),  # doubled space: whitespace runs are one space
        lambda t: t + "\n",
        lambda t: t.replace("\n\n", "\n\n\n"),
        lambda t: t.replace("Dorn hills", "Dornhills"),  # two words run together
        lambda t: t,  # an exact copy is a near-duplicate too
    ],
)
def test_tiny_edits_are_flagged(edit):
    assert near_duplicates([("a.txt", DAY, WIRE), ("b.txt", DAY, edit(WIRE))]) == {"b.txt": "a.txt"}


def test_same_text_on_another_date_is_not_flagged():
    assert near_duplicates([("a.txt", DAY, WIRE), ("b.txt", DAY + dt.timedelta(days=1), WIRE)]) == {}


def test_two_publishers_reporting_one_event_are_not_flagged():
    assert near_duplicates([("a.txt", DAY, WIRE), ("b.txt", DAY, OTHER_PUBLISHER)]) == {}


def test_a_wire_copy_with_an_added_sentence_is_another_version():
    longer = WIRE + " A curfew was declared in Kell until Sunday, the ministry added."
    assert near_duplicates([("a.txt", DAY, WIRE), ("b.txt", DAY, longer)]) == {}


def test_edit_budget_is_one_per_hundred_characters():
    base = " ".join(f"Kell{i:03d}" for i in range(60))  # 479 characters: 4 edits allowed
    assert len(base) == 479 and nd.allowed_edits(base, base) == 4
    four = base.replace("Kell001", "Dorn001")
    five = four.replace("Kell002", "Kelx002")
    assert near_duplicates([("a", DAY, base), ("b", DAY, four)]) == {"b": "a"}
    assert near_duplicates([("a", DAY, base), ("b", DAY, five)]) == {}


def test_short_texts_allow_one_edit():
    assert near_duplicates([("a", DAY, "Kell: 3 dead."), ("b", DAY, "Kell: 8 dead.")]) == {"b": "a"}
    assert near_duplicates([("a", DAY, "Kell: 3 dead."), ("b", DAY, "Kell: 38 dead!")]) == {}


def test_later_name_points_to_earliest_match_in_any_input_order():
    c1 = WIRE.replace("14 traders", "15 traders")
    c2 = WIRE.replace("22 others", "23 others")
    items = [("b.txt", DAY, c1), ("c.txt", DAY, c2), ("a.txt", DAY, WIRE), ("d.txt", DAY, OTHER_PUBLISHER)]
    expected = {"b.txt": "a.txt", "c.txt": "a.txt"}
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert near_duplicates(shuffled) == expected


def test_names_must_be_unique():
    with pytest.raises(ValueError):
        near_duplicates([("a", DAY, WIRE), ("a", DAY, OTHER_PUBLISHER)])


def test_sketch_is_fixed_across_runs():
    # SHAKE-128, not the salted hash(): a one-shingle text's sketch is its shingle's SHAKE output
    words = ["kell", "dorn", "varda"]
    expected = nd._SKETCH.unpack(hashlib.shake_128(b"kell dorn varda").digest(nd._SKETCH.size))
    assert nd._sketch(words, "Kell Dorn Varda") == expected
    assert len(expected) == nd.BANDS * nd.ROWS


def test_short_texts_are_found_by_the_word_edit_keys():
    a, b = "Kell: 3 dead.", "Kell: 8 dead."
    wa, wb = nd._WORD.findall(a.casefold()), nd._WORD.findall(b.casefold())
    assert nd._shingles(wa, a).isdisjoint(nd._shingles(wb, b))  # MinHash cannot see them
    assert set(nd._word_edit_keys(wa)) & set(nd._word_edit_keys(wb))
    assert near_duplicates([("a", DAY, a), ("b", DAY, b)]) == {"b": "a"}


@pytest.mark.parametrize(
    "a, b",
    [
        ("kell dorn varda", "kell varda"),  # a word deleted
        ("kell dorn varda", "kell dorn varda vennick"),  # a word added at the end
        ("kell dorn varda", "vennick kell dorn varda"),  # a word added at the start
        ("kell dorn varda", "kell dorm varda"),  # a word changed
        ("kell kell kell", "kell kell"),
    ],
)
def test_word_edit_keys_meet_for_one_word_edits(a, b):
    assert set(nd._word_edit_keys(a.split())) & set(nd._word_edit_keys(b.split()))


def test_word_edit_keys_do_not_meet_for_two_word_edits():
    keys = set(nd._word_edit_keys(["kell", "dorn", "varda"]))
    assert not keys & set(nd._word_edit_keys(["kell", "marovia", "vennick"]))


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@given(st.text("abc ", max_size=12), st.text("abc ", max_size=12), st.integers(0, 5))
def test_bounded_edit_distance_agrees_with_the_full_computation(a, b, limit):
    assert nd._within_edits(a, b, limit) is (_levenshtein(a, b) <= limit)


def test_bounded_edit_distance_on_long_texts():
    a = "x" * 500 + "a" + "y" * 500
    assert nd._within_edits(a, a.replace("a", "b"), 1)
    assert not nd._within_edits(a, "z" + a.replace("a", "b"), 1)


WORDS = [
    "army",
    "police",
    "militants",
    "rebels",
    "village",
    "town",
    "market",
    "convoy",
    "checkpoint",
    "district",
    "province",
    "bridge",
    "road",
    "camp",
    "clinic",
    "school",
    "mosque",
    "church",
    "border",
    "river",
    "hills",
    "farm",
    "station",
    "airport",
    "base",
    "patrol",
]
PLACES = ["Kell", "Dorn", "Varda", "Vennick", "Marovia", "Ostrel", "Pyren", "Tulga", "Essar", "Brandt"]


def _template_report(rng: random.Random) -> str:
    """A distinct report in stock phrasing: much boilerplate shared with all the others."""
    place, other = rng.sample(PLACES, 2)
    sentences = [
        f"{rng.randint(2, 90)} people were killed in {place} when {rng.choice(WORDS)} came under attack "
        f"near the {rng.choice(WORDS)}, officials said.",
        f"The {rng.choice(WORDS)} said {rng.randint(1, 60)} others were wounded and taken to {other}.",
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 40))) + ".",
        f"No group has claimed the attack on the {rng.choice(WORDS)} in {place}.",
    ]
    return " ".join(sentences)


def _free_report(rng: random.Random) -> str:
    """A distinct report in its own words, with a stock phrase or two as real reports have."""
    body = " ".join(rng.choice(WORDS + PLACES) for _ in range(rng.randint(60, 200)))
    return f"{body}, officials said. {rng.randint(2, 90)} people were killed."


def _with_one_copy(make, n: int = 2000):
    rng = random.Random(7)
    items = [(f"r{i:04d}.txt", DAY, make(rng)) for i in range(n)]  # worst case: all on one date
    copy = items[1234][2].replace("officials said", "official said")
    return [*items, ("r9999.txt", DAY, copy)]


def test_blocking_proposes_almost_nothing_among_distinct_reports():
    scan = scan_near_duplicates(_with_one_copy(_free_report))
    assert scan.matches == {"r9999.txt": "r1234.txt"}
    # all pairs would be 2,001,000 checks: the keys propose the one copy and next to nothing else
    assert scan.candidate_pairs <= 5 and scan.confirmations <= 5, scan


def test_blocking_stays_far_from_all_pairs_when_reports_share_stock_phrasing():
    scan = scan_near_duplicates(_with_one_copy(_template_report))
    assert scan.matches == {"r9999.txt": "r1234.txt"}
    assert scan.confirmations < 2_001_000 // 200, scan  # under 0.5% of all pairs
