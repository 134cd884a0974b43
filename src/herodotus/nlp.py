"""Loading the spaCy model once and parsing texts in batches.

Articles are split into paragraphs before parsing: news paragraphs are sentence
boundaries the statistical parser does not always see (a subtitle with no full
stop runs into the first paragraph), and shorter docs parse faster.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from herodotus.errors import ModelError
from herodotus.settings import Settings

log = logging.getLogger(__name__)

PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")
# A single line break before a lowercase word: a wrapped line, not a break in the text
# (a line that ends before a capital may be a title or a byline, and stays a break).
LINE_WRAP = re.compile(r"(?<=\S)\n(?=[a-z])")

# Components the coder does not read; dropping them saves time.
UNUSED_PIPES = ("senter",)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A piece of an article to parse, with its place in the article text, and its
    tokens when the sentence splitter has already cut them (``words`` with the
    ``spaces`` after them, which rebuild ``text`` exactly, and the ``norms`` the
    tokenizer's special cases give): news is tokenized once."""

    article_index: int
    offset: int
    text: str
    words: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    spaces: tuple[bool, ...] | None = field(default=None, compare=False, repr=False)
    norms: tuple[int, ...] | None = field(default=None, compare=False, repr=False)


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
    """Character ranges of paragraphs: blank lines and header lines end them. A
    paragraph starts at its first word: whitespace left at its start (a header line's
    break followed by a blank line) would be a token of its own, which the model reads
    as part of the sentence and parses it worse."""
    cuts: list[tuple[int, int]] = [(m.start(), m.end()) for m in PARAGRAPH_BREAK.finditer(text)]
    cuts += [(m.end() - 1, m.end()) for m in HEADER_LINE.finditer(text)]
    cuts.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in cuts:
        if start < pos:
            # Overlapping cuts (a header line's end that opens a blank line): the
            # paragraph starts after both.
            pos = max(pos, end)
            continue
        out.append((pos, start))
        pos = end
    out.append((pos, len(text)))
    # A paragraph starts at its first character that is not white space: a leading
    # line break would be a token of its own that the parser hangs the sentence on.
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out]


def split_paragraphs(
    text: str, article_index: int = 0, max_chars: int = 100_000
) -> list[Paragraph]:
    """Cut a text at blank lines, keeping each paragraph's character offset. Inside a
    paragraph a line break before a lowercase word is a wrapped line (wire copy breaks
    every 65 characters): it is read as the space it stands for, which keeps every offset and
    spares the model a whitespace token per line."""
    text = text[:max_chars]
    return [
        Paragraph(article_index, start, LINE_WRAP.sub(" ", text[start:end]))
        for start, end in _pieces(text)
        if text[start:end].strip()
    ]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence found by punctuation: characters [start, end) of its paragraph, its
    lowercase words, and tokens [first, stop) of the paragraph's tokens."""

    start: int
    end: int
    words: tuple[str, ...]
    first: int = 0
    stop: int = 0


@dataclass(frozen=True, slots=True)
class Split:
    """A paragraph cut into sentences, with every token (its text, whether a space
    follows it, its norm) for the pieces that will be parsed."""

    sentences: list[Sentence]
    tokens: list[str]
    spaces: list[bool]
    norms: list[int]


class SentenceSplitter:
    """Sentence boundaries from punctuation on the model's own tokens, without a parse.

    Cheap enough to run on every sentence before deciding which ones to parse, and the
    same whether or not a sentence is parsed later, so sentence numbers do not depend
    on what was parsed. The rule is spaCy's ``Sentencizer``'s (a sentence starts at the
    first word after sentence-final punctuation), run on token attribute arrays rather
    than Token objects: this runs on every sentence of the input.
    """

    def __init__(self, nlp: Any) -> None:
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, NORM, ORTH, SPACY
        from spacy.pipeline import Sentencizer

        self._tokenizer = nlp.tokenizer
        self._strings = nlp.vocab.strings
        self._attrs = [ORTH, LOWER, IS_PUNCT, IS_SPACE, IDX, LENGTH, SPACY, NORM]
        # A string's id is its hash, whether or not the store holds it yet.
        self._final = frozenset(int(self._strings[c]) for c in Sentencizer.default_punct_chars)

    def split(self, text: str) -> Split:
        doc = self._tokenizer(text)
        if not len(doc):
            return Split([], [], [], [])
        rows: list[list[int]] = doc.to_array(self._attrs).tolist()
        starts = [0]
        seen_final = False
        for i, (orth, _lower, is_punct, _space, _idx, _len, _spacy, _norm) in enumerate(rows):
            final = orth in self._final
            if seen_final and not is_punct and not final:
                starts.append(i)
                seen_final = False
            elif final:
                seen_final = True
        out: list[Sentence] = []
        strings = self._strings
        for a, b in zip(starts, [*starts[1:], len(rows)], strict=True):
            toks = rows[a:b]
            words = tuple(strings[r[1]] for r in toks if not r[3])
            if words:
                out.append(Sentence(toks[0][4], toks[-1][4] + toks[-1][5], words, a, b))
        tokens = [strings[r[0]] for r in rows]
        return Split(out, tokens, [bool(r[6]) for r in rows], [r[7] for r in rows])


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


