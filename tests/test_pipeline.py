"""The whole path on the real model: text in, coded events out, with every field."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from herodotus.attach import EventDate, event_date
from herodotus.model import Event
from herodotus.pipeline import Pipeline
from tests.conftest import require_shared

EVENT_FIELDS = {
    "event_id",
    "article_id",
    "sentence_index",
    "sentence",
    "trigger",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "plover",
    "plover_mode",
    "quad_class",
    "goldstein",
    "date",
    "date_precision",
    "location",
    "negated",
    "modality",
    "confidence",
    "coder_version",
}
ACTOR_FIELDS = {"code", "country", "sector", "name", "text", "start", "end"}


def triples(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {
        (e.source.country, e.target.country if e.target else None, e.cameo_root) for e in events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish troops shelled Kurdish positions near the border.", None),
        ("Brazil accused Argentina of breaking the trade agreement.", ("BRA", "ARG", "11")),
        ("The Egyptian president met his Sudanese counterpart in Cairo.", ("EGY", "SDN", "04")),
        ("Moscow condemned the new sanctions imposed by Washington.", ("RUS", None, "11")),
        ("Japan and South Korea signed a defence pact on Monday.", ("JPN", "KOR", "05")),
        ("Ukraine was attacked by Russia overnight.", ("RUS", "UKR", "19")),
        ("Police arrested dozens of protesters in Nairobi, Kenyan officials said.", None),
        ("France urged Iran to return to the negotiating table.", ("FRA", "IRN", "02")),
        ("India threatened Pakistan with retaliation after the bombing.", ("IND", "PAK", "13")),
        ("The Taliban rejected the Afghan government's peace offer.", None),
    ],
)
def test_simple_sentences(pipeline: Pipeline, text: str, expected: tuple[str, ...] | None) -> None:
    events = pipeline.extract_text(text, date="2020-06-10")
    assert events, f"no event in {text!r}"
    if expected is not None:
        assert expected in triples(events), triples(events)


def test_coordinated_subjects_give_one_event_each(pipeline: Pipeline) -> None:
    events = pipeline.extract_text(
        "Brazil and Argentina condemned the coup in Bolivia.", date="2019-11-12"
    )
    assert {e.source.country for e in events if e.cameo_root == "11"} >= {"BRA", "ARG"}


def test_symmetric_meeting_with_coordinated_subject(pipeline: Pipeline) -> None:
    events = pipeline.extract_text("Merkel and Macron met in Berlin on Tuesday.", date="2019-05-09")
    meet = [e for e in events if e.cameo_root == "04"]
    assert meet
    assert {meet[0].source.country, meet[0].target.country if meet[0].target else None} == {
        "DEU",
        "FRA",
    }
    assert meet[0].date == "2019-05-07"
    assert meet[0].date_precision == "day"
    assert meet[0].location is not None and meet[0].location.country == "DEU"


def test_relative_dates_resolve_against_publication(pipeline: Pipeline) -> None:
    events = pipeline.extract_text(
        "Last month, Iran accused Saudi Arabia of funding rebels.", date="2018-03-15"
    )
    acc = [e for e in events if e.cameo_root == "11"]
    assert acc and acc[0].date == "2018-02-01" and acc[0].date_precision == "month"


def test_no_date_means_publication_date_with_unknown_precision(pipeline: Pipeline) -> None:
    events = pipeline.extract_text(
        "Iran accused Saudi Arabia of funding rebels.", date="2018-03-15"
    )
    assert events[0].date == "2018-03-15" and events[0].date_precision == "unknown"


def _date_of(pipeline: Pipeline, text: str, trigger: str, anchor: str) -> EventDate:
    doc = pipeline.nlp(text)
    i = next(t.i for t in doc if t.text == trigger)
    start = text.index("(") + 1 if "(" in text else 0
    filed = (start, text.index(")")) if start else None
    return event_date(doc, i, dt.date.fromisoformat(anchor), filed)


@pytest.mark.parametrize(
    ("text", "trigger", "anchor", "expected"),
    [
        # A verb coordinated with the trigger shares its date.
        (
            "Near the border, a joint army unit shot four gunmen and injured a driver "
            "during a raid on a farm outside the town, yesterday.",
            "shot",
            "2012-05-03",
            "2012-05-02",
        ),
        # The dateline's date says when the story was filed, not when it happened.
        (
            "Media Desk  HERAT, Afghanistan (May 3, 2012)  Border police seized a "
            "smuggler during a search targeting a drug ring in Ghoryan district, "
            "Herat province, yesterday.",
            "seized",
            "2012-05-03",
            "2012-05-02",
        ),
    ],
)
def test_an_event_is_dated_by_its_clause_not_by_the_dateline(
    pipeline: Pipeline, text: str, trigger: str, anchor: str, expected: str
) -> None:
    assert _date_of(pipeline, text, trigger, anchor) == EventDate(expected, "day")


def test_an_event_without_a_place_happens_where_the_body_says_not_at_the_dateline(
    pipeline: Pipeline,
) -> None:
    text = (
        "HERAT, Afghanistan (May 3, 2012)\n"
        "In Ghoryan district, Herat province, the bazaar stayed shut for a week. "
        "Afghan police arrested two Taliban fighters."
    )
    events = pipeline.extract_text(text, date="2012-05-03")
    arrested = [e for e in events if e.cameo_root == "17"]
    assert arrested and arrested[-1].location is not None
    assert "Herat" in arrested[-1].location.name


def test_a_title_line_without_a_verb_is_not_the_lead_that_places_the_story(
    pipeline: Pipeline,
) -> None:
    text = (
        "Ministry of Defence Weekly Operations Summary, May 3, 2012\n\n"
        "MOPTI, Mali (May 3, 2012)\n"
        "In Douentza district, Mopti region, the market stayed shut for a week.\n\n"
        "Malian police arrested two smugglers."
    )
    events = pipeline.extract_text(text, date="2012-05-03")
    arrested = [e for e in events if e.cameo_root == "17"]
    assert arrested and arrested[-1].location is not None
    assert "Douentza" in arrested[-1].location.name


def test_a_dateline_under_a_dated_heading_does_not_date_the_events(pipeline: Pipeline) -> None:
    text = (
        "May 4: Patrols in Mopti Region\n"
        "MOPTI, Mali (May 4) - Malian police arrested two smugglers in Douentza last night."
    )
    events = pipeline.extract_text(text, date="2012-05-04")
    arrested = [e for e in events if e.cameo_root == "17"]
    assert arrested and arrested[-1].date == "2012-05-03"


def test_unicode_line_separators_read_as_line_breaks(pipeline: Pipeline) -> None:
    text = (
        "Ministry of Defence Weekly Operations Summary\u2028\u2028"
        "MOPTI, Mali (May 3, 2012)\u2028"
        "In Douentza district, Mopti region, Malian police arrested two smugglers."
    )
    events = pipeline.extract_text(text, date="2012-05-03")
    arrested = [e for e in events if e.cameo_root == "17"]
    # The header lines are lines of their own, not the start of the lead sentence.
    assert arrested and arrested[-1].sentence.startswith("In Douentza")
    # One character for one: offsets into the text still point at the trigger.
    trigger = arrested[-1].trigger
    assert text[trigger.start : trigger.end] == trigger.text


def test_a_verb_coordinated_with_the_trigger_shares_its_place(pipeline: Pipeline) -> None:
    events = pipeline.extract_text(
        "Afghan police arrested two Taliban fighters and seized weapons in Logar province "
        "on Tuesday.",
        date="2010-11-10",
    )
    arrested = [e for e in events if e.cameo_root == "17"]
    assert arrested and arrested[0].location is not None
    assert "Logar" in arrested[0].location.name


def test_a_possessive_date_dates_what_it_names_not_the_story(pipeline: Pipeline) -> None:
    # "Monday's ambush" happened on Monday; the story's own date is Wednesday.
    text = (
        "A Malian patrol searching for the gunmen behind Monday's ambush entered Gao on "
        "Wednesday. The patrol detained two men near the market."
    )
    arrest = [e for e in pipeline.extract_text(text, date="2021-03-05") if e.cameo_root == "17"]
    assert arrest and arrest[0].date == "2021-03-03"


def test_a_time_of_day_dates_an_event(pipeline: Pipeline) -> None:
    events = pipeline.extract_text(
        "Afghan troops arrested a Taliban commander in Kandahar province last night.",
        date="2011-04-20",
    )
    arrest = [e for e in events if e.cameo_root == "17"]
    assert arrest and arrest[0].date == "2011-04-19" and arrest[0].date_precision == "day"


def test_title_patterns_resolve_people_and_countries(pipeline: Pipeline) -> None:
    events = pipeline.extract_text(
        "US Secretary of State Mike Pompeo criticised Venezuelan President Nicolas Maduro.",
        date="2019-02-01",
    )
    crit = [e for e in events if e.cameo_root == "11"]
    assert crit
    assert crit[0].source.code is not None and crit[0].source.code.startswith("USA")
    assert crit[0].target is not None and crit[0].target.country == "VEN"


def test_negated_events_dropped_or_kept_by_setting(pipeline: Pipeline) -> None:
    text = "China did not attack Taiwan."
    assert not [e for e in pipeline.extract_text(text, date="2020-01-01") if e.cameo_root == "19"]
    keep = Pipeline(
        dataclasses.replace(pipeline.settings, keep_negated=True),
        nlp=pipeline.nlp,
        kb=pipeline.kb,
        geocoder=pipeline.geocoder,
    )
    kept = [e for e in keep.extract_text(text, date="2020-01-01") if e.cameo_root == "19"]
    assert kept and kept[0].negated


def test_future_modality(pipeline: Pipeline) -> None:
    events = pipeline.extract_text(
        "Germany will send troops to Lithuania next year.", date="2021-05-01"
    )
    assert events and all(e.modality == "future" for e in events)


def test_event_record_has_every_field_and_offsets_point_into_the_text(
    pipeline: Pipeline,
) -> None:
    text = "On Friday, Chinese President Xi Jinping visited Pakistan."
    events = pipeline.extract_text(text, date="2019-04-27", article_id="a1")
    assert events
    d = events[0].to_dict()
    assert set(d) >= EVENT_FIELDS
    assert set(d["source"]) >= ACTOR_FIELDS
    trig = d["trigger"]
    assert text[trig["start"] : trig["end"]] == trig["text"]
    src = d["source"]
    assert text[src["start"] : src["end"]] == src["text"]
    json.dumps(d)  # serialisable as is


def test_event_ids_are_stable(pipeline: Pipeline) -> None:
    text = "Israel struck targets in Gaza after rockets were fired from the enclave."
    a = [e.event_id for e in pipeline.extract_text(text, date="2021-05-11", article_id="x")]
    b = [e.event_id for e in pipeline.extract_text(text, date="2021-05-11", article_id="x")]
    assert a and a == b


def test_seed_article_has_the_summit_on_its_day(pipeline: Pipeline) -> None:
    from herodotus.ingest import read_paths
    from herodotus.model import Article

    seed = require_shared("seed", "000_616088699722051b.txt")
    (article,) = [r for r in read_paths([seed]) if isinstance(r, Article)]
    (result,) = list(pipeline.process([article]))
    meetings = [
        e
        for e in result.events
        if e.cameo_root == "04"
        and {e.source.country, e.target.country if e.target else None} == {"PRK", "RUS"}
    ]
    assert meetings, [(e.source.code, e.cameo, e.target) for e in result.events]
    assert "2019-04-25" in {e.date for e in meetings}
