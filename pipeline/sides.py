"""Sides of an incident, after UCDP GED's side a and side b.

A party is a state (its government, forces, police and intelligence count as the state) or a
non-state armed group (a faction counts as the group it belongs to). The parties of an incident
are those its claims count or cite as claimant. The rule, written in schemas/events.py and the
README:

- side a: a state where there is one; among several states the one on whose territory the
  incident is (the incident's country), else the one in the most claims, else the first id;
  with no state, the armed group in the most claims, else the first id;
- side b: among the other parties, the one in the most claims, a state before a group, else
  the first id; none when the incident has one party.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

STATE_KINDS = frozenset({"state", "government", "military", "police", "intelligence"})
PARTY_KINDS = STATE_KINDS | {"armed_group"}
MAX_PARENT_HOPS = 6  # knowledge files nest a body two or three deep; a cycle must not loop


@dataclass(frozen=True)
class ActorInfo:
    name: str
    kind: str
    country_iso3: str | None
    parent_actor_id: str | None


@dataclass(frozen=True)
class Sides:
    a: str | None
    b: str | None

    def of(self, party: str | None) -> str:
        """'a', 'b', or 'unknown' for a group that is on neither side (or no party at all)."""
        if party is not None and party == self.a:
            return "a"
        if party is not None and party == self.b:
            return "b"
        return "unknown"


def opt_str(v: object) -> str | None:
    """A frame cell as text, None for a missing value (None, NaN or NA)."""
    return None if v is None or pd.isna(v) else str(v)


def actor_infos(actors: pd.DataFrame) -> dict[str, ActorInfo]:
    return {
        r.actor_id: ActorInfo(r.name, r.kind, opt_str(r.country_iso3), opt_str(r.parent_actor_id))
        for r in actors.itertuples(index=False)
    }


class PartyResolver:
    """Maps an actor to the party it fights for: a state organ to its state, a faction to its
    group; None for an actor that is not a party (a monitor, the UN, a medic, the press)."""

    def __init__(self, actors: dict[str, ActorInfo]) -> None:
        self.actors = actors
        self.states = {a.country_iso3: i for i, a in sorted(actors.items()) if a.kind == "state"}

    def party(self, actor_id: str | None) -> str | None:
        info = self.actors.get(actor_id or "")
        if info is None or info.kind not in PARTY_KINDS:
            return None
        wanted = STATE_KINDS if info.kind in STATE_KINDS else {"armed_group"}
        top = actor_id
        for _ in range(MAX_PARENT_HOPS):
            parent = self.actors[top].parent_actor_id
            if parent not in self.actors or self.actors[parent].kind not in wanted:
                break
            top = parent
        if info.kind in STATE_KINDS and self.actors[top].kind != "state":
            return self.states.get(self.actors[top].country_iso3, top)
        return top

    def is_state(self, party: str) -> bool:
        return self.actors[party].kind in STATE_KINDS


def choose_sides(
    claims: Iterable[tuple[str | None, str | None]], country_iso3: str | None, resolver: PartyResolver
) -> Sides:
    """``claims``: (counted_actor_id, claimant_actor_id) of each of an incident's figures."""
    mentions: Counter[str] = Counter()
    for counted, claimant in claims:
        mentions.update({p for p in (resolver.party(counted), resolver.party(claimant)) if p})
    if not mentions:
        return Sides(None, None)

    def rank_a(p: str) -> tuple:
        state = resolver.is_state(p)
        home = state and resolver.actors[p].country_iso3 == country_iso3
        return (not state, not home, -mentions[p], p)

    a = min(mentions, key=rank_a)
    rest = [p for p in mentions if p != a]
    b = min(rest, key=lambda p: (-mentions[p], not resolver.is_state(p), p)) if rest else None
    return Sides(a, b)
