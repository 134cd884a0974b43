"""Events and article results built by hand, for tests of what happens after coding
(storing, grouping): the store must not care where events come from."""

from __future__ import annotations

import datetime as dt

from herodotus.model import Actor, Article, ArticleResult, Event, Location, Quote, Span

PRK = Actor("PRKGOV", "PRK", "GOV", "Kim Jong Un", "Kim Jong Un", 0, 11)
KOR = Actor("KORGOV", "KOR", "GOV", "Yoon Suk Yeol", "Seoul", 20, 25)
USA = Actor("USAGOV", "USA", "GOV", "Joe Biden", "Biden", 30, 35)
RUS = Actor("RUSMIL", "RUS", "MIL", "Russian Armed Forces", "Russian troops", 0, 14)
UNO = Actor("IGOUNO", None, None, "United Nations", "the UN", 40, 46)


def make_event(
    article_id: str,
    sentence_index: int = 0,
    *,
    source: Actor = PRK,
    target: Actor | None = KOR,
    cameo: str = "190",
    plover: str | None = "ASSAULT",
    date: str | None = "2023-04-01",
    location: Location | None = None,
    confidence: float = 0.8,
    goldstein: float = -10.0,
    trigger_start: int = 12,
) -> Event:
    """An event built by hand: the store must not care where events come from."""
    return Event(
        article_id=article_id,
        sentence_index=sentence_index,
        sentence=f"Sentence {sentence_index} of {article_id}.",
        trigger=Span("fired", trigger_start, trigger_start + 5),
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        plover_mode=None,
        quad_class=4,
        goldstein=goldstein,
        date=date,
        date_precision="day" if date else "unknown",
        location=location,
        negated=False,
        modality="asserted",
        confidence=confidence,
        coder_version="test-1",
        count=1,
    )


def make_result(
    article_id: str,
    events: tuple[Event, ...] = (),
    quotes: tuple[Quote, ...] = (),
    date: dt.date | None = dt.date(2023, 4, 1),
) -> ArticleResult:
    article = Article(
        id=article_id,
        text=f"Text of {article_id}.",
        date=date,
        title=f"Title {article_id}",
        url=f"https://example.org/{article_id}",
        source="Example Wire",
        date_origin="given" if date else "none",
        origin=f"input.jsonl:{article_id}",
    )
    return ArticleResult(article, events, quotes)
