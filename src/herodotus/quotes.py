"""Quotations, GDELT-GKG style: who said what, in their words or in reported speech.

Quotation marks are found on the characters (straight, curly and guillemets; single
marks only where they pair up around words, so that apostrophes stay apostrophes),
and attributed on the parse: the speech verb whose complement holds the quoted words
("Kim said “...”", "“...,” the agency said"), the quoted person of "X quoted Y as
saying" (X is then the medium), "according to X", or the "he said" put between two
halves of a quote. Words in quotation marks that no speech verb governs are names or
scare quotes ("acting in “bad faith”"), not speech, unless they stand as a sentence
of their own; a paragraph that is all quote takes its speaker from the neighbouring
paragraph, as news style leaves it to be read. Indirect speech ("Putin told reporters
that he would ...") is the clause a speech verb reports.

The finder returns token positions, not actors: the pipeline resolves the speaker
and the medium in the story's context (pronouns included) as it resolves any actor.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from herodotus import resources

# Typography, not vocabulary: the marks that open and close a quotation.
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"
# What may stand before a single opening mark: a single mark after a letter is an
# apostrophe ("Kim's"), at the start of a word it opens a quote.
BEFORE_SINGLE_OPEN = '([{—–-/“"'
TERMINAL = ".!?…"

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

# How the words of a quote may hang from the speech verb: as what is said.
# "prep" ("said in a “statement of concern”") and "conj" ("said X and rejected “Y”")
# are not among them.
REPORTED_DEPS = frozenset(
    {"ccomp", "parataxis", "dobj", "xcomp", "dep", "attr", "oprd", "npadvmod", "intj"}
)
# Clauses that describe a noun or stand beside it: a quote inside them is not the
# words of a speech verb further up ("Kim, who called it “a waste of time”, said").
CLOSED_DEPS = frozenset({"relcl", "acl", "appos", "csubj", "csubjpass"})
# A speech verb without a subject of its own borrows the subject of the verb it hangs
# from: "Putin emerged ... saying that", "Kim smiled and said".
BORROW_SUBJECT_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp"})
SUBJECT_DEPS = ("nsubj",)
RELATIVE_TAGS = frozenset({"WP", "WDT"})


@dataclass(frozen=True, slots=True)
class QuoteWords:
    """The word lists of quotes.json (a data file, so that they can grow without code)."""

    speech_verbs: frozenset[str]
    quoting_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    according: frozenset[str]
    min_words: int = 3

    @classmethod
    def load(cls) -> QuoteWords:
        raw = resources.load_json("quotes.json")
        return cls(
            speech_verbs=frozenset(raw["speech_verbs"]),
            quoting_verbs=frozenset(raw["quoting_verbs"]),
            addressee_verbs=frozenset(raw["addressee_verbs"]),
            according=frozenset(raw["according"]),
            min_words=int(raw.get("min_words", 3)),
        )


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation before its speaker is resolved into an Actor.

    ``start``/``end`` are character offsets in the article; for a direct quote and
    for a reported clause in one piece ``article[start:end] == text``. When an
    attribution interrupts a reported clause ("The talks, he said, had failed") the
    text joins its pieces. Token positions are (paragraph index in the ``docs`` given
    to ``find``, token index in that paragraph's Doc).
    """

    start: int
    end: int
    text: str
    direct: bool
    speaker_token: tuple[int, int] | None
    medium_token: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class _Marks:
    """One pair of quotation marks in a paragraph (local character offsets)."""

    open: int  # the opening mark
    close: int | None  # the closing mark; None when the quote runs on past the paragraph
    start: int  # the quoted words, trimmed
    end: int


@dataclass(slots=True)
class _Found:
    """A quote being attributed (mutable while the passes fill in speakers)."""

    para: int
    start: int  # local to the paragraph
    end: int
    text: str
    direct: bool
    speaker: tuple[int, int] | None = None
    medium: tuple[int, int] | None = None
    attributed: bool = False
    standalone: bool = False  # a sentence (or more) of its own
    marks: _Marks | None = None
    words: int = 0


def count_words(text: str) -> int:
    """Words as a reader counts them ("DPRK-US" and "don't" are one)."""
    return len(WORD.findall(text))


