"""Event dates with a precision, read from plain text and a publication date (the anchor).

News rarely writes "on 2019-04-25": it writes "on Thursday", "last month",
"in early February" or "three years ago", all of which mean something only
against the day the story was published. This module finds such expressions
with regular expressions alone (no spaCy, so it can run over millions of
sentences) and resolves each to a date and a precision: ``day``, ``month`` or
``year``; a month or a year is given as its first day.

The vocabulary (month and weekday names, "yesterday", "last", "ago", "early",
"mid", ...) lives in ``data/time_words.json``; this module holds only the rules.
The patterns are compiled once per loaded word table and cached.

Conventions, chosen for wire copy and applied consistently:

* A bare weekday ("on Thursday") names a day of the news week around the
  anchor. When it is the anchor's own weekday it is the anchor itself, whatever
  the tense: wire stories drop "today" and write "said on Thursday" in a story
  dated Thursday; a week-old event is written "last Thursday". Otherwise the
  past tense takes the latest such weekday before the anchor, the future tense
  the first one after it, and the present tense the nearer of the two (the
  one behind when it is at most three days back, else the one ahead).
* "last Thursday" is always strictly before the anchor (a week back when the
  anchor is a Thursday); "next Thursday" is always strictly after it.
* "this week" is the anchor day, "last week" the anchor minus seven days and
  "next week" the anchor plus seven days, all with ``day`` precision: the
  precision set has no "week", a month would be wrong at month boundaries, and
  seven days is the reading of "a week ago".
* A month without a year ("in February", "late February") is, in the past
  tense, the latest such month not after the anchor's month; in the future
  tense the first one not before it; in the present tense the nearer one.
* A day without a year ("on June 9") is, in the past tense, the latest such day
  not after the anchor plus two days (time zones and late filing); in the
  future tense the first one not before the anchor minus two days; in the
  present tense the nearest one.
* Without an anchor, only expressions that carry their own year resolve.

Years stand alone only as four-digit tokens from 1900 to 2100 after "in",
"since", "by", "until" (and a few more, see the data file), after a period
part ("early 2019"), or after "summer of", "end of" and the like; so
"1,000 people", "2000 troops" and "at 10:30" give no dates.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal

from herodotus.errors import DataError
from herodotus.resources import load_json

logger = logging.getLogger(__name__)

Precision = Literal["day", "month", "year"]
Tense = Literal["past", "present", "future"]
Direction = Literal["before", "after", "tense"]

TIME_WORDS_FILE = "time_words.json"

# A dateline sits near the start of a story; look no further than this.
DATELINE_WINDOW = 300
# Slack, in days, between a day named in the text and the anchor (time zones, late filing).
DAY_SLACK = 2
# Years outside this range are not taken for years when they stand alone.
MIN_YEAR = 1900
MAX_YEAR = 2100

_DIRECTIONS: frozenset[str] = frozenset({"before", "after", "tense"})
_PRECISIONS: frozenset[str] = frozenset({"day", "month", "year"})


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """One date expression found in a text, resolved to a date and a precision.

    ``value`` is the first day of the period when the precision is a month or
    a year, so that dates of every precision sort and store alike.
    """

    value: dt.date
    precision: Precision
    text: str
    start: int
    end: int

    def iso(self) -> str:
        """The date written to its precision only: "2019-04-25", "2019-02" or "2019"."""
        if self.precision == "day":
            return self.value.isoformat()
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"


@dataclass(frozen=True, slots=True)
class AgoUnit:
    """What one unit of "N units ago" counts: the precision it gives and its size in it."""

    precision: Precision
    factor: int


@dataclass(frozen=True, slots=True)
class TimeWords:
    """The parsed, immutable vocabulary of ``data/time_words.json``.

    Every field is a tuple: the table is shared by every caller through a
    cache, so nothing may change it once loaded.
    """

    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...]
    day_words: tuple[tuple[str, int], ...]
    period_modifiers: tuple[tuple[str, int], ...]
    period_units: tuple[tuple[str, str], ...]
    direction_modifiers: tuple[tuple[str, Direction], ...]
    ago_words: tuple[str, ...]
    ago_units: tuple[tuple[str, AgoUnit], ...]
    numbers: tuple[tuple[str, int], ...]
    period_parts: tuple[str, ...]
    month_prepositions: tuple[str, ...]
    year_prepositions: tuple[str, ...]
    year_of_heads: tuple[str, ...]
    range_words: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]


# --------------------------------------------------------------------------- loading


def _words(raw: Any, key: str) -> tuple[str, ...]:
    """A non-empty list of non-empty strings, lower-cased; anything else is a data error."""
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{TIME_WORDS_FILE}: {key!r} must be a non-empty list of strings")
    out: list[str] = []
    for item in raw:
        if not isinstance(item, str) or not item.strip():
            raise DataError(f"{TIME_WORDS_FILE}: {key!r} holds a non-string or empty entry")
        out.append(item.strip().lower())
    return tuple(out)


def _int_map(raw: Any, key: str) -> tuple[tuple[str, int], ...]:
    if not isinstance(raw, dict) or not raw:
        raise DataError(f"{TIME_WORDS_FILE}: {key!r} must be a non-empty object")
    out: list[tuple[str, int]] = []
    for word, value in raw.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise DataError(f"{TIME_WORDS_FILE}: {key}[{word!r}] must be an integer")
        out.append((word.strip().lower(), value))
    return tuple(out)


def _name_table(raw: Any, key: str, size: int) -> tuple[tuple[str, ...], ...]:
    if not isinstance(raw, list) or len(raw) != size:
        raise DataError(f"{TIME_WORDS_FILE}: {key!r} must list exactly {size} entries")
    return tuple(_words(names, f"{key}[{i}]") for i, names in enumerate(raw))


def _parse_time_words(raw: Any) -> TimeWords:
    """Check the shape of the data file and freeze it; a malformed file fails loudly here."""
    if not isinstance(raw, dict):
        raise DataError(f"{TIME_WORDS_FILE}: expected a JSON object")
    try:
        units_raw = raw["period_units"]
        if not isinstance(units_raw, dict) or not units_raw:
            raise DataError(f"{TIME_WORDS_FILE}: 'period_units' must be a non-empty object")
        period_units: list[tuple[str, str]] = []
        for word, unit in units_raw.items():
            if unit not in ("week", "month", "year"):
                raise DataError(f"{TIME_WORDS_FILE}: period unit {word!r} maps to {unit!r}")
            period_units.append((word.lower(), unit))

        directions_raw = raw["direction_modifiers"]
        if not isinstance(directions_raw, dict) or not directions_raw:
            raise DataError(f"{TIME_WORDS_FILE}: 'direction_modifiers' must be an object")
        directions: list[tuple[str, Direction]] = []
        for word, direction in directions_raw.items():
            if direction not in _DIRECTIONS:
                raise DataError(f"{TIME_WORDS_FILE}: direction {word!r} is {direction!r}")
            directions.append((word.lower(), direction))

        ago_raw = raw["ago_units"]
        if not isinstance(ago_raw, dict) or not ago_raw:
            raise DataError(f"{TIME_WORDS_FILE}: 'ago_units' must be a non-empty object")
        ago_units: list[tuple[str, AgoUnit]] = []
        for word, spec in ago_raw.items():
            if (
                not isinstance(spec, dict)
                or spec.get("precision") not in _PRECISIONS
                or not isinstance(spec.get("factor"), int)
            ):
                raise DataError(f"{TIME_WORDS_FILE}: ago unit {word!r} is malformed")
            ago_units.append((word.lower(), AgoUnit(spec["precision"], spec["factor"])))

        return TimeWords(
            months=_name_table(raw["months"], "months", 12),
            weekdays=_name_table(raw["weekdays"], "weekdays", 7),
            day_words=_int_map(raw["day_words"], "day_words"),
            period_modifiers=_int_map(raw["period_modifiers"], "period_modifiers"),
            period_units=tuple(period_units),
            direction_modifiers=tuple(directions),
            ago_words=_words(raw["ago_words"], "ago_words"),
            ago_units=tuple(ago_units),
            numbers=_int_map(raw["numbers"], "numbers"),
            period_parts=_words(raw["period_parts"], "period_parts"),
            month_prepositions=_words(raw["month_prepositions"], "month_prepositions"),
            year_prepositions=_words(raw["year_prepositions"], "year_prepositions"),
            year_of_heads=_words(raw["year_of_heads"], "year_of_heads"),
            range_words=_words(raw["range_words"], "range_words"),
            ordinal_suffixes=_words(raw["ordinal_suffixes"], "ordinal_suffixes"),
        )
    except KeyError as exc:
        raise DataError(f"{TIME_WORDS_FILE}: missing key {exc.args[0]!r}") from exc


@lru_cache(maxsize=1)
def load_time_words() -> TimeWords:
    """The packaged time vocabulary, parsed once per process (it never changes at run time)."""
    return _parse_time_words(load_json(TIME_WORDS_FILE))


# --------------------------------------------------------------------------- patterns


def _alt(words: tuple[str, ...] | list[str]) -> str:
    """An alternation of literal words, longest first so that "last night" beats "last".

    A space in a phrase matches any run of white space, line breaks included.
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


