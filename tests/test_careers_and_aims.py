"""Aims told by their outcome, and acts that tell who someone is, through the real pipeline.

Each story is written for this test. An aim ("targeted a commander") is no attack of its
own when the story tells what its doer did; a verb of leading with only an object leads,
it asks nothing; a bare plural of acts told of one person with no time, below the lead,
describes that person rather than reports events.
"""

from __future__ import annotations

from herodotus.pipeline import Pipeline
from tests.coded import dyads, roots

ARREST = "Nigerien troops arrested a militant leader near Diffa on Tuesday. "


def test_an_aim_is_no_attack_when_the_story_tells_the_outcome(pipeline: Pipeline) -> None:
    text = (
        "Chadian troops targeted a rebel commander near Abeche on Monday. "
        "The troops detained three suspects after questioning villagers."
    )
    found = roots(pipeline, text)
    assert "19" not in found
    assert "17" in found
    # Told alone, or with its means, the aim is the attack.
    alone = (
        "Chadian troops targeted rebel positions near Abeche on Monday. "
        "The army said the operation had ended."
    )
    assert "19" in roots(pipeline, alone)
    means = (
        "Chadian troops targeted rebel positions near Abeche with artillery on Monday. "
        "The troops later detained three suspects."
    )
    assert "19" in roots(pipeline, means)
    # What another actor did tells nothing of how the troops' aim was pursued.
    other = (
        "Chadian troops targeted rebel positions near Abeche on Monday. "
        "Rebels detained three aid workers in the town."
    )
    assert "19" in roots(pipeline, other)


def test_commanding_a_unit_is_leading_it(pipeline: Pipeline) -> None:
    assert roots(pipeline, "The rebel commander commanded a cell of forty fighters.") == []
    # With the clause of what is commanded, it is a demand.
    assert "10" in roots(pipeline, "The general commanded the rebels to lay down their arms.")


def test_attacks_prepared_are_a_kind_of_act(pipeline: Pipeline) -> None:
    leader = "The Somali militia leader"
    assert "19" not in roots(pipeline, f"{leader} prepared attacks against Somali soldiers.")
    # In the lead, attacks carried out are news.
    assert "19" in roots(pipeline, f"{leader} carried out attacks against Somali soldiers.")


def test_attacks_led_are_a_kind_of_act(pipeline: Pipeline) -> None:
    leader = "The Somali militia leader"
    assert "19" not in roots(pipeline, f"{leader} led attacks against Somali soldiers.")
    assert "19" in roots(pipeline, f"{leader} led an attack against Somali soldiers.")


def test_what_given_arms_are_for_is_no_attack(pipeline: Pipeline) -> None:
    text = "The smuggler handed rifles to Somali militants for attacks on Kenyan convoys."
    assert "19" not in roots(pipeline, text)
    # Travelling for talks is no gift: the talks are still told.
    text = "Kenyan envoys travelled to Mogadishu for talks with Somali officials."
    assert "04" in roots(pipeline, text)


def test_attacks_told_of_one_person_without_a_time_tell_who_he_is(pipeline: Pipeline) -> None:
    found = roots(pipeline, ARREST + "The leader carried out ambushes against Nigerien soldiers.")
    assert found == ["17"]
    # Told of a body of people, counted or dated, they are events.
    found = roots(pipeline, ARREST + "Nigerien troops carried out attacks on militant camps.")
    assert "19" in found
    text = ARREST + "The leader carried out three ambushes against Nigerien soldiers."
    assert "19" in roots(pipeline, text)
    text = ARREST + "The leader carried out ambushes against Nigerien soldiers on Monday."
    assert "19" in roots(pipeline, text)


def test_attacks_in_a_relative_clause_without_a_time_describe_someone(
    pipeline: Pipeline,
) -> None:
    rebel = "They also detained a Malian rebel who carried out attacks against Nigerien soldiers"
    assert "19" not in roots(pipeline, ARREST + rebel + ".")
    assert "19" in roots(pipeline, ARREST + rebel + " last week.")


def test_arms_one_person_supplies_without_a_time_tell_his_part(pipeline: Pipeline) -> None:
    assert "07" not in roots(pipeline, ARREST + "The leader supplied rifles to Malian rebels.")
    # Counted arms, a named recipient, or a state as the giver: a delivery.
    assert "07" in roots(pipeline, ARREST + "The leader supplied 200 rifles to Malian rebels.")
    text = ARREST + "The leader supplied the Malian rebels with rifles on Monday."
    assert "07" in roots(pipeline, text)
    assert "07" in roots(pipeline, ARREST + "Algeria supplied rifles to Malian rebels.")


def test_a_participle_takes_the_tense_of_its_clause(pipeline: Pipeline) -> None:
    text = (
        ARREST + "The leader hides in the hills, raiding villages and attacking Nigerien patrols."
    )
    assert "19" not in roots(pipeline, text)
    text = ARREST + "The leader crossed the border on Monday, attacking Nigerien patrols."
    assert ("NERINS", "NERMIL", "19") in dyads(pipeline, text)
