"""Readings that turn on a word's sense or on whom a coordinated passive is about,
through the real pipeline.

Each sentence is written for this test. The cases cover a passive verb coordinated
with an active one ("fired on the post and were killed"), verbs of regarding with an
object predicative ("is considered a safe haven"), dangers that someone poses ("posed a
threat"), and acts named as the object of an appeal, a demand or a consideration
("called for sanctions against X"), which have not happened.
"""

from __future__ import annotations

from herodotus.pipeline import Pipeline
from tests.coded import cameos, country_dyads, dyads, roots


def test_coordinated_passive_is_done_to_the_first_subject(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "Three smugglers shot at the border post and were killed.")
    killed = [d for d in found if d[2] == "19" and d[1] is not None]
    # The smugglers are who was killed, not who killed.
    assert killed and all(src is None for src, _, _ in killed)


def test_coordinated_passive_with_its_agent(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "Chadian rebels raided a village and were later captured by Sudanese troops."
    )
    assert ("SDN", "TCD", "17") in found
    assert ("TCD", "SDN", "17") not in found


def test_coordinated_active_verbs_keep_their_subject(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "Peruvian police raided the warehouse and arrested a Bolivian trader."
    )
    assert ("PER", "BOL", "17") in found


def test_held_to_be_is_no_consideration(pipeline: Pipeline) -> None:
    assert cameos(pipeline, "The border town is considered a refuge for Chechen fighters.") == []


def test_considering_an_option_is_still_coded(pipeline: Pipeline) -> None:
    found = cameos(pipeline, "The Kenyan cabinet is considering an amnesty for deserters.")
    assert "014" in found


def test_a_danger_posed_is_no_threat(pipeline: Pipeline) -> None:
    found = roots(pipeline, "The armed men posed a threat to the Malian convoy.")
    assert "13" not in found


def test_a_threat_made_is_still_coded(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Ethiopia's threats against Eritrea alarmed the region.")
    assert ("ETH", "ERI", "13") in found


def test_sanctions_called_for_are_not_imposed(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Sweden called for sanctions against Belarus on Monday.")
    assert ("SWE", "BLR", "13") in found
    assert all(root != "16" for _, _, root in found)


def test_sanctions_weighed_are_not_imposed(pipeline: Pipeline) -> None:
    found = cameos(pipeline, "Canada is weighing new sanctions against Venezuela.")
    assert "163" not in found


def test_sanctions_imposed_are_coded(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Canada imposed new sanctions on Venezuela.")
    assert ("CAN", "VEN", "16") in found


def test_aid_called_for_is_an_appeal_for_aid(pipeline: Pipeline) -> None:
    found = cameos(pipeline, "Norway called for emergency aid to Haiti.")
    assert "023" in found
    assert not any(c.startswith("07") for c in found)


def test_coming_under_fire_is_an_attack_by_the_shooters(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "A Nigerian army convoy came under fire from Cameroonian separatists."
    )
    assert ("CMR", "NGA", "19") in found
    assert ("NGA", "CMR", "19") not in found


def test_fire_received_from_someone_is_their_attack(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Somali police received heavy gunfire from Kenyan smugglers.")
    assert ("KEN", "SOM", "19") in found
    assert not any(root == "04" for _, _, root in found)


def test_receiving_a_visitor_is_still_a_visit(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "The Qatari emir received the Greek foreign minister in Doha.")
    assert ("QAT", "GRC", "04") in found


def test_a_subject_hung_on_a_fronted_list_of_places(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline,
        "In Gao region, Menaka district, a joint Malian and French patrol detained "
        "three suspected smugglers on Sunday.",
    )
    assert any(src == "MLI" and root == "17" for src, _, root in found)


def test_a_list_of_places_alone_is_no_subject(pipeline: Pipeline) -> None:
    found = dyads(pipeline, "In Gao, Kidal and Menaka regions, three smugglers were detained.")
    assert all(src is None for src, _, root in found if root == "17")


def test_a_participle_misread_as_the_subject(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "Malian soldiers conducting a night patrol killed two Nigerien bandits."
    )
    assert ("MLI", "NER", "19") in found


def test_accused_with_nobody_accusing_is_no_accusation(pipeline: Pipeline) -> None:
    assert "11" not in roots(pipeline, "The Malian colonel is accused of smuggling arms.")
    assert "11" not in roots(pipeline, "The cell is suspected of the bombing in Gao.")


def test_an_accusation_with_its_accuser_is_coded(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Mali accused Algeria of smuggling arms.")
    assert ("MLI", "DZA", "11") in found
    found = roots(pipeline, "The colonel was accused by the Malian ministry of smuggling arms.")
    assert "11" in found
