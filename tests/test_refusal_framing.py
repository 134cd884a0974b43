"""Refusals, negation and framing verbs, through the real pipeline.

Each sentence is written for this test. A refused cooperative act is a rejection
(CAMEO 12x) of that act, whether announced as a refusal ("refused to release") or as
a negated future ("will not lift"); a negated past act is no event; considering an
option (014) is not doing it; failed talks are halted talks (164); an outlook stated
with an adjective ("is skeptical") is a pessimistic or optimistic comment (012, 013).
"""

from __future__ import annotations

from herodotus.pipeline import Pipeline
from tests.coded import cameos, country_dyads, dyads


def test_a_negated_future_cooperative_act_is_a_rejection(pipeline: Pipeline) -> None:
    text = "The Kenyan government will not lift the ban on the opposition party."
    assert cameos(pipeline, text) == ["1241"]
    assert cameos(pipeline, "Rwanda says it will not accept more Congolese refugees.") == ["1223"]
    assert cameos(pipeline, "Rwanda cannot accept more Congolese refugees.") == ["1223"]
    assert cameos(pipeline, "Chilean miners said they won't end their strike.") == ["1242"]


def test_a_negated_volitional_governor_refuses_its_infinitive(pipeline: Pipeline) -> None:
    assert cameos(pipeline, "Hamas vowed not to release the Israeli soldiers.") == ["1243"]


def test_the_complement_of_a_refusal_is_the_act_refused(pipeline: Pipeline) -> None:
    assert cameos(pipeline, "Ugandan rebels refused to release the Kenyan hostages.") == ["1243"]
    assert cameos(pipeline, "The Iraqi minister declined to resign after the vote.") == ["1231"]


def test_a_negated_past_act_or_a_prediction_is_no_event(pipeline: Pipeline) -> None:
    assert cameos(pipeline, "The French president did not meet the Iranian envoy.") == []
    assert cameos(pipeline, "The Kenyan government has not lifted the ban on the party.") == []
    # A refusal of an act no rejection code fits (an attack) codes no attack.
    assert not any(
        c.startswith("19") for c in cameos(pipeline, "Malian troops declined to attack the town.")
    )


def test_considering_an_option_is_not_doing_it(pipeline: Pipeline) -> None:
    assert cameos(pipeline, "Germany is considering sending aid to Ukraine.") == ["014"]


def test_a_quantity_or_effort_noun_carries_its_object(pipeline: Pipeline) -> None:
    text = "Ugandan officials ended mediation efforts between the Kenyan and Somali governments."
    assert set(cameos(pipeline, text)) == {"165"}
    assert cameos(pipeline, "Egypt returned dozens of artifacts to Greece.") == ["0842"]
    assert cameos(pipeline, "The Kenyan army extended curfew hours in Nairobi.") == ["1723"]


def test_an_infinitive_stands_where_the_object_would(pipeline: Pipeline) -> None:
    assert cameos(pipeline, "The Kenyan government declined to comment on the report.") == ["011"]
    assert cameos(pipeline, "The Kenyan minister refused to help Somalia.") == ["122"]


def test_failed_talks_are_halted_talks_and_a_failed_act_is_no_event(pipeline: Pipeline) -> None:
    text = "Kenyan and Somali negotiators failed to reach agreement on the border."
    assert {c[:3] for c in cameos(pipeline, text)} == {"164"}
    assert cameos(pipeline, "Kenyan troops failed to capture the Somali town.") == []


def test_an_outlook_stated_with_an_adjective_is_a_comment(pipeline: Pipeline) -> None:
    assert cameos(pipeline, "The Kenyan government said it is skeptical of the plan.") == ["012"]
    assert cameos(pipeline, "Kenya said it was confident of a deal.") == ["013"]
    assert cameos(pipeline, "The Kenyan government is not optimistic about the talks.") == []


def test_a_threat_takes_the_party_of_the_act_it_threatens(pipeline: Pipeline) -> None:
    # The strikers are whom the jailing, and so the threat, is aimed at, though a bare
    # role word is too vague for the threat to find on its own.
    found = dyads(pipeline, "The governor threatened to jail the strikers.")
    assert [(t, root) for _, t, root in found] == [("---LAB", "13")]
    # Guards: a party found for the threat itself, or its own object, stays.
    found = country_dyads(pipeline, "Venezuela threatened to sever trade ties with Guyana.")
    assert ("VEN", "GUY", "13") in found
    own = country_dyads(pipeline, "Venezuela threatened Guyana with sanctions over the dispute.")
    assert ("VEN", "GUY", "13") in own


def test_an_act_in_a_condition_has_not_happened(pipeline: Pipeline) -> None:
    text = "Ghana warned it would close the border unless Togo released the detained traders."
    assert "08" not in [c[:2] for c in cameos(pipeline, text)]
    text = "Chad will send troops to Niger if the rebels attack Niamey."
    assert "19" not in [c[:2] for c in cameos(pipeline, text)]
    # Guards: the same acts told as having happened are events.
    text = "Togo released the detained traders after Ghana warned it would close the border."
    assert "08" in [c[:2] for c in cameos(pipeline, text)]
    text = "Chad sent troops to Niger when the rebels attacked Niamey."
    assert "19" in [c[:2] for c in cameos(pipeline, text)]
