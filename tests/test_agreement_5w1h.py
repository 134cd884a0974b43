"""scripts/agreement_5w1h.py: the WHEN and WHERE agreement measures on small hand-made
records, and one run over the real Giveme5W1H corpus when ../shared holds it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from collections.abc import Collection, Mapping
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

import pytest

from herodotus.model import Actor, Article, DatePrecision, Event, Location, Span
from herodotus.pipeline import Pipeline
from tests.conftest import require_shared

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "agreement_5w1h.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("agreement_5w1h", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up while the file runs.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


agr = _load()

ANCHOR = dt.date(2021, 6, 10)  # a Thursday


class FakeGeocoder:
    """A gazetteer of a few names, enough to exercise the WHERE rules."""

    PLACES: Mapping[str, Location] = MappingProxyType(
        {
            "valletta": Location("Valletta", "MLT", 35.9, 14.5),
            "malta": Location("Malta", "MLT"),
            "lyon": Location("Lyon", "FRA", 45.8, 4.8),
            "france": Location("France", "FRA"),
            "zurich": Location("Zürich", "CHE", 47.4, 8.5),
            # An alternate name that is a translation, like a gazetteer's quirks.
            "blue palace": Location("Marseille", "FRA", 43.3, 5.4),
        }
    )

    def geocode(self, name: str, story_countries: Collection[str] = ()) -> Location | None:
        return self.PLACES.get(name.strip().lower())


def _event(
    date: str | None,
    precision: DatePrecision,
    confidence: float = 0.5,
    location: Location | None = None,
) -> Event:
    actor = Actor("FRA", "FRA", None, "France", "France")
    return Event(
        article_id="a",
        sentence_index=0,
        sentence="",
        trigger=Span("met", 0, 3),
        source=actor,
        target=None,
        cameo="040",
        cameo_root="04",
        plover=None,
        plover_mode=None,
        quad_class=1,
        goldstein=1.0,
        date=date,
        date_precision=precision,
        location=location,
        negated=False,
        modality="asserted",
        confidence=confidence,
        coder_version="test",
    )


def _record(ident: str, when: tuple[str, ...] = (), where: tuple[str, ...] = ()) -> Any:
    article = Article(id=ident, text="Some words.", date=ANCHOR, date_origin="given")
    return agr.GoldRecord(article, when, where)


def _measures(measures: list[Any]) -> dict[str, tuple[int, int]]:
    return {m.key: (m.agree, m.of) for m in measures}


# --------------------------------------------------------------------------- WHEN


def test_date_agrees_to_the_gold_precision() -> None:
    day = [agr.GoldDate(dt.date(2021, 6, 8), "day")]
    month = [agr.GoldDate(dt.date(2021, 5, 1), "month")]
    assert agr.date_agrees("2021-06-08", "day", day)
    assert not agr.date_agrees("2021-06-09", "day", day)
    # A finer date stands for a coarser gold date, never the other way round.
    assert agr.date_agrees("2021-05-17", "day", month)
    assert not agr.date_agrees("2021-06-01", "month", [agr.GoldDate(dt.date(2021, 6, 1), "day")])
    assert not agr.date_agrees("2021-01-01", "year", day)
    # The publication-date fallback is read as a day.
    assert agr.date_agrees("2021-06-08", "unknown", day)
    assert not agr.date_agrees(None, "unknown", day)


def test_gold_when_kinds() -> None:
    kind, dates = agr.gold_when(("on Tuesday",), ANCHOR)
    assert kind == "explicit" and dates == (agr.GoldDate(dt.date(2021, 6, 8), "day"),)
    # A bare year is a date when annotators mark it as the answer to "when".
    assert agr.gold_when(("2020",), ANCHOR) == (
        "explicit",
        (agr.GoldDate(dt.date(2020, 1, 1), "year"),),
    )
    # A clock time alone is the publication day, unless another phrase names the day.
    assert agr.gold_when(("shortly after 9pm",), ANCHOR) == (
        "clock",
        (agr.GoldDate(ANCHOR, "day"),),
    )
    assert agr.gold_when(("at 21:15", "on Tuesday"), ANCHOR)[0] == "explicit"
    assert agr.gold_when(("shortly after 9pm",), None) == ("unresolved", ())
    assert agr.gold_when(("after the final whistle",), ANCHOR) == ("unresolved", ())
    assert agr.gold_when((), ANCHOR) == ("none", ())


def test_when_measures_on_hand_made_records() -> None:
    coded = [
        # Gold Tuesday; our most confident dated event says Tuesday.
        (
            _record("r1", when=("on Tuesday",)),
            (_event("2021-06-08", "day", 0.9), _event("2021-06-10", "unknown", 0.4)),
        ),
        # Gold Tuesday; our best dated event is a month back, a weaker one is right.
        (
            _record("r2", when=("Tuesday night",)),
            (_event("2021-05-01", "month", 0.8), _event("2021-06-08", "day", 0.3)),
        ),
        # Gold is the publication day; we only have the fallback, which is right.
        (_record("r3", when=("this morning",)), (_event("2021-06-10", "unknown", 0.6),)),
        # No date in the gold phrase: left out of the agreement measures.
        (_record("r4", when=("before the vote",)), (_event("2021-06-10", "unknown"),)),
        # No gold phrase at all; no events either.
        (_record("r5"), ()),
    ]
    report = agr.score(coded, FakeGeocoder())
    got = _measures(report.when)
    assert got["gold_phrase"] == (4, 5)
    assert got["gold_explicit"] == (3, 4)
    assert got["gold_unresolved"] == (1, 4)
    assert got["coverage_explicit"] == (2, 3)
    assert got["top_explicit"] == (1, 3)
    assert got["top_explicit_covered"] == (1, 2)
    assert got["any_explicit"] == (2, 3)
    assert got["coverage_any"] == (3, 3)
    assert got["top_output"] == (2, 3)
    assert got["fallback_only"] == (1, 1)
    assert got["baseline_publication_day"] == (1, 3)


# --------------------------------------------------------------------------- WHERE


def test_place_candidates_strip_prepositions_and_split_spans() -> None:
    assert agr.place_candidates("in the old harbour of Valletta") == [
        "old harbour of Valletta",
        "Valletta",
    ]
    assert "Lyon" in agr.place_candidates("near Lyon, France")
    assert "France" in agr.place_candidates("near Lyon, France")
    assert "Zurich" in agr.place_candidates("Switzerland's Zurich")


def test_resolve_where_refuses_unlike_names() -> None:
    geo = FakeGeocoder()
    found = agr.resolve_where(("at the Blue Palace", "outside Valletta"), geo)
    assert [loc.name for loc in found] == ["Valletta"]


def test_name_agreement_is_whole_words_ignoring_case_and_accents() -> None:
    gold = (Location("Zürich", "CHE", 47.4, 8.5),)
    assert agr.name_agrees(Location("Zurich", "CHE"), ("in zurich",), ())
    assert agr.name_agrees(Location("Zürich", "CHE"), ("Zuerich",), gold)
    assert agr.name_agrees(Location("Lyon, France", "FRA"), ("a square in Lyon",), ())
    assert agr.name_agrees(Location("Valletta", "MLT"), ("the harbour at Valletta",), ())
    assert not agr.name_agrees(Location("Oman", "OMN"), ("Romania",), ())
    assert not agr.name_agrees(Location("", None), ("Lyon",), ())


def test_where_measures_on_hand_made_records() -> None:
    lyon = Location("Lyon", "FRA", 45.8, 4.8)
    paris = Location("Paris", "FRA", 48.9, 2.3)
    coded = [
        # Right town.
        (_record("p1", where=("in Lyon",)), (_event(None, "unknown", 0.7, lyon),)),
        # Right country, wrong town.
        (_record("p2", where=("near Lyon, France",)), (_event(None, "unknown", 0.9, paris),)),
        # A gold place the gazetteer does not know; our event names it all the same.
        (
            _record("p3", where=("the Grand Arena",)),
            (_event(None, "unknown", 0.5, Location("Grand Arena", None)),),
        ),
        # A gold place and no placed event.
        (_record("p4", where=("Valletta",)), (_event(None, "unknown"),)),
        # No gold place.
        (_record("p5"), (_event(None, "unknown", 0.5, paris),)),
    ]
    got = _measures(agr.score(coded, FakeGeocoder()).where)
    assert got["gold_phrase"] == (4, 5)
    assert got["gold_geocoded"] == (3, 4)
    assert got["coverage"] == (3, 4)
    assert got["top_name"] == (2, 4)
    assert got["top_name_covered"] == (2, 3)
    assert got["any_name"] == (2, 4)
    assert got["top_country"] == (2, 3)
    assert got["top_country_covered"] == (2, 2)


# --------------------------------------------------------------------------- I/O


def test_read_corpus_keeps_phrases_and_skips_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    good = {
        "id": "g1",
        "date": "2021-06-10",
        "title": "A title",
        "text": "A short story about a meeting.",
        "meta": {"gold_5w1h": {"when": ["on Tuesday", None, " "], "where": None}},
    }
    lines = [json.dumps(good), "{not json", json.dumps({"id": "g2", "text": ""}), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    records, skipped = agr.read_corpus(path)
    assert skipped == 2
    assert [r.article.id for r in records] == ["g1"]
    assert records[0].when == ("on Tuesday",) and records[0].where == ()
    assert records[0].article.date == ANCHOR


def test_markdown_table_shape() -> None:
    report = agr.score([(_record("r1", when=("on Tuesday",)), ())], FakeGeocoder())
    text = agr.render_markdown(report)
    assert "| WHEN | n | of | share |" in text and "| WHERE | n | of | share |" in text
    assert "| – |" in text  # a measure over no article has no share


def test_missing_corpus_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert agr.main(["--shared", str(tmp_path)]) == 2
    assert "no Giveme5W1H corpus" in capsys.readouterr().err


def test_full_corpus(
    pipeline: Pipeline, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = require_shared("corpora", "giveme5w1h_gold_standard.jsonl")
    out = tmp_path / "agreement.json"
    assert agr.main(["--shared", str(corpus.parents[1]), "--json", str(out)], pipeline) == 0
    printed = capsys.readouterr().out
    assert "| WHEN |" in printed and "| WHERE |" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"] == 96 and data["skipped"] == 0
    assert data["when"]["gold_phrase"]["agree"] == 81
    assert data["where"]["gold_phrase"]["agree"] == 72
    for section in ("when", "where"):
        for m in data[section].values():
            assert 0 <= m["agree"] <= m["of"]
    assert len(data["when_articles"]) == len(data["where_articles"]) == 96
