"""Tests of herodotus.time: date expressions resolved against a publication date.

The anchor is Thursday 25 April 2019 unless a case says otherwise, so that
weekdays fall on both sides of it and months both before and after April.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from herodotus.errors import DataError
from herodotus.resources import load_json
from herodotus.time import (
    ResolvedDate,
    Tense,
    _parse_time_words,
    dateline_span,
    find_dateline,
    find_dates,
    find_stamped_dateline,
    load_time_words,
    resolve_dateline_day,
)

ANCHOR = dt.date(2019, 4, 25)  # a Thursday


def only(text: str, anchor: dt.date | None = ANCHOR, tense: Tense = "past") -> ResolvedDate:
    """The single date found in ``text``; the test fails if there is not exactly one."""
    found = find_dates(text, anchor, tense)
    assert len(found) == 1, found
    return found[0]


def test_anchor_is_a_thursday() -> None:
    assert ANCHOR.weekday() == 3


# --------------------------------------------------------------------------- relative expressions

RELATIVE: list[tuple[str, Tense, str, str, str]] = [
    # text, tense, expected iso, precision, matched words
    # weekdays: the anchor's own weekday is the anchor, whatever the tense
    ("The minister resigned on Thursday.", "past", "2019-04-25", "day", "Thursday"),
    ("The vote will be held Thursday.", "future", "2019-04-25", "day", "Thursday"),
    ("The envoy is in town on Thursday.", "present", "2019-04-25", "day", "Thursday"),
    ("Rebels attacked the convoy on Tuesday.", "past", "2019-04-23", "day", "Tuesday"),
    ("Rebels attacked the convoy on Friday.", "past", "2019-04-19", "day", "Friday"),
    ("The talks resume on Friday.", "future", "2019-04-26", "day", "Friday"),
    ("The delegation will fly home on Tuesday.", "future", "2019-04-30", "day", "Tuesday"),
    ("The summit opens Monday.", "present", "2019-04-22", "day", "Monday"),
    ("The summit opens Sunday.", "present", "2019-04-28", "day", "Sunday"),
    ("Troops withdrew last Thursday.", "past", "2019-04-18", "day", "last Thursday"),
    ("Troops withdrew last Monday.", "past", "2019-04-22", "day", "last Monday"),
    ("Elections take place next Thursday.", "future", "2019-05-02", "day", "next Thursday"),
    ("Elections take place next Saturday.", "future", "2019-04-27", "day", "next Saturday"),
    ("A rally is planned this coming Sunday.", "future", "2019-04-28", "day", "this coming Sunday"),
    ("Police clashed with students on WEDNESDAY.", "past", "2019-04-24", "day", "WEDNESDAY"),
    # days named by their distance to the anchor
    ("The ceasefire collapsed yesterday.", "past", "2019-04-24", "day", "yesterday"),
    ("Yesterday the army shelled the town.", "past", "2019-04-24", "day", "Yesterday"),
    ("The parliament votes today.", "present", "2019-04-25", "day", "today"),
    ("The envoy arrives tomorrow.", "future", "2019-04-26", "day", "tomorrow"),
    ("Gunmen stormed a hotel last night.", "past", "2019-04-24", "day", "last night"),
    ("The president speaks tonight.", "future", "2019-04-25", "day", "tonight"),
    # weeks: day precision, seven days per week
    ("Both sides met this week.", "past", "2019-04-25", "day", "this week"),
    ("Both sides met last week.", "past", "2019-04-18", "day", "last week"),
    ("Both sides meet next week.", "future", "2019-05-02", "day", "next week"),
    ("The deal was signed a week ago.", "past", "2019-04-18", "day", "a week ago"),
    ("The deal was signed two weeks ago.", "past", "2019-04-11", "day", "two weeks ago"),
    ("The deal was signed 10 days ago.", "past", "2019-04-15", "day", "10 days ago"),
    ("The deal was signed three days ago.", "past", "2019-04-22", "day", "three days ago"),
    # months and years back from the anchor
    ("The rebels took the city a month ago.", "past", "2019-03", "month", "a month ago"),
    ("The rebels took the city six months ago.", "past", "2018-10", "month", "six months ago"),
    ("The rebels took the city three years ago.", "past", "2016", "year", "three years ago"),
    ("The border closed a decade ago.", "past", "2009", "year", "a decade ago"),
    # calendar periods around the anchor
    ("Inflation rose last month.", "past", "2019-03", "month", "last month"),
    ("Inflation fell this month.", "past", "2019-04", "month", "this month"),
    ("The court ruled earlier this month.", "past", "2019-04", "month", "earlier this month"),
    ("The court rules next month.", "future", "2019-05", "month", "next month"),
    ("Turnout fell last year.", "past", "2018", "year", "last year"),
    ("Turnout fell this year.", "past", "2019", "year", "this year"),
    ("Elections are due next year.", "future", "2020", "year", "next year"),
    # months without a year: the tense decides which side of the anchor
    ("The army advanced in early February.", "past", "2019-02", "month", "early February"),
    ("Fighting flared in late May.", "past", "2018-05", "month", "late May"),
    ("Fighting may flare in late May.", "future", "2019-05", "month", "late May"),
    ("The protests began in February.", "past", "2019-02", "month", "February"),
    ("The mission ends in February.", "future", "2020-02", "month", "February"),
    ("The strike started in April.", "past", "2019-04", "month", "April"),
    ("The strike starts in April.", "future", "2019-04", "month", "April"),
    ("Talks are held in October.", "present", "2019-10", "month", "October"),
    ("Talks are held in November.", "present", "2018-11", "month", "November"),
    ("Prices jumped in mid-March.", "past", "2019-03", "month", "mid-March"),
    ("Prices jumped last March.", "past", "2019-03", "month", "last March"),
    ("Prices jumped last April.", "past", "2018-04", "month", "last April"),
    ("The treaty lapses next April.", "future", "2020-04", "month", "next April"),
    ("Aid has flowed since January.", "present", "2019-01", "month", "January"),
    # a day without a year
    ("The accord was signed on June 9.", "past", "2018-06-09", "day", "June 9"),
    ("The accord will be signed on June 9.", "future", "2019-06-09", "day", "June 9"),
    ("The accord is signed on June 9.", "present", "2019-06-09", "day", "June 9"),
    ("The plant shut on December 1.", "present", "2018-12-01", "day", "December 1"),
    ("The accord was signed on 9 June.", "past", "2018-06-09", "day", "9 June"),
    ("Polls open on April 27.", "past", "2019-04-27", "day", "April 27"),
    ("Polls opened on April 28.", "past", "2018-04-28", "day", "April 28"),
    ("Votes are counted from April 24.", "future", "2019-04-24", "day", "April 24"),
    ("The hearing is set for April 20.", "future", "2020-04-20", "day", "April 20"),
    ("Envoys will meet May 2-4 in Geneva.", "future", "2019-05-02", "day", "May 2-4"),
    ("Envoys met on 4 to 6 March in Oslo.", "past", "2019-03-04", "day", "4 to 6 March"),
    ("The vote came on the 3rd of March.", "past", "2019-03-03", "day", "the 3rd of March"),
    ("The decree came on March 3rd.", "past", "2019-03-03", "day", "March 3rd"),
    ("The blast happened on Feb. 29.", "past", "2016-02-29", "day", "Feb. 29"),
    ("The blast happened on Sept. 11.", "past", "2018-09-11", "day", "Sept. 11"),
]


@pytest.mark.parametrize(("text", "tense", "iso", "precision", "words"), RELATIVE)
def test_relative_expressions(
    text: str, tense: Tense, iso: str, precision: str, words: str
) -> None:
    found = only(text, ANCHOR, tense)
    assert found.iso() == iso
    assert found.precision == precision
    assert found.text == words
    assert text[found.start : found.end] == words


# --------------------------------------------------------------------------- absolute expressions

ABSOLUTE: list[tuple[str, str, str, str]] = [
    ("The siege ended on Jan. 25, 2013.", "2013-01-25", "day", "Jan. 25, 2013"),
    ("The siege ended on January 25, 2013.", "2013-01-25", "day", "January 25, 2013"),
    ("The siege ended on 25 January 2013.", "2013-01-25", "day", "25 January 2013"),
    ("The siege ended on 2013-01-25.", "2013-01-25", "day", "2013-01-25"),
    (
        "The siege ended on Friday, January 25, 2013.",
        "2013-01-25",
        "day",
        "Friday, January 25, 2013",
    ),
    ("Planes struck on Sept. 11, 2001.", "2001-09-11", "day", "Sept. 11, 2001"),
    ("Elections were held June 9-10, 2018.", "2018-06-09", "day", "June 9-10, 2018"),
    ("The war began in 1998.", "1998", "year", "1998"),
    ("The uprising started in October 2011.", "2011-10", "month", "October 2011"),
    ("He has been detained since March 2018.", "2018-03", "month", "March 2018"),
    ("The party split in October of 2011.", "2011-10", "month", "October of 2011"),
    ("Troops must leave by 2030.", "2030", "year", "2030"),
    ("The junta ruled until 1975.", "1975", "year", "1975"),
    ("Students marched in the summer of 1998.", "1998", "year", "summer of 1998"),
    ("A new constitution is due by the end of 2021.", "2021", "year", "the end of 2021"),
    ("Talks stalled in early 2019.", "2019", "year", "early 2019"),
    ("Talks stalled in mid-2018.", "2018", "year", "mid-2018"),
    ("Talks stalled in late January 2017.", "2017-01", "month", "late January 2017"),
]


@pytest.mark.parametrize(("text", "iso", "precision", "words"), ABSOLUTE)
@pytest.mark.parametrize("anchor", [ANCHOR, None], ids=["anchored", "no-anchor"])
def test_absolute_expressions(
    text: str, iso: str, precision: str, words: str, anchor: dt.date | None
) -> None:
    found = only(text, anchor)
    assert (found.iso(), found.precision, found.text) == (iso, precision, words)
    assert text[found.start : found.end] == words


@pytest.mark.parametrize("tense", ["past", "present", "future"])
def test_absolute_dates_ignore_tense(tense: Tense) -> None:
    assert only("The truce held until Jan. 25, 2013.", ANCHOR, tense).iso() == "2013-01-25"


# --------------------------------------------------------------------------- no anchor


@pytest.mark.parametrize(
    "text",
    [
        "The minister resigned yesterday.",
        "The minister resigned on Thursday.",
        "The minister resigned last week.",
        "The minister resigned three years ago.",
        "The minister resigned last year.",
        "The minister resigned on June 9.",
        "The minister resigned in February.",
        "The minister resigned in late May.",
    ],
)
def test_relative_expressions_need_an_anchor(text: str) -> None:
    assert find_dates(text, None) == []
    assert len(find_dates(text, ANCHOR)) == 1


def test_without_anchor_only_the_absolute_date_is_kept() -> None:
    text = "He said on Monday that the truce of March 3, 2015 no longer held."
    found = find_dates(text, None)
    assert [d.iso() for d in found] == ["2015-03-03"]


# --------------------------------------------------------------------------- no false dates


@pytest.mark.parametrize(
    "text",
    [
        "More than 1,000 people fled the fighting.",
        "The curfew starts at 10:30 every night.",
        "A force of 2000 soldiers crossed the river.",
        "Police fired 1998 rounds, the report said.",
        "The council adopted Resolution 2254 unanimously.",
        "Unemployment reached 12.5 percent.",
        "Article 19 guarantees free speech.",
        "Officials may march to the capital.",
        "Theresa May said the vote would go ahead.",
        "Jan Egeland visited the camp.",
        "Growth peaked in the 1990s.",
        "About 20,000 protesters filled the square.",
        "Some 2019 delegates voted in favour.",
        "The army lost 2,500 men in 3 weeks.",
        "The march drew thousands of people.",
        "The score was 2-1 after extra time.",
        "A satellite at 1900 km altitude was hit.",
        "Artefacts from 1850 were looted.",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert find_dates(text, ANCHOR) == []


# --------------------------------------------------------------------------- several dates


def test_several_dates_in_order_with_offsets() -> None:
    text = (
        "Rebels seized the town on Tuesday, three years after they lost it "
        "in March 2016, and vowed yesterday to hold it until next year."
    )
    found = find_dates(text, ANCHOR)
    assert [(d.text, d.iso()) for d in found] == [
        ("Tuesday", "2019-04-23"),
        ("March 2016", "2016-03"),
        ("yesterday", "2019-04-24"),
        ("next year", "2020"),
    ]
    for d in found:
        assert text[d.start : d.end] == d.text
    assert [d.start for d in found] == sorted(d.start for d in found)


def test_weekday_before_a_full_date_is_one_date() -> None:
    found = only("The accord was signed on Thursday, June 9, 2016.")
    assert found.iso() == "2016-06-09"


# --------------------------------------------------------------------------- datelines

DATELINES: list[tuple[str, dt.date]] = [
    ("KABUL, Afghanistan (Jan. 25, 2013) — Officials said talks failed.", dt.date(2013, 1, 25)),
    ("KABUL, Jan. 25, 2013 (AP) - Officials said talks failed.", dt.date(2013, 1, 25)),
    ("ADDIS ABABA, June 9, 2018 (Reuters) - Ethiopia's leader met rivals.", dt.date(2018, 6, 9)),
    ("WASHINGTON, March 3, 2017 - The Senate voted on a bill.", dt.date(2017, 3, 3)),
    ("(Nov. 20, 2011) Protesters returned to the square.", dt.date(2011, 11, 20)),
    (
        "Talks collapse\nBEIRUT, Lebanon, 14 February 2005 (AFP) — A blast hit.",
        dt.date(2005, 2, 14),
    ),
    ("NEW DELHI, Thursday, Oct. 4, 2018 - Ministers met.", dt.date(2018, 10, 4)),
    ("Dec. 31, 2012 - The fiscal deadline passed.", dt.date(2012, 12, 31)),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_find_dateline(text: str, expected: dt.date) -> None:
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "KABUL, Jan. 25 (AP) - Officials said talks failed.",
        "Officials met on Jan. 25, 2013 to discuss the ceasefire.",
        "Jan. 25, 2013, was the coldest day of the year.",
        "No date is given anywhere in this story.",
        "x" * 320 + "\nKABUL, Jan. 25, 2013 (AP) - Too far down.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("REF 2010-09-CA-005\nKABUL, Afghanistan (Sept. 1) - A force", dt.date(2010, 9, 1)),
        ("No. 2010-09-14\nKABUL, Afghanistan (Aug. 31) - A force", dt.date(2010, 8, 31)),
        ("Release 2010-12-S-098\u2028KABUL, Afghanistan (Jan. 2) - A", dt.date(2011, 1, 2)),
        ("Release 2011-01-S-001\u2028KABUL, Afghanistan (Dec. 30) - A", dt.date(2010, 12, 30)),
        # A day far from the stamp's month: the two are not about the same thing.
        ("Results of the 2010-11 season\nKABUL, Afghanistan (June 2) - A", None),
        # A full dateline needs no stamp; none of either gives nothing.
        ("2010-09-CA-005\nKABUL, Afghanistan (Sept. 1, 2012) - A", None),
        ("KABUL, Afghanistan (Sept. 1) - A force", None),
        # A stamp after the dateline stamps something else.
        ("KABUL, Afghanistan (Sept. 1) - Report 2010-09 says", None),
        ("Season 1986-87 review\nMOSCOW, Sept. 1 (Reuters) - A", None),
        # A dated heading: the release number in the header below it gives the year.
        (
            "Oct. 3: Patrols in two districts\u2028Press office 2011-10-B-412 Troops",
            dt.date(2011, 10, 3),
        ),
        ("Jan. 1: New year review\nNo. 2011-12-A-019\nThe force", dt.date(2012, 1, 1)),
        ("Oct. 3: Patrols in two districts\nReport 2011-06-B-412 says", None),
        # A time of day is no date: "6:30" never reads as June 6.
        ("June 6:30 pm briefing\nNo. 2011-06-A-003", None),
    ],
)
def test_a_dateline_without_a_year_takes_it_from_a_stamp_in_its_header(
    text: str, expected: dt.date | None
) -> None:
    assert find_stamped_dateline(text) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("ADDIS ABABA, June 9 (Reuters) - A", dt.date(2018, 6, 10), dt.date(2018, 6, 9)),
        ("ADDIS ABABA, June 9 (Reuters) - A", dt.date(2018, 6, 8), dt.date(2018, 6, 9)),
        ("ADDIS ABABA, June 9 (Reuters) - A", dt.date(2018, 6, 5), dt.date(2017, 6, 9)),
        ("MOSCOW, Dec. 31 (Reuters) - A", dt.date(2019, 1, 1), dt.date(2018, 12, 31)),
        ("MOSCOW, Dec. 31, 2015 (Reuters) - A", dt.date(2019, 1, 1), dt.date(2015, 12, 31)),
    ],
)
def test_resolve_dateline_day(text: str, anchor: dt.date, expected: dt.date) -> None:
    found = resolve_dateline_day(text, anchor)
    assert found is not None
    assert (found.value, found.precision) == (expected, "day")
    assert text[found.start : found.end] == found.text


def test_resolve_dateline_day_without_dateline() -> None:
    assert resolve_dateline_day("Rebels met on June 9 in the hills.", ANCHOR) is None


# --------------------------------------------------------------------------- value object


@pytest.mark.parametrize(
    ("value", "precision", "iso"),
    [
        (dt.date(2019, 4, 25), "day", "2019-04-25"),
        (dt.date(2019, 2, 1), "month", "2019-02"),
        (dt.date(2019, 1, 1), "year", "2019"),
    ],
)
def test_iso(value: dt.date, precision: Any, iso: str) -> None:
    assert ResolvedDate(value, precision, "x", 0, 1).iso() == iso


def test_month_and_year_precision_give_the_first_day() -> None:
    assert only("Inflation rose last month.").value == dt.date(2019, 3, 1)
    assert only("Turnout fell last year.").value == dt.date(2018, 1, 1)


# --------------------------------------------------------------------------- data file


def test_word_table_is_loaded_once() -> None:
    assert load_time_words() is load_time_words()
    assert len(load_time_words().months) == 12
    assert len(load_time_words().weekdays) == 7


@pytest.mark.parametrize(
    "change",
    [
        {"months": [["january"]]},
        {"day_words": {"yesterday": "minus one"}},
        {"direction_modifiers": {"last": "sideways"}},
        {"ago_units": {"day": {"precision": "week", "factor": 1}}},
        {"numbers": []},
    ],
)
def test_malformed_word_table_is_a_data_error(change: dict[str, Any]) -> None:
    raw = dict(load_json("time_words.json"))
    raw.update(change)
    with pytest.raises(DataError):
        _parse_time_words(raw)


def test_missing_key_is_a_data_error() -> None:
    raw = dict(load_json("time_words.json"))
    del raw["weekdays"]
    with pytest.raises(DataError, match="weekdays"):
        _parse_time_words(raw)


def test_a_story_without_a_date_is_dated_by_its_stamped_dateline() -> None:
    from herodotus.ingest.records import date_from_text

    text = "Release 2010-09-CA-005\nKABUL, Afghanistan (Sept. 1) - Troops detained a man."
    assert date_from_text(text) == (dt.date(2010, 9, 1), "dateline")
    assert date_from_text("KABUL, Afghanistan (Sept. 1) - Troops detained a man.") == (
        None,
        "none",
    )


def test_the_dateline_span_runs_from_a_dated_heading_to_the_dateline() -> None:
    text = (
        "May 4: Patrols in Mopti Region\nRelease 2012-05-CA-007\n"
        "MOPTI, Mali (May 4) - Police arrested two men last night."
    )
    span = dateline_span(text)
    assert span is not None
    assert text[span[0] : span[1]].startswith("May 4")
    assert text[: span[1]].endswith("(May 4")
    assert dateline_span("Police arrested two men last night in Mopti.") is None
