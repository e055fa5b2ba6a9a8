"""Words of English news that the rules read. Language, not world facts: the actors,
countries and places live in the knowledge data files."""

from __future__ import annotations


def _words(text: str) -> set[str]:
    return set(text.split())


# Harm words -> the action they name. The category then depends on what is counted
# (see ``category_for``): "destroyed 240 troops" is killed, "captured 9 posts" is captured.
HARM: dict[str, str] = {}


def _assign(table: dict[str, str], value: str, words: str) -> None:
    for w in words.split():
        table[w] = value


_assign(
    HARM,
    "kill",
    "killed kill kills killing slain slew slaughtered massacred murdered executed beheaded "
    "neutralised neutralized neutralising neutralizing eliminated eliminating martyred martyring "
    "martyr died die dies dying dead perished assassinated lynched",
)
_assign(
    HARM,
    "injure",
    "wounded wounding wound wounds injured injuring injure injures hurt maimed hospitalised hospitalized",
)
_assign(
    HARM,
    "detain",
    "arrested arresting arrest arrests detained detaining detain apprehended "
    "apprehending surrendered rounded",
)
_assign(HARM, "abduct", "abducted abducting abduct kidnapped kidnapping kidnap kidnaps")
_assign(HARM, "missing", "missing")
_assign(
    HARM,
    "displace",
    "displaced displacing displace fled flee fleeing evacuated evacuating deported "
    "deporting uprooted expelled",
)
_assign(HARM, "destroy", "destroyed destroying destroy razed demolished torched flattened obliterated")
_assign(HARM, "capture", "captured capturing capture seized seizing seize overran overrun")

# Nouns that name a harm after a number: "13 deaths", "20 casualties" (not a category).
HARM_NOUNS = {
    "deaths": "kill",
    "fatalities": "kill",
    "dead": "kill",
    "bodies": "kill",
    "martyrs": "kill",
    "killings": "kill",
    "corpses": "kill",
    "injuries": "injure",
    "arrests": "detain",
    "abductions": "abduct",
}

# Action x kind of what is counted -> category (None: not a figure).
_PEOPLE = {
    "kill": "killed",
    "injure": "injured",
    "detain": "detained",
    "abduct": "abducted",
    "missing": "missing",
    "displace": "displaced",
    "destroy": "killed",
    "capture": "detained",
}
# "losses" of objects are destroyed; of people they mix dead and wounded (no category).
_OBJECTS = {"destroy": "destroyed", "capture": "captured", "lose": "destroyed"}


def category_for(action: str, counted_kind: str | None) -> str | None:
    if counted_kind == "objects":
        return _OBJECTS.get(action)
    return _PEOPLE.get(action)


# Head nouns of what is counted -> counted_kind.
COUNTED_HEADS: dict[str, str] = {}


_assign(
    COUNTED_HEADS,
    "civilians",
    "civilians civilian residents resident villagers villager children child kids "
    "women woman girls boys babies infants students pupils worshippers worshipers passengers "
    "farmers farmer herders fishermen journalists reporters medics doctors nurses patients "
    "pilgrims shoppers refugees migrants nationals workers employees teachers protesters "
    "demonstrators mourners miners traders family relatives guests spectators "
    "detainees prisoners inmates hostages volunteers humanitarians guards",
)
_assign(
    COUNTED_HEADS,
    "military",
    "soldiers soldier troops servicemen servicemembers serviceman conscripts "
    "paratroopers marines sailors airmen commandos recruits cadets sentries reservists rangers",
)
# "officers" with no force named are police officers (kinds.settle_kind reads the army's)
_assign(
    COUNTED_HEADS,
    "police",
    "policemen policeman policewomen police cops gendarmes constables patrolmen officers",
)
_assign(
    COUNTED_HEADS,
    "armed_group",
    "fighters fighter militants militant insurgents insurgent rebels rebel "
    "terrorists terrorist gunmen gunman jihadists jihadist extremists attackers assailants "
    "bombers bandits kidnappers separatists combatants operatives khawarij kharijites "
    "mercenaries mujahideen guerrillas guerrilla raiders",
)
_assign(COUNTED_HEADS, "military", "forces personnel")
_assign(
    COUNTED_HEADS,
    "unknown",
    "people persons person individuals others victims dead bodies corpses men man suspects "
    "commanders leaders foreigners",
)
_assign(
    COUNTED_HEADS,
    "objects",
    "posts post checkpoints checkpoint outposts positions bases vehicles vehicle "
    "tanks tank trucks houses homes buildings shops structures villages bridges apcs "
    "barracks camps hideouts bunkers trenches",
)

