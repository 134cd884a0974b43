"""Actors that depend on the words around a name, through the real pipeline.

Each story is written for this test. The cases cover a role word without a country
that takes the one country its sentence or story names, a known person's surname
that is here a place, a date, a nationality, someone else's given name or a word
qualifying a nationality, a surname that several office holders share, a country
named beside a title, and an organisation that only qualifies a country.
"""

from __future__ import annotations

from herodotus.model import Actor
from herodotus.pipeline import Pipeline


def _code(pipeline: Pipeline, text: str, mention: str, date: str | None = None) -> str | None:
    actor: Actor | None = pipeline.resolve_mention(text, date, mention)
    return actor.code if actor is not None else None


# -- a role word without a country ------------------------------------------------------
def test_role_word_takes_the_one_country_of_its_sentence(pipeline: Pipeline) -> None:
    text = "Police detained twelve opposition supporters in Nairobi on Sunday."
    assert _code(pipeline, text, "Police", "2022-05-02") == "KENCOP"


def test_role_word_takes_the_one_country_of_its_story(pipeline: Pipeline) -> None:
    text = "Floods cut the main roads of Peru last week. Rebels ambushed a supply convoy."
    assert _code(pipeline, text, "Rebels", "2022-05-02") == "PERREB"


def test_role_word_stays_without_a_country_when_two_are_named(pipeline: Pipeline) -> None:
    text = "Police said Chilean and Bolivian envoys met at the border post."
    assert _code(pipeline, text, "Police", "2022-05-02") == "---COP"


def test_role_word_keeps_its_own_nationality_over_where_it_is(pipeline: Pipeline) -> None:
    # Where the phrase after it says they are is not whose they are.
    text = "Turkish troops in Libya shelled a depot on Friday."
    assert _code(pipeline, text, "troops", "2022-05-02") == "TURMIL"
    text = "The Egyptian embassy in Rome protested on Friday."
    assert _code(pipeline, text, "embassy", "2022-05-02") == "EGYGOV"
    # Guard: with no nationality before it, the place after it is its country.
    text = "Troops in Libya shelled a depot on Friday."
    assert _code(pipeline, text, "Troops", "2022-05-02") == "LBYMIL"


# -- words that are also someone's surname ----------------------------------------------
def test_country_name_is_not_a_namesake_in_office(pipeline: Pipeline) -> None:
    # A prime minister of Portugal bears the name of another country.
    text = "Heavy snow closed several mountain passes in Montenegro."
    assert _code(pipeline, text, "Montenegro", "2025-01-15") == "MNE"


def test_weekday_is_not_a_surname(pipeline: Pipeline) -> None:
    # A prime minister in office on this date bears the name of a weekday.
    text = "Ghanaian lawmakers will debate the mining bill on Friday."
    assert _code(pipeline, text, "Friday", "2026-01-10") is None


def test_nationality_word_is_not_a_surname(pipeline: Pipeline) -> None:
    text = "A Christian charity opened a clinic in Uganda."
    assert _code(pipeline, text, "A Christian charity", "2017-01-10") == "UGANGO"


def test_given_name_of_someone_else_is_not_a_surname(pipeline: Pipeline) -> None:
    text = "Ghanaian trade adviser Paul Mensabo toured the new port."
    assert _code(pipeline, text, "Ghanaian trade adviser Paul Mensabo") == "GHAGOV"


def test_word_qualifying_a_nationality_is_not_a_surname(pipeline: Pipeline) -> None:
    text = "Young Kenyans marched through the city centre."
    assert _code(pipeline, text, "Young Kenyans", "2025-04-01") == "KEN"


def test_surname_shared_across_countries_takes_the_story_country(pipeline: Pipeline) -> None:
    # Undated: presidents of more than one country have borne this surname.
    text = "President Hassan flew to the coast of Tanzania after the storm."
    assert _code(pipeline, text, "President Hassan") == "TZAGOV"


def test_namesakes_told_apart_by_the_story_country(pipeline: Pipeline) -> None:
    # Undated: presidents of two countries have borne this surname.
    text = "Hours later Maduro recalled the Venezuelan ambassador from Madrid."
    assert _code(pipeline, text, "Maduro") == "VENGOV"