def pieces_to_parse(paragraph: Paragraph, split: Split, keep: Sequence[bool]) -> list[Paragraph]:
    """The runs of consecutive kept sentences of a paragraph, each as a piece to parse
    with its own offset in the article and its tokens (a whole paragraph when every
    sentence is kept)."""
    out: list[Paragraph] = []
    run: list[Sentence] = []
    for sent, kept in [*zip(split.sentences, keep, strict=True), (None, False)]:
        if kept and sent is not None:
            run.append(sent)
            continue
        if run:
            start, end = run[0].start, run[-1].end
            first, stop = run[0].first, run[-1].stop
            # The piece ends at its last token: no space follows it.
            spaces = (*split.spaces[first : stop - 1], False)
            out.append(
                Paragraph(
                    paragraph.article_index,
                    paragraph.offset + start,
                    paragraph.text[start:end],
                    tuple(split.tokens[first:stop]),
                    spaces,
                    tuple(split.norms[first:stop]),
                )
            )
            run = []
    return out


def whole_paragraph(paragraph: Paragraph, split: Split) -> Paragraph:
    """A paragraph to parse in full, with the tokens the splitter cut."""
    return Paragraph(
        paragraph.article_index,
        paragraph.offset,
        paragraph.text,
        tuple(split.tokens),
        tuple(split.spaces),
        tuple(split.norms),
    )


# Token attributes the table ruler reads, by pattern key, as columns of its array.
_RULER_KEYS = {"TAG": 0, "LOWER": 1, "DEP": 5, "IS_SPACE": 6}

# A compiled token test: (column, kind, value); kind "eq" (an id or a flag), "in" or
# "notin" (ids; "" is id 0, an absent value), "re" (a regex on the word's lowercase form).
_Test = tuple[int, str, Any]


