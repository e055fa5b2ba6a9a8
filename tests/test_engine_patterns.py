"""The extraction patterns added to the engine, each shown on sentences written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.engine_helpers import figs, one, values

# A paragraph that makes Somalia the report's country (sentences need a number to be surveyed).
SOMALIA_SETTING = "Somalia has endured 3 decades of conflict, and Somalia's neighbours have sent troops.\n\n"


def kinds(text: str):
    return [(f.category, f.value_low, f.counted_kind) for f in figs(text)]


# ---- 1. a breakdown shares the harm of the figure it breaks down ------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "At least 40 people, including 9 children and 6 women, were killed in the raid on Korvel.",
            [("killed", 40, None, "unknown"), ("killed", 9, 9, "civilians"), ("killed", 6, 6, "civilians")],
        ),
        (
            "The gunmen shot dead two guards and wounded another 17 people, including four children.",
            [("killed", 2, 2, "civilians"), ("injured", 17, 17, "unknown"), ("injured", 4, 4, "civilians")],
        ),
        (
            "Seven were hurt, among them two medics.",
            [("injured", 7, 7, "unknown"), ("injured", 2, 2, "civilians")],
        ),
        (
            "Five people died in the blaze, one of them a child.",
            [("killed", 5, 5, "unknown"), ("killed", 1, 1, "civilians")],
        ),
        (
            "Five people died in the blaze, one of them a nurse.",
            [("killed", 5, 5, "unknown"), ("killed", 1, 1, "civilians")],
        ),
    ],
)
def test_breakdowns_share_the_harm(text, expected):
    assert [(f.category, f.value_low, f.value_high, f.counted_kind) for f in figs(text)] == expected


def test_a_breakdown_quote_starts_at_its_marker():
    found = figs("Seven were hurt, among them two medics.")
    assert found[1].quote == "among them two medics"


# ---- 2. lists ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The commander said 31 rebels and 12 soldiers had been killed in the fighting.",
            [("killed", 31, "armed_group"), ("killed", 12, "military")],
        ),
        (
            "The ambush left four police officers and 9 gunmen dead.",
            [("killed", 4, "police"), ("killed", 9, "armed_group")],
        ),
        (
            "The ministry said its forces destroyed 200 troops and 6 tanks.",
            [("killed", 200, "military"), ("destroyed", 6, "objects")],
        ),
    ],
)
def test_list_members_share_the_verb(text, expected):
    assert kinds(text) == expected


def test_list_members_on_different_days():
    found = figs("Officials reported three deaths on Monday and four more on Tuesday.")
    assert [(f.category, f.value_low) for f in found] == [("killed", 3), ("killed", 4)]
    assert [f.event_date for f in found] == [dt.date(2025, 3, 10), dt.date(2025, 3, 11)]
    later = figs("The clinic counted 11 injured on Saturday, followed by 5 on Sunday.")
    assert [(f.category, f.value_low) for f in later] == [("injured", 11), ("injured", 5)]
    assert later[1].quote == "followed by 5"


# ---- 3. frames --------------------------------------------------------------------------
def test_among_the_dead_frames_a_list():
    assert kinds("Among the dead were 14 soldiers, 3 police officers and 8 civilians.") == [
        ("killed", 14, "military"),
        ("killed", 3, "police"),
        ("killed", 8, "civilians"),
    ]


def test_of_the_total_death_toll_breaks_down_the_figure_before():
    text = (
        "The bombardment killed 95 people in Ostrava Heights.\n\nOf the total death toll, 70 were children."
    )
    assert kinds(text) == [("killed", 95, "unknown"), ("killed", 70, "civilians")]


def test_among_the_people_killed():
    assert kinds("Four medics were among the 23 people killed in the strike.") == [
        ("killed", 4, "civilians"),
        ("killed", 23, "unknown"),
    ]


def test_losses_of_objects_are_destroyed():
    assert kinds("Losses included 12 tanks and 30 armoured vehicles.") == [
        ("destroyed", 12, "objects"),
        ("destroyed", 30, "objects"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels said the army suffered losses of 400 soldiers.",
        "The army's losses included 400 soldiers.",
    ],
)
def test_losses_of_people_are_not_a_death_toll(text):
    assert not [f for f in figs(text) if f.category == "killed"]


# ---- 4. harm forms ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Eleven personnel of the Northern Frontier Corps and the Rural Constabulary (NFRC) "
            "were martyred in the ambush.",
            ("killed", 11, 11),
        ),
        (  # "members" is no counted noun of the word rules: the parse links it
            "Eleven members of the Northern Frontier Corps and the Rural Constabulary (NFRC) "
            "were martyred in the ambush.",
            ("killed", 11, 11),
        ),
        ('Six villagers were "brutally murdered" by the raiders.', ("killed", 6, 6)),
        ("Eight guards were [reportedly] killed at the depot.", ("killed", 8, 8)),
        ("Fourteen fishermen remain missing after the gunfire at sea.", ("missing", 14, 14)),
        ("Two passengers were in critical condition after the bus was hit.", ("injured", 2, 2)),
        ("Eleven people were taken to two district hospitals.", ("injured", 11, 11)),
        ("The union condemned the deaths of 16 miners.", ("killed", 16, 16)),
        ("The charity denounced the abduction of three aid workers.", ("abducted", 3, 3)),
        ("The death from the bombing has risen to 21.", ("killed", 21, 21)),
        ("Commandos eliminated all six attackers.", ("killed", 6, 6)),
        ("The gunmen took away the four hostages.", ("abducted", 4, 4)),
        ("Five guards where killed in the raid.", ("killed", 5, 5)),
    ],
)
def test_harm_forms(text, expected):
    assert values(text) == [expected]


def test_quote_marks_and_brackets_stay_in_the_quote():
    assert (
        one("Eight guards were [reportedly] killed at the depot.").quote
        == "Eight guards were [reportedly] killed"
    )


def test_fate_unknown_is_missing():
    f = one("The fate of a dozen sailors is unknown.")
    assert (f.category, f.value_low, f.value_high, f.approx) == ("missing", 12, 12, True)
    assert f.counted_kind == "military"


def test_lives_claimed_by_a_war_are_a_running_total():
    f = one("The war has claimed some 9,000 lives.")
    assert (f.category, f.value_low, f.approx, f.scope) == ("killed", 9000, True, "cumulative")


def test_number_of_dead_in_the_thousands():
    f = one("Local officials put the number of dead in the thousands.")
    assert (f.category, f.value_low, f.value_high, f.approx) == ("killed", 2000, None, True)
    assert f.claimant_text == "Local officials"


def test_an_adverb_is_not_a_cumulative_marker():
    assert one("Six villagers were brutally murdered.").scope == "incident"


# ---- 5. quantities ----------------------------------------------------------------------
def test_a_million_is_exact():
    f = one("Aid agencies say a million people have fled the fighting.")
    assert (f.category, f.value_low, f.value_high, f.approx) == ("displaced", 1_000_000, 1_000_000, False)
    g = one("The agency said more than a million people were displaced.")
    assert (g.value_low, g.value_high) == (1_000_001, None)


@pytest.mark.parametrize(
    "text",
    ["Two T-72 tanks were destroyed near the bridge.", "The army said it destroyed two T-72 tanks."],
)
def test_a_model_designation_is_not_a_count(text):
    assert values(text) == [("destroyed", 2, 2)]


# ---- 6. not figures ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The shelling killed and wounded several people in the market.",
        "Several buildings were damaged in the blast.",
        "Twelve houses were damaged in the blast.",
    ],
)
def test_not_figures(text):
    assert figs(text) == []


def test_ages_after_names_are_not_figures():
    found = figs("Gunmen took away the two boys, Karim, 14, and Yusuf, 12, from the farm.")
    assert [(f.category, f.value_low, f.counted_kind) for f in found] == [("abducted", 2, "civilians")]
    assert not {14, 12} & {f.value_low for f in found}


# ---- 7. repeats -------------------------------------------------------------------------
def test_a_lede_repeated_by_the_named_ministry_is_one_figure():
    text = (
        "Twelve soldiers were killed in an attack on a border post, the ministry said.\n\n"
        "The Malian Defence Ministry said in a statement that twelve soldiers were "
        "killed on Thursday in the attack near Gao."
    )
    f = one(text)
    assert f.char_start == 0 and f.claimant_actor_id == "mli-government"
    # the repeat's own place and date are kept
    assert (f.location_name, f.location_basis) == ("Gao", "sentence")
    assert (f.event_date, f.date_basis) == (dt.date(2025, 3, 13), "sentence")


def test_a_report_lede_and_a_cited_count_of_something_else_stay_two():
    text = (
        "Fifteen people were killed in the attack on the market.\n\n"
        "The governor said 15 soldiers were killed in the attack."
    )
    found = figs(text)
    assert [(f.claim_voice, f.counted_kind) for f in found] == [("report", "unknown"), ("cited", "military")]


# ---- 8. claimants -----------------------------------------------------------------------
def test_however_between_subject_and_verb():
    f = one("Idris Banda, however, said 8 soldiers were killed in the raid.")
    assert f.claimant_text == "Idris Banda" and f.claim_voice == "cited"


def test_parentheses_in_the_subject():
    f = one("The Highland Rights Monitoring Network (HRMN) said 27 civilians were killed in the shelling.")
    assert "Highland Rights Monitoring Network" in f.claimant_text


@pytest.mark.parametrize(
    "text",
    [
        "The Centre for Displacement Studies, based in Geneva, said 4,000 people fled the district.",
        "The Centre for Displacement Studies based in Geneva said 4,000 people fled the district.",
    ],
)
def test_a_speakers_seat_is_neither_speaker_nor_place(text):
    f = one(text)
    assert f.claimant_text == "The Centre for Displacement Studies"
    assert f.location_name != "Geneva"


def test_participle_takes_the_sentence_subject():
    f = one(
        "Maria Ortiz, a member of the regional council, gave a higher toll, saying 20 soldiers were killed."
    )
    assert f.claimant_text == "Maria Ortiz" and (f.category, f.value_low) == ("killed", 20)


def test_put_the_death_toll_at():
    f = one("Hospital officials put the death toll at 10.")
    assert f.claimant_text == "Hospital officials" and (f.category, f.value_low) == ("killed", 10)


def test_documented():
    f = one("The monitoring group documented 33 deaths in the province.")
    assert f.claimant_text == "The monitoring group" and (f.category, f.value_low) == ("killed", 33)


def test_the_ministry_refers_back_to_the_named_ministry():
    # The report is set in Somalia: without the antecedent "the ministry" would be Somalia's.
    text = SOMALIA_SETTING + (
        "The Kenyan Defence Ministry said 5 soldiers were killed near the frontier.\n\n"
        '"Seventeen militants were neutralised during the counter-attack," the ministry said.'
    )
    first, second = figs(text)
    assert first.claimant_actor_id == "ken-government"
    assert second.claimant_text == "the ministry" and second.claimant_actor_id == "ken-government"


def test_the_ministry_without_antecedent_is_the_report_countrys():
    f = one(SOMALIA_SETTING + '"Seventeen militants were neutralised," the ministry said.')
    assert f.claimant_actor_id == "som-government"


def test_an_unnamed_office_belongs_to_the_report_country():
    text = (
        "Fighting flared again in eastern Chad this week, and Chad has reinforced 4 garrisons.\n\n"
        "A local health official said 14 people were killed in the raid on the village."
    )
    f = one(text)
    assert f.claimant_actor_id == "tcd-health-ministry"


def test_confirmed_as_in_the_passive_is_not_an_attribution():
    found = figs("Nineteen bodies were recovered, and 12 were confirmed as soldiers.")
    assert [(f.category, f.value_low, f.counted_kind) for f in found] == [
        ("killed", 19, "mixed"),
        ("killed", 12, "military"),
    ]
    assert all(f.claim_voice == "report" and f.claimant_text is None for f in found)


# ---- 9. setting: place, date, scope ------------------------------------------------------
def test_place_from_the_paragraph():
    f = one(
        "Militants stormed three checkpoints in Kandar district overnight. Officials said 6 policemen died."
    )
    assert (f.location_name, f.location_basis) == ("Kandar district", "paragraph")


@pytest.mark.parametrize(
    "lede",
    [
        "Gunmen attacked villages in Lower Vasko province on Sunday, killing 23 people, officials said.",
        "Gunmen killed 23 people in Lower Vasko province on Sunday, officials said.",
    ],
)
def test_place_refined_by_the_episode(lede):
    text = lede + "\n\nResidents said the fighting erupted in Marhun district after the gunmen arrived."
    f = one(text)
    assert (f.location_name, f.location_basis) == ("Marhun district", "episode")


def test_possessive_weekday():
    f = one("Nine people were killed in Monday's shelling of the market.")
    assert (f.event_date, f.date_precision) == (dt.date(2025, 3, 10), "day")


def test_day_range_gives_the_month():
    f = one("Rebels abducted 40 villagers between May 3-6.")
    assert f.date_precision == "month" and f.event_date is not None and f.event_date.month == 5


def test_dateline_is_not_the_event_date():
    f = one("NAIROBI, March 12 (Agency) – Gunmen killed 7 herders in a cattle raid, police said.")
    assert (f.category, f.value_low) == ("killed", 7)
    assert f.event_date is None and f.location_name is None


def test_date_from_the_paragraph_and_from_the_episode():
    f = one("Fighting resumed on March 9 in the hills. Police said 8 people were killed.")
    assert (f.event_date, f.date_basis) == (dt.date(2025, 3, 9), "paragraph")
    g = figs(
        "The clashes broke out on March 9 in the hills.\n\nPolice said 8 people were killed and 20 wounded."
    )
    assert [(x.event_date, x.date_basis) for x in g] == [(dt.date(2025, 3, 9), "episode")] * 2


def test_cumulative_scope_continues_in_its_paragraph():
    same = figs(
        "Since the offensive began, 900 fighters have been killed. A further 300 were wounded, the army said."
    )
    assert [(f.category, f.scope) for f in same] == [("killed", "cumulative"), ("injured", "cumulative")]
    apart = figs(
        "Since the offensive began, 900 fighters have been killed.\n\n"
        "A further 300 were wounded, the army said."
    )
    assert [f.scope for f in apart] == ["cumulative", "incident"]


# ---- 10. the counted side -----------------------------------------------------------------
def test_one_of_its_fighters_is_the_claimants_own():
    # ISWAP is named first, so the report's most-named group would be ISWAP.
    f = one("After a clash with ISWAP near the river, JNIM said one of its fighters died in the clash.")
    assert f.claimant_actor_id == "jnim" and f.counted_actor_id == "jnim"
    g = one("After a clash with ISWAP near the river, JNIM said 4 fighters were killed.")
    assert g.counted_actor_id == "iswap"


def test_unqualified_soldiers_in_a_government_statement_are_its_own():
    f = one(SOMALIA_SETTING + "The Kenyan government said 6 soldiers were killed in the ambush.")
    assert f.claimant_actor_id == "ken-government" and f.counted_actor_id == "ken-military"
    g = one(SOMALIA_SETTING + "Officials said 6 soldiers were killed in the ambush.")
    assert g.counted_actor_id == "som-military"


@pytest.mark.parametrize("pair", ["Ethiopia and Eritrea", "Sudan and South Sudan"])
def test_soldiers_of_two_warring_countries_have_no_side(pair):
    f = one(f"Clashes between {pair} killed dozens of soldiers along the border.")
    assert f.claim_voice == "report" and f.counted_kind == "military"
    assert f.counted_actor_id is None
    assert (f.value_low, f.approx) == (24, True)


# ---- 11. forms found on held-out reports --------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The blast killed least 12 people at the depot.", ("killed", 12, None)),
        ("Fighting has killed more than half a million people.", ("killed", 500_001, None)),
        ("Nine U.S. soldiers were wounded in the rocket attack.", ("injured", 9, 9)),
        ("At the clinic, a total of 17 people were brought in dead.", ("killed", 17, 17)),
        ("Two farmers were found dead near the ridge.", ("killed", 2, 2)),
        ("Six guards - four men and two women - were killed.", ("killed", 6, 6)),
        ("Five trucks near the bridge had been destroyed.", ("destroyed", 5, 5)),
        ("The militia said it has three martyrs.", ("killed", 3, 3)),
    ],
)
def test_forms_seen_on_held_out_reports(text, expected):
    assert values(text) == [expected]


def test_a_thing_that_kills_is_not_what_is_counted():
    # "two explosions" are the doers; the 40 are the figure
    assert values("Two explosions killed at least 40 people.") == [("killed", 40, None)]


def test_the_same_number_twice_in_one_sentence_is_two_figures():
    text = "Two aid workers died in the first strike, and two more aid workers were killed later."
    assert values(text) == [("killed", 2, 2), ("killed", 2, 2)]


def test_the_statement_speaks_for_its_issuer():
    text = (
        "The Marovian Farmers Union said 4 people were killed on Monday.\n\n"
        "The statement said 9 homes were destroyed."
    )
    found = figs(text)
    assert [f.claimant_actor_id for f in found] == [found[0].claimant_actor_id] * 2


# ---- 12. the event's place across the report ---------------------------------------------
def test_several_districts_of_a_province_are_placed_in_the_province():
    f = one("Four soldiers were killed in clashes in three districts of Kell Province.")
    assert f.location_name == "Kell Province"


def test_a_name_with_a_lowercase_particle_is_a_place():
    f = one("The monitor counted 40 civilians killed in attacks across el-Varda locality.")
    assert f.location_name == "el-Varda locality"


def test_a_camp_in_a_town_is_the_camp_the_report_names():
    text = (
        "Shelling on a displaced persons camp in Vennick killed 9 people on Monday, medics said.\n\n"
        "The attack on the Pellin camp began at dawn, residents said."
    )
    f = one(text)
    assert (f.location_name, f.location_basis) == ("Pellin camp", "site")


def test_a_later_event_does_not_place_the_reports_event():
    text = (
        "Air strikes killed 5 soldiers on Syria's coast, state media said.\n\n"
        "Officials said the strikes targeted air defence sites in Dorvel.\n\n"
        "Later, aircraft struck a research centre in the village of Kessa."
    )
    assert one(text).location_name == "Dorvel"


def test_in_all_sums_up_one_event():
    assert one("In all, the governor said, 12 houses were destroyed in the raid.").scope == "incident"