def _month_alt(names: tuple[tuple[str, ...], ...], *, abbreviations: bool) -> str:
    """Month names in Title or UPPER case only: lower-case "may" and "march" are not months.

    Abbreviations may carry a final dot ("Jan.", "Sept."); they are left out of
    patterns where a lone abbreviation would be too easily a name ("in Jan").
    """
    forms: list[str] = []
    for spellings in names:
        full, *abbrevs = spellings
        forms += [re.escape(full.title()), re.escape(full.upper())]
        if abbreviations:
            for abbr in abbrevs:
                forms += [re.escape(abbr.title()) + r"\.?", re.escape(abbr.upper()) + r"\.?"]
    # Longest first, and each form must end at a word boundary (before any dot).
    forms.sort(key=len, reverse=True)
    return "(?:" + "|".join(forms) + r")(?!\w)"


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The compiled patterns and lookup tables built from one ``TimeWords``."""

    iso: re.Pattern[str]
    month_day: re.Pattern[str]
    day_month: re.Pattern[str]
    month_year: re.Pattern[str]
    bare_month: re.Pattern[str]
    year: re.Pattern[str]
    year_of: re.Pattern[str]
    ago: re.Pattern[str]
    period: re.Pattern[str]
    day_word: re.Pattern[str]
    weekday: re.Pattern[str]
    dateline_place: re.Pattern[str]
    dateline_after: re.Pattern[str]
    digit: re.Pattern[str]
    four_digits: re.Pattern[str]
    # Substrings without which a family of patterns cannot match (a cheap first test).
    month_cues: tuple[str, ...]
    weekday_cues: tuple[str, ...]
    day_word_cues: tuple[str, ...]
    period_cues: tuple[str, ...]
    ago_cues: tuple[str, ...]
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    day_words: Mapping[str, int]
    period_modifiers: Mapping[str, int]
    period_units: Mapping[str, str]
    directions: Mapping[str, Direction]
    ago_units: Mapping[str, AgoUnit]
    numbers: Mapping[str, int]


def _norm(word: str) -> str:
    """The lookup key of a matched word: lower case, single spaces, no final dot."""
    return " ".join(word.lower().split()).rstrip(".")


def _ci(words: tuple[str, ...] | list[str]) -> str:
    """A case-insensitive alternation of literal words (relative words may open a sentence)."""
    return "(?i:" + _alt(words) + ")"


def _compile(words: TimeWords) -> _Patterns:
    """Build every pattern once per word table; matching millions of sentences reuses them."""
    month_any = _month_alt(words.months, abbreviations=True)
    month_full = _month_alt(words.months, abbreviations=False)
    weekday = _ci([n for names in words.weekdays for n in names]) + r"(?!\w)"
    # A day of the month: 1-31, maybe "9th", never part of "10:30", "1,000" or "3.5".
    day_end = "(?:" + _alt(words.ordinal_suffixes) + r")?(?!\w|[.,:]\d)"
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])" + day_end
    # "May 2-4": the second day is matched and dropped (the first day dates the event).
    day_range = rf"(?:\s*{_ci(words.range_words)}\s*(?:3[01]|[12]\d|0?[1-9]){day_end})?"
    year = r"(?P<year>(?:19\d\d|20\d\d|2100)(?![\w%]|[.,]\d))"
    weekday_prefix = rf"(?:(?P<wd>{weekday}),?\s+)?"
    part = rf"(?:(?P<part>{_ci(words.period_parts)})[\s-]+)?"
    direction = rf"(?:(?P<mod>{_ci([w for w, _ in words.direction_modifiers])})\s+)?"
    numbers = _ci([w for w, _ in words.numbers])
    ago_units = _ci([w for w, _ in words.ago_units])
    period_mods = _ci([w for w, _ in words.period_modifiers])
    period_units = _ci([w for w, _ in words.period_units])

    months: dict[str, int] = {}
    for number, names in enumerate(words.months, 1):
        for name in names:
            months[name] = number
    weekdays = {name: i for i, names in enumerate(words.weekdays) for name in names}

    return _Patterns(
        iso=re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])"),
        month_day=re.compile(
            rf"(?<!\w){weekday_prefix}(?P<month>{month_any})\s+{day}{day_range}(?:,?\s+{year})?"
        ),
        day_month=re.compile(
            rf"(?<![\w.,:]){weekday_prefix}(?i:the\s+)?{day}{day_range}"
            rf"\s+(?i:of\s+)?(?P<month>{month_any})(?:,?\s+{year})?"
        ),
        month_year=re.compile(rf"(?<!\w){part}(?P<month>{month_any})(?:,?\s+(?i:of))?,?\s+{year}"),
        bare_month=re.compile(
            rf"(?<!\w)(?:(?P<prep>{_ci(words.month_prepositions)})\s+)?{direction}{part}"
            rf"(?P<month>{month_full})"
        ),
        year=re.compile(rf"(?<!\w)(?:(?P<prep>{_ci(words.year_prepositions)})\s+)?{part}{year}"),
        year_of=re.compile(rf"(?<!\w)(?P<head>{_ci(words.year_of_heads)})\s+(?i:of)\s+{year}"),
        ago=re.compile(
            rf"(?<![\w.,])(?P<num>{numbers}|\d{{1,3}})\s+(?P<unit>{ago_units})(?i:s)?\s+"
            rf"{_ci(words.ago_words)}(?!\w)"
        ),
        period=re.compile(rf"(?<!\w)(?P<mod>{period_mods})\s+(?P<unit>{period_units})(?!\w)"),
        day_word=re.compile(rf"(?<!\w){_ci([w for w, _ in words.day_words])}(?!\w)"),
        weekday=re.compile(rf"(?<!\w){direction}(?P<wd>{weekday})"),
        # A place set in capitals opening the line, then a comma or a parenthesis:
        # "ADDIS ABABA, " or "KABUL, Afghanistan (".
        dateline_place=re.compile(
            r"^\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
            r"(?:\s*,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)*\s*[,(]\s*$"
        ),
        # What sets off a date that opens a line: ")", "(Reuters)", a dash.
        dateline_after=re.compile(r"\s*(?:\)|\([A-Z][\w .&/-]{0,30}\)|[-–—:/])"),
        digit=re.compile(r"\d"),
        four_digits=re.compile(r"\d{4}"),
        month_cues=tuple(
            sorted({form for name in months for form in (name.title(), name.upper())})
        ),
        weekday_cues=tuple(weekdays),
        # The last word of a phrase ("night" of "last night") is in every match of it.
        day_word_cues=tuple(sorted({w.split()[-1] for w, _ in words.day_words})),
        period_cues=tuple(sorted({w.split()[-1] for w, _ in words.period_units})),
        ago_cues=words.ago_words,
        months=MappingProxyType(months),
        weekdays=MappingProxyType(weekdays),
        day_words=MappingProxyType(dict(words.day_words)),
        period_modifiers=MappingProxyType(dict(words.period_modifiers)),
        period_units=MappingProxyType(dict(words.period_units)),
        directions=MappingProxyType(dict(words.direction_modifiers)),
        ago_units=MappingProxyType(dict(words.ago_units)),
        numbers=MappingProxyType(dict(words.numbers)),
    )


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """The patterns of the packaged table, compiled on first use and then reused."""
    return _compile(load_time_words())


# --------------------------------------------------------------------------- calendar rules


def _shift_month(year: int, month: int, months: int) -> dt.date:
    """The first day of the month ``months`` away from ``year``-``month``."""
    index = year * 12 + (month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_of_year(anchor: dt.date, month: int, direction: Direction, tense: Tense) -> dt.date:
    """The first day of the named month nearest the anchor in the direction the text reads."""
    this_year = dt.date(anchor.year, month, 1)
    ahead = month - anchor.month  # -11..11
    if direction == "before":
        return this_year if ahead < 0 else dt.date(anchor.year - 1, month, 1)
    if direction == "after":
        return this_year if ahead > 0 else dt.date(anchor.year + 1, month, 1)
    if tense == "past":
        return this_year if ahead <= 0 else dt.date(anchor.year - 1, month, 1)
    if tense == "future":
        return this_year if ahead >= 0 else dt.date(anchor.year + 1, month, 1)
    if ahead > 6:
        return dt.date(anchor.year - 1, month, 1)
    if ahead < -6:
        return dt.date(anchor.year + 1, month, 1)
    return this_year


def _day_of_year(anchor: dt.date, month: int, day: int, tense: Tense) -> dt.date | None:
    """A month and day without a year, placed in the year the tense points to.

    Several years are tried so that February 29 finds a leap year.
    """
    slack = dt.timedelta(days=DAY_SLACK)
    candidates = [
        d
        for y in range(anchor.year - 4, anchor.year + 5)
        if (d := _safe_date(y, month, day)) is not None
    ]
    if tense == "past":
        before = [d for d in candidates if d <= anchor + slack]
        return before[-1] if before else None
    if tense == "future":
        after = [d for d in candidates if d >= anchor - slack]
        return after[0] if after else None
    return min(candidates, key=lambda d: (abs((d - anchor).days), d), default=None)


def _weekday_date(anchor: dt.date, weekday: int, direction: Direction, tense: Tense) -> dt.date:
    """The day a weekday name points to; see the module docstring for the convention."""
    back = (anchor.weekday() - weekday) % 7  # days back to the latest such day, 0 = anchor
    forward = (weekday - anchor.weekday()) % 7
    if direction == "before":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "after":
        return anchor + dt.timedelta(days=forward or 7)
    if back == 0:
        return anchor
    if tense == "past" or (tense == "present" and back <= 3):
        return anchor - dt.timedelta(days=back)
    return anchor + dt.timedelta(days=forward)


# --------------------------------------------------------------------------- matching


# Turns an anchor (or None) and a tense into a date and precision, or None if it cannot.
_Resolver = Callable[[dt.date | None, Tense], tuple[dt.date, Precision] | None]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One pattern match, not yet resolved: resolution waits until overlaps are settled."""

    start: int
    end: int
    rank: int  # order of the pattern, breaks ties between spans of equal length
    resolve: _Resolver


