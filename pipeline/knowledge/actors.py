"""The actor dictionary: curated actors and the names by which news refers to them.

Countries expand into a small family of actors (the state, its government, military,
police and health ministry); armed groups, organisations and named state bodies come
from their own files. Mentions are matched on folded text (case, diacritics,
possessives and plural ``s`` ignored), longest name first.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
MAX_NAME_TOKENS = 10

# Roles a country mention can take, and the words that select them.
ROLE_WORDS: dict[str, str] = {}
for _role, _words in {
    "government": "government govt ministry minister ministers officials official authorities "
    "spokesperson spokesman spokeswoman president prime premier office presidency administration "
    "cabinet diplomat diplomats embassy foreign interior defence defense information",
    "military": "military army armed forces force troops soldiers soldier commander commanders "
    "general navy air defence-ministry artillery",
    "police": "police policemen policeman",
    "health-ministry": "health",
}.items():
    for _w in _words.split():
        ROLE_WORDS[_w] = _role


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country_iso3: str | None = None
    parent_actor_id: str | None = None
    curated: bool = True
    note: str | None = None


@dataclass(frozen=True)
class Mention:
    """A name found in a token sequence: ``target`` is an actor id, or ``country:ISO3``."""

    start: int  # token index
    end: int
    target: str
    via: str  # "name", "demonym", "capital"

    @property
    def country(self) -> str | None:
        return self.target.split(":", 1)[1] if self.target.startswith("country:") else None


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no diacritics, no possessive, curly apostrophes straightened. Cached:
    the same words recur across a report and a corpus."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"'s\b|'(?=\s|$)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def fold_tokens(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w for w in (fold(t) for t in words) if w)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split(";") if p.strip()]


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass
class ActorDictionary:
    actors: dict[str, Actor] = field(default_factory=dict)
    # folded name tokens -> (target, via)
    names: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    countries: dict[str, dict[str, str]] = field(default_factory=dict)
    lowercase_names: set[tuple[str, ...]] = field(default_factory=set)
    # first folded token of a name -> the longest name starting with it (bounds the search)
    longest: dict[str, int] = field(default_factory=dict)
    fingerprint: str = ""

    # ----- building -------------------------------------------------------------------
    def add(self, actor: Actor) -> None:
        self.actors[actor.actor_id] = actor
        for name in (actor.name, *actor.aliases):
            self._name(name, actor.actor_id, "name")

    def _name(self, name: str, target: str, via: str) -> None:
        key = fold_tokens(_words(name))
        if key and key not in self.names:
            self.names[key] = (target, via)
            self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))
            if name == name.lower():
                self.lowercase_names.add(key)  # written in lower case: matches without a capital

    def add_country(self, row: dict[str, str]) -> None:
        iso3 = row["iso3"].upper()
        name = row["name"]
        demonyms = _split(row.get("demonyms"))
        adjective = demonyms[0] if demonyms else name
        self.countries[iso3] = {"name": name, "adjective": adjective}
        target = f"country:{iso3}"
        for n in (name, *_split(row.get("short_names"))):
            self._name(n, target, "name")
        for d in demonyms:
            self._name(d, target, "demonym")
        for c in (row.get("capital") or "", *_split(row.get("capital_aliases"))):
            if c:
                self._name(c, target, "capital")
        base = iso3.lower()
        family = [
            Actor(base, name, "state", tuple(_split(row.get("short_names"))), iso3),
            Actor(
                f"{base}-government",
                f"Government of {name}",
                "government",
                (f"{adjective} government", f"{name} government"),
                iso3,
                base,
            ),
            Actor(
                f"{base}-military",
                f"{name} armed forces",
                "military",
                (f"{adjective} military", f"{adjective} army", f"{adjective} forces"),
                iso3,
                base,
            ),
            Actor(f"{base}-police", f"{name} police", "police", (f"{adjective} police",), iso3, base),
            Actor(
                f"{base}-health-ministry",
                f"{name} health ministry",
                "government",
                (f"{adjective} health ministry", f"{name} ministry of health"),
                iso3,
                f"{base}-government",
            ),
        ]
        for actor in family:
            self.actors[actor.actor_id] = actor  # country names resolve through roles, not aliases

    # ----- lookup -----------------------------------------------------------------------
    def country_actor(self, iso3: str, role: str) -> str:
        """The actor id of a country's role ("state", "government", "military", ...)."""
        base = iso3.lower()
        return base if role == "state" else f"{base}-{role}"

    def find_mentions(self, words: Sequence[str], allow_capitals: bool = False) -> list[Mention]:
        """Names in a word sequence, longest match first, left to right."""
        folded = [fold(w) for w in words]
        out: list[Mention] = []
        i = 0
        longest = self.longest
        while i < len(folded):
            hit = None
            first = folded[i]
            reach = max(longest.get(first, 0), longest.get(first[:-1], 0) if first.endswith("s") else 0)
            for n in range(min(reach, len(folded) - i), 0, -1):
                key = tuple(folded[i : i + n])
                found = self.names.get(key)
                if found is None and key[-1].endswith("s") and len(key[-1]) > 3:
                    found = self.names.get((*key[:-1], key[-1][:-1]))
                if found is None:
                    continue
                # A name must show a capital letter in the text ("al-Qaeda", not "turkey", "chad").
                capital = key in self.lowercase_names or any(
                    c.isupper() or c.isdigit() for w in words[i : i + n] for c in w
                )
                if capital and (found[1] != "capital" or allow_capitals):
                    hit = Mention(i, i + n, found[0], found[1])
                    break
            if hit:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        return out

    def resolve(self, words: Sequence[str], default_role: str, allow_capitals: bool = False) -> list[str]:
        """Actor ids named in a phrase; a country takes the role its neighbouring words say
        ("Pakistani government spokesperson" -> government, "Pakistani soldiers" -> military)."""
        folded = [fold(w) for w in words]
        ids: list[str] = []
        for m in self.find_mentions(words, allow_capitals):
            if m.country is None:
                actor_id = m.target
            elif m.via == "capital":
                actor_id = self.country_actor(m.country, "government")
            else:
                window = folded[max(0, m.start - 3) : m.start] + folded[m.end : m.end + 4]
                roles = [ROLE_WORDS[w] for w in window if w in ROLE_WORDS]
                if "health-ministry" in roles and ("ministry" in window or "officials" in window):
                    role = "health-ministry"
                else:
                    roles = [r for r in roles if r != "health-ministry"]
                    role = roles[0] if roles else default_role
                actor_id = self.country_actor(m.country, role)
            if actor_id not in ids:
                ids.append(actor_id)
        return ids


