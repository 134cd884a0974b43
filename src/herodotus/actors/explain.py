"""Why a name resolves the way it does on a date: the entries it may stand for, their
dated roles, and the one the resolver picks (``herodotus actors NAME --date D``).

>>> from herodotus.pipeline import Pipeline
>>> explain("the Kremlin", None, Pipeline()).actor.code      # doctest: +SKIP
'RUSGOV'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from herodotus.actors.kb import Entry, Role
from herodotus.model import Actor

if TYPE_CHECKING:
    from herodotus.pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class Candidate:
    """One knowledge-base entry the name may stand for."""

    words: str  # the alias that matched
    kind: str
    id: str
    name: str
    source: str
    code: str | None  # its code on the date (None: no role held then)
    roles: tuple[Role, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "source": self.source,
            "code_on_date": self.code,
            "roles": [
                {
                    "code": r.code,
                    "title": r.title,
                    "start": r.start.isoformat() if r.start else None,
                    "end": r.end.isoformat() if r.end else None,
                }
                for r in self.roles
            ],
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    """How a name resolves on a date, and from what."""

    text: str
    date: dt.date | None
    actor: Actor | None
    candidates: tuple[Candidate, ...]

    def to_dict(self) -> dict[str, Any]:
        a = self.actor
        return {
            "text": self.text,
            "date": self.date.isoformat() if self.date else None,
            "actor": None if a is None else {**a.to_dict(), "rule": a.rule},
            "candidates": [c.to_dict() for c in self.candidates],
        }


def _code_on(entry: Entry, day: dt.date | None) -> str | None:
    if entry.roles:
        role = entry.role_on(day)
        return role.code if role else None
    return entry.code or (f"---{entry.sector}" if entry.sector else None)


def explain(text: str, day: dt.date | None, pipeline: Pipeline) -> Explanation:
    """Resolve ``text`` as a noun phrase on ``day`` and list every entry behind it."""
    doc = pipeline.nlp(text)
    resolver = pipeline.resolver
    # Read as a one-paragraph story, exactly as the pipeline reads stories.
    story = resolver.read_story(day, [(0, doc)])
    actor = resolver.resolve_span(story, 0, len(text)) if text.strip() else None
    mentions = [m for _, _, bt in story.paragraphs for m in dict.fromkeys(bt.values())]
    candidates = tuple(
        Candidate(
            doc[m.start : m.end].text, e.kind, e.id, e.name, e.source, _code_on(e, day), e.roles
        )
        for m in mentions
        for e in m.entries
    )
    return Explanation(text, day, actor, candidates)
