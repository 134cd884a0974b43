"""Value objects that flow through the pipeline: frozen, typed, no behaviour beyond shape.

Every stage takes and returns these; nothing downstream reaches back into an
earlier stage's internals (spaCy objects never leave ``nlp``/``coding``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year", "unknown"]
Modality = Literal["asserted", "future", "hypothetical", "reported"]
DateOrigin = Literal["given", "dateline", "none"]

DATE_PRECISIONS: tuple[DatePrecision, ...] = ("day", "month", "year", "unknown")
MODALITIES: tuple[Modality, ...] = ("asserted", "future", "hypothetical", "reported")


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex digest of the parts (same input, same id, every run)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One news story as read from input, before any language processing."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    # Where the date came from: the record itself, a dateline in the text, or nowhere.
    date_origin: DateOrigin = "none"
    origin: str | None = None  # file and line it was read from

    @staticmethod
    def content_id(title: str | None, text: str) -> str:
        """The id of an article that came without one: a hash of its content."""
        return "h" + stable_hash(title or "", text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "text": self.text,
            "url": self.url,
            "source": self.source,
            "date_origin": self.date_origin,
        }


@dataclass(frozen=True, slots=True)
class Reject:
    """A record put aside, with the reason; it is stored, never silently lost."""

    origin: str  # "path:line" or "<stdin>:line"
    reason: str
    excerpt: str = ""  # the first characters of the raw record

    @property
    def reject_id(self) -> str:
        return stable_hash(self.origin, self.reason, self.excerpt)

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "reason": self.reason, "excerpt": self.excerpt}


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of the article text, and the words found there."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded participant: CAMEO code, country, sector, canonical name and the words used."""

    code: str | None  # CAMEO actor code, e.g. "PRKGOV", "IGOUNO"
    country: str | None  # ISO 3166-1 alpha-3
    sector: str | None  # CAMEO sector, e.g. "GOV", "MIL"
    name: str | None  # canonical name, e.g. "Kim Jong Un" or "North Korea"
    text: str  # as written in the story
    start: int = -1
    end: int = -1
    # How it was resolved (entry and rule), for explanations; not part of identity.
    rule: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened."""

    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker, directly or in indirect speech."""

    article_id: str
    speaker: Actor | None
    text: str
    start: int
    end: int
    direct: bool
    via: str | None = None  # the medium that reports it ("KCNA")
    date: str | None = None

    @property
    def quote_id(self) -> str:
        return stable_hash(self.article_id, self.start, self.end, self.text)

    def to_dict(self) -> dict[str, Any]:
        sp = self.speaker
        return {
            "quote_id": self.quote_id,
            "article_id": self.article_id,
            "speaker": (
                {"code": sp.code, "country": sp.country, "name": sp.name, "text": sp.text}
                if sp
                else None
            ),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "direct": self.direct,
            "via": self.via,
            "date": self.date,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when and where, and the words it comes from."""

    article_id: str
    sentence_index: int
    sentence: str
    trigger: Span
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str | None
    plover_mode: str | None
    quad_class: int
    goldstein: float
    date: str | None  # ISO; "YYYY-MM-DD" whatever the precision (first day of the period)
    date_precision: DatePrecision
    location: Location | None
    negated: bool
    modality: Modality
    confidence: float
    coder_version: str
    count: int = 1  # "held four meetings with Xi": one event, count 4

    @property
    def event_id(self) -> str:
        """Stable hash of article, sentence, actors and code: writing twice is a no-op."""
        return stable_hash(
            self.article_id,
            self.sentence_index,
            self.trigger.start,
            self.source.code,
            self.source.start,
            self.target.code if self.target else None,
            self.target.start if self.target else None,
            self.cameo,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "trigger": self.trigger.to_dict(),
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "modality": self.modality,
            "confidence": self.confidence,
            "coder_version": self.coder_version,
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the pipeline found in one article."""

    article: Article
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...] = ()