# Modifiers that set or sharpen the kind: "police officers", "army officers", "security personnel".
KIND_MODIFIERS = {
    "police": "police",
    "civilian": "civilians",
    "army": "military",
    "military": "military",
    "militia": "armed_group",
    "security": "mixed",
    "rebel": "armed_group",
    "militant": "armed_group",
    "armoured": "objects",
    "armored": "objects",
    "medical": "civilians",
    "health": "civilians",
    "aid": "civilians",
    "government": "military",
    "paramilitary": "military",
    "regime": "military",
    "opposition": "armed_group",
    "insurgent": "armed_group",
    "service": "military",
    "enforcement": "police",  # "law enforcement officers"
    "park": "civilians",  # "park rangers"
    "community": "civilians",  # "community members", "community leaders"
}
# Words of a sentence that speak of a war, an army, a police force (kinds.settle_kind).
WAR_WORDS = _words("war wars conflict insurgency insurrection uprising civil-war")
ARMY_WORDS = _words("army military soldiers soldier troops servicemen battalion brigade regiment")
POLICE_WORDS = _words("police policemen policeman constables gendarmes")

# Heads whose kind comes only from a modifier ("police officers", "army personnel").
GENERIC_HEADS = {
    "officers",
    "personnel",
    "members",
    "staff",
    "officials",
    "forces",
    "men",
    "guards",
    "rangers",
}

# What a number may count that is never a figure.
NOT_COUNTED = _words(
    """
    aircraft planes jets helicopters drones drone missiles missile rockets rocket bombs bomb
    shells mortars rounds bullets strikes strike airstrikes raids attacks attack sorties
    sites videos video countries nations times km kilometres kilometers miles metres meters
    feet yards kg tonnes tons years year months month weeks week days day hours hour minutes
    minute seconds percent per cent dollars euros pounds rupees million billion points votes
    seats pages episodes floors floor storey weapons guns rifles ammunition explosives
    targets vessels ships boats cases incidents operations explosions explosion blasts blast
    bombings
    """
)
UNIT_SUFFIXES = ("-km", "-mile", "-year", "-day", "-hour", "-month", "-week", "-metre", "-meter")

# Words between a counted noun and its harm participle: "were reportedly killed".
AUXILIARIES = _words(
    """
    were was are is be been being have has had also reportedly allegedly later all both each
    subsequently confirmed believed feared thought said reported to among then since already
    remain remains remained found
    initially now still so far who which that mostly either
    """
)

# Verbs that report a claim. Participles ("adding", "saying") continue the previous subject.
REPORTING_VERBS = _words(
    """
    said says say told tells tell claimed claims claim added add adds announced announces
    reported reports confirmed confirms stated states wrote writes posted tweeted insisted
    insists noted notes estimated estimates quoted cited acknowledged admitted disclosed
    revealed declared maintained asserted explained alleged alleges allege documented recorded
    verified
    """
)
REPORTING_PARTICIPLES = _words(
    """
    adding saying claiming confirming noting stating citing insisting announcing reporting
    explaining
    """
)

# Words that end a subject noun phrase when walking left from a reporting verb.
SUBJECT_STOPS = _words(
    """
    that which who whom when while whereas as because after before since although though if
    but or so than where then said says told what how why whether
    """
)
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
# "X based in Y": the participles that give where a speaker sits, not where an event was.
SEAT_PARTICIPLES = {"based", "headquartered", "located", "stationed"}
# "taken to Z hospital": the verbs that carry the wounded somewhere else than the event.
CARRIED_TO = {"taken", "rushed", "admitted", "brought", "transferred", "airlifted", "flown", "evacuated"}
# Adjectives news puts between "in the" and a place's name: "in the remote Kell mountains".
PLACE_ADJECTIVES = {
    "remote",
    "restive",
    "troubled",
    "volatile",
    "mountainous",
    "rugged",
    "embattled",
    "besieged",
}
# Adjectives of continents and world regions: "north African", "the Arab world" name no place.
REGION_ADJECTIVES = {"african", "arab", "asian", "european", "american", "latin", "western", "middle", "gulf"}

# Words that mark a running total rather than one event's figure.
CUMULATIVE_MARKERS = (
    "since ",  # "since the war began", "since June 3", "since 2011", "since Marovia's first strike"
    "so far this",
    "so far in",
    "to date",
    "overall",
    "this year",
    "last year",
    "cumulative",
    "tally",
    "alone",
    "over the course of",
    "over the weekend",
    "this week",
    "in a week",
    "spate of",
    "of the conflict",
    "of the war",
    "in the protests",
    "during the protests",
    "ongoing violence",
    "ongoing conflict",
    "ongoing war",
    "the war has",
    "the conflict has",
)

# Prepositions that introduce where an event happened.
PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "across", "around", "on", "along", "inside"}
# Verbs whose object is where violence struck: "explosions rocked Kabul", "shells hit Vennick".
STRUCK_PLACE_VERBS = {"rocked", "shook", "hit", "struck", "pounded", "shelled", "bombed", "stormed"}
PLACE_NOUNS = {
    "centre",
    "center",
    "hospital",
    "locality",
    "shelter",
    "market",
    "university",
    "compound",
    "province",
    "district",
    "region",
    "state",
    "city",
    "town",
    "village",
    "county",
    "governorate",
    "oblast",
    "area",
    "valley",
    "camp",
    "border",
    "territory",
    "strip",
    "tehsil",
    "division",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "prefecture",
    "department",
    "municipality",
    "airport",
    "prison",
    "hotel",
    "facility",
    "academy",
    "college",
    "zone",
}
DIRECTIONS = {
    "northern",
    "southern",
    "eastern",
    "western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
}

