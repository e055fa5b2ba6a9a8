"""Controlled vocabularies shared by the schemas and the extraction engine.

Plain Python (no pandera) so the engine can import it without pulling in validation.
The meanings follow ../shared/eval/ANNOTATION.md; the README's data dictionary repeats them.
"""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "killed": "people killed (dead, died, slain, neutralised, martyred, bodies found)",
    "injured": "people wounded or injured, including people taken to hospital",
    "detained": "people arrested, detained, captured, surrendered or taken to holding centres",
    "abducted": "people abducted, kidnapped or taken hostage",
    "missing": "people missing or unaccounted for",
    "displaced": "people who fled, were displaced, evacuated or deported",
    "destroyed": "military or civilian objects destroyed (posts, vehicles, tanks, buildings)",
    "captured": "objects seized or captured (posts, checkpoints, vehicles)",
}

COUNTED_KINDS: dict[str, str] = {
    "civilians": "civilians, including displaced people",
    "military": "members of state armed forces",
    "police": "police and gendarmerie",
    "armed_group": "non-state fighters: militants, insurgents, rebels",
    "mixed": "several kinds together, or people meaning fighters and civilians",
    "unknown": "people with nothing more said about who they were",
    "objects": "posts, vehicles, buildings and other objects",
}

SCOPES: dict[str, str] = {
    "incident": "a figure of one event or one day's fighting",
    "cumulative": "a running total over several days, a month, a year or a war",
}

DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
# Where a figure's place or date was named: its own sentence, its paragraph, or the report at large.
BASES: tuple[str, ...] = ("sentence", "paragraph", "report")

# How precisely a place is located (after UCDP GED's geo precision codes, in words).
GEO_PRECISIONS: dict[str, str] = {
    "town": "a populated place in the GeoNames gazetteer: village, town or city",
    "province": "a first-level subdivision (ISO 3166-2): province, state, region, oblast",
    "country": "a country (ISO 3166-1)",
}
# Which claims a best estimate is taken from.
BEST_BASES: dict[str, str] = {
    "non-party": "claims by sources that are not a party to the incident (monitors, UN, medics, press)",
    "all": "no non-party source gave the figure: every claim, parties included",
}

ACTOR_KINDS: dict[str, str] = {
    "state": "a country as a whole",
    "government": "a government, ministry or other civilian state organ",
    "military": "state armed forces",
    "police": "police and gendarmerie",
    "intelligence": "state intelligence and security services",
    "armed_group": "a non-state armed group",
    "igo": "an intergovernmental organisation or one of its bodies",
    "ngo": "a non-governmental organisation or monitor",
    "media": "a news organisation",
    "person": "a named person speaking for no known actor",
    "group": "a group of people without an organisation (residents, witnesses, medics)",
    "unknown": "an actor named in a report whose kind the words around it do not say",
}

EVENT_TYPES: dict[str, str] = {
    "air_strike": "air or drone strike",
    "shelling": "shelling, artillery, rocket or missile fire",
    "armed_clash": "armed clash between organised forces",
    "attack_on_civilians": "attack on civilians by an armed actor",
    "bombing": "suicide attack, bombing or IED",
    "arrests": "arrests and detentions",
    "abduction": "abduction or kidnapping",
    "displacement": "displacement, evacuation or deportation",
    "other_violence": "political violence the words do not classify further",
}

# Where the claimant column says the report speaks in its own voice.
REPORT_VOICE = "report"