def _year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def _span_start(m: re.Match[str], *groups: str) -> int:
    """Where the expression begins: the first of the named groups that matched."""
    for group in groups:
        if m.group(group) is not None:
            return m.start(group)
    return m.start()


def _candidates(text: str, p: _Patterns) -> Iterator[_Candidate]:
    """Every match of every pattern, each with a resolver bound to its groups.

    Most sentences hold no date at all, so cheap substring tests on the text
    decide which patterns are worth running; that is most of the speed.
    """
    lower = text.lower()
    four_digits = p.four_digits.search(text) is not None
    has_digit = four_digits or p.digit.search(text) is not None
    has_month = any(cue in text for cue in p.month_cues)
    if four_digits:
        yield from _absolute_years(text, p)
    if has_digit and has_month:
        yield from _month_days(text, p)
    if has_month:
        yield from _bare_months(text, p)
    if any(cue in lower for cue in p.ago_cues):
        yield from _agos(text, p)
    if any(cue in lower for cue in p.period_cues):
        yield from _periods(text, p)
    if any(cue in lower for cue in p.day_word_cues):
        yield from _day_words(text, p)
    if any(cue in lower for cue in p.weekday_cues):
        yield from _weekdays(text, p)


def _absolute_years(text: str, p: _Patterns) -> Iterator[_Candidate]:
    """ISO dates, months with a year, and years after "in", "since", "summer of"..."""
    for m in p.iso.finditer(text):
        y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
        iso_date = _safe_date(y, mo, d) if _year_ok(y) else None
        if iso_date is not None:
            yield _Candidate(m.start(), m.end(), 0, _fixed(iso_date, "day"))

    for m in p.month_year.finditer(text):
        y = int(m["year"])
        if _year_ok(y):
            month = p.months[_norm(m["month"])]
            yield _Candidate(m.start(), m.end(), 3, _fixed(dt.date(y, month, 1), "month"))

    for m in p.year.finditer(text):
        if m["prep"] is None and m["part"] is None:
            continue  # a bare four-digit number is more often a count than a year
        y = int(m["year"])
        if _year_ok(y):
            start = _span_start(m, "part", "year")
            yield _Candidate(start, m.end(), 5, _fixed(dt.date(y, 1, 1), "year"))

    for m in p.year_of.finditer(text):
        y = int(m["year"])
        if _year_ok(y):
            yield _Candidate(m.start(), m.end(), 6, _fixed(dt.date(y, 1, 1), "year"))