# -- quotation marks ------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the spaces, and the comma a quote ends with before "he said", from the edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _double_marks(text: str) -> list[tuple[int, int | None]]:
    """(opening, closing) positions of double quotation marks.

    A closing curly mark with no quote open, before a word, is taken for an opening
    one (a common slip of keyboards); a quote still open at the end of a paragraph
    runs on into the next, as news style writes quotes of several paragraphs.
    """
    out: list[tuple[int, int | None]] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch in DOUBLE_OPEN:
            if opened is not None:
                out.append((opened, None if i == len(text) else i))
            opened = i
        elif ch in DOUBLE_CLOSE:
            if opened is not None:
                out.append((opened, i))
                opened = None
            elif i + 1 < len(text) and text[i + 1].isalnum():
                opened = i
        elif ch == STRAIGHT_DOUBLE:
            if opened is None:
                opened = i
            else:
                out.append((opened, i))
                opened = None
    if opened is not None:
        out.append((opened, None))
    return out


def _single_close(text: str, i: int, stop: int) -> int | None:
    """The mark that closes a single quote opened at ``i``, before ``stop``.

    A closing candidate follows a non-space and is not followed by a letter ("’s");
    one after an "s" and before a word may be a plural possessive ("the leaders’
    talks"), so it is taken only when no better candidate follows.
    """
    candidates = [
        j
        for j in range(i + 2, stop)
        if text[j] in SINGLE_CLOSE
        and not text[j - 1].isspace()
        and (j + 1 == len(text) or not text[j + 1].isalnum())
    ]
    for j in candidates:
        possessive = (
            text[j - 1] in "sS"
            and j + 2 < len(text)
            and text[j + 1] == " "
            and text[j + 2].isalpha()
        )
        if not possessive:
            return j
    return candidates[0] if candidates else None


def _single_marks(text: str, lo: int, hi: int) -> list[tuple[int, int | None]]:
    """(opening, closing) single marks in text[lo:hi]: only pairs, never a lone apostrophe."""
    out: list[tuple[int, int | None]] = []
    i = lo
    while i < hi - 1:
        ch = text[i]
        starts_word = i == 0 or text[i - 1].isspace() or text[i - 1] in BEFORE_SINGLE_OPEN
        if ch in SINGLE_OPEN and starts_word and text[i + 1].isalnum():
            j = _single_close(text, i, hi)
            if j is not None:
                out.append((i, j))
                i = j + 1
                continue
        i += 1
    return out


def find_marks(text: str) -> list[_Marks]:
    """Every pair of quotation marks in a paragraph, in order, with the words inside."""
    pairs = _double_marks(text)
    lo = 0
    singles: list[tuple[int, int | None]] = []
    # Single marks inside double ones are quotes within the quote: part of its words.
    for o, c in [*pairs, (len(text), len(text))]:
        singles += _single_marks(text, lo, o)
        lo = (c + 1) if c is not None else len(text)
    out = []
    for o, c in sorted(pairs + singles):
        start, end = _trim(text, o + 1, c if c is not None else len(text))
        if start < end:
            out.append(_Marks(o, c, start, end))
    return out


def _standalone(text: str, marks: _Marks) -> bool:
    """Whether the quote is a sentence of its own: nothing but punctuation between it
    and the sentence ends around it ("“We are ready.”"), unlike a quoted phrase."""
    before = re.split(r"[.!?…:”\"’]\s", text[: marks.open])[-1]
    if any(ch.isalnum() for ch in before):
        return False
    inner = text[marks.start : marks.end].rstrip('”"’ ')
    if (inner and inner[-1] in TERMINAL) or marks.close is None:
        return True
    after = re.split(r"[.!?…]", text[marks.close + 1 :])[0]
    return not any(ch.isalnum() for ch in after)


# -- the finder -----------------------------------------------------------------------