# The same word shapes as the text tokenizer, so names and text fold alike.
_WORD = re.compile(r"(?:[A-Z]\.){2,}|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’\-][^\W\d_]+)*(?:['’]s?)?|\S")


def _words(name: str) -> list[str]:
    return _WORD.findall(name)


@lru_cache(maxsize=4)
def load_actor_dictionary(data_dir: Path = DATA_DIR) -> ActorDictionary:
    """Read the curated files once; the fingerprint changes when any of them changes."""
    book = ActorDictionary()
    digest = hashlib.sha256()
    files = ["countries.csv", "armed_groups.csv", "organisations.csv", "state_bodies.csv"]
    for fname in files:
        path = data_dir / fname
        if path.is_file():
            digest.update(fname.encode() + path.read_bytes())
    for row in _read(data_dir / "countries.csv"):
        book.add_country(row)
    for fname in ("armed_groups.csv", "organisations.csv", "state_bodies.csv"):
        path = data_dir / fname
        if not path.is_file():
            continue
        for row in _read(path):
            iso3 = row.get("country_iso3") or None
            parent = row.get("parent_actor_id") or None
            if "parent_role" in row and iso3:  # state bodies hang under their country's generic actor
                parent = book.country_actor(iso3, row["parent_role"] or "government")
            aliases = tuple(_split(row.get("aliases")))
            book.add(
                Actor(
                    row["actor_id"],
                    row["name"],
                    row["kind"],
                    aliases,
                    iso3,
                    parent,
                    True,
                    row.get("note") or None,
                )
            )
    book.fingerprint = digest.hexdigest()[:12]
    return book