def _month_days(text: str, p: _Patterns) -> Iterator[_Candidate]:
    """Days with a month name: "June 9", "9 June", "Jan. 25, 2013", "May 2-4"."""
    for rank, pattern in ((1, p.month_day), (2, p.day_month)):
        for m in pattern.finditer(text):
            month = p.months[_norm(m["month"])]
            day = int(m["day"])
            if m["year"] is not None:
                full = _safe_date(int(m["year"]), month, day)
                if full is not None:
                    yield _Candidate(m.start(), m.end(), rank, _fixed(full, "day"))
                continue
            if _safe_date(2000, month, day) is None:  # 2000 is a leap year: Feb 29 passes
                continue
            yield _Candidate(m.start(), m.end(), rank, _day_resolver(month, day))


def _bare_months(text: str, p: _Patterns) -> Iterator[_Candidate]:
    """Months without a day or a year: "in February", "late May", "last March"."""
    for m in p.bare_month.finditer(text):
        if m["prep"] is None and m["mod"] is None and m["part"] is None:
            continue  # a lone "March" may be a verb or a name: not a date
        month = p.months[_norm(m["month"])]
        direction = p.directions[_norm(m["mod"])] if m["mod"] else "tense"
        start = _span_start(m, "mod", "part", "month")
        yield _Candidate(start, m.end(), 4, _month_resolver(month, direction))


