"""How well Herodotus's event dates and places agree with the human "when" and "where"
answers of the Giveme5W1H gold standard (see docs/5w1h.md for the measures).

    python scripts/agreement_5w1h.py --shared ../shared
    python scripts/agreement_5w1h.py --shared ../shared --json agreement.json

The corpus is read at run time from ``corpora/giveme5w1h_gold_standard.jsonl`` under
``--shared``; exit status 2 when it is absent. The gold phrases are resolved with the
project's own tools (``herodotus.time.find_dates`` and the pipeline's geocoder), so a
disagreement is between our events and the annotators, not between two date parsers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from herodotus.geo import Geocoder
from herodotus.ingest.records import to_article
from herodotus.model import Article, DatePrecision, Event, Location
from herodotus.pipeline import Pipeline
from herodotus.settings import Settings
from herodotus.time import Precision, find_dates

CORPUS = Path("corpora", "giveme5w1h_gold_standard.jsonl")

GoldWhenKind = Literal["explicit", "clock", "unresolved", "none"]

# Finer precisions rank lower; an event date may stand for a gold date only when it is
# at least as fine as the gold phrase.
_RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2}

# A clock time with no day ("at around 6am", "00:48", "shortly before 7 pm").
_CLOCK = re.compile(
    r"(?<!\w)\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)"
    r"|(?<![\w:.])\d{1,2}:\d{2}(?![\w:])"
    r"|\b(?:midnight|noon|midday)\b",
    re.IGNORECASE,
)

# Words that introduce a place phrase or a span in it, dropped before geocoding.
LEADING_WORDS = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "from",
        "to",
        "into",
        "off",
        "outside",
        "inside",
        "across",
        "throughout",
        "around",
        "the",
    }
)
# Runs of capitalised words: "Croydon", "Sao Paulo", "Mazar-i-Sharif".
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
_POSSESSIVE = re.compile(r"['’]s\s+")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold article: the article as the pipeline reads it and the annotated phrases."""

    article: Article
    when: tuple[str, ...]
    where: tuple[str, ...]


def _phrases(value: object) -> tuple[str, ...]:
    """The non-empty string phrases of a gold list (annotators left ``null`` entries)."""
    if not isinstance(value, list):
        return ()
    return tuple(p.strip() for p in value if isinstance(p, str) and p.strip())


def gold_record(raw: Mapping[str, Any], origin: str) -> GoldRecord | None:
    """A parsed corpus line as a ``GoldRecord``; ``None`` when it is no usable article."""
    article = to_article(raw, origin=origin, raw=json.dumps(raw)[:400])
    if not isinstance(article, Article):
        return None
    meta = raw.get("meta")
    gold = meta.get("gold_5w1h") if isinstance(meta, Mapping) else None
    if not isinstance(gold, Mapping):
        gold = {}
    return GoldRecord(article, _phrases(gold.get("when")), _phrases(gold.get("where")))


def read_corpus(path: Path) -> tuple[list[GoldRecord], int]:
    """The gold records of a JSONL file, and how many lines were skipped as unusable."""
    records: list[GoldRecord] = []
    skipped = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError:
                skipped += 1
                continue
            rec = gold_record(raw, f"{path.name}:{lineno}") if isinstance(raw, dict) else None
            if rec is None:
                skipped += 1
            else:
                records.append(rec)
    return records, skipped


# --------------------------------------------------------------------------- measures


@dataclass(frozen=True, slots=True)
class Measure:
    """One row of the report: ``agree`` articles out of ``of``."""

    key: str
    label: str
    agree: int
    of: int

    @property
    def share(self) -> float | None:
        return self.agree / self.of if self.of else None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "agree": self.agree, "of": self.of, "share": self.share}


def _top(events: Iterable[Event]) -> Event | None:
    """The most confident event; the earliest in the text on a tie (events come sorted)."""
    best: Event | None = None
    for ev in events:
        if best is None or ev.confidence > best.confidence:
            best = ev
    return best


# --------------------------------------------------------------------------- WHEN


@dataclass(frozen=True, slots=True)
class GoldDate:
    value: dt.date
    precision: Precision

    def iso(self) -> str:
        return self.value.isoformat()


