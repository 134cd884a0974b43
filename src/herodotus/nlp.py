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


# A short line without closing punctuation ("KABUL, Afghanistan (Jan. 25, 2013)",
# "For Immediate Release") is a header of its own, not the start of a sentence.
HEADER_LINE = re.compile(r"^[^\n]{1,60}(?<![.!?:;,\"'”’])\n(?=\s*[A-Z])", re.MULTILINE)


def _pieces(text: str) -> list[tuple[int, int]]:
    """Character ranges of paragraphs: blank lines and header lines end them."""
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in PARAGRAPH_BREAK.finditer(text)]
    cuts += [(m.end() - 1, m.end()) for m in HEADER_LINE.finditer(text)]
    cuts.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in cuts:
        if start < pos:
            continue
        out.append((pos, start))
        pos = end
    out.append((pos, len(text)))
    return out


def split_paragraphs(
    text: str, article_index: int = 0, max_chars: int = 100_000
) -> list[Paragraph]:
    """Cut a text at blank lines, keeping each paragraph's character offset."""
    text = text[:max_chars]
    return [
        Paragraph(article_index, start, text[start:end])
        for start, end in _pieces(text)
        if text[start:end].strip()
    ]


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
