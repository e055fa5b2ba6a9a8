"""The curated knowledge files hold together, and the data dictionary matches the schemas."""

from __future__ import annotations

from pathlib import Path

from pipeline.data_dictionary import render
from pipeline.knowledge import load_actor_dictionary
from pipeline.knowledge.actors import DATA_DIR, MAX_NAME_TOKENS, _words

BOOK = load_actor_dictionary()
ROOT = Path(__file__).resolve().parents[1]


def test_every_parent_and_country_exists():
    for actor in BOOK.actors.values():
        assert actor.parent_actor_id is None or actor.parent_actor_id in BOOK.actors, actor
        assert actor.country_iso3 is None or actor.country_iso3 in BOOK.countries, actor


def test_every_curated_name_finds_its_actor():
    """Each name and alias of an armed group, organisation or state body, written as in
    text, resolves to that actor."""
    generated = {
        BOOK.country_actor(iso3, role)
        for iso3 in BOOK.countries
        for role in ("state", "government", "military", "police", "health-ministry")
    }
    misses = []
    for actor in BOOK.actors.values():
        if actor.actor_id in generated:
            continue
        for name in (actor.name, *actor.aliases):
            if len(_words(name)) > MAX_NAME_TOKENS:
                continue  # longer official names are reached through their short forms
            if actor.actor_id not in BOOK.resolve(_words(name), "government", allow_capitals=True):
                misses.append((actor.actor_id, name))
    assert misses == []


def test_country_roles():
    assert BOOK.resolve(["Pakistani", "government", "spokesperson"], "government") == ["pak-government"]
    assert BOOK.resolve(["Pakistani", "soldiers"], "state") == ["pak-military"]
    assert BOOK.resolve(["Lebanese", "health", "ministry"], "government") == ["lbn-health-ministry"]
    assert BOOK.resolve(["Kabul"], "government", allow_capitals=True) == ["afg-government"]
    assert BOOK.resolve(["Kabul"], "government") == []  # a capital is a place unless it speaks


def test_sources_are_noted():
    text = (DATA_DIR / "SOURCES.md").read_text()
    for name in ("countries.csv", "armed_groups.csv", "organisations.csv", "state_bodies.csv"):
        assert name in text


def test_data_dictionary_is_generated_from_the_schemas():
    committed = (ROOT / "docs" / "data-dictionary.md").read_text()
    assert committed == render(), "run: python -m pipeline.data_dictionary > docs/data-dictionary.md"
