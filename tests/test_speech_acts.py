"""Announced acts, demands and the arguments of light nouns, through the real pipeline.

Each story is written for this test. The cases cover a conflictual act announced in
the future tense (a threat), a reported clause under "must" (a demand), the doer of
a participle hanging from a statement, time phrases that are no argument of a verb,
and nouns that measure or frame what a verb acts on.
"""

from __future__ import annotations

from herodotus.pipeline import Pipeline
from tests.coded import cameos, roots


def test_an_announced_conflictual_act_is_a_threat(pipeline: Pipeline) -> None:
    text = "Mali's interior minister announced that the government will impose a curfew in Gao."
    assert "13" in roots(pipeline, text)
    assert "17" not in roots(pipeline, text)


def test_a_plan_or_a_passive_future_is_no_threat(pipeline: Pipeline) -> None:
    assert "13" not in roots(pipeline, "Malian troops were planning to attack rebel bases.")
    assert "13" not in roots(pipeline, "The seized rifles will be destroyed by Malian troops.")


def test_a_reported_obligation_is_a_demand(pipeline: Pipeline) -> None:
    text = "Kenya's foreign minister said on Monday that Uganda must release the fishermen."
    codes = cameos(pipeline, text)
    assert "1053" in codes
    # The release has not happened.
    assert not any(c.startswith("08") for c in codes)
    # A forecast is no demand.
    assert "10" not in roots(pipeline, "Kenya's foreign minister said Uganda will free them.")


def test_a_statement_demanding_is_its_authors_demand(pipeline: Pipeline) -> None:
    text = "Kenyan opposition leaders issued a statement demanding the resignation of the cabinet."
    assert "10" in roots(pipeline, text)


def test_a_time_phrase_is_no_argument_of_the_verb(pipeline: Pipeline) -> None:
    # "agree on" is agreeing on a matter; "agreed on Tuesday that ..." is an agreement to act.
    text = (
        "Kenyan and Ugandan officials agreed on Tuesday that their countries should "
        "cooperate against poachers."
    )
    assert "01" not in roots(pipeline, text)


def test_a_measure_or_a_framing_noun_passes_to_what_it_holds(pipeline: Pipeline) -> None:
    assert "07" in roots(pipeline, "Japan provided 200 tons of food to Kenya on Monday.")
    assert "16" in roots(pipeline, "Kenyan officials ended mediation efforts in Somalia.")


def test_an_infinitive_fills_an_entry_object(pipeline: Pipeline) -> None:
    # "declined to comment" is "declined comment" (011), not a refusal (12).
    codes = cameos(pipeline, "The Kenyan embassy declined to comment on the reports.")
    assert "011" in codes
    assert not any(c.startswith("12") for c in codes)