def resolve_when(phrases: Sequence[str], anchor: dt.date | None) -> tuple[GoldDate, ...]:
    """The explicit dates of gold "when" phrases, resolved against the publication date.

    A phrase is read in the past tense (the gold answers name when something
    happened); one that ``find_dates`` leaves alone is retried as if introduced by
    "in", since annotators mark bare years ("2016") that ``find_dates`` rightly
    ignores in running text.
    """
    out: list[GoldDate] = []
    for phrase in phrases:
        found = find_dates(phrase, anchor) or find_dates(f"in {phrase}", anchor)
        out.extend(GoldDate(d.value, d.precision) for d in found)
    return tuple(dict.fromkeys(out))


def gold_when(
    phrases: Sequence[str], anchor: dt.date | None
) -> tuple[GoldWhenKind, tuple[GoldDate, ...]]:
    """The gold dates of an article and how they were obtained.

    ``explicit``: some phrase names a date. ``clock``: no phrase does, but one gives
    a clock time alone ("at around 6am"), read as the publication day. ``unresolved``:
    phrases that name no date ("two days before the election", "lap 48").
    ``none``: no phrase at all.
    """
    if not phrases:
        return "none", ()
    explicit = resolve_when(phrases, anchor)
    if explicit:
        return "explicit", explicit
    if anchor is not None and any(_CLOCK.search(p) for p in phrases):
        return "clock", (GoldDate(anchor, "day"),)
    return "unresolved", ()


def _truncate(value: dt.date, precision: str) -> tuple[int, ...]:
    if precision == "day":
        return (value.year, value.month, value.day)
    if precision == "month":
        return (value.year, value.month)
    return (value.year,)


def date_agrees(iso: str | None, precision: DatePrecision, gold: Sequence[GoldDate]) -> bool:
    """Whether a date stands for one of the gold dates, to that gold date's precision.

    ``unknown`` (the publication-date fallback) is read as a day. The date must be
    at least as fine as the gold date: "2016" does not stand for 9 November 2016,
    while 9 November 2016 does stand for "November 2016".
    """
    if iso is None:
        return False
    value = dt.date.fromisoformat(iso)
    rank = _RANK.get(precision, 0)
    return any(
        rank <= _RANK[g.precision]
        and _truncate(value, g.precision) == _truncate(g.value, g.precision)
        for g in gold
    )


@dataclass(frozen=True, slots=True)
class WhenOutcome:
    """The WHEN comparison of one article (for the JSON detail)."""

    article_id: str
    kind: GoldWhenKind
    gold: tuple[GoldDate, ...]
    top_explicit: Event | None
    any_explicit_agrees: bool
    top_dated: Event | None

    @property
    def top_explicit_agrees(self) -> bool:
        ev = self.top_explicit
        return ev is not None and date_agrees(ev.date, ev.date_precision, self.gold)

    @property
    def top_dated_agrees(self) -> bool:
        ev = self.top_dated
        return ev is not None and date_agrees(ev.date, ev.date_precision, self.gold)

    def to_dict(self) -> dict[str, Any]:
        def ev(e: Event | None) -> dict[str, Any] | None:
            return None if e is None else {"date": e.date, "precision": e.date_precision}

        return {
            "article_id": self.article_id,
            "gold_kind": self.kind,
            "gold": [{"date": g.iso(), "precision": g.precision} for g in self.gold],
            "top_explicit": ev(self.top_explicit),
            "top_explicit_agrees": self.top_explicit_agrees,
            "any_explicit_agrees": self.any_explicit_agrees,
            "top_dated": ev(self.top_dated),
            "top_dated_agrees": self.top_dated_agrees,
        }


def when_outcome(record: GoldRecord, events: Sequence[Event]) -> WhenOutcome:
    kind, gold = gold_when(record.when, record.article.date)
    explicit = [e for e in events if e.date is not None and e.date_precision != "unknown"]
    dated = [e for e in events if e.date is not None]
    return WhenOutcome(
        article_id=record.article.id,
        kind=kind,
        gold=gold,
        top_explicit=_top(explicit),
        any_explicit_agrees=any(date_agrees(e.date, e.date_precision, gold) for e in explicit),
        top_dated=_top(dated),
    )


