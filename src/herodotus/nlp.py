"""Loading the spaCy model once and parsing texts in batches.

Articles are split into paragraphs before parsing: news paragraphs are sentence
boundaries the statistical parser does not always see (a subtitle with no full
stop runs into the first paragraph), and shorter docs parse faster.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
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


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence found by punctuation: characters [start, end) of its paragraph and
    its lowercase words."""

    start: int
    end: int
    words: tuple[str, ...]


class SentenceSplitter:
    """Sentence boundaries from punctuation on the model's own tokens, without a parse.

    Cheap enough to run on every sentence before deciding which ones to parse, and the
    same whether or not a sentence is parsed later, so sentence numbers do not depend
    on what was parsed.
    """

    def __init__(self, nlp: Any) -> None:
        from spacy.pipeline import Sentencizer

        self._tokenizer = nlp.tokenizer
        self._sentencizer = Sentencizer()

    def split(self, text: str) -> list[Sentence]:
        doc = self._sentencizer(self._tokenizer(text))
        out: list[Sentence] = []
        for sent in doc.sents:
            words = tuple(t.lower_ for t in sent if not t.is_space)
            if words:
                out.append(Sentence(sent.start_char, sent.end_char, words))
        return out


def lemma_exceptions(nlp: Any) -> dict[str, frozenset[str]]:
    """The irregular forms the model's lemmatizer knows for verbs and nouns ("met" ->
    "meet"), so that a test on bare words finds the lemmas the parse would give."""
    out: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return {}
    table = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        for form, lemmas in table.get(pos, {}).items():
            out.setdefault(form.lower(), set()).update(lem.lower() for lem in lemmas)
    return {form: frozenset(lemmas) for form, lemmas in out.items()}


def pieces_to_parse(
    paragraph: Paragraph, sentences: Sequence[Sentence], keep: Sequence[bool]
) -> list[Paragraph]:
    """The runs of consecutive kept sentences of a paragraph, each as a piece to parse
    with its own offset in the article (a whole paragraph when every sentence is kept)."""
    out: list[Paragraph] = []
    run: list[Sentence] = []
    for sent, kept in [*zip(sentences, keep, strict=True), (None, False)]:
        if kept and sent is not None:
            run.append(sent)
            continue
        if run:
            start, end = run[0].start, run[-1].end
            text = paragraph.text[start:end]
            out.append(Paragraph(paragraph.article_index, paragraph.offset + start, text))
            run = []
    return out


def parse_paragraphs(
    nlp: Any, paragraphs: Iterable[Paragraph], settings: Settings
) -> Iterator[tuple[Paragraph, Any]]:
    """Parse paragraphs in batches, in order, yielding each with its Doc."""
    items = ((p.text, p) for p in paragraphs)
    for doc, para in nlp.pipe(items, batch_size=settings.batch_size, as_tuples=True):
        yield para, doc
