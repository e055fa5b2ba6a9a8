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
# Where a figure's place was named, or why it has none. A figure takes only the place the text
# gives for its own episode (never one of a background attack or of where the wounded went).
LOCATION_BASES: dict[str, str] = {
    "sentence": "named in the figure's own sentence",
    "paragraph": "named in its paragraph, in a sentence about the same episode",
    "episode": "named elsewhere in the report for the same episode (where the report opens or describes it)",
    "site": "the named site ('the Pellin camp') that the figure's own words point to ('a camp in Vennick')",
    "report": "a running total with no place of its own: the country the report is about",
    "not_given": "no place: the text names none for the figure's episode",
}
# Where a figure's date was given, or why it has none.
DATE_BASES: dict[str, str] = {
    "sentence": "given in the figure's own sentence",
    "paragraph": "given in its paragraph, in a sentence about the same episode",
    "episode": "given elsewhere in the report for the same episode",
    "several_days": "no date: the episode spans several days and the text dates none of them for this figure",
    "running_total": "no date: a running total, dated only by its own sentence or paragraph",
    "not_given": "no date: the text does not date the figure's episode (the publication date is in reports)",
}

# How precisely a place is located (after UCDP GED's geo precision codes, in words).
GEO_PRECISIONS: dict[str, str] = {
    "town": "a populated place in the GeoNames gazetteer: village, town or city",
    "province": "a first-level subdivision (ISO 3166-2): province, state, region, oblast",
    "country": "a country (ISO 3166-1)",
}
# The side of the fighting a counted group is on (pipeline/sides.py; after UCDP GED).
SIDES: dict[str, str] = {
    "a": "side a: a state where the incident has one (the state on whose territory it is, among "
    "several), else the armed group in the most claims",
    "b": "side b: the other party in the most claims",
    "civilians": "civilians",
    "unknown": "people the words do not identify, or an actor on neither side (a third party, "
    "a body that does not fight)",
}
# What kind of group estimates are given for.
GROUP_TYPES: dict[str, str] = {
    "actor": "the members or property of one actor (group_id is actors.actor_id)",
    "civilians": "civilians, whoever they are (group_id 'civilians')",
    "unknown": "people or objects the words tie to no actor and do not call civilians (group_id 'unknown')",
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