# Words that say what kind of event a figure belongs to (schemas.vocabularies.EVENT_TYPES),
# strongest evidence first: a suicide bombing that follows clashes is a bombing.
EVENT_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (
        "bombing",
        (
            "suicide",
            "bomber",
            "bombers",
            "bombing",
            "bombings",
            "blast",
            "blasts",
            "explosion",
            "explosions",
            "ied",
            "ieds",
            "car bomb",
            "explosive",
            "detonated",
        ),
    ),
    (
        "air_strike",
        (
            "air strike",
            "air strikes",
            "airstrike",
            "airstrikes",
            "air raid",
            "air raids",
            "drone strike",
            "drone strikes",
            "drone attack",
            "drone attacks",
            "warplanes",
            "jets",
            "bombed",
            "bombardment",
            "air-to-ground",
        ),
    ),
    (
        "shelling",
        (
            "shelling",
            "shelled",
            "artillery",
            "rocket",
            "rockets",
            "missile",
            "missiles",
            "mortar",
            "mortars",
            "shells",
        ),
    ),
    (
        "armed_clash",
        (
            "clash",
            "clashes",
            "clashed",
            "fighting",
            "gun battle",
            "gunfight",
            "firefight",
            "offensive",
            "battle",
            "ambush",
            "ambushed",
            "operation",
            "operations",
            "raid",
        ),
    ),
    ("abduction", ("abducted", "abduction", "kidnapped", "kidnapping", "hostage", "hostages")),
    (
        "arrests",
        (
            "arrested",
            "arrests",
            "detained",
            "detention",
            "custody",
            "holding centres",
            "holding centers",
            "round-up",
        ),
    ),
    (
        "displacement",
        ("displaced", "displacement", "fled", "evacuated", "deportation", "deported", "refugees"),
    ),
    (
        "attack_on_civilians",
        (
            "massacre",
            "massacred",
            "gunmen",
            "stormed",
            "attacked a village",
            "opened fire",
            "shot dead",
            "executed",
        ),
    ),
]

# Nouns of office that introduce a person speaking for an actor: "army spokesman Tomas Venn".
ROLE_NOUNS = _words(
    """
    spokesman spokeswoman spokesperson minister commander governor chief official officer
    general colonel major captain lieutenant brigadier president premier director head
    adviser advisor secretary ambassador envoy representative coordinator administrator
    mayor police-chief sheriff prosecutor director-general
    """
)

# ----- episodes: how a report moves from its event to another one -------------------------
# Sentence openings and phrases that say the text now speaks of another episode: "Elsewhere,
# ...", "In a separate attack", "Earlier this week", "A day later, another militia ...".
EPISODE_BREAKS = (
    "elsewhere",
    "separately",
    "meanwhile",
    "in a separate",
    "in another",
    "in an earlier",
    "in a previous",
    "earlier this week",
    "earlier this month",
    "earlier in the week",
    "earlier in the month",
    "last week",
    "a week ago",
    "days ago",
    "weeks ago",
    "months ago",
    "years ago",
    "days after",
    "days before",
    "weeks after",
    "weeks before",
    "the previous week",
    "the week before",
)
# Event nouns that "another" or "a separate" can introduce: "another attack".
EPISODE_NOUNS = _words(
    """
    attack attacks strike strikes airstrike airstrikes raid raids bombing bombings blast blasts
    explosion explosions clash clashes ambush assault shelling incident incidents operation
    operations offensive massacre ambushes battle battles fighting killing killings kidnapping
    abduction
    """
)
# Verbs of finding the dead after the event: "the bodies were recovered on Wednesday".
RECOVERY_VERBS = _words("found recovered retrieved pulled exhumed discovered")
# Relative days that move the episode by a day: "a day later", "the next day".
DAY_AFTER = ("a day later", "the next day", "the following day", "a day after")
DAY_BEFORE = ("a day earlier", "the previous day", "the day before", "a day before")
# Verbs that date the start of a span, not the event: "fighting that began on Thursday".
SPAN_START_VERBS = _words("began begun begin begins started starts start erupted erupts broke")
# Words that make an episode last several days: "two days of clashes", "entered its second day".
SEVERAL_DAYS = (
    "for two days",
    "for three days",
    "for four days",
    "for several days",
    "second day",
    "third day",
    "fourth day",
    "over the weekend",
    "over several days",
    "consecutive days",
)
# ... and "two days of clashes", "a three-day battle": a count of days of the fighting itself.
DAY_COUNTS = _words("two three four five six seven several")