def _agos(text: str, p: _Patterns) -> Iterator[_Candidate]:
    """Amounts back from the anchor: "a week ago", "three years ago", "10 days ago"."""
    for m in p.ago.finditer(text):
        num = m["num"]
        count = int(num) if num.isdigit() else p.numbers[_norm(num)]
        unit = p.ago_units[_norm(m["unit"])]
        yield _Candidate(m.start(), m.end(), 7, _ago_resolver(count * unit.factor, unit.precision))


def _periods(text: str, p: _Patterns) -> Iterator[_Candidate]:
    """Calendar periods around the anchor: "last week", "earlier this month", "next year"."""
    for m in p.period.finditer(text):
        offset = p.period_modifiers[_norm(m["mod"])]
        unit_name = p.period_units[_norm(m["unit"])]
        yield _Candidate(m.start(), m.end(), 8, _period_resolver(offset, unit_name))


def _day_words(text: str, p: _Patterns) -> Iterator[_Candidate]:
    """Days named by their distance to the anchor: "yesterday", "last night", "tomorrow"."""
    for m in p.day_word.finditer(text):
        offset = p.day_words[_norm(m.group())]
        yield _Candidate(m.start(), m.end(), 9, _ago_resolver(-offset, "day"))


def _weekdays(text: str, p: _Patterns) -> Iterator[_Candidate]:
    """Weekday names, with or without "last", "next", "this" before them."""
    for m in p.weekday.finditer(text):
        weekday = p.weekdays[_norm(m["wd"])]
        direction = p.directions[_norm(m["mod"])] if m["mod"] else "tense"
        yield _Candidate(m.start(), m.end(), 10, _weekday_resolver(weekday, direction))