def score_when(
    outcomes: Sequence[WhenOutcome], anchors: Mapping[str, dt.date | None]
) -> list[Measure]:
    """The WHEN rows over the per-article outcomes (``anchors``: publication date by id)."""
    total = len(outcomes)
    with_phrase = [o for o in outcomes if o.kind != "none"]
    scored = [o for o in with_phrase if o.gold]
    explicit_gold = [o for o in scored if o.kind == "explicit"]
    covered = [o for o in scored if o.top_explicit is not None]
    fallback_only = [o for o in scored if o.top_explicit is None and o.top_dated is not None]
    n = len(scored)

    def pub_day_agrees(o: WhenOutcome) -> bool:
        anchor = anchors.get(o.article_id)
        return anchor is not None and date_agrees(anchor.isoformat(), "day", o.gold)

    def count(items: Iterable[WhenOutcome], test: Callable[[WhenOutcome], bool]) -> int:
        return sum(1 for o in items if test(o))

    return [
        Measure("gold_phrase", "articles with a gold 'when' phrase", len(with_phrase), total),
        Measure("gold_explicit", "… that names a date", len(explicit_gold), len(with_phrase)),
        Measure(
            "gold_clock",
            "… that gives only a clock time (read as the publication day)",
            sum(1 for o in scored if o.kind == "clock"),
            len(with_phrase),
        ),
        Measure(
            "gold_unresolved",
            "… that names no date (left out below)",
            sum(1 for o in with_phrase if o.kind == "unresolved"),
            len(with_phrase),
        ),
        Measure("coverage_explicit", "coverage: an event with a date of its own", len(covered), n),
        Measure(
            "top_explicit",
            "most confident dated event agrees",
            count(scored, lambda o: o.top_explicit_agrees),
            n,
        ),
        Measure(
            "top_explicit_covered",
            "most confident dated event agrees, covered articles",
            count(covered, lambda o: o.top_explicit_agrees),
            len(covered),
        ),
        Measure(
            "any_explicit",
            "some dated event agrees",
            count(scored, lambda o: o.any_explicit_agrees),
            n,
        ),
        Measure(
            "top_explicit_gold_explicit",
            "most confident dated event agrees, gold naming a date",
            count(explicit_gold, lambda o: o.top_explicit_agrees),
            len(explicit_gold),
        ),
        Measure(
            "coverage_any",
            "coverage: any event with a date, fallback included",
            sum(1 for o in scored if o.top_dated is not None),
            n,
        ),
        Measure(
            "top_output",
            "most confident event agrees, fallback read as the day",
            count(scored, lambda o: o.top_dated_agrees),
            n,
        ),
        Measure(
            "fallback_only",
            "fallback ('unknown') agrees, articles with only fallback dates",
            count(fallback_only, lambda o: o.top_dated_agrees),
            len(fallback_only),
        ),
        Measure(
            "baseline_publication_day",
            "baseline: the publication day agrees",
            sum(1 for o in scored if pub_day_agrees(o)),
            n,
        ),
    ]


# --------------------------------------------------------------------------- WHERE


