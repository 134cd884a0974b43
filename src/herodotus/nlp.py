"""Loading the spaCy model once and parsing texts in batches.

Articles are split into paragraphs before parsing: news paragraphs are sentence
boundaries the statistical parser does not always see (a subtitle with no full
stop runs into the first paragraph), and shorter docs parse faster.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from herodotus.errors import ModelError
from herodotus.settings import Settings

log = logging.getLogger(__name__)

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")

# Components the coder does not read; dropping them saves time.
UNUSED_PIPES = ("senter",)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A piece of an article to parse, with its place in the article text."""

    article_index: int
    offset: int
    text: str


def load_model(settings: Settings) -> Any:
    """Load the spaCy model named in the settings (never from a hub: it is a package)."""
    try:
        import spacy

        nlp = spacy.load(settings.model, exclude=list(settings.disabled_pipes))
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"cannot load the spaCy model {settings.model!r}: {exc}. "
            "Install it with the project (pip install -e .)."
        ) from exc
    log.debug("loaded %s with pipes %s", settings.model, nlp.pipe_names)
    return nlp


def split_paragraphs(
    text: str, article_index: int = 0, max_chars: int = 100_000
) -> list[Paragraph]:
    """Cut a text at blank lines, keeping each paragraph's character offset."""
    out: list[Paragraph] = []
    pos = 0
    text = text[:max_chars]
    for m in PARAGRAPH_BREAK.finditer(text):
        piece = text[pos : m.start()]
        if piece.strip():
            out.append(Paragraph(article_index, pos, piece))
        pos = m.end()
    tail = text[pos:]
    if tail.strip():
        out.append(Paragraph(article_index, pos, tail))
    return out


def parse_paragraphs(
    nlp: Any, paragraphs: Iterable[Paragraph], settings: Settings
) -> Iterator[tuple[Paragraph, Any]]:
    """Parse paragraphs in batches, in order, yielding each with its Doc."""
    items = ((p.text, p) for p in paragraphs)
    kwargs: dict[str, Any] = {"batch_size": settings.batch_size, "as_tuples": True}
    if settings.workers > 1:
        kwargs["n_process"] = settings.workers
    for doc, para in nlp.pipe(items, **kwargs):
        yield para, doc