def _fixed(value: dt.date, precision: Precision) -> _Resolver:
    """An absolute date: it needs neither anchor nor tense."""

    def resolve(anchor: dt.date | None, tense: Tense) -> tuple[dt.date, Precision] | None:
        return value, precision

    return resolve


def _day_resolver(month: int, day: int) -> _Resolver:
    def resolve(anchor: dt.date | None, tense: Tense) -> tuple[dt.date, Precision] | None:
        if anchor is None:
            return None
        value = _day_of_year(anchor, month, day, tense)
        return (value, "day") if value is not None else None

    return resolve


def _month_resolver(month: int, direction: Direction) -> _Resolver:
    def resolve(anchor: dt.date | None, tense: Tense) -> tuple[dt.date, Precision] | None:
        if anchor is None:
            return None
        return _month_of_year(anchor, month, direction, tense), "month"

    return resolve


def _ago_resolver(amount: int, precision: Precision) -> _Resolver:
    """``amount`` days, months or years (by precision) before the anchor."""

    def resolve(anchor: dt.date | None, tense: Tense) -> tuple[dt.date, Precision] | None:
        if anchor is None:
            return None
        try:
            if precision == "day":
                return anchor - dt.timedelta(days=amount), "day"
            if precision == "month":
                return _shift_month(anchor.year, anchor.month, -amount), "month"
            return dt.date(anchor.year - amount, 1, 1), "year"
        except (ValueError, OverflowError):
            logger.debug("%d %s before %s is off the calendar", amount, precision, anchor)
            return None

    return resolve


