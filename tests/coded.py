"""What the real pipeline codes in one text, in the shapes the reading tests compare.

Every text is coded as if published on one fixed day, so relative dates and dated roles
resolve the same way in every test.
"""

from __future__ import annotations

from herodotus.model import Event
from herodotus.pipeline import Pipeline

DAY = "2021-03-02"


def events(pipeline: Pipeline, text: str) -> list[Event]:
    """The events of a text published on ``DAY``."""
    return pipeline.extract_text(text, DAY)


def cameos(pipeline: Pipeline, text: str) -> list[str]:
    """The CAMEO codes of a text's events."""
    return [e.cameo for e in events(pipeline, text)]


def roots(pipeline: Pipeline, text: str) -> list[str]:
    """The CAMEO roots of a text's events."""
    return [e.cameo[:2] for e in events(pipeline, text)]


def dyads(pipeline: Pipeline, text: str) -> list[tuple[str | None, str | None, str]]:
    """Source code, target code (None without one) and root of each event."""
    return [
        (e.source.code, e.target.code if e.target else None, e.cameo[:2])
        for e in events(pipeline, text)
    ]


def country_dyads(pipeline: Pipeline, text: str) -> list[tuple[str | None, str | None, str]]:
    """Source country, target country (None without one) and root of each event."""
    return [
        (e.source.country, e.target.country if e.target else None, e.cameo[:2])
        for e in events(pipeline, text)
    ]