class QuoteFinder:
    """Finds direct and indirect quotations in a parsed article, with their speakers."""

    def __init__(self, words: QuoteWords | None = None) -> None:
        self.words = words or QuoteWords.load()

    def cue_words(self) -> frozenset[str]:
        """Lowercase words and marks without which a sentence holds no quotation: its
        marks, a speech or quoting verb's lemma, "according"."""
        w = self.words
        marks = DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE + SINGLE_OPEN + SINGLE_CLOSE
        return w.speech_verbs | w.quoting_verbs | w.according | frozenset(marks)

    def find(self, docs: Sequence[tuple[int, Any]]) -> list[QuoteSpan]:
        """The quotes of an article given as (paragraph offset, Doc), in article order."""
        found: list[_Found] = []
        by_para: list[list[_Found]] = []
        wholly_quoted: list[bool] = []
        ends_with_colon: list[bool] = []
        runs_on: list[bool] = []
        for k, (_, doc) in enumerate(docs):
            text = doc.text  # spaCy joins the tokens anew on every access: read it once
            marks = find_marks(text)
            quoted = self._quoted_tokens(doc, marks, len(text))
            direct = [f for m in marks if (f := self._direct(k, doc, text, m, quoted)) is not None]
            accepted = [f for f in direct if f.attributed or f.standalone]
            indirect = self._indirect(k, doc, text, quoted, accepted)
            here = sorted(direct + indirect, key=lambda f: (f.start, f.end))
            by_para.append(here)
            found += here
            outside = _outside(text, marks)
            wholly_quoted.append(bool(marks) and not any(ch.isalnum() for ch in outside))
            ends_with_colon.append(text.rstrip().endswith(":"))
            runs_on.append(bool(marks) and marks[-1].close is None)
        self._same_paragraph(by_para)
        self._neighbours(docs, by_para, wholly_quoted, ends_with_colon, runs_on)
        out = []
        seen: set[tuple[int, int]] = set()
        for f in found:
            if f.direct and not (f.attributed or f.standalone):
                continue
            offset = docs[f.para][0]
            key = (offset + f.start, offset + f.end)
            if key in seen:
                continue
            seen.add(key)
            out.append(QuoteSpan(key[0], key[1], f.text, f.direct, f.speaker, f.medium))
        out.sort(key=lambda q: (q.start, q.end))
        return out

    # -- words and tokens -----------------------------------------------------------

    def _is_speech(self, tok: Any) -> bool:
        lemma = tok.lemma_.lower()
        return (
            tok.pos_ == "VERB"
            and tok.dep_ != "amod"
            and (lemma in self.words.speech_verbs or lemma in self.words.quoting_verbs)
        )

    @staticmethod
    def _quoted_tokens(doc: Any, marks: Sequence[_Marks], length: int) -> set[int]:
        """Tokens within quotation marks, the marks included: no speech verb there
        attributes anything outside ("“We say no,” he said")."""
        out: set[int] = set()
        for m in marks:
            hi = m.close if m.close is not None else length - 1
            out.update(t.i for t in _tokens_between(doc, m.open, hi + 1))
        return out

    # -- direct quotes ----------------------------------------------------------------

    def _direct(
        self, k: int, doc: Any, doc_text: str, marks: _Marks, quoted: set[int]
    ) -> _Found | None:
        text = doc_text[marks.start : marks.end]
        words = count_words(text)
        if words < self.words.min_words:
            return None
        hi = marks.close if marks.close is not None else len(doc_text)
        inside = [t for t in _tokens_between(doc, marks.open, hi) if t.idx > marks.open]
        found = _Found(
            k,
            marks.start,
            marks.end,
            text,
            True,
            standalone=_standalone(doc_text, marks),
            marks=marks,
            words=words,
        )
        if not inside:
            return found
        verb = self._attributing_verb(doc, marks, inside, quoted)
        if verb is not None:
            speaker, medium = self._speaker_of(verb, quoted)
            inside_ids = {t.i for t in inside}
            if speaker is not None and speaker.i not in inside_ids:
                found.speaker = (k, speaker.i)
                found.medium = (k, medium.i) if medium is not None else None
                found.attributed = True
            return found
        according = self._according(inside, quoted)
        if according is not None:
            found.speaker = (k, according.i)
            found.attributed = True
        return found

    def _attributing_verb(
        self, doc: Any, marks: _Marks, inside: Sequence[Any], quoted: set[int]
    ) -> Any | None:
        """The speech verb that says the quoted words, by the first rule that finds one."""
        ids = {t.i for t in inside}
        # 1. The quote is what the verb says: its words hang from the verb.
        for tok in inside:
            if tok.head.i in ids or tok.head.i == tok.i or tok.is_punct:
                continue
            verb = self._climb(tok, quoted)
            if verb is not None:
                return verb
        # 2. "he said" put inside the quote, hanging from its words.
        inserted = [
            t
            for tok in inside
            for t in tok.children
            if t.i not in quoted and t.i not in ids and self._is_speech(t)
        ]
        if inserted:
            return min(inserted, key=lambda t: min(abs(t.i - i) for i in ids))
        # 3. Next to the quote with nothing else between ("“...,” he said"), whatever
        #    the parser made of it (it may split the sentence at the closing mark).
        first, last = inside[0].i, inside[-1].i
        candidates = [t for t in doc[last + 1 : last + 12] if self._is_speech(t)]
        candidates += [t for t in reversed(doc[max(0, first - 12) : first]) if self._is_speech(t)]
        for verb in candidates:
            subj = _child(verb, SUBJECT_DEPS)
            if verb.i in quoted or subj is None:
                continue
            if verb.i > last:
                # "“...,” he said" or "“...,” said Kim": the speaker comes after the
                # quote; before it, the quote is part of who speaks ("Kim, who called
                # it “a waste of time”, said").
                lo, hi = last + 1, verb.i
                if subj.i < last:
                    continue
            else:
                lo, hi = verb.i + 1, first
            sub = {t.i for t in verb.subtree}
            gap = [t for t in doc[lo:hi] if t.i not in quoted]
            if all(t.is_punct or t.i in sub for t in gap):
                return verb
        return None

    def _climb(self, tok: Any, quoted: set[int]) -> Any | None:
        """From a word of the quote up the tree to the speech verb that reports it, if
        the path runs through what is said and not through a describing clause."""
        cur = tok
        for _ in range(24):
            head = cur.head
            if head.i == cur.i:
                return None
            if self._is_speech(head) and head.i not in quoted:
                lemma = head.lemma_.lower()
                if cur.dep_ == "dobj" and lemma in self.words.addressee_verbs:
                    return None
                return head if cur.dep_ in REPORTED_DEPS else None
            if cur.dep_ in CLOSED_DEPS:
                return None
            cur = head
        return None

    def _according(self, inside: Sequence[Any], quoted: set[int]) -> Any | None:
        """The X of "according to X" in the sentences of the quote."""
        sents = {t.sent.start: t.sent for t in inside}
        for sent in sents.values():
            for tok in sent:
                if tok.i in quoted or tok.lower_ not in self.words.according:
                    continue
                for to in tok.children:
                    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
                    if to.lower_ == "to" and obj is not None:
                        return obj
        return None

    # -- speakers -------------------------------------------------------------------------

    def _speaker_of(self, verb: Any, quoted: set[int]) -> tuple[Any | None, Any | None]:
        """(speaker, medium) of a speech verb.

        "KCNA quoted Kim as saying": the one quoted speaks, the one quoting is the
        medium; so is the subject of a speech verb whose words report another one
        ("Kim said ..., the agency said") or the X of "according to X".
        """
        quoting = self._quoting_verb(verb)
        if quoting is not None:
            speaker = _child(quoting, ("dobj", "nsubjpass"))
            medium = _child(quoting, ("nsubj",))
            if medium is None:
                agent = _child(quoting, ("agent",))
                medium = _child(agent, ("pobj",)) if agent is not None else None
            if speaker is None:
                return medium, None
            return speaker, medium
        speaker = self._subject(verb)
        if speaker is None:
            return None, None
        medium = None
        outer = verb
        if outer.dep_ in ("ccomp", "parataxis") and outer.head.i not in quoted:
            head = outer.head
            if self._is_speech(head):
                medium, _ = self._speaker_of(head, quoted)
        if medium is None:
            medium = self._according_in(verb.sent, quoted)
        if medium is not None and medium.i == speaker.i:
            medium = None
        return speaker, medium

    def _quoting_verb(self, verb: Any) -> Any | None:
        """The "quote" of "X quoted Y as saying", from either verb."""
        if verb.lemma_.lower() in self.words.quoting_verbs:
            return verb
        head = verb.head
        if head.lower_ == "as" and head.head.lemma_.lower() in self.words.quoting_verbs:
            return head.head
        return None

    def _subject(self, verb: Any) -> Any | None:
        """The subject of a speech verb, borrowed from the verb it hangs from when it
        has none ("Putin emerged from the meeting saying that ...")."""
        cur = verb
        for _ in range(4):
            subj = _child(cur, SUBJECT_DEPS)
            if subj is not None:
                if subj.tag_ in RELATIVE_TAGS and cur.dep_ == "relcl":
                    return cur.head
                return subj
            if _child(cur, ("nsubjpass",)) is not None:
                return None  # "was told that": the one told, not the speaker
            if cur.dep_ not in BORROW_SUBJECT_DEPS or cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    def _according_in(self, sent: Any, quoted: set[int]) -> Any | None:
        for tok in sent:
            if tok.i in quoted or tok.lower_ not in self.words.according:
                continue
            for to in tok.children:
                obj = _child(to, ("pobj",))
                if to.lower_ == "to" and obj is not None:
                    return obj
        return None

    # -- indirect speech ------------------------------------------------------------------

    def _indirect(
        self, k: int, doc: Any, doc_text: str, quoted: set[int], direct: Sequence[_Found]
    ) -> list[_Found]:
        """Clauses reported by a speech verb outside quotation marks."""
        out: list[_Found] = []
        for verb in doc:
            if verb.i in quoted or not self._is_speech(verb) or _child(verb, ("neg",)):
                continue
            if self._quoting_verb(verb) is verb:
                continue  # its "as saying" reports the clause
            tokens = self._reported(verb)
            if not tokens:
                continue
            speaker, medium = self._speaker_of(verb, quoted)
            if speaker is None or speaker.i in {t.i for t in tokens}:
                continue
            pieces = _pieces(doc, tokens)
            if not pieces:
                continue
            text = " ".join(doc_text[a:b] for a, b in pieces)
            words = count_words(text)
            if words < self.words.min_words:
                continue
            start, end = pieces[0][0], pieces[-1][1]
            covered = sum(
                count_words(doc_text[max(start, d.start) : min(end, d.end)])
                for d in direct
                if d.start < end and start < d.end
            )
            if covered * 2 >= words:
                continue  # the direct quote already carries these words
            out.append(
                _Found(
                    k,
                    start,
                    end,
                    text,
                    False,
                    speaker=(k, speaker.i),
                    medium=(k, medium.i) if medium is not None else None,
                    attributed=True,
                    words=words,
                )
            )
        return out

    def _reported(self, verb: Any) -> list[Any]:
        """The tokens of the clause a speech verb reports, or none.

        Its finite complement ("said (that) the talks failed"), or the clause it is
        put into ("The talks, he said, failed"). A complement that is itself a speech
        verb reports the quote, and this verb is only its medium.
        """
        comp = _child(verb, ("ccomp",))
        if comp is not None:
            if self._is_speech(comp) or comp.pos_ not in ("VERB", "AUX"):
                return []
            if not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in comp.children):
                return []
            return [t for t in comp.subtree if not (t.dep_ == "mark" and t.head.i == comp.i)]
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            head = verb.head
            if self._is_speech(head):
                return []
            own = {t.i for t in verb.subtree}
            return [t for t in head.subtree if t.i not in own]
        return []

    # -- speakers from elsewhere ----------------------------------------------------------

    @staticmethod
    def _same_paragraph(by_para: Sequence[list[_Found]]) -> None:
        """A quote that is a sentence of its own speaks with the voice of the nearest
        attributed quote of its paragraph ("“A,” he said. “B.”")."""
        for here in by_para:
            for i, f in enumerate(here):
                if f.attributed or not f.standalone:
                    continue
                before = [g for g in here[:i] if g.attributed]
                after = [g for g in here[i + 1 :] if g.attributed]
                source = before[-1] if before else (after[0] if after else None)
                if source is not None:
                    _inherit(f, source)

    def _neighbours(
        self,
        docs: Sequence[tuple[int, Any]],
        by_para: Sequence[list[_Found]],
        wholly_quoted: Sequence[bool],
        ends_with_colon: Sequence[bool],
        runs_on: Sequence[bool],
    ) -> None:
        """A paragraph that is all quote has its speaker in the paragraph before
        ("Kim said:", or the speaker of its last quote), or after (a quote running on
        into an attributed paragraph, or its first attributed quote)."""
        n = len(by_para)
        for _ in range(n):
            changed = False
            for k in range(n):
                if not wholly_quoted[k]:
                    continue
                todo = [f for f in by_para[k] if f.direct and not f.attributed]
                if not todo:
                    continue
                source = self._neighbour_source(docs, by_para, k, ends_with_colon, runs_on)
                if source is None:
                    continue
                for f in todo:
                    _inherit(f, source)
                changed = True
            if not changed:
                break

    def _neighbour_source(
        self,
        docs: Sequence[tuple[int, Any]],
        by_para: Sequence[list[_Found]],
        k: int,
        ends_with_colon: Sequence[bool],
        runs_on: Sequence[bool],
    ) -> _Found | None:
        nxt = by_para[k + 1] if k + 1 < len(by_para) else []
        first_next = next((g for g in nxt if g.attributed), None)
        opens_next = bool(nxt) and nxt[0].direct and nxt[0].marks is not None
        if runs_on[k] and opens_next and nxt[0].marks is not None:
            starts = not docs[k + 1][1].text[: nxt[0].marks.open].strip()
            if starts and nxt[0].attributed:
                return nxt[0]
        if k > 0:
            if ends_with_colon[k - 1]:
                intro = self._introducer(k - 1, docs[k - 1][1])
                if intro is not None:
                    return intro
            prev = [g for g in by_para[k - 1] if g.attributed]
            if prev:
                return prev[-1]
        return first_next

    def _introducer(self, k: int, doc: Any) -> _Found | None:
        """The speaker of "Kim said in a statement:" that introduces the next paragraph."""
        text = doc.text
        marks = find_marks(text)
        quoted = self._quoted_tokens(doc, marks, len(text))
        for verb in reversed(list(doc)):
            if verb.i in quoted or not self._is_speech(verb):
                continue
            speaker, medium = self._speaker_of(verb, quoted)
            if speaker is None:
                continue
            return _Found(
                k,
                0,
                0,
                "",
                False,
                speaker=(k, speaker.i),
                medium=(k, medium.i) if medium is not None else None,
                attributed=True,
            )
        return None


