"""Each extraction rule shown on sentences written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.text import paragraphs
from tests.engine_helpers import BOOK, FRIDAY, figs, one, values


# ---- categories and voices -------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nine border guards were killed overnight.", ("killed", 9, 9)),
        ("The blast killed 31 worshippers.", ("killed", 31, 31)),
        ("The raid left 4 dead.", ("killed", 4, 4)),
        ("The death toll rose to 58 on Thursday.", ("killed", 58, 58)),
        ("At least 20 people died in the fire set by the militia.", ("killed", 20, None)),
        ("Forty-two students were abducted from the school.", ("abducted", 42, 42)),
        ("Police arrested 11 suspects.", ("detained", 11, 11)),
        ("Around 7,000 residents fled the shelling.", ("displaced", 7000, 7000)),
        ("Five soldiers are missing after the ambush.", ("missing", 5, 5)),
        ("The army said it destroyed four tanks.", ("destroyed", 4, 4)),
        ("Rebels seized six checkpoints.", ("captured", 6, 6)),
        ("Twelve wounded were taken to hospital.", ("injured", 12, 12)),
        ("Troops captured 15 fighters near the river.", ("detained", 15, 15)),
        ("The ministry said it had neutralised 30 terrorists.", ("killed", 30, 30)),
        ("Officers took 25 migrants into custody.", ("detained", 25, 25)),
        ("The bombing caused 13 deaths.", ("killed", 13, 13)),
        ("Officials recorded 7 fatalities after the raid.", ("killed", 7, 7)),
        ("Doctors treated 40 injuries overnight.", ("injured", 40, 40)),
    ],
)
def test_categories_from_active_passive_and_toll_forms(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The convoy travelled 120 km before the ambush.",
        "The 45-year-old commander was killed.",
        "Three drones were destroyed by air defences.",
        "The jets carried out 40 strikes overnight.",
        "Some 300 worshippers gathered at the mosque.",
        "The attack killed and wounded 30 people.",
        "In 2019 the group killed many people.",
        "The aid package is worth $400 million.",
        "A man and a woman were killed.",
    ],
)
def test_numbers_that_are_not_figures(text):
    assert figs(text) == []


def test_one_verb_shared_by_a_list():
    found = figs(
        "A spokesman said 12 soldiers were killed and 3 posts seized, while 7 fighters "
        "were killed, 10 wounded and 4 civilians injured."
    )
    got = [(f.category, f.value_low, f.counted_text, f.counted_kind) for f in found]
    assert got == [
        ("killed", 12, "soldiers", "military"),
        ("captured", 3, "posts", "objects"),
        ("killed", 7, "fighters", "armed_group"),
        ("injured", 10, "fighters", "armed_group"),
        ("injured", 4, "civilians", "civilians"),
    ]


# ---- what is counted, and whose ---------------------------------------------------------
def test_counted_side_from_demonym_and_group_name():
    f = one("Officials said 8 Pakistani soldiers were killed.")
    assert f.counted_actor_id == "pak-military" and f.counted_kind == "military"
    g = one("Officials said 20 Taliban fighters were killed.")
    assert g.counted_kind == "armed_group" and g.counted_actor_id is not None
    assert BOOK.actors[g.counted_actor_id].kind == "armed_group"


def test_civilians_have_no_side():
    assert one("Shelling killed 6 Ukrainian civilians.").counted_actor_id is None


def kinds(text: str) -> list[tuple[str, int | None, str]]:
    return [(f.category, f.value_low, f.counted_kind) for f in figs(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # displaced people are civilians, whatever noun counts them
        ("The shelling forced 9,000 people to flee their homes.", [("displaced", 9000, "civilians")]),
        # a war's running toll of people counts fighters and civilians alike
        (
            "The insurgency has killed more than 40,000 people since it began.",
            [("killed", 40001, "mixed")],
        ),
        (
            "More than 300 people have been killed in road accidents since January.",
            [("killed", 301, "unknown")],
        ),
        # "officers" with no force named are police, unless the sentence is about an army
        ("Rioters injured 14 officers outside the station.", [("injured", 14, "police")]),
        (
            "An ambush killed two officers and five soldiers.",
            [("killed", 2, "military"), ("killed", 5, "military")],
        ),
        ("Gunmen killed 3 law enforcement officers.", [("killed", 3, "police")]),
        ("Bandits killed four park rangers.", [("killed", 4, "civilians")]),
        ("The blast killed two guards at the bank.", [("killed", 2, "civilians")]),
    ],
)
def test_counted_kind_conventions(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a harm participle between the number and its noun
        ("Medics treated five wounded soldiers at the base.", [("injured", 5, "military")]),
        ("Troops said they found 48 injured police and army personnel.", [("injured", 48, "mixed")]),
        # what "of them" were, said after a copula
        (
            "Forty people were killed; 12 of them were police officers.",
            [("killed", 40, "mixed"), ("killed", 12, "police")],  # a total naming police is a mix
        ),
        ("Eighteen of the dead people were said to be constables.", [("killed", 18, "police")]),
    ],
)
def test_counted_kind_from_the_words_beside_the_number(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text, kind",
    [
        # "members of X" count what X is: an armed group, an army, a police force, a gang
        ("Sixteen members of the Islamic State were killed.", "armed_group"),
        ("Twenty members of the Nigerian army were killed.", "military"),
        ("Police killed five alleged members of the gangs.", "armed_group"),
        ("Troops killed 12 suspected militants.", "armed_group"),  # a hedge is no verb
    ],
)
def test_counted_kind_of_members_and_hedged_nouns(text, kind):
    f = one(text)
    assert f.counted_kind == kind
    assert f.claimant_text is None or f.claimant_text[0].isupper()


def test_people_mostly_of_one_kind_are_a_mix():
    assert kinds("More than 30 people, mostly civilians, were killed.") == [("killed", 31, "mixed")]
    assert kinds("Some 40 people, most of them soldiers, died.") == [("killed", 40, "mixed")]


def test_the_outlet_of_the_dateline_is_the_reports_own_voice():
    text = "KELL (Vennick News) - The toll rose to 64 on Monday, Vennick News reported."
    assert one(text).claimant_text is None
    assert one("KELL (Vennick News) - Ten soldiers died, the ministry said.").claimant_text == "the ministry"


def test_counted_kind_from_the_antecedent():
    # "others", "them" and a number with no noun take the kind of who the paragraph counted before
    text = (
        "Attackers killed one officer at the checkpoint. They also injured five others, "
        "the district chief said."
    )
    assert kinds(text) == [("killed", 1, "police"), ("injured", 5, "police")]
    text = "Villagers chased the raiders into the hills. Three of them were later found dead."
    assert kinds(text) == [("killed", 3, "armed_group")]
    text = "Troops killed six militants on Monday. Two were killed near the river, the army said."
    assert kinds(text)[-1] == ("killed", 2, "armed_group")
    # a bare "19 injured" says nothing of who was hurt
    assert kinds("The attack killed 4 soldiers. Hospitals reported 19 injured.") == [
        ("killed", 4, "military"),
        ("injured", 19, "unknown"),
    ]


# ---- who claims it ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        # a group claiming a deed reports no figure
        "Eight soldiers were killed in May in an assault claimed by a little-known militia.",
        "No one immediately claimed the attack, which killed at least 38 soldiers.",
        # a reporting participle used as an adjective is no reporting verb
        "Police arrested 46 people for alleged links to the network.",
    ],
)
def test_claims_of_deeds_and_adjectives_name_no_claimant(text):
    assert [f.claimant_text for f in figs(text)] == [None]


@pytest.mark.parametrize(
    "text, claimant, actor",
    [
        ("The bandits, according to reports, also killed three farmers.", "reports", "news-media"),
        ("Early reports said 12 people died in the fire.", "Early reports", "news-media"),
        ("Gunmen killed 12 people in the market, residents said.", "residents", "local-residents"),
        ("A witness said 30 villagers were abducted.", "A witness", "local-residents"),
        ("Pakistani police reports said 5 people died.", "Pakistani police reports", "pak-police"),
        ("Authorities claim to have killed five alleged members of the gang.", "Authorities", None),
    ],
)
def test_unnamed_sources_and_report_nouns(text, claimant, actor):
    f = one(text)
    assert f.claimant_text == claimant
    if actor is not None:
        assert f.claimant_actor_id == actor


@pytest.mark.parametrize(
    "text, claimant",
    [
        # who found or counted the harmed is the source of the count
        ("Marovian authorities recovered the bodies of 12 people from the school.", "Marovian authorities"),
        ("Reporters saw villagers carrying about 6 bodies to the mosque.", "Reporters"),
        # a relative pronoun's antecedent speaks
        (
            "Medics cited the group Lorvan Watch, which has recorded that 416 protesters were killed.",
            "the group Lorvan Watch",
        ),
    ],
)
def test_finders_and_relative_clauses_name_the_claimant(text, claimant):
    assert one(text).claimant_text == claimant


def test_bodies_found_in_the_passive_name_no_finder():
    assert one("Ten bodies were found in the village.").claimant_text is None


def test_apposition_gives_the_claimants_side():
    f = one("Amina Yusuf, a Nigerian army spokeswoman, said 14 insurgents were killed.")
    assert f.claimant_text == "Amina Yusuf" and f.claimant_actor_id == "nga-military"


def test_title_before_name():
    f = one("Israeli military spokesman Avi Cohen said 3 soldiers were wounded.")
    assert f.claimant_actor_id == "isr-military"


def test_participle_continues_the_subject():
    f = one(
        "The Afghan interior ministry said in a statement that the operation went well, adding "
        "that 9 attackers were killed."
    )
    assert f.claimant_actor_id == "afg-government"


def test_according_to():
    f = one("Eleven people were killed, according to the United Nations.")
    assert f.claimant_actor_id is not None and "united" in f.claimant_actor_id


def test_trailing_attribution_and_metonym():
    f = one("Four soldiers were killed in the clash, Islamabad said.")
    assert f.claimant_actor_id == "pak-government"


def test_coordinated_claimants_are_all_kept():
    f = one("Kyiv and the United Nations said 10 civilians were killed.")
    assert f.claimant_actor_ids[0] == "ukr-government" and len(f.claimant_actor_ids) == 2


def test_pronoun_takes_the_last_speaker():
    f = one(
        "Colonel Omar Diallo, a Malian army commander, said the base was calm.\n\n"
        "He said 5 soldiers were killed in the fighting."
    )
    assert f.claimant_actor_id == "mli-military"


def test_name_remembered_from_an_earlier_mention():
    f = figs(
        "Sudanese army spokesman Nabil Abdalla spoke on Monday.\n\nAbdalla said 40 fighters were killed."
    )[0]
    assert f.claimant_actor_id == "sdn-military"


def test_report_voice_when_nobody_is_cited():
    f = one("Fighting near the border in October killed dozens of soldiers.")
    assert f.claim_voice == "report" and f.claimant_actor_id is None
    assert (f.value_low, f.value_high, f.approx) == (24, None, True)


def test_quote_over_paragraphs_belongs_to_its_speaker():
    text = (
        "Hassan Ali, a Somali police officer, described the scene.\n\n"
        '"It was terrible," Ali said. "We counted 17 bodies.'
    )
    f = one(text)
    assert f.claimant_actor_id == "som-police" and f.category == "killed"


# ---- where, when, scope, repeats --------------------------------------------------------
def test_place_in_the_figures_own_clause():
    found = figs("The army said 3 soldiers were killed, while 8 civilians were injured in Kunar province.")
    assert (found[1].location_name, found[1].location_basis) == ("Kunar province", "sentence")
    # Another clause's place is not this figure's own; it is only where the episode is set.
    assert (found[0].location_name, found[0].location_basis) == ("Kunar province", "episode")
    coordinated = figs("Five people were killed and 12 wounded in Kunar province.")
    assert [(f.location_name, f.location_basis) for f in coordinated] == [("Kunar province", "sentence")] * 2


def test_place_names_with_particles_titles_and_possessives():
    # a lowercase particle inside a name is part of it
    assert one("Nine men were killed in Vila do Marco, police said.").location_name == "Vila do Marco"
    # the town a mayor governs is a place
    f = one("Four people were killed in the raid, Dorvan-Kell Mayor Ines Faro said.")
    assert f.location_name == "Dorvan-Kell"
    # a country owning no place ("its modern history") sets nothing; one owning a region does
    assert one("The attack, the deadliest in Chad's modern history, killed 40.").location_name is None
    f = one("The toll in Marovia's coastal region rose to 40 dead.")
    assert f.location_name == "Marovia's coastal region"
    # a plural of initials is no place name
    assert one("Gunmen abducted 12 people in IDPs' camps on Monday.").location_name is None


def test_the_place_violence_struck_and_the_episodes_site_over_the_paragraphs_city():
    assert one("Two explosions rocked Vennick on Tuesday, killing 9 people.").location_name == "Vennick"
    text = (
        "Gunmen stormed the Pellin Military hospital on Tuesday.\n\n"
        "Explosions were heard across Vennick. Officials said 12 people were killed."
    )
    f = one(text)
    assert (f.location_name, f.location_basis) == ("Pellin Military hospital", "episode")


def test_a_site_beats_the_city_that_owns_it():
    text = (
        "Gunmen attacked Vennick's main airport on Tuesday, killing 14 people.\n\n"
        "The assailants arrived at the Dorra Hotel next to it."
    )
    assert one(text).location_name == "Vennick's main airport"


def test_a_site_named_by_its_noun_alone_only_where_no_place_is_named():
    assert one("The blasts at the airport killed 25 people.").location_name == "the airport"
    f = one("Two guards were killed outside the school, Vennick Mayor Ann Roe said.")
    assert f.location_name == "Vennick"


def test_the_capital_of_a_named_city_is_that_city():
    f = one("A blast in Marovia's northwest provincial capital of Vennick killed 47 people.")
    assert f.location_name == "capital of Vennick"


def test_an_office_called_a_department_is_no_place():
    f = one("The Health Services department said 25 people were killed in Dorn province.")
    assert f.location_name == "Dorn province"
    assert one("The Health Services department said 25 people were killed.").location_name is None


def test_holidays_are_days_and_academies_and_zones_are_places():
    assert one("Bombs killed 40 people on Easter Sunday in Vennick.").location_name == "Vennick"
    f = one("A drone hit the Kell Military Academy, killing 9 cadets.")
    assert f.location_name == "Kell Military Academy"
    assert one("Gunmen killed 30 people in the Dorn zone on Saturday.").location_name == "Dorn zone"


def test_the_country_a_speaker_was_in_is_not_the_events():
    f = one("President Ann Roe, who was holding talks in Russia at the time, said 4 people were killed.")
    assert f.location_name is None
    text = "A survivor, who is a resident of the Dorn area where the attack took place, said 30 were killed."
    assert one(text).location_name == "Dorn area"


@pytest.mark.parametrize(
    "where",
    [
        "on the outskirts of Vennick",
        "30 km from Vennick",
        "20 miles east of Vennick",
        "along the Vennick road",
    ],
)
def test_places_relative_to_a_named_one(where):
    assert one(f"A roadside bomb killed 6 soldiers {where}.").location_name.startswith("Vennick")


def test_camps_of_a_group_are_not_a_place_named_after_it():
    f = one("Air strikes on camps of Harl Dawa in eastern Chad killed 13 civilians.")
    assert f.location_name == "eastern Chad"


def test_a_toll_that_has_grown_over_protests_is_a_running_total():
    assert one("Rights groups said 216 protesters have been killed.").scope == "cumulative"
    assert one("In the crackdown, 40 people have been detained, the group said.").scope == "cumulative"
    assert one("Police shot dead 4 protesters on Friday.").scope == "incident"


def test_a_range_of_people_is_not_a_span_of_days():
    assert one("Between 25 and 30 gunmen stormed the camp and killed 6 guards.").scope == "incident"
    assert one("Between March 3 and 5, 40 people were killed.").scope == "cumulative"


def test_the_parts_of_a_running_total_are_running_totals_too():
    text = (
        "Police detained 17 militants in raids last week, the ministry said on Monday.\n\n"
        "Of the 17 militants, 11 were captured, while six surrendered.\n\n"
        "Forces carried out 700 operations between Jan. 1 and 7.\n\n"
        "During the operations, 112 suspects were arrested. Police also arrested 46 others."
    )
    found = figs(text)
    assert [f.value_low for f in found] == [17, 11, 6, 112, 46]
    assert {f.scope for f in found} == {"cumulative"}
    assert {f.episode for f in found} == {None}
    # the breakdown of a total is dated as its total, by the week's month
    assert [f.event_date for f in found[:3]] == [dt.date(2025, 3, 1)] * 3


def test_today_in_a_quotation_is_the_speakers_day_not_the_reports():
    text = (
        '"Six guards were killed in today\'s attack," the governor said.\n\n'
        "Gunmen attacked the prison on the evening of March 13."
    )
    assert one(text).event_date == dt.date(2025, 3, 13)
    assert one("Six guards were killed in an attack today, the governor said.").event_date == FRIDAY


def test_a_toll_until_a_day_spans_several_days():
    f = one("Clashes in the hills left four people dead until Friday afternoon, officials said.")
    assert (f.event_date, f.date_basis) == (None, "several_days")


def test_the_year_a_war_began_dates_no_running_total():
    f = one("The insurgency, which erupted in northern Marovia in 2009, has killed 40,000 people.")
    assert (f.event_date, f.scope) == (None, "cumulative")  # a war's toll since then
    # fighting that broke out on a day is dated by it
    assert one("Fighting broke out on Tuesday, killing 12 people.").event_date == dt.date(2025, 3, 11)


def test_event_date_resolved_against_publication_date():
    assert one("On Tuesday, 6 police officers were killed.").event_date == dt.date(2025, 3, 11)
    f = one("Clashes in October killed 30 soldiers.")
    assert (f.event_date, f.date_precision) == (dt.date(2024, 10, 1), "month")
    assert one("Gunmen killed 8 farmers on March 2.").event_date == dt.date(2025, 3, 2)


def test_abbreviated_months_with_a_period():
    assert one("Gunmen killed 8 farmers on Jan. 5.").event_date == dt.date(2025, 1, 5)
    f = one("Gunmen killed 8 farmers on Sept. 3, 2023.")
    assert (f.event_date, f.date_precision) == (dt.date(2023, 9, 3), "day")


@pytest.mark.parametrize(
    "when, expected",
    [
        ("last night", (dt.date(2025, 3, 13), "day")),
        ("this morning", (FRIDAY, "day")),
        ("two days ago", (dt.date(2025, 3, 12), "day")),
        ("on the 5th of March", (dt.date(2025, 3, 5), "day")),
        ("on Tuesday last week", (dt.date(2025, 3, 4), "day")),
        ("in mid-February", (dt.date(2025, 2, 1), "month")),
    ],
)
def test_relative_and_spelled_out_days(when, expected):
    f = one(f"Gunmen killed 8 farmers {when}.")
    assert (f.event_date, f.date_precision) == expected


def test_the_day_of_a_statement_is_not_the_event_date():
    assert one("The army said on Thursday that 6 militants were killed.").event_date is None


def test_the_day_a_named_broadcaster_announced_is_not_the_event_date():
    text = (
        "Clan fighting left 31 villagers dead, announced the Kell Broadcasting "
        "Corporation (KBC) on Thursday. Police said the violence took place on Wednesday."
    )
    assert one(text).event_date == dt.date(2025, 3, 12)


def test_a_day_right_before_a_reporting_verb_is_the_statements():
    assert one("Hospital officials yesterday confirmed that 2 guards had died.").event_date is None


def test_cumulative_scope():
    assert one("Since the war began, 4,000 civilians have been killed.").scope == "cumulative"
    assert one("The strike killed 4 civilians.").scope == "incident"


def test_a_repeated_claim_is_one_figure():
    text = (
        "Seven soldiers were killed in the attack.\n\n"
        "The defence ministry of Chad said seven soldiers were killed in the attack."
    )
    f = one(text)
    assert f.claimant_actor_id == "tcd-government" and f.char_start == 0


def test_a_repeat_that_only_adds_a_bound_word_is_the_same_claim():
    text = "Nine Civilians Killed In Raid\n\nAt least nine civilians have been killed, the UN mission said."
    f = one(text)
    assert (f.value_low, f.value_high, f.char_start) == (9, 9, 0)  # the first mention's bounds
    assert f.claimant_text == "the UN mission"
    # a vague word is another estimate, not a bound: "around 200" and "hundreds" stay two
    text = "Around 200 were injured, medics said.\n\nHundreds were injured, the monitor said."
    assert [(f.value_low, f.value_high) for f in figs(text)] == [(200, 200), (200, None)]


def test_two_unnamed_residents_are_two_claimants():
    text = (
        "Gunmen killed at least 260 civilians, two residents said.\n\n"
        "The number of the killed is 260, one of the residents told reporters."
    )
    assert len(figs(text)) == 2


def test_quotes_slice_the_body():
    text = "Amina Yusuf, a Nigerian army spokeswoman, said 14 insurgents were killed and 2 soldiers wounded."
    for f in figs(text):
        assert text[f.char_start : f.char_end] == f.quote


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The monitor said 90 civilians were killed: 50 in Kell, 30 in Dorn "
            "and 10 in the province of Varda.",
            [
                (90, "90 civilians were killed"),
                (50, "50 in Kell"),
                (30, "30 in Dorn"),
                (10, "10 in the province of Varda"),
            ],
        ),
        (
            "Of the total, five were killed in Kell, two in Dorn (north) and one in Varda (west).",
            [(5, "five were killed"), (2, "two in Dorn (north)"), (1, "one in Varda (west)")],
        ),
        ("The death toll includes 40 in Kell and 12 in Dorn.", [(40, "40 in Kell"), (12, "12 in Dorn")]),
    ],
)
def test_a_totals_parts_by_place(text, expected):
    found = figs(text)
    assert [(f.value_low, f.quote) for f in found] == expected
    assert {f.category for f in found} == {"killed"}


def test_a_number_in_a_place_without_a_total_is_no_figure():
    assert figs("He said 27 in Kabul voted for the plan.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of refugees in the town will have to flee.",  # a modal: not yet happened
        "Officials fear 20 more could be killed.",
        "Rebels seized 3 towns in the north.",  # places are not counted objects
    ],
)
def test_what_may_happen_and_places_are_no_figures(text):
    assert figs(text) == []


def test_a_count_of_places_is_not_a_toll():
    assert values("Clashes in two hill districts left four people dead.") == [("killed", 4, 4)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The war has lasted decades and caused several thousand deaths.", [("killed", 3000, None)]),
        ("Several hundred people fled the shelling.", [("displaced", 300, None)]),
        ("The clashes resulted in injuries to 21 police officers.", [("injured", 21, 21)]),
        ("Nine suspected gang members have been detained.", [("detained", 9, 9)]),
        (
            "Gunmen shot dead two drivers and took three others hostage.",
            [("killed", 2, 2), ("abducted", 3, 3)],
        ),
    ],
)
def test_vague_scales_harm_nouns_with_to_and_verbs_between_list_members(text, expected):
    assert values(text) == expected


def test_according_to_him_is_the_last_speaker():
    text = (
        "Dara Venn, a local lawmaker, said the attacks went on all week. "
        "According to him, over 14 people were killed in the last four days."
    )
    assert one(text).claimant_text == "Dara Venn"


def test_a_declared_act_is_no_report_and_headline_finders_speak():
    text = "Kellan has declared a state of emergency. Eight soldiers were killed in May."
    assert one(text).claimant_text is None
    assert one("Police recover 7 bodies near Dorn").claimant_text == "Police"


def test_what_a_side_lost_is_killed_or_destroyed():
    found = figs(
        "The Kell Front lost more than 300 fighters, 12 tanks and three armored personnel carriers, "
        "the army said."
    )
    assert [(f.category, f.value_low, f.counted_kind) for f in found] == [
        ("killed", 301, "armed_group"),
        ("destroyed", 12, "objects"),
        ("destroyed", 3, "objects"),
    ]
    eliminated = figs("The army said it eliminated 40 fighters and 6 tanks near Dorn.")
    assert [(f.category, f.value_low) for f in eliminated] == [("killed", 40), ("destroyed", 6)]


def test_an_unattributed_headline_is_the_bodys_claim():
    found = figs(
        "At least 20 Marovian troops killed in border attack\n\n"
        "Gunmen attacked two posts near Dorn on Friday. More than 20 soldiers were killed and "
        "eight wounded, the Defence Ministry said."
    )
    assert [(f.category, f.value_low, f.claimant_text) for f in found] == [
        ("killed", 20, "the Defence Ministry"),
        ("killed", 21, "the Defence Ministry"),
        ("injured", 8, "the Defence Ministry"),
    ]
    # the repeat of a headline's number says whom it counts, and is the same claim
    repeat = figs(
        "More than 100 villagers killed in Kell raid\n\n"
        "More than 100 villagers and soldiers were killed in the raid, a Kell official said."
    )
    assert [(f.value_low, f.counted_kind, f.claimant_text) for f in repeat] == [
        (101, "mixed", "a Kell official")
    ]
    # a first paragraph that is a sentence is the lede, not a headline
    lede = figs("Twenty villagers were killed in Kell.\n\nFive soldiers were wounded, the army said.")
    assert [f.claimant_text for f in lede] == [None, "the army"]


def test_a_sum_is_a_running_total_and_its_first_mention_too():
    found = figs(
        "The army said it had killed 900 fighters during operations in Kell. "
        '"In total, the enemy lost 900 fighters and 30 tanks," the army said. '
        "Over the past 24 hours, the enemy lost 40 fighters, the army said."
    )
    scopes = [(f.value_low, f.scope) for f in found]
    assert scopes == [(900, "cumulative"), (30, "cumulative"), (40, "incident")]


def test_a_total_that_includes_armed_people_counts_a_mix():
    found = figs("The blast killed 44 worshippers and injured more than 157 others, including policemen.")
    assert [(f.value_low, f.counted_kind) for f in found] == [(44, "civilians"), (158, "mixed")]
    listed = figs("At least ten people, including the driver and eight soldiers, were killed.")
    assert [(f.value_low, f.counted_kind) for f in listed] == [(10, "mixed"), (8, "military")]
    assert listed[1].quote == "eight soldiers"  # a later member of the list quotes itself
    civilians_only = figs("Five people, including a child and two women, were killed.")
    assert [(f.value_low, f.counted_kind) for f in civilians_only] == [(5, "unknown"), (2, "civilians")]
    # a later clause's police are not in the total
    later = figs("The toll rose to 290, including dozens of pilgrims, as police made arrests.")
    assert [f.counted_kind for f in later] == ["unknown", "civilians"]


def test_the_side_that_lost_them_owns_them():
    said = ", the Kenyan Defence Ministry said."
    found = figs("Over the past day, Somalia lost 40 soldiers and 12 tanks" + said)
    assert [(f.category, f.counted_actor_id) for f in found] == [
        ("killed", "som-military"),
        ("destroyed", "som-military"),
    ]
    # "the enemy" of a state is the other country the report names
    setting = "Kenyan troops fought Somali forces, officials said. "
    enemy = figs(setting + "The enemy lost 40 soldiers and 12 tanks" + said)
    assert [f.counted_actor_id for f in enemy] == ["som-military", "som-military"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first object with no number, the number joined after it
        ("Gunmen killed a policeman and two civilians in Kell.", [("killed", 2, "civilians")]),
        ("Gunmen abducted the village head, and about 50 others.", [("abducted", 50, "unknown")]),
        # hearsay in the passive
        ("Seven police officers are also said to have been killed.", [("killed", 7, "police")]),
        # a frame of any harm
        ("Among those missing are 14 soldiers.", [("missing", 14, "military")]),
        # a phrasal harm, and the same words as a way out
        ("Not less than 20 fighters were taken out during the strike.", [("killed", 20, "armed_group")]),
        ("Rescuers said 40 people were taken out of the burning building.", []),
        # the doers of a harm are not its victims
        ("Dozens of Kell inmates rioted and killed two guards.", [("killed", 2, "civilians")]),
    ],
)
def test_harm_forms_around_lists_and_hearsay(text, expected):
    assert [(f.category, f.value_low, f.counted_kind) for f in figs(text)] == expected
    assert all(f.claim_voice == "report" for f in figs(text))


def test_how_a_statement_was_made_is_not_who_made_it():
    f = one("Maro Kell, head of the press office, in a statement said 20 fighters were killed.")
    assert f.claimant_text == "Maro Kell"


def test_a_revised_toll_gives_both_its_numbers():
    assert values("The ministry said the death toll rose from 12 to 15.") == [
        ("killed", 12, 12),
        ("killed", 15, 15),
    ]
    assert values("The army revised the death toll from 359 to 253.") == [
        ("killed", 359, 359),
        ("killed", 253, 253),
    ]
    assert values("Between 10 and 15 people were killed.") == [("killed", 10, 15)]
    found = figs("Kell health officials gave varying estimates, from at least 40 dead to more than 70.")
    assert [(f.value_low, f.claimant_text) for f in found] == [
        (40, "Kell health officials"),
        (71, "Kell health officials"),
    ]


def test_a_paragraph_break_inside_a_sentence_is_no_break():
    found = figs(
        "Kell health officials gave varying estimates of the toll at\n\nthe airport, at least 30 dead."
    )
    assert [(f.value_low, f.claimant_text) for f in found] == [(30, "Kell health officials")]
    body = "Twenty killed in Kell\n\nThe army said on Friday that twenty were killed."
    assert len(paragraphs(body)) == 2  # a headline ends with no stop, and a capital opens the lede


def test_a_sentence_that_points_back_breaks_down_the_figure_before():
    found = figs("Thirty people were killed, the ministry said. Among them are three boys.")
    assert [(f.value_low, f.counted_kind, f.claimant_text) for f in found] == [
        (30, "unknown", "the ministry"),
        (3, "civilians", "the ministry"),
    ]
    included = figs("At least 17 people were killed. The dead included three students.")
    assert [(f.category, f.value_low) for f in included] == [("killed", 17), ("killed", 3)]
    # with no figure before it, a number with people is no figure
    assert figs("Among them are three boys.") == []


def test_parts_by_place_after_a_quoted_harm_word():
    found = figs("Of the total, five were “murdered” in Kell, two in Dorn (north) and one in Varda (west).")
    assert [(f.value_low, f.location_name) for f in found] == [(5, "Kell"), (2, "Dorn"), (1, "Varda")]


def test_the_parts_of_a_total_are_its_claimants():
    found = figs(
        "A total of 11 people have died, according to the rights group Kell Watch.\n\n"
        "Of the total, five were killed in Dorn and six in Varda."
    )
    assert [(f.value_low, f.claimant_text) for f in found] == [
        (11, "the rights group Kell Watch"),
        (5, "the rights group Kell Watch"),
        (6, "the rights group Kell Watch"),
    ]


def test_a_toll_of_named_people_counts_them():
    f = one("The number of civilians massacred on Saturday in Kell is well over 200.")
    assert (f.value_low, f.counted_kind) == (201, "civilians")
    assert one("The number of soldiers killed has risen to 40.").counted_kind == "military"
    assert one("The number of people detained reached 2,369.").counted_kind == "unknown"


def test_the_name_set_off_after_an_office_is_the_speaker():
    found = figs(
        "Spokesman of the Kell Peoples Union, KPU, Maro Vennick, in a statement on Tuesday, named the "
        "villages, adding that 12 people were killed. The statement further said 16 were killed in Dorn."
    )
    assert [f.claimant_text for f in found] == ["Maro Vennick", "Maro Vennick"]


def test_them_and_bare_parts_take_their_antecedents_kind():
    parts = figs("Of the 17 fighters, 11 were captured, while six surrendered to the army.")
    assert [(f.value_low, f.counted_kind) for f in parts] == [
        (17, "armed_group"),
        (11, "armed_group"),
        (6, "armed_group"),
    ]
    # "them" opening a paragraph points into the paragraph before; a part is no repeat
    across = figs("Police said two militants were killed in Kell.\n\nTwo of them died in the attack on Dorn.")
    assert [(f.value_low, f.counted_kind) for f in across] == [(2, "armed_group"), (2, "armed_group")]
    assert [f.counted_kind for f in figs("Gunmen attacked the post. Two of them died.")] == ["armed_group"]


def test_the_victims_are_the_people_told_before():
    found = figs(
        "Attacks in three towns left 158 civilians dead, the monitor said.\n\n"
        "According to the monitor, the victims were distributed as follows: 49 deaths in Kell, "
        "25 in Dorn and 84 in Varda."
    )
    assert [f.counted_kind for f in found] == ["civilians"] * 4
    # with no people told before, the victims are of no known kind
    alone = figs("According to the monitor, the victims were distributed as follows: 49 deaths in Kell.")
    assert [f.counted_kind for f in alone] == ["unknown"]


def test_victims_mostly_of_one_kind_were_a_mix():
    found = figs(
        "Clashes at the border killed 24 citizens and injured another 103, the health minister said. "
        "The security chief announced that the victims are mostly military."
    )
    assert [f.counted_kind for f in found] == ["mixed", "mixed"]
    origin = figs(
        "Shelling killed 10 people, the ministry said. Those killed were mostly foreign nationals, it said."
    )
    assert [f.counted_kind for f in origin] == ["unknown"]


def test_a_total_broken_down_later_into_armed_parts_counted_a_mix():
    found = figs(
        "The blast killed 44 worshippers and injured 150 others, the hospital said. "
        "Twenty-seven of the dead were policemen."
    )
    assert [(f.value_low, f.counted_kind) for f in found] == [
        (44, "mixed"),
        (150, "civilians"),
        (27, "police"),
    ]
    # another source's breakdown is its own claim
    other = figs(
        "The ministry said three people were killed in the strike. "
        "A source close to the Kell Front said one of the dead was a fighter."
    )
    assert other[0].counted_kind == "unknown"


def test_and_said_shares_the_sentences_own_subject():
    found = figs(
        "Kerry said the vote was wrong. Police spokesperson Maro Kell rejected the claim, "
        "and said 15 police were wounded by a grenade."
    )
    assert [f.claimant_text for f in found] == ["Police spokesperson Maro Kell"]
    carried = figs("The army said five were killed. It rejected the claim and said 3 soldiers were wounded.")
    assert [f.claimant_text for f in carried] == ["The army", "The army"]


def test_a_lede_toll_is_the_claim_of_the_sentence_that_restates_it():
    found = figs(
        "The death toll from the blast at the Kell mosque rose to 47.\n\n"
        "Maro Vennick, a hospital spokesman, said the death toll rose after some of the wounded died."
    )
    assert [(f.value_low, f.claimant_text) for f in found] == [(47, "Maro Vennick")]
    unrelated = figs("Gunmen killed 12 villagers in Kell.\n\nMaro Vennick said the army would send troops.")
    assert [f.claimant_text for f in unrelated] == [None]


def test_another_speaker_in_a_parallel_clause():
    found = figs("One villager reported there were 150 people killed, while a second said there were 210.")
    assert [(f.value_low, f.claimant_text, f.claimant_actor_id) for f in found] == [
        (150, "One villager", "local-residents"),
        (210, "a second", "local-residents"),
    ]
    assert [f.value_low for f in figs("Police said 12 were killed and officials said 30 were seen.")] == [12]


def test_lists_the_parse_links_singular_harm_nouns_and_dashed_asides():
    # the parse links the first member; the others are listed with it
    found = figs(
        "“Near Kell, more than 220 servicemen, an armoured vehicle, 3 tanks, 7 vehicles, as well as a "
        "howitzer were destroyed during the day,” the ministry said."
    )
    assert [(f.category, f.value_low) for f in found] == [("killed", 221), ("destroyed", 3), ("destroyed", 7)]
    assert values("Officials confirmed only one fatality.") == [("killed", 1, 1)]
    # the members named in a dashed aside are the figure again
    aside = figs("The minister confirmed that three assailants - two men and one woman - were killed.")
    assert [f.value_low for f in aside] == [3]


def test_people_killed_in_an_attack_on_named_civilians_are_civilians():
    assert (
        one("Nine people died when attackers opened fire on villagers in Kell.").counted_kind == "civilians"
    )
    assert one("Twelve people died when gunmen attacked the army base.").counted_kind == "unknown"