def _period_resolver(offset: int, unit: str) -> _Resolver:
    """The anchor's week, month or year moved by ``offset`` ("last week", "next year")."""

    def resolve(anchor: dt.date | None, tense: Tense) -> tuple[dt.date, Precision] | None:
        if anchor is None:
            return None
        if unit == "week":
            return anchor + dt.timedelta(days=7 * offset), "day"
        if unit == "month":
            return _shift_month(anchor.year, anchor.month, offset), "month"
        return dt.date(anchor.year + offset, 1, 1), "year"

    return resolve


def _weekday_resolver(weekday: int, direction: Direction) -> _Resolver:
    def resolve(anchor: dt.date | None, tense: Tense) -> tuple[dt.date, Precision] | None:
        if anchor is None:
            return None
        return _weekday_date(anchor, weekday, direction, tense), "day"

    return resolve


def _select(candidates: Iterator[_Candidate]) -> list[_Candidate]:
    """Non-overlapping matches, leftmost first and longest at each start.

    "Thursday, June 9, 2018" is one date, not a weekday and a date; "in
    October 2011" is a month, not a year.
    """
    chosen: list[_Candidate] = []
    end = -1
    for cand in sorted(candidates, key=lambda c: (c.start, c.start - c.end, c.rank)):
        if cand.start >= end:
            chosen.append(cand)
            end = cand.end
    return chosen


# --------------------------------------------------------------------------- public API


def find_dates(text: str, anchor: dt.date | None, tense: Tense = "past") -> list[ResolvedDate]:
    """Every date expression in ``text``, resolved against ``anchor`` (the publication date).

    ``tense`` is the tense of the clause the text comes from; it decides which
    way a weekday, a month or a day without a year points. With no anchor only
    the expressions that carry a year resolve; the others are left out.
    """
    found: list[ResolvedDate] = []
    for cand in _select(_candidates(text, _patterns())):
        resolved = cand.resolve(anchor, tense)
        if resolved is not None:
            value, precision = resolved
            found.append(
                ResolvedDate(value, precision, text[cand.start : cand.end], cand.start, cand.end)
            )
    return found