def _inherit(f: _Found, source: _Found) -> None:
    f.speaker = source.speaker
    f.medium = source.medium
    f.attributed = source.speaker is not None


def _child(tok: Any, deps: Iterable[str]) -> Any | None:
    wanted = set(deps)
    return next((c for c in tok.children if c.dep_ in wanted), None)


def _outside(text: str, marks: Sequence[_Marks]) -> str:
    """The paragraph without its quotations (marks included)."""
    parts = []
    pos = 0
    for m in marks:
        if m.open < pos:
            continue
        parts.append(text[pos : m.open])
        pos = (m.close + 1) if m.close is not None else len(text)
    parts.append(text[pos:])
    return "".join(parts)


def _pieces(doc: Any, tokens: Sequence[Any]) -> list[tuple[int, int]]:
    """Character ranges of the runs of consecutive tokens, trimmed of punctuation and
    quotation marks at their edges."""
    runs: list[list[Any]] = []
    for t in sorted(tokens, key=lambda t: t.i):
        if runs and runs[-1][-1].i + 1 == t.i:
            runs[-1].append(t)
        else:
            runs.append([t])
    out = []
    for run in runs:
        while run and _loose(run[0], run):
            run = run[1:]
        while run and _loose(run[-1], run):
            run = run[:-1]
        if run:
            out.append((run[0].idx, run[-1].idx + len(run[-1].text)))
    return out


def _loose(tok: Any, run: Sequence[Any]) -> bool:
    """Punctuation at the edge of a clause, except a quotation mark whose pair is in it."""
    if tok.is_space:
        return True
    if not tok.is_punct:
        return False
    if not tok.is_quote:
        return True
    return sum(1 for t in run if t.is_quote) % 2 == 1


def _tokens_between(doc: Any, lo: int, hi: int) -> list[Any]:
    """Tokens starting at characters [lo, hi) of the doc, found by bisection: a long
    article is one Doc, and walking every token for every quotation mark is quadratic."""
    idx = _Idx(doc)
    return [doc[i] for i in range(bisect_left(idx, lo), bisect_left(idx, hi))]


class _Idx:
    """A doc's token start offsets as a sequence, for bisection without copying."""

    __slots__ = ("doc",)

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, i: int) -> int:
        return int(self.doc[i].idx)