def test_undated_surname_subject_is_still_the_person(pipeline: Pipeline) -> None:
    text = "Erdogan accused the opposition of plotting a coup."
    assert _code(pipeline, text, "Erdogan") == "TURGOV"


def test_country_beside_a_title_rules_out_namesakes_elsewhere(pipeline: Pipeline) -> None:
    text = "Interior Minister Ahmed of Sudan inspected the border crossing."
    assert _code(pipeline, text, "Interior Minister Ahmed of Sudan", "2024-01-10") == "SDNGOV"


# -- organisations ----------------------------------------------------------------------
def test_organisation_qualifying_a_country_gives_the_country(pipeline: Pipeline) -> None:
    text = "NATO member Denmark sent two frigates to the Baltic."
    assert _code(pipeline, text, "NATO member Denmark", "2022-05-02") == "DNK"


def test_european_community_is_the_union_before_its_renaming(pipeline: Pipeline) -> None:
    text = "European Community trade ministers agreed on new quotas for steel imports."
    assert _code(pipeline, text, "European Community trade ministers", "1987-04-02") == (
        "IGOEUREEC"
    )


# -- generic role words -----------------------------------------------------------------
def test_hyphenated_asylum_seekers_are_refugees(pipeline: Pipeline) -> None:
    text = "Asylum-seekers staged a sit-in at the reception centre in Athens."
    assert _code(pipeline, text, "Asylum-seekers", "2016-03-01") == "GRCREF"


def test_servicemen_are_military(pipeline: Pipeline) -> None:
    text = "Two Ukrainian servicemen were wounded when their patrol hit a mine."
    assert _code(pipeline, text, "Two Ukrainian servicemen", "2016-03-01") == "UKRMIL"


def test_detainees_and_settlers_follow_the_agent_conventions(pipeline: Pipeline) -> None:
    text = "Detainees at the Tunisian camp refused food for a third day."
    assert _code(pipeline, text, "Detainees at the Tunisian camp", "2016-03-01") == "TUNOPP"
    text = "Armenian settlers fenced off the pasture."
    assert _code(pipeline, text, "Armenian settlers", "2016-03-01") == "ARMCVL"


# -- phrases that are not the actor they name -------------------------------------------
def test_role_adjective_qualifying_a_thing_is_no_actor(pipeline: Pipeline) -> None:
    text = "Shelling destroyed several civilian buildings near the market."
    assert _code(pipeline, text, "several civilian buildings", "2016-03-01") is None


def test_anti_before_a_country_does_not_make_it_that_country(pipeline: Pipeline) -> None:
    text = "An anti-Iranian cleric was shot dead in Baghdad."
    assert _code(pipeline, text, "An anti-Iranian cleric", "2016-03-01") == "IRQREL"


# -- peoples and their countries --------------------------------------------------------
def test_people_of_a_country_belong_to_it(pipeline: Pipeline) -> None:
    text = "The Serbs of Croatia voted for the new council."
    assert _code(pipeline, text, "The Serbs of Croatia", "2016-03-01") == "HRV"


def test_ethnic_people_in_a_country_belong_to_it(pipeline: Pipeline) -> None:
    text = "Ethnic Hungarians in southern Slovakia demanded more schools."
    assert _code(pipeline, text, "Ethnic Hungarians in southern Slovakia", "2016-03-01") == "SVK"


def test_an_ethnic_people_belongs_to_the_country_its_sentence_names(pipeline: Pipeline) -> None:
    text = "Up to 300 ethnic Hungarians demonstrated on Sunday in Slovakia."
    assert (_code(pipeline, text, "ethnic Hungarians", "2016-03-01") or "")[:3] == "SVK"
    text = "Slovak police arrested ten ethnic Hungarians in Bratislava."
    assert (_code(pipeline, text, "ethnic Hungarians", "2016-03-01") or "")[:3] == "SVK"


def test_nationals_abroad_keep_their_nationality(pipeline: Pipeline) -> None:
    text = "Syrians in Turkey marched to the border gate."
    assert _code(pipeline, text, "Syrians in Turkey", "2016-03-01") == "SYR"
