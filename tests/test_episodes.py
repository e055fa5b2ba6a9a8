"""Episodes: which happening each figure is about, and the date and place it may take from it.
Every report here is written for the test (published on FRIDAY, 2025-03-14)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.engine_helpers import FRIDAY, figs

THURSDAY = dt.date(2025, 3, 13)


def by_value(text: str, published: dt.date = FRIDAY) -> dict[int, object]:
    return {f.value_low: f for f in figs(text, published)}


def test_the_ledes_episode_dates_and_places_its_figures_in_later_paragraphs():
    found = by_value(
        "Gunmen killed 14 villagers in Tarvel district on Thursday, officials said.\n\n"
        "A local leader said 9 others were wounded and 3 were still missing."
    )
    assert {f.episode for f in found.values()} == {0}
    assert {(f.event_date, f.date_basis) for f in (found[9], found[3])} == {(THURSDAY, "episode")}
    assert {(f.location_name, f.location_basis) for f in (found[9], found[3])} == {
        ("Tarvel district", "episode")
    }


@pytest.mark.parametrize(
    "background",
    [
        "Clashes between the two armies in October killed 40 soldiers.",
        "In a separate attack, 40 soldiers were killed at a checkpoint.",
        "Elsewhere, 40 soldiers were killed when their convoy was ambushed.",
        "An air strike earlier this week killed 40 soldiers.",
    ],
)
def test_a_background_or_separate_episode_is_its_own_and_lends_nothing(background):
    found = by_value(
        "A car bomb killed 12 people in Dorn on Thursday, police said.\n\n" + background + "\n\n"
        "Police said 30 people were wounded."
    )
    assert found[40].episode != found[12].episode
    assert found[30].episode == found[12].episode  # a new paragraph returns to the lede's event
    assert (found[30].event_date, found[30].location_name) == (THURSDAY, "Dorn")
    assert found[40].location_name != "Dorn"


def test_a_day_later_revision_of_the_toll_is_the_same_episode():
    found = by_value(
        "Bombings in Dorn on Thursday killed 59 people, the minister said.\n\n"
        "A day later, the ministry revised the death toll to 25 people killed."
    )
    assert found[25].episode == found[59].episode
    assert found[25].location_name == "Dorn"


def test_the_day_of_a_background_attack_just_told_dates_only_it():
    found = by_value(
        "Gunmen stormed two army posts in Kell, killing 11 soldiers, officials said.\n\n"
        "The raid came days after the embassy in Dorn was hit in an air attack.\n\n"
        "Three guards were killed in Monday's attack, the ministry said."
    )
    assert found[3].episode != found[11].episode
    assert (found[11].event_date, found[11].date_basis) == (None, "not_given")


def test_elsewhere_with_no_day_of_its_own_is_undated():
    found = by_value(
        "A car bomb killed 12 people in Dorn on Thursday, police said.\n\n"
        "Elsewhere, 40 soldiers were killed when their convoy was ambushed."
    )
    assert found[12].event_date == THURSDAY
    assert (found[40].event_date, found[40].date_basis) == (None, "not_given")


def test_a_background_date_dates_only_its_own_figures():
    found = by_value(
        "Militants attacked an army post, killing 7 soldiers, the army said.\n\n"
        "Clashes in the same area in October killed 40 soldiers."
    )
    assert (found[40].event_date, found[40].date_precision) == (dt.date(2024, 10, 1), "month")
    assert (found[7].event_date, found[7].date_basis) == (None, "not_given")


def test_the_strikes_refers_back_to_the_latest_episode_that_named_strikes():
    found = by_value(
        "Fighting along the border killed 20 soldiers on Thursday, the army said.\n\n"
        "The government has been on alert since air strikes earlier this week on camps in the east.\n\n"
        "Villagers said the strikes killed 6 civilians."
    )
    assert found[6].episode != found[20].episode


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Twelve soldiers were killed in an ambush in the hills, the army said.\n\n"
            "The attack happened on Thursday evening as a convoy returned to base.",
            12,
        ),
        (  # the second paragraph refines the lede's place as it dates it
            "Rebels killed 9 soldiers in the north of the country, officials said.\n\n"
            "The soldiers were killed on Thursday in an ambush near Vennick.",
            9,
        ),
    ],
)
def test_a_recent_day_near_the_top_dates_an_undated_lede(text, value):
    f = by_value(text)[value]
    assert (f.event_date, f.date_basis) == (THURSDAY, "episode")


def test_a_day_further_down_for_another_place_is_another_episode_not_a_date_for_the_lede():
    found = by_value(
        "Twelve soldiers were killed in an ambush in Kell, the army said.\n\n"
        "The army said reinforcements had been sent.\n\nThe rebels have been active for years.\n\n"
        "Talks between the two sides stalled last year.\n\n"
        "On Thursday, a roadside bomb killed 4 police officers in Vennick."
    )
    assert found[4].episode != found[12].episode
    assert found[12].event_date is None


def test_figures_day_by_day_make_one_episode_with_no_single_date():
    found = by_value(
        "Shelling of the Pellin camp killed 9 people, medics said.\n\n"
        "The shelling of the camp killed 4 on Wednesday and 5 on Thursday."
    )
    assert len({f.episode for f in found.values()}) == 1
    assert (found[9].event_date, found[9].date_basis) == (None, "several_days")
    assert found[5].event_date == THURSDAY  # its own sentence dates it


def test_a_span_start_places_the_episode_but_dates_no_figure():
    f = by_value("Fighting that began on Tuesday has killed 30 fighters on both sides, a monitor said.")[30]
    assert (f.event_date, f.date_basis) == (None, "several_days")


@pytest.mark.parametrize(
    "text",
    [
        "On Thursday, the ministry said 8 soldiers were killed in an attack.",
        "The ministry said late Thursday that 8 soldiers were killed in an attack.",
        "The ministry said in a statement posted to Telegram early Thursday that 8 soldiers were killed.",
    ],
)
def test_the_day_of_a_statement_is_not_the_day_of_the_event(text):
    assert by_value(text)[8].event_date is None


def test_an_arrest_operation_in_a_report_of_violence_is_its_own_episode():
    found = by_value(
        "A suicide bomber killed 11 worshippers at a mosque in Dorn on Thursday, police said.\n\n"
        "Police in the capital said they had detained 25 people in security operations on Thursday."
    )
    assert found[25].episode != found[11].episode


def test_a_running_total_is_in_no_episode():
    found = by_value(
        "An air strike killed 6 people in Kell on Thursday, medics said. Since the war began, more than "
        "9,000 people have been killed, the United Nations said."
    )
    assert found[6].episode == 0
    total = found[9001]  # "more than 9,000"
    assert (total.scope, total.episode, total.date_basis) == ("cumulative", None, "running_total")


def test_a_year_dates_a_background_episode():
    found = by_value(
        "Rebels killed 17 students at a school in Kell, officials said.\n\n"
        "It was the worst attack since a 2019 assault in which 40 pupils were killed."
    )
    assert (found[40].event_date, found[40].date_precision) == (dt.date(2019, 1, 1), "year")
    assert found[17].event_date is None


def test_a_title_case_headline_names_no_place():
    found = figs(
        "Twelve Soldiers Killed In Fresh Northern Rebel Attacks\n\nRebels killed 12 soldiers, the army said."
    )
    assert all(f.location_name is None for f in found)


def test_an_episode_set_in_a_list_of_places_has_no_single_place():
    found = by_value(
        "Security sources said air strikes hit targets in Kell, Dorn and Varda province overnight.\n\n"
        "The army said 40 fighters were killed."
    )
    assert (found[40].location_name, found[40].location_basis) == (None, "not_given")


def test_bodies_found_on_a_later_day_are_the_episodes_aftermath():
    found = by_value(
        "Rebels ambushed an army patrol on Monday, killing 5 soldiers, the army said.\n\n"
        "Troops recovered the bodies on Thursday and said 3 more soldiers were missing."
    )
    assert found[3].episode == found[5].episode


def test_another_attack_mid_sentence_tells_more_of_the_same_fighting():
    found = by_value(
        "Rebels ambushed an army patrol, killing 5 soldiers, the army said.\n\n"
        "The rebels then launched a second attack on the patrol and wounded 4 others."
    )
    assert found[4].episode == found[5].episode


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("Clashes over the weekend killed 14 people, medics said.", "cumulative"),
        ("Fourteen people were killed this week, the monitor said.", "cumulative"),
        ("Strikes over the past week have killed 14 civilians.", "cumulative"),
        ("Police said 14 people were killed during the first ten days of the offensive.", "cumulative"),
        ("Between March 2 and 9, police detained 14 people.", "cumulative"),
        ("Fourteen aid workers were killed, among the victims of the conflict, the UN said.", "cumulative"),
        ("Nine assaults on police posts have killed 14 officers, the minister said.", "cumulative"),
        ("The army said it killed 14 militants in the past 24 hours.", "incident"),
        ("Three attacks killed 14 people on Thursday, police said.", "incident"),
    ],
)
def test_totals_over_a_span_are_running_totals_and_one_days_fighting_is_not(text, scope):
    assert by_value(text)[14].scope == scope