def fold(text: str) -> str:
    """Lower case without diacritics ("São Paulo" -> "sao paulo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _strip_leading(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in LEADING_WORDS:
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


def place_candidates(phrase: str) -> list[str]:
    """Names to geocode in a gold "where" phrase: the phrase without its leading
    preposition, then each run of capitalised words in it (also stripped)."""
    out = [_strip_leading(phrase)]
    for m in _CAPITALISED.finditer(phrase):
        span = m.group().rstrip(".")
        out.append(_strip_leading(span))
        # "Hebei's Baoding": the possessor and the place, each on its own.
        out.extend(_strip_leading(part) for part in _POSSESSIVE.split(span))
    return [c for c in dict.fromkeys(out) if c]


def looks_alike(name: str, place: Location) -> bool:
    """Whether a gazetteer hit plausibly is the place named: the two names begin with
    the same three letters (case and accents ignored). The gazetteer's alternate
    names include translations ("White House" is listed for Casablanca), which
    would otherwise turn a building into a foreign city."""
    return fold(name)[:3] == fold(place.name)[:3]


def _geocode(geocoder: Geocoder, name: str, countries: Collection[str]) -> Location | None:
    loc = geocoder.geocode(name, countries)
    return loc if loc is not None and looks_alike(name, loc) else None


def resolve_where(phrases: Sequence[str], geocoder: Geocoder) -> tuple[Location, ...]:
    """Every place the gold phrases name that the geocoder knows.

    Countries named by the phrases themselves ("UK", "Brazil") disambiguate the
    other names, as the countries of a story do for the pipeline.
    """
    names = [name for p in phrases for name in place_candidates(p)]
    first = [_geocode(geocoder, name, ()) for name in names]
    countries = {
        loc.country for loc in first if loc is not None and loc.country and loc.lat is None
    }
    found = [
        _geocode(geocoder, name, countries) if countries else loc
        for name, loc in zip(names, first, strict=True)
    ]
    return tuple(dict.fromkeys(loc for loc in found if loc is not None))


def _contains(outer: str, inner: str) -> bool:
    """Whether ``inner`` occurs in ``outer`` as whole words (both already folded)."""
    return bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


def _name_parts(name: str) -> list[str]:
    """A place name and its comma-separated parts, folded ("Croydon, London")."""
    parts = (fold(p).strip(" .") for p in (name, *name.split(",")))
    return [p for p in dict.fromkeys(parts) if p]


def name_agrees(location: Location, phrases: Sequence[str], gold: Sequence[Location]) -> bool:
    """Whether an event's place name agrees with the gold phrases.

    The name or one of its comma-separated parts occurs in a gold phrase, or a
    gold candidate name (see ``place_candidates``) occurs in it, as whole words,
    case and accents ignored; or a gold phrase geocodes to a place of that name
    ("Mazar-i-Sharif" and the gazetteer's spelling).
    """
    parts = _name_parts(location.name)
    for phrase in phrases:
        text = fold(phrase)
        cands = [fold(c) for c in place_candidates(phrase)]
        for part in parts:
            if _contains(text, part) or any(_contains(part, c) for c in cands):
                return True
    gold_names = {fold(g.name) for g in gold}
    return any(part in gold_names for part in parts)


def country_agrees(location: Location, gold: Sequence[Location]) -> bool:
    return location.country is not None and any(g.country == location.country for g in gold)


@dataclass(frozen=True, slots=True)
class WhereOutcome:
    """The WHERE comparison of one article (for the JSON detail)."""

    article_id: str
    phrases: int
    gold: tuple[Location, ...]
    top: Location | None
    top_name: bool
    any_name: bool
    top_country: bool
    any_country: bool

    def to_dict(self) -> dict[str, Any]:
        def loc(x: Location | None) -> dict[str, Any] | None:
            return None if x is None else {"name": x.name, "country": x.country}

        return {
            "article_id": self.article_id,
            "gold_places": [loc(g) for g in self.gold],
            "top": loc(self.top),
            "top_name_agrees": self.top_name,
            "any_name_agrees": self.any_name,
            "top_country_agrees": self.top_country,
            "any_country_agrees": self.any_country,
        }


def where_outcome(record: GoldRecord, events: Sequence[Event], geocoder: Geocoder) -> WhereOutcome:
    gold = resolve_where(record.where, geocoder)
    located = [e.location for e in events if e.location is not None]
    top_ev = _top(e for e in events if e.location is not None)
    top = top_ev.location if top_ev is not None else None
    return WhereOutcome(
        article_id=record.article.id,
        phrases=len(record.where),
        gold=gold,
        top=top,
        top_name=top is not None and name_agrees(top, record.where, gold),
        any_name=any(name_agrees(loc, record.where, gold) for loc in located),
        top_country=top is not None and country_agrees(top, gold),
        any_country=any(country_agrees(loc, gold) for loc in located),
    )


def score_where(outcomes: Sequence[WhereOutcome]) -> list[Measure]:
    total = len(outcomes)
    scored = [o for o in outcomes if o.phrases]
    geocoded = [o for o in scored if o.gold]
    covered = [o for o in scored if o.top is not None]
    covered_geo = [o for o in geocoded if o.top is not None]
    n = len(scored)

    def count(items: Iterable[WhereOutcome], test: Callable[[WhereOutcome], bool]) -> int:
        return sum(1 for o in items if test(o))

    return [
        Measure("gold_phrase", "articles with a gold 'where' phrase", n, total),
        Measure("gold_geocoded", "… that the geocoder places", len(geocoded), n),
        Measure("coverage", "coverage: an event with a place", len(covered), n),
        Measure(
            "top_name",
            "name: most confident placed event agrees",
            count(scored, lambda o: o.top_name),
            n,
        ),
        Measure(
            "top_name_covered",
            "name: most confident placed event agrees, covered articles",
            count(covered, lambda o: o.top_name),
            len(covered),
        ),
        Measure(
            "any_name", "name: some placed event agrees", count(scored, lambda o: o.any_name), n
        ),
        Measure(
            "top_country",
            "country: most confident placed event agrees",
            count(geocoded, lambda o: o.top_country),
            len(geocoded),
        ),
        Measure(
            "top_country_covered",
            "country: most confident placed event agrees, covered articles",
            count(covered_geo, lambda o: o.top_country),
            len(covered_geo),
        ),
        Measure(
            "any_country",
            "country: some placed event agrees",
            count(geocoded, lambda o: o.any_country),
            len(geocoded),
        ),
    ]


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Report:
    articles: int
    skipped: int
    when: list[Measure]
    where: list[Measure]
    when_detail: list[WhenOutcome]
    where_detail: list[WhereOutcome]

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "skipped": self.skipped,
            "when": {m.key: m.to_dict() for m in self.when},
            "where": {m.key: m.to_dict() for m in self.where},
            "when_articles": [o.to_dict() for o in self.when_detail],
            "where_articles": [o.to_dict() for o in self.where_detail],
        }


def score(
    coded: Sequence[tuple[GoldRecord, Sequence[Event]]], geocoder: Geocoder, skipped: int = 0
) -> Report:
    """Both comparisons over gold records paired with the events coded from them."""
    when = [when_outcome(rec, events) for rec, events in coded]
    where = [where_outcome(rec, events, geocoder) for rec, events in coded]
    anchors = {rec.article.id: rec.article.date for rec, _ in coded}
    return Report(len(coded), skipped, score_when(when, anchors), score_where(where), when, where)


def code(
    records: Sequence[GoldRecord], pipeline: Pipeline
) -> list[tuple[GoldRecord, Sequence[Event]]]:
    """Each record with the events the pipeline codes from its article."""
    results = pipeline.process(rec.article for rec in records)
    return [(rec, res.events) for rec, res in zip(records, results, strict=True)]


def _table(title: str, measures: Sequence[Measure]) -> str:
    rows = [f"| {title} | n | of | share |", "|---|---:|---:|---:|"]
    for m in measures:
        share = "–" if m.share is None else f"{m.share:.3f}"
        rows.append(f"| {m.label} | {m.agree} | {m.of} | {share} |")
    return "\n".join(rows)


def render_markdown(report: Report) -> str:
    head = f"Giveme5W1H gold standard: {report.articles} articles"
    if report.skipped:
        head += f" ({report.skipped} unusable records skipped)"
    return "\n\n".join([head, _table("WHEN", report.when), _table("WHERE", report.where)])


def main(argv: Sequence[str] | None = None, pipeline: Pipeline | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path("../shared"),
        help="The shared data folder holding corpora/giveme5w1h_gold_standard.jsonl.",
    )
    parser.add_argument(
        "--json", type=Path, help="Also write the measures and per-article detail here."
    )
    args = parser.parse_args(argv)
    path: Path = args.shared / CORPUS
    if not path.is_file():
        print(f"no Giveme5W1H corpus: {path} does not exist", file=sys.stderr)
        return 2
    records, skipped = read_corpus(path)
    pipe = pipeline or Pipeline(Settings())
    report = score(code(records, pipe), pipe.geocoder, skipped)
    print(render_markdown(report))
    if args.json:
        args.json.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