class TableAttributeRuler:
    """The model's ``attribute_ruler``, applied by table lookup instead of its Matcher.

    The ruler maps tags (and a few words) to coarse parts of speech, morphology and
    some lemmas with about 180 patterns; spaCy's Matcher tries every pattern at every
    token, which costs about a tenth of the whole parse. Most patterns test one token
    for equal TAG and/or LOWER values, which a dictionary answers at once; the rest
    (several tokens, IN, REGEX, DEP) are tried only where their first token's word,
    tag or dependency could start them. A pattern this class cannot read stays with a
    Matcher. Patterns apply in the ruler's order, later ones winning, exactly as the
    ruler does; the test suite compares the two token by token on real news.
    """

    # Token values remembered in ``_starts``; past it the table starts afresh.
    MAX_REMEMBERED = 200_000

    def __init__(self, nlp: Any) -> None:
        from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
        from spacy.matcher import Matcher

        ruler = nlp.get_pipe("attribute_ruler")
        strings = nlp.vocab.strings
        self._strings = strings
        self._rules: list[dict[int, int]] = list(ruler.attrs)
        self._indices: list[int] = list(ruler.indices)
        self._read = [TAG, LOWER, POS, MORPH, LEMMA, DEP, IS_SPACE]
        self._write = [POS, MORPH, LEMMA]
        self._columns = {POS: 0, MORPH: 1, LEMMA: 2}
        self._by_tag: dict[int, list[int]] = {}
        self._by_lower: dict[int, list[int]] = {}
        self._by_both: dict[tuple[int, int], list[int]] = {}
        # Other patterns: (rule, token tests), indexed by what may start them.
        self._patterns: list[tuple[int, list[list[_Test]]]] = []
        self._anchored: dict[tuple[int, int], list[int]] = {}
        self._scan: list[int] = []
        self._matcher = Matcher(nlp.vocab)
        self._fallback = False
        # What each token's (TAG, LOWER, DEP, IS_SPACE) values start: all a token test
        # reads, so every later token with the same values is answered at once.
        self._starts: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                spec = pattern[0] if len(pattern) == 1 else None
                if (
                    spec is not None
                    and set(spec) <= {"TAG", "LOWER"}
                    and all(isinstance(v, str) for v in spec.values())
                ):
                    tag = int(strings[spec["TAG"]]) if "TAG" in spec else None
                    low = int(strings[spec["LOWER"]]) if "LOWER" in spec else None
                    if tag is not None and low is not None:
                        self._by_both.setdefault((tag, low), []).append(rule)
                    elif tag is not None:
                        self._by_tag.setdefault(tag, []).append(rule)
                    elif low is not None:
                        self._by_lower.setdefault(low, []).append(rule)
                    continue
                tests = [self._compile(tok) for tok in pattern]
                if any(t is None for t in tests):
                    self._matcher.add(str(rule), [pattern])
                    self._fallback = True
                    continue
                number = len(self._patterns)
                self._patterns.append((rule, [t for t in tests if t is not None]))
                anchors = [
                    (col, v)
                    for col, kind, value in tests[0] or []
                    if kind in ("eq", "in") and col != _RULER_KEYS["IS_SPACE"]
                    for v in (value if kind == "in" else (value,))
                ]
                first_col = anchors[0][0] if anchors else None
                keys = [a for a in anchors if a[0] == first_col]
                for key in keys:
                    self._anchored.setdefault(key, []).append(number)
                if not keys:
                    self._scan.append(number)

    def _compile(self, spec: dict[str, Any]) -> list[_Test] | None:
        """A pattern token as column tests, or None for what only a Matcher reads."""
        out: list[_Test] = []
        for key, want in spec.items():
            col = _RULER_KEYS.get(key)
            if col is None:
                return None
            if isinstance(want, bool):
                out.append((col, "eq", int(want)))
            elif isinstance(want, str):
                out.append((col, "eq", int(self._strings[want])))
            elif isinstance(want, dict) and set(want) == {"IN"} and key != "IS_SPACE":
                out.append((col, "in", frozenset(int(self._strings[v]) for v in want["IN"])))
            elif isinstance(want, dict) and set(want) == {"NOT_IN"} and key != "IS_SPACE":
                banned = frozenset(int(self._strings[v]) for v in want["NOT_IN"])
                out.append((col, "notin", banned))
            elif isinstance(want, dict) and set(want) == {"REGEX"} and key == "LOWER":
                out.append((col, "re", re.compile(want["REGEX"])))
            else:
                return None
        return out

    def _passes(self, tests: list[_Test], row: list[int]) -> bool:
        for col, kind, value in tests:
            have = row[col]
            if kind == "eq":
                if have != value:
                    return False
            elif kind == "in":
                if have not in value:
                    return False
            elif kind == "notin":
                if have in value:
                    return False
            elif not value.search(self._strings[have]):
                return False
        return True

    def _starting_at(self, row: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """For a token's values: the one-token rules it meets, and the other patterns
        whose first token it is (their next tokens are tested where it stands)."""
        simple = (
            *self._by_tag.get(row[0], ()),
            *self._by_lower.get(row[1], ()),
            *self._by_both.get((row[0], row[1]), ()),
        )
        anchored = self._anchored
        found = [
            *anchored.get((0, row[0]), ()),
            *anchored.get((1, row[1]), ()),
            *anchored.get((5, row[5]), ()),
            *self._scan,
        ]
        return simple, tuple(n for n in found if self._passes(self._patterns[n][1][0], row))

    def __call__(self, doc: Any) -> Any:
        import numpy
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        if not n:
            return doc
        rows: list[list[int]] = doc.to_array(self._read).tolist()
        memo = self._starts
        hits: list[list[int]] = []
        begun: list[tuple[int, tuple[int, ...]]] = []
        for i, row in enumerate(rows):
            key = (row[0], row[1], row[5], row[6])
            known = memo.get(key)
            if known is None:
                known = self._starting_at(row)
                if len(memo) >= self.MAX_REMEMBERED:
                    memo.clear()
                memo[key] = known
            hits.append(list(known[0]))
            if known[1]:
                begun.append((i, known[1]))
        for i, numbers in begun:
            for number in numbers:
                rule, tests = self._patterns[number]
                end = i + len(tests)
                if end <= n and all(
                    self._passes(tests[k], rows[i + k]) for k in range(1, len(tests))
                ):
                    index = self._indices[rule]
                    hits[i + index if index >= 0 else end + index].append(rule)
        if self._fallback:
            for match_id, start, end in self._matcher(doc, allow_missing=True):
                rule = int(self._strings[match_id])
                index = self._indices[rule]
                hits[start + index if index >= 0 else end + index].append(rule)
        out = numpy.array([row[2:5] for row in rows], dtype="uint64")
        rare: list[tuple[int, dict[int, int]]] = []
        for i, rules in enumerate(hits):
            if len(rules) > 1:
                rules.sort()
            for rule in rules:
                for attr, value in self._rules[rule].items():
                    column = self._columns.get(attr)
                    if column is None:
                        rare.append((i, {attr: value}))
                    else:
                        out[i, column] = value
        doc.from_array(self._write, out)
        for i, attrs in rare:
            set_token_attrs(doc[i], attrs)
        return doc


def _index_as_sets(lemmatizer: Any) -> None:
    """Hold the rule lemmatizer's word index as sets rather than lists: the rules test
    each candidate form for membership, and a list of 57,000 nouns made every new word
    cost a scan of it. The same lemmas come out; only the lookup is faster."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


class TableLemmatizer:
    """The model's lemmatizer, its answers remembered by word, part of speech and
    morphology, which are all a rule lemmatizer reads: the same lemmas, without a
    Python call per token for words seen before (most of them, in news)."""

    # Distinct (word, POS, morphology) keys kept; past it the table starts afresh, so
    # memory stays bounded on endless input.
    MAX_KNOWN = 500_000

    def __init__(self, lemmatizer: Any) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        self._lemmatizer = lemmatizer
        _index_as_sets(lemmatizer)
        self._overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self._read = [ORTH, POS, MORPH, LEMMA]
        self._write = [LEMMA]
        self._known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        import numpy

        if not len(doc):
            return doc
        rows: list[list[int]] = doc.to_array(self._read).tolist()
        known = self._known
        lemmas: list[int] = []
        missing: list[int] = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self._overwrite:
                lemmas.append(lemma)
                continue
            found = known.get((orth, pos, morph))
            if found is None:
                missing.append(i)
                found = 0
            lemmas.append(found)
        doc.from_array(self._write, numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        if missing:
            if len(known) > self.MAX_KNOWN:
                known.clear()
            for i in missing:
                token = doc[i]
                token.lemma_ = self._lemmatizer.lemmatize(token)[0]
                orth, pos, morph, _ = rows[i]
                known[(orth, pos, morph)] = token.lemma
        return doc


class Parser:
    """The model run over pieces of text, the attribute ruler and the lemmatizer
    replaced by their table versions (the same annotations, faster) when the model has
    the usual English layout: the ruler, then the lemmatizer, neither read by the
    named-entity recogniser. Pieces that come with their tokens are not tokenized
    again."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        names = list(nlp.pipe_names)
        self._table: TableAttributeRuler | None = None
        self._lemmatizer: TableLemmatizer | None = None
        if "attribute_ruler" in names and "lemmatizer" in names:
            after = names[names.index("attribute_ruler") + 1 :]
            lemmatizer = nlp.get_pipe("lemmatizer")
            if (
                after[:1] == ["lemmatizer"]
                and set(after[1:]) <= {"ner"}
                and getattr(lemmatizer, "mode", "") == "rule"
            ):
                self._table = TableAttributeRuler(nlp)
                self._lemmatizer = TableLemmatizer(lemmatizer)

    def _docs(self, paragraphs: Iterable[Paragraph]) -> Iterator[tuple[Any, Paragraph]]:
        import numpy
        from spacy.attrs import NORM
        from spacy.tokens import Doc

        vocab = self.nlp.vocab
        for p in paragraphs:
            if p.words is None or p.spaces is None or p.norms is None:
                yield p.text, p
                continue
            doc: Any = Doc(vocab, words=list(p.words), spaces=list(p.spaces))
            if p.words:
                doc.from_array([NORM], numpy.array(p.norms, dtype="uint64").reshape(-1, 1))
            yield doc, p

    def parse(
        self, paragraphs: Iterable[Paragraph], batch_size: int
    ) -> Iterator[tuple[Paragraph, Any]]:
        """Parse paragraphs in batches, in order, yielding each with its Doc."""
        items = self._docs(paragraphs)
        if self._table is None or self._lemmatizer is None:
            yield from (
                (para, doc)
                for doc, para in self.nlp.pipe(items, batch_size=batch_size, as_tuples=True)
            )
            return
        docs = self.nlp.pipe(
            items,
            batch_size=batch_size,
            as_tuples=True,
            disable=["attribute_ruler", "lemmatizer"],
        )
        for doc, para in docs:
            yield para, self._lemmatizer(self._table(doc))