def _dateline_matches(text: str) -> Iterator[re.Match[str]]:
    """Month-day and day-month dates near the start of the text that stand as a dateline."""
    p = _patterns()
    head = text[:DATELINE_WINDOW]
    matches = sorted(
        [*p.month_day.finditer(head), *p.day_month.finditer(head)], key=lambda m: m.start()
    )
    for m in matches:
        line_start = head.rfind("\n", 0, m.start()) + 1
        before = head[line_start : m.start()].rstrip()
        if before.endswith("("):
            # "(Nov. 20, 2011)": only a date closed by its parenthesis.
            if head[m.end() :].lstrip().startswith(")"):
                yield m
        elif p.dateline_place.match(before) or (
            not before and p.dateline_after.match(head, m.end())
        ):
            yield m


def _match_date(m: re.Match[str]) -> tuple[int, int, int | None]:
    """The month, day and year (if written) of a month-day or day-month match."""
    month = _patterns().months[_norm(m["month"])]
    day = int(m["day"])
    year = int(m["year"]) if m["year"] is not None else None
    return month, day, year


def find_dateline(text: str) -> dt.date | None:
    """The date of a dateline near the start of a story, if it gives a full year.

    "KABUL, Jan. 25, 2013", "ADDIS ABABA, June 9, 2018 (Reuters) -" or
    "(Nov. 20, 2011)" date a story on their own; "KABUL, Jan. 25" does not,
    since a day without a year needs an anchor (see ``resolve_dateline_day``).
    """
    for m in _dateline_matches(text):
        month, day, year = _match_date(m)
        if year is None:
            continue
        value = _safe_date(year, month, day)
        if value is not None:
            return value
    return None


# An ISO year and month in a story's header, as reference numbers and file stamps write
# them ("2010-09-CA-005", "2011-07-02"): not followed by a further digit or letter-free
# number ("2010-11" of "2010-115" is none), and a real month.
_STAMP = re.compile(r"(?<![\d-])((?:19|20)\d\d)-(0[1-9]|1[0-2])(?![\d])")


def find_stamped_dateline(text: str) -> dt.date | None:
    """The dateline's day of a story that gives it without a year ("KABUL, Afghanistan
    (Sept. 1) -", or a heading "Dec. 6: Operations in ..."), dated by an ISO year-month
    stamped in the header (a release number "2010-09-CA-005"): above the dateline, or
    anywhere in the header under a dated heading. The day must fall within a month of
    the stamp, else the two are not about the same thing and nothing is returned."""
    for m in _dateline_matches(text):
        month, day, year = _match_date(m)
        if year is not None:
            return None  # a full dateline dates the story by itself
        # A stamp stands above a dateline; below one, only under a dated heading
        # ("Dec. 6: Operations in ..."), whose header the stamp still belongs to.
        heading = not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
        stamp = next(
            iter(_STAMP.finditer(text, 0, DATELINE_WINDOW if heading else m.start())), None
        )
        if stamp is None:
            return None
        stamped = dt.date(int(stamp.group(1)), int(stamp.group(2)), 15)
        # The year that puts the day nearest the stamp's month ("Jan. 2" under a
        # December stamp is in the next year).
        value = _day_of_year(stamped, month, day, "present")
        if value is None:
            return None
        months_apart = (value.year - stamped.year) * 12 + value.month - stamped.month
        return value if -1 <= months_apart <= 1 else None
    return None


def dateline_span(text: str) -> tuple[int, int] | None:
    """The characters of a story's dateline date ("(Sept. 1)", "Jan. 25, 2013"), with or
    without a year: the day the story was filed, which is not the day of its events. A
    dated heading above a dateline ("June 15: Operations in ...", then "KABUL (June 15)
    -") gives the story's filing day twice: the span runs from the first to the last."""
    matches = list(_dateline_matches(text))
    if not matches:
        return None
    return matches[0].start(), matches[-1].end()


def resolve_dateline_day(text: str, anchor: dt.date) -> ResolvedDate | None:
    """The dateline's day, placing a day without a year in the anchor's year.

    The anchor's year is taken unless that puts the dateline more than two days
    after the anchor, in which case the story was filed the year before (a
    "Dec. 31" dateline on a story stamped January 1).
    """
    for m in _dateline_matches(text):
        month, day, year = _match_date(m)
        if year is not None:
            value = _safe_date(year, month, day)
        else:
            value = _day_of_year(anchor, month, day, "past")
        if value is not None:
            return ResolvedDate(value, "day", m.group(), m.start(), m.end())
    return None
