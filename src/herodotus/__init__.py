"""Herodotus: political event data from raw news.

Raw text goes in; CAMEO and PLOVER coded events come out, each with its
actors, resolved date, place and the sentence it comes from.

>>> from herodotus import Pipeline, Settings
>>> pipeline = Pipeline(Settings())                        # doctest: +SKIP
>>> events = pipeline.extract_text("Russia accused Ukraine of shelling.",
...                                date="2022-03-01")      # doctest: +SKIP
"""

from herodotus.errors import HerodotusError
from herodotus.model import Actor, Article, Event, Location, Quote, Reject, Span
from herodotus.settings import Settings
from herodotus.version import CODER_VERSION, __version__

__all__ = [
    "CODER_VERSION",
    "Actor",
    "Article",
    "Event",
    "HerodotusError",
    "Location",
    "Pipeline",
    "Quote",
    "Reject",
    "Settings",
    "Span",
    "__version__",
]


def __getattr__(name: str) -> object:
    """Import the pipeline lazily: it pulls in spaCy, which is slow to import."""
    if name == "Pipeline":
        from herodotus.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
