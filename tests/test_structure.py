"""Arguments the coder finds through sentence structure, through the real pipeline.

Each sentence is written for this test. The cases cover a target inside a complement
clause, a target named in a condition, the subject of a predicate adjective, the
parties of coordinated nationality adjectives, and mutual verbs with coordinated
subjects.
"""

from __future__ import annotations

from herodotus.pipeline import Pipeline
from tests.coded import country_dyads, dyads


def test_target_of_an_infinitive_complement(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Iran threatened to cut off gas supplies to Armenia.")
    assert ("IRN", "ARM", "13") in found
    # A threat to cut off is not a cut-off.
    assert all(root == "13" for _, _, root in found)


def test_refused_act_is_not_coded_as_done(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Ghana refused to send peacekeepers to Mali.")
    assert ("GHA", "MLI", "12") in found
    assert all(root == "12" for _, _, root in found)


def test_target_is_the_subject_of_a_that_clause(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "The Chinese government demanded that Japan cancel the visit.")
    assert ("CHN", "JPN", "10") in found


def test_target_named_in_a_condition(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "Iran threatened to halt the talks unless Iraq accepted its terms."
    )
    assert ("IRN", "IRQ", "13") in found


def test_subject_of_a_predicate_adjective(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Norway is willing to send troops to Kenya.")
    assert any(s == "NOR" and t == "KEN" for s, t, _ in found)


def test_subject_of_a_passive_participle_governs_the_infinitive(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Bolivia is prepared to lift its ban on imports from Chile.")
    assert any(s == "BOL" and t == "CHL" for s, t, _ in found)


def test_coordinated_nationality_adjectives_are_two_parties(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "Senior Chilean and Peruvian officials agreed on Monday to expand trade."
    )
    assert any({s, t} == {"CHL", "PER"} for s, t, _ in found)


def test_coordinated_subjects_of_a_mutual_verb(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Chile and Peru agreed to a truce after a week of clashes.")
    assert any({s, t} == {"CHL", "PER"} for s, t, _ in found)
    assert all(t is not None for _, t, _ in found)


def test_an_act_at_home_with_no_other_party_is_domestic(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "Thousands of Peruvian students marched through Lima to demand lower fees."
    )
    assert ("PER", "PER", "14") in found
    found = country_dyads(
        pipeline, "The Chilean government lifted the night curfew in the northern provinces."
    )
    assert ("CHL", "CHL", "08") in found
    found = country_dyads(pipeline, "The Tanzanian opposition boycotted the election.")
    assert ("TZA", "TZA", "16") in found


def test_an_act_that_names_another_country_is_not_domestic(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "Peruvian students demonstrated outside the Chilean embassy in Lima."
    )
    assert ("PER", "PER", "14") not in found
    found = country_dyads(pipeline, "Kenyan farmers demonstrated over cheap Ugandan milk.")
    assert ("KEN", "KEN", "14") not in found


def test_target_is_whose_the_object_is(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Ghana rejected a Nigerian proposal for joint border patrols.")
    assert ("GHA", "NGA", "12") in found
    found = country_dyads(pipeline, "Kenya turned down a U.S. request to host the detainees.")
    assert ("KEN", "USA", "12") in found


def test_an_act_on_a_place_abroad_is_directed_at_its_country(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Ethiopian troops reimposed a blockade in northern Somalia.")
    assert ("ETH", "SOM", "19") in found
    found = country_dyads(pipeline, "Chadian refugees rioted at a camp in Sudan.")
    assert ("TCD", "SDN", "14") in found
    # A name shared by two countries still names a country other than the doer's.
    found = country_dyads(pipeline, "Rwandan soldiers shelled villages in eastern Congo on Sunday.")
    assert ("RWA", "RWA", "19") not in found


def test_an_act_told_again_without_its_party_is_one_event(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline,
        "The Chilean foreign minister telephoned his Peruvian counterpart on Monday "
        "to discuss the border dispute.",
    )
    assert ("CHL", "PER", "04") in found
    assert ("CHL", None, "04") not in found
    found = country_dyads(
        pipeline, "Uruguay has established diplomatic ties with and opened an embassy in Hanoi."
    )
    assert ("URY", "VNM", "05") in found
    assert ("URY", None, "05") not in found


def test_a_demand_a_protest_voices_is_the_protest(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline, "Thousands of Peruvian students marched through Lima to demand lower fees."
    )
    assert any(root == "14" for _, _, root in found)
    assert all(root != "10" for _, _, root in found)
    found = country_dyads(
        pipeline, "Kenyan farmers blocked roads in Nairobi on Monday demanding higher maize prices."
    )
    assert any(root == "14" for _, _, root in found)
    assert all(root != "10" for _, _, root in found)
    # A demand of its own stays one.
    assert ("KEN", "KEN", "10") in country_dyads(
        pipeline, "Kenyan farmers demanded higher maize prices."
    )


def test_parties_between_them_act_on_each_other(pipeline: Pipeline) -> None:
    found = country_dyads(
        pipeline,
        "Kenya closed its border with Somalia because of clashes between "
        "Ethiopian and Eritrean troops.",
    )
    assert ("ETH", "ERI", "19") in found
    assert ("KEN", "ETH", "19") not in found


def test_a_party_one_phrase_below_the_object_or_preposition(pipeline: Pipeline) -> None:
    found = country_dyads(pipeline, "Chile announced a suspension of flights with Bolivia.")
    assert ("CHL", "BOL", "16") in found
    found = country_dyads(pipeline, "Kenya mobilized reservists for a campaign against Somalia.")
    assert ("KEN", "SOM", "15") in found
    # Guard: a party right on the preposition is still the nearest one.
    found = country_dyads(pipeline, "Chile suspended flights to Bolivia.")
    assert ("CHL", "BOL", "16") in found


def test_a_participle_read_as_the_subject_stands_for_the_subject_under_it(
    pipeline: Pipeline,
) -> None:
    # The parser may make "operating" the subject of "said", with the agency under it;
    # the agency speaks, not the country it works in.
    found = dyads(
        pipeline, "The Red Cross operating in Yemen said Saudi forces must reopen the port."
    )
    assert [(s, root) for s, _, root in found] == [("NGOHLHIRC", "10")]
    # Guard: a participle phrase the parser hangs on the subject changes nothing.
    found = dyads(pipeline, "Nigerian troops patrolling the border killed two smugglers.")
    assert ("NGAMIL", "19") in [(s, root) for s, _, root in found]


def test_a_preposition_left_without_its_object_takes_the_noun_after_it(
    pipeline: Pipeline,
) -> None:
    # The parser may read the officers as the subject of "holed up", leaving "to" bare.
    text = (
        "Mexico has granted political asylum to four Bolivian army officers holed up in "
        "an embassy since the coup."
    )
    assert ("MEX", "BOL", "07") in country_dyads(pipeline, text)
    # Guard: the plain phrase keeps its recipient.
    text = "Spain has granted asylum to six Cuban air force pilots stranded at the airport."
    assert ("ESP", "CUB", "07") in country_dyads(pipeline, text)
