"""Military reports: fire called in, arms and drugs taken or destroyed, acts denied by
"without", and the grammar such reports lean on (coordinated passives, objects said
once for two verbs, subjects the parser hangs elsewhere).

Each story is written for this test.
"""

from __future__ import annotations

from spacy.tokens import Doc

from herodotus.coding.grammar import fronted_subject
from herodotus.nlp import split_paragraphs
from herodotus.pipeline import Pipeline
from tests.coded import cameos, dyads, roots


def test_requesting_air_or_artillery_support_is_the_strike(pipeline: Pipeline) -> None:
    # A unit asking for fire on an enemy calls in the strike; it appeals to no one.
    text = "The Chadian platoon spotted gunmen planting a mine and requested close air support."
    found = cameos(pipeline, text)
    assert "195" in found
    assert not any(c.startswith("02") for c in found)
    assert "194" in cameos(pipeline, "The Chadian battalion asked for artillery fire on the ridge.")
    # "close air and artillery support": the support is air support too.
    text = "Chadian soldiers came under attack and requested close air and artillery support."
    assert "195" in cameos(pipeline, text)


def test_the_kind_of_fire_is_no_party(pipeline: Pipeline) -> None:
    # "artillery" in "artillery support" says what fire, not who is fired on.
    text = "The Nigerien patrol requested artillery and air support against the jihadists."
    found = dyads(pipeline, text)
    assert any(root == "19" for _, _, root in found)
    assert not any(src == tgt for src, tgt, _ in found)


def test_support_for_people_in_need_is_still_an_appeal(pipeline: Pipeline) -> None:
    assert "02" in roots(pipeline, "Chad requested financial support from the World Bank.")
    # Workers call a strike; nothing is bombed.
    assert "19" not in roots(pipeline, "The dockers' union called for a general strike.")


def test_arms_and_drugs_of_no_one_are_no_target(pipeline: Pipeline) -> None:
    for text in (
        "The Nigerian patrol destroyed a mortar launcher and several rockets.",
        "Nigerian soldiers confiscated and safely destroyed twenty grenades near Kano.",
        "Two rifles and a grenade were seized and will be destroyed by the Nigerian army.",
        "Nigerian police seized 40 pounds of heroin at the port of Lagos.",
        "Nigerian troops found and destroyed all of the explosives in the cave.",
    ):
        assert not {"17", "19"} & set(roots(pipeline, text)), text


def test_arms_of_a_named_owner_are_taken_from_them(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "Nigerian troops seized rifles from the bandits near Kano.")
    assert any(root == "17" and tgt is not None for _, tgt, root in found)
    text = "Nigerian soldiers destroyed the Boko Haram fighters' ammunition."
    assert "1712" in cameos(pipeline, text)
    # Tanks destroyed in a battle are force used against their crews.
    assert "19" in roots(pipeline, "Nigerian troops destroyed three rebel tanks.")
    # Property is still seized from whoever it belongs to.
    assert "17" in roots(pipeline, "Iran seized a British tanker in the Gulf.")


def test_without_a_clause_denies_the_act(pipeline: Pipeline) -> None:
    text = "The Kenyan raid on the compound ended without a single shot being fired."
    assert "19" not in roots(pipeline, text)
    text = (
        "The Kenyan raid was planned and completed without any shots being fired "
        "and no villagers were hurt."
    )
    assert "19" not in roots(pipeline, text)
    # Still a shooting when shots were fired.
    assert "19" in roots(pipeline, "Kenyan police fired shots at the protesters in Nairobi.")


def test_coordinated_verbs_share_a_subject_that_is_nothing(pipeline: Pipeline) -> None:
    text = "No villagers were wounded or detained by the Kenyan police."
    assert "17" not in roots(pipeline, text)
    text = "Two villagers were wounded and detained by the Kenyan police."
    assert "17" in roots(pipeline, text)


def test_a_coordinated_participle_shares_the_passive(pipeline: Pipeline) -> None:
    text = "A gunman opened fire on a Kenyan police patrol in Garissa. He was engaged and killed."
    found = [e for e in pipeline.extract_text(text, "2021-03-02") if e.trigger.text == "killed"]
    assert found and found[0].cameo_root == "19"


def test_a_verb_object_taken_for_a_participle_subject(pipeline: Pipeline) -> None:
    text = "Chadian soldiers returned fire killing two gunmen."
    assert any(src == "TCDMIL" and root == "19" for src, _, root in dyads(pipeline, text))


def test_a_fronted_subject_before_an_adverb(pipeline: Pipeline) -> None:
    # The parse the model sometimes gives: the subject hung on "Haidari" as an apposition,
    # an adverb between it and the verb.
    words = [
        "Upon", "receiving", "approval", "from", "Haidari", ",",
        "ANSF", "quickly", "ambushed", "the", "gunmen", ".",
    ]  # fmt: skip
    heads = [8, 0, 1, 1, 3, 4, 4, 8, 8, 10, 8, 8]
    deps = [
        "prep", "pcomp", "dobj", "prep", "pobj", "punct",
        "appos", "advmod", "ROOT", "det", "dobj", "punct",
    ]  # fmt: skip
    pos = [
        "ADP", "VERB", "NOUN", "ADP", "PROPN", "PUNCT",
        "PROPN", "ADV", "VERB", "DET", "NOUN", "PUNCT",
    ]  # fmt: skip
    doc = Doc(pipeline.nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    found = fronted_subject(doc[8])
    assert found is not None and found.text == "ANSF"
    # Not a noun inside the fronted phrase that other words part from the verb.
    assert fronted_subject(doc[1]) is None


def test_military_units_that_strike_from_the_air(pipeline: Pipeline) -> None:
    text = "An air weapons team engaged the militants near the Malian border."
    assert any(src is not None and root == "19" for src, _, root in dyads(pipeline, text))
    assert "19" in roots(pipeline, "The Malian patrol engaged the enemy position.")


def test_afghan_security_forces_by_their_initials(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "The ANSF ambushed the insurgents near Herat.")
    assert any(src == "AFGMIL" and root == "19" for src, _, root in found)


def test_a_sense_towards_someone_is_not_mutual(pipeline: Pipeline) -> None:
    text = "Malian and French troops surrounded the house and called out its occupants."
    assert "04" not in roots(pipeline, text)


def test_a_paragraph_starts_at_its_first_word() -> None:
    text = "Press office\nFor Immediate Release \n\nA patrol detained two men."
    paras = split_paragraphs(text)
    assert paras[-1].text == "A patrol detained two men."
    assert text[paras[-1].offset :] == paras[-1].text


def test_an_act_ahead_of_the_story_is_no_event(pipeline: Pipeline) -> None:
    text = "The Somali militia stockpiled mortars for future attacks on Kenyan bases."
    assert "19" not in roots(pipeline, text)
    text = "Kenya deployed troops for a possible offensive against the Somali militia."
    assert "19" not in roots(pipeline, text)
    # The attacks themselves are events.
    text = "The Somali militia carried out attacks on Kenyan bases near the border."
    assert "19" in roots(pipeline, text)


def test_aircraft_called_in_are_the_strike(pipeline: Pipeline) -> None:
    # "was called in" summons fire; nobody is telephoned.
    text = "Two helicopter gunships were called in by the Malian patrol near Gao."
    found = roots(pipeline, text)
    assert "19" in found
    assert "04" not in found
