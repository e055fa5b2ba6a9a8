"""Curated facts about the world (countries, armed groups, organisations), versioned as
data files under ``data/`` with their sources in ``data/SOURCES.md``."""

from pipeline.knowledge.actors import Actor, ActorDictionary, load_actor_dictionary

__all__ = ["Actor", "ActorDictionary", "load_actor_dictionary"]
