"""Composing the stages for a batch of articles: parse, find actors, code, date, place.

>>> from herodotus import Pipeline, Settings
>>> p = Pipeline(Settings())                                    # doctest: +SKIP
>>> [e.cameo for e in p.extract_text("Russia accused Ukraine of shelling a town.",
...                                  date="2022-03-01")]        # doctest: +SKIP
['112']
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import groupby
from typing import Any

from herodotus.actors.kb import KnowledgeBase
from herodotus.actors.resolve import ActorResolver, Mention, StoryContext
from herodotus.actors.speech import SpeechWords, attribution
from herodotus.attach import EventDate, event_date, event_place, story_date, story_place
from herodotus.coding.coder import Coded, DependencyCoder
from herodotus.coding.lexicon import Lexicon
from herodotus.coding.ontology import Ontology
from herodotus.coding.triggers import TriggerWords
from herodotus.geo import GazetteerGeocoder, Geocoder, PlaceWords, dateline_place
from herodotus.ingest.records import plain_line_breaks
from herodotus.model import (
    Actor,
    Article,
    ArticleResult,
    DatePrecision,
    Event,
    Location,
    Quote,
    Span,
)
from herodotus.nlp import (
    Paragraph,
    Parser,
    SentenceSplitter,
    lemma_exceptions,
    load_model,
    pieces_to_parse,
    split_paragraphs,
    whole_paragraph,
)
from herodotus.quotes import QuoteFinder
from herodotus.settings import ParseScope, Settings
from herodotus.time import dateline_span
from herodotus.version import CODER_VERSION

log = logging.getLogger(__name__)


class Pipeline:
    """Turns articles into coded events. Build once (it loads the model and the
    tables), then feed it as many articles as you like."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        nlp: Any = None,
        kb: KnowledgeBase | None = None,
        lexicon: Lexicon | None = None,
        ontology: Ontology | None = None,
        geocoder: Geocoder | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp if nlp is not None else load_model(self.settings)
        if kb is None:
            from herodotus.actors.dictionaries import load_dictionaries

            extra = load_dictionaries(self.settings.dictionaries)
            kb = KnowledgeBase.load(lambda s: [t.text for t in self.nlp.tokenizer(s)], extra)
        self.kb = kb
        self.resolver = ActorResolver(self.kb)
        self.coder = DependencyCoder(lexicon or Lexicon.load())
        self.ontology = ontology or Ontology.load()
        self.geocoder: Geocoder = geocoder or GazetteerGeocoder.load()
        self.speech = SpeechWords.load()
        self.place_words = PlaceWords.load()
        self.quote_finder = QuoteFinder()
        self.parser = Parser(self.nlp)
        self.splitter = SentenceSplitter(self.nlp)
        # Sentences worth parsing: those that could carry an event (or a quotation).
        self.triggers = TriggerWords.build(
            self.coder.lexicon, lemma_exceptions(self.nlp), self.quote_finder.cue_words()
        )

    def scoped(self, parse: ParseScope) -> Pipeline:
        """This pipeline (model and tables shared, nothing reloaded) parsing another
        scope of sentences: ``herodotus quotes`` reads what ``ingest`` may skip."""
        if parse == self.settings.parse:
            return self
        other = copy.copy(self)
        other.settings = self.settings.with_(parse=parse)
        return other

    # -- public API -----------------------------------------------------------------
    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Code a stream of articles, in order, one result per article."""
        arts: dict[int, tuple[Article, list[int]]] = {}

        def paragraphs() -> Iterator[Paragraph]:
            for idx, article in enumerate(articles):
                starts: list[int] = []
                arts[idx] = (article, starts)
                pieces = self._pieces(article, idx, starts)
                if not pieces:
                    # Keep the article in the stream so that it yields a result.
                    pieces = [Paragraph(idx, 0, "")]
                yield from pieces

        parsed = self.parser.parse(paragraphs(), self.settings.batch_size)
        for idx, group in groupby(parsed, key=lambda pd: pd[0].article_index):
            docs = [(p, d) for p, d in group if p.text]
            article, starts = arts.pop(idx)
            yield self.code_article(article, docs, starts)

    def _pieces(self, article: Article, idx: int, starts: list[int]) -> list[Paragraph]:
        """What of an article to parse (``Settings.parse``): every paragraph, or the lead
        and the runs of sentences whose words could carry an event (or a quotation).
        ``starts`` receives the offset of every sentence, parsed or not, to number them."""
        s = self.settings
        quotes = s.parse == "quotes"
        out: list[Paragraph] = []
        for para in split_paragraphs(article.text, idx, s.max_chars):
            split = self.splitter.split(para.text)
            first = len(starts)
            starts.extend(para.offset + sent.start for sent in split.sentences)
            if s.parse == "all":
                out.append(whole_paragraph(para, split))
                continue
            keep = [
                first + k < s.lead_sentences or self._worth_parsing(sent.words, quotes)
                for k, sent in enumerate(split.sentences)
            ]
            out += pieces_to_parse(para, split, keep)
        return out

    def _worth_parsing(self, words: Sequence[str], quotes: bool) -> bool:
        """An event needs an event word and an actor to do it (or a pronoun for one);
        with ``quotes``, a quotation mark or a speech verb is reason enough."""
        if quotes and self.triggers.could_quote(words):
            return True
        return self.triggers.can_carry(words) and (
            self.resolver.could_name(words) or not self.speech.first_person.isdisjoint(words)
        )

    def extract_text(
        self,
        text: str,
        date: str | dt.date | None = None,
        article_id: str | None = None,
        title: str | None = None,
    ) -> list[Event]:
        """The events of one text (convenience for the CLI ``code`` command and tests)."""
        day = dt.date.fromisoformat(date) if isinstance(date, str) else date
        text = plain_line_breaks(text)
        art = Article(
            id=article_id or Article.content_id(title, text),
            text=text,
            date=day,
            title=title,
            date_origin="given" if day else "none",
        )
        return list(next(iter(self.process([art]))).events)

    def resolve_mention(
        self, text: str, date: str | dt.date | None, mention: str, occurrence: int = -1
    ) -> Actor | None:
        """The actor that words of a text name, resolved in the story's context exactly
        as the coder resolves an argument there (for tests and explanations).

        ``occurrence`` picks which appearance of ``mention`` (whole words), by default
        the last: later references depend on what the story said before them.
        """
        day = dt.date.fromisoformat(date) if isinstance(date, str) else date
        starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text)]
        if not starts:
            raise ValueError(f"{mention!r} does not occur in the text")
        start = starts[occurrence]
        paras = split_paragraphs(text, 0, self.settings.max_chars)
        docs = [(p.offset, d) for p, d in self.parser.parse(paras, self.settings.batch_size)]
        story = self.resolver.read_story(day, docs)
        return self.resolver.resolve_span(story, start, start + len(mention))

    # -- one article ------------------------------------------------------------------
    def code_article(
        self,
        article: Article,
        docs: Sequence[tuple[Paragraph, Any]],
        sentence_starts: Sequence[int] | None = None,
    ) -> ArticleResult:
        """Events and quotations of one parsed article.

        ``sentence_starts`` are the article offsets of its sentences by punctuation
        (parsed or not), which number the events' sentences; without them the
        parser's sentences of ``docs`` do.
        """
        story = self.resolver.read_story(article.date, [(p.offset, d) for p, d in docs])
        ctx = story.ctx
        by_token = [bt for _, _, bt in story.paragraphs]

        events: dict[tuple[Any, ...], Event] = {}
        # The keys of events told only as aims ("targeted a militia leader") and of those
        # told otherwise too.
        aims: set[tuple[Any, ...]] = set()
        plain: set[tuple[Any, ...]] = set()
        filed = dateline_span(article.text)
        sent_base = 0
        for (para, doc), bt in zip(docs, by_token, strict=True):
            sents = list(doc.sents)
            if sentence_starts:
                sent_index = {
                    s.start: bisect_right(sentence_starts, para.offset + s.start_char) - 1
                    for s in sents
                }
            else:
                sent_index = {s.start: sent_base + k for k, s in enumerate(sents)}
            sent_base += len(sents)

            def resolve(
                tok: Any,
                exclude: Sequence[str | None],
                _doc: Any = doc,
                _bt: dict[int, Mention] = bt,
                _off: int = para.offset,
            ) -> Actor | None:
                actor = self.resolver.resolve(tok, _bt, ctx, _off, exclude)
                if actor is None and tok.lower_ in self.speech.first_person:
                    actor = self._speaker(tok, _bt, ctx, _off)
                return actor

            for coded in self.coder.code(doc, resolve):
                ev = self._event(article, para, doc, coded, sent_index, ctx.countries, filed)
                if ev is None:
                    continue
                if ev.target is None:
                    ev = self._counterpart(doc, coded.trigger_i, ev, list(events.values()))
                if ev.target is None:
                    ev = self._domestic(doc[coded.trigger_i], ev, bt, ctx)
                key = _key(ev)
                (aims if coded.aim else plain).add(key)
                if key not in events or events[key].confidence < ev.confidence:
                    events[key] = ev
        ordered = _without_retold(
            sorted(events.values(), key=lambda e: (e.sentence_index, e.trigger.start))
        )
        quotes = self._quotes(article, docs, by_token, ctx)
        dateline = dateline_place(article.text, self.geocoder) or self._only_country(ctx)
        lead = story_date(docs, article.date, filed)
        lead_place = story_place(docs, self.geocoder, ctx.countries, self.place_words, filed)
        ordered = _place_from_context(_date_from_context(ordered, lead), dateline, lead, lead_place)
        # An aim tells where and when its operation was (above), though it is no event of
        # its own once the story tells what the operation did.
        ordered = _without_pursued_aims(
            ordered, aims - plain, self.coder.arguments.aim_outcome_roots
        )
        return ArticleResult(article, tuple(ordered), tuple(quotes))

    def _quotes(
        self,
        article: Article,
        docs: Sequence[tuple[Paragraph, Any]],
        by_token: Sequence[dict[int, Mention]],
        ctx: StoryContext,
    ) -> list[Quote]:
        """Quotations with their speakers resolved in the story ("he" included)."""
        out: list[Quote] = []
        day = article.date.isoformat() if article.date else None
        for qs in self.quote_finder.find([(p.offset, d) for p, d in docs]):
            speaker: Actor | None = None
            via: str | None = None
            if qs.speaker_token is not None:
                k, i = qs.speaker_token
                tok = docs[k][1][i]
                speaker = self.resolver.resolve(tok, by_token[k], ctx, docs[k][0].offset)
            if qs.medium_token is not None:
                k, i = qs.medium_token
                tok = docs[k][1][i]
                medium = self.resolver.resolve(tok, by_token[k], ctx, docs[k][0].offset)
                via = (medium.name if medium is not None and medium.name else None) or " ".join(
                    t.text for t in self.resolver.np_tokens(tok) if t.dep_ != "det"
                )
            out.append(Quote(article.id, speaker, qs.text, qs.start, qs.end, qs.direct, via, day))
        return out

    def _only_country(self, ctx: StoryContext) -> Location | None:
        """A story that names one country only happens there, at least (country level)."""
        if len(ctx.countries) != 1:
            return None
        (iso,) = tuple(ctx.countries)
        entry = self.kb.country(iso)
        return Location(name=entry.name if entry else iso, country=iso)

    def _counterpart(self, doc: Any, trigger_i: int, ev: Event, earlier: list[Event]) -> Event:
        """'At those talks, Pyongyang demanded relief': what is said at a meeting is said to
        the other party of that meeting, the last one the story told with this actor."""
        if ev.cameo_root not in ADDRESSED_ROOTS or ev.source.country is None:
            return ev
        tok = doc[trigger_i]
        meeting = any(
            c.dep_ == "prep"
            and c.lower_ in MEETING_PREPS
            and any(
                g.dep_ == "pobj"
                and any(
                    n.cameo.startswith("04")
                    for n in self.coder.lexicon.nouns.get(g.lemma_.lower(), ())
                )
                for g in c.children
            )
            for c in tok.children
        )
        if not meeting:
            return ev
        for past in reversed(earlier):
            if past.cameo_root != "04" or past.target is None:
                continue
            if past.source.country == ev.source.country:
                return replace(ev, target=past.target)
            if past.target.country == ev.source.country:
                return replace(ev, target=past.source)
        return ev

    def _domestic(
        self, trigger: Any, ev: Event, bt: dict[int, Mention], ctx: StoryContext
    ) -> Event:
        """The country an act with no stated party is directed at, by where it happens.

        'Students demonstrated in Jakarta', 'the government lifted the curfew': an act in
        its doer's own country is an internal affair of that country, coded as directed
        at it (CAMEO codes domestic events with one country on both sides). In its own
        country: where its clause places it and names no other country ("outside the
        Chilean embassy in Lima" is no internal affair of Peru), or, placed nowhere, when
        its sentence (else the story) names no other country. 'Reimposed blockades in the
        West Bank': a protest, show of force, coercion or attack (``place_target_roots``)
        that its clause places abroad is directed at the country there."""
        iso = ev.source.country
        if iso is None:
            return ev
        place = ev.location.country if ev.location is not None else None
        if place is not None:
            if place != iso and ev.cameo_root in self.coder.arguments.place_target_roots:
                iso = place
            elif place != iso or not self.resolver.countries_named(
                _own_clause(trigger, self.speech.speech_verbs), bt, ctx
            ) <= {iso}:
                return ev
        else:
            named = self.resolver.countries_named(list(trigger.sent), bt, ctx)
            if not (named or ctx.countries) <= {iso}:
                return ev
        entry = self.kb.country(iso)
        country = Actor(
            code=(entry.code if entry is not None and entry.code else iso),
            country=iso,
            sector=None,
            name=entry.name if entry is not None else iso,
            text="",
            rule="domestic",
        )
        return replace(ev, target=country)

    def _speaker(
        self, tok: Any, by_token: dict[int, Mention], ctx: StoryContext, offset: int
    ) -> Actor | None:
        """'We', 'I', 'our' in reported speech: the speaker ('KCNA quoted Kim as saying')."""
        att = attribution(tok, self.speech)
        if att is None or att.speaker.i == tok.i:
            return None
        sp = self.resolver.resolve(att.speaker, by_token, ctx, offset)
        if sp is None:
            return None
        start = offset + tok.idx
        return replace(
            sp, text=tok.text, start=start, end=start + len(tok.text), rule=f"speaker->{sp.rule}"
        )

    def _event(
        self,
        article: Article,
        para: Paragraph,
        doc: Any,
        coded: Coded,
        sent_index: dict[int, int],
        countries: set[str],
        filed: tuple[int, int] | None = None,
    ) -> Event | None:
        """The event a coded trigger gives, dated and placed; None when it is dropped
        (negated, under the threshold). ``filed``: the article's dateline date."""
        s = self.settings
        if coded.negated and not s.keep_negated:
            return None
        if coded.confidence < s.threshold:
            return None
        sent = doc[coded.trigger_i].sent
        index = sent_index.get(sent.start, 0)
        if coded.habitual and index > 0:
            # A story's lead tells news in the present ("Ruritania lifts its embargo.");
            # further down, the simple present tells what someone habitually does.
            return None
        trig = doc[coded.trigger_i : coded.trigger_end]
        when = event_date(doc, coded.trigger_i, article.date, _within(filed, para))
        where = event_place(doc, coded.trigger_i, self.geocoder, countries, self.place_words)
        cameo = self._at_third_place(coded, where)
        info = self.ontology.get(cameo)
        source = coded.source
        if source.rule == "weapon" and where is not None and where.country:
            # "A roadside bomb near Samarra killed two soldiers": CAMEO codes the place
            # of a bombing whose makers are unknown as its source.
            source = replace(source, code=where.country, country=where.country, name=where.name)
        return Event(
            article_id=article.id,
            sentence_index=index,
            sentence=sent.text.strip(),
            trigger=Span(trig.text, para.offset + trig.start_char, para.offset + trig.end_char),
            source=source,
            target=coded.target,
            cameo=info.code if info.code == cameo else cameo,
            cameo_root=cameo[:2],
            plover=info.plover,
            plover_mode=info.plover_mode,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            date=when.iso,
            date_precision=when.precision,
            location=where,
            negated=coded.negated,
            modality=coded.modality,
            confidence=coded.confidence,
            coder_version=CODER_VERSION,
            count=coded.count,
        )

    def _at_third_place(self, coded: Coded, where: Location | None) -> str:
        """'The Sudanese and Chadian envoys met in Nairobi': a meeting held in a country
        none of its parties belongs to is a meeting at a 'third' location (044)."""
        third = self.coder.third_place.get(coded.cameo)
        target = coded.target
        if third is None or where is None or target is None:
            return coded.cameo
        parties = {coded.source.country, target.country}
        if None in parties or where.country is None or where.country in parties:
            return coded.cameo
        return third


def _without_retold(events: list[Event]) -> list[Event]:
    """'Held their first meeting with X at a lunch', 'telephoned X to discuss the
    crisis': an act of no stated party told in a sentence that tells the same kind of
    act (CAMEO root) of the same doer with a party is that act told again."""
    told = {(e.sentence_index, e.source.code, e.cameo_root) for e in events if e.target}
    return [
        e
        for e in events
        if e.target is not None or (e.sentence_index, e.source.code, e.cameo_root) not in told
    ]


def _key(ev: Event) -> tuple[Any, ...]:
    """What makes two records of one sentence the same event."""
    return (ev.sentence_index, ev.source.code, ev.target.code if ev.target else None, ev.cameo)


def _may_be_one(a: Actor, b: Actor) -> bool:
    """Whether two stated doers may be one actor told twice: the same code, or the same
    sector where one of them leaves the country unsaid ("the security force" and "an
    Afghan security force")."""
    if a.code is None or b.code is None:
        return False
    if a.code == b.code:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    return a.sector is not None and a.sector == b.sector


def _without_pursued_aims(
    events: list[Event], aims: set[tuple[Any, ...]], outcome_roots: frozenset[str]
) -> list[Event]:
    """'Troops targeted a militia leader in the valley. ... The force detained four
    men.': an aim told with neither its means nor its pursuit (``Coded.aim``) names what
    an operation was aimed at; when the story tells a realised act of coercion or force
    (``aim_outcome_roots``) by the same doer, the operation is that act and the aim is no
    attack of its own. Told alone ("jets targeted a convoy"), the aim is the attack."""
    if not aims:
        return events
    done = [
        e
        for e in events
        if _key(e) not in aims
        and e.cameo_root in outcome_roots
        and not e.negated
        and e.modality in ("asserted", "reported")
    ]
    # An aim of several doers ("Afghan and coalition forces targeted ...") is one act:
    # pursued by one of them, it is pursued.
    pursued = {
        (e.sentence_index, e.trigger.start)
        for e in events
        if _key(e) in aims and any(_may_be_one(e.source, d.source) for d in done)
    }
    return [
        e
        for e in events
        if _key(e) not in aims or (e.sentence_index, e.trigger.start) not in pursued
    ]


def _own_clause(trigger: Any, speech_verbs: frozenset[str]) -> list[Any]:
    """The words of a trigger's own clause: its subtree without an attribution hung on
    it ("..., officials in Ethiopia said")."""
    aside = {
        t.i
        for c in trigger.children
        if c.dep_ == "parataxis" or (c.pos_ == "VERB" and c.lemma_.lower() in speech_verbs)
        for t in c.subtree
    }
    return [t for t in trigger.subtree if t.i not in aside]


def _date_from_context(events: list[Event], lead: EventDate | None = None) -> list[Event]:
    """An event whose own clause and sentence give no date takes the story's: the date of
    the nearest dated event before it, else of the first dated event of the story, else
    the first date the story's text gives (the lead usually dates what the rest of the
    story goes on to tell)."""
    dated = [e for e in events if e.date_precision != "unknown"]
    first: tuple[str | None, DatePrecision] | None = (
        (dated[0].date, dated[0].date_precision)
        if dated
        else (lead.iso, lead.precision)
        if lead is not None
        else None
    )
    if first is None:
        return events
    out: list[Event] = []
    last = first
    for e in events:
        if e.date_precision != "unknown":
            last = (e.date, e.date_precision)
            out.append(e)
        else:
            out.append(replace(e, date=last[0], date_precision=last[1]))
    return out


# Acts addressed to someone (appeals, demands, accusations, rejections, threats), and the
# prepositions that place them at a meeting ("at the talks", "during the summit").
ADDRESSED_ROOTS = frozenset({"02", "10", "11", "12", "13"})
MEETING_PREPS = frozenset({"at", "during"})

# How many sentences on a place named for one event still holds for the next ones.
PLACE_CARRY_SENTENCES = 3


def _place_from_context(
    events: list[Event],
    dateline: Location | None,
    lead: EventDate | None = None,
    lead_place: Location | None = None,
) -> list[Event]:
    """An event whose clause names no place takes one from the story: the same event
    told again with its place ("the Kim-Trump summit" ... "his Hanoi summit"), else the
    place of an event of the same date a few sentences before, else the dateline's."""

    def key(e: Event) -> tuple[object, ...]:
        pair = sorted([e.source.country or "", (e.target.country or "") if e.target else ""])
        return (*pair, e.cameo_root)

    told: dict[tuple[object, ...], Location] = {}
    for e in events:
        if e.location is not None:
            told.setdefault(key(e), e.location)
    out: list[Event] = []
    last: Event | None = None
    for e in events:
        loc = e.location
        if loc is None:
            loc = told.get(key(e))
        if (
            loc is None
            and last is not None
            and last.location is not None
            and (e.sentence_index - last.sentence_index <= PLACE_CARRY_SENTENCES)
            and e.date == last.date
            and e.date_precision != "unknown"
        ):
            loc = last.location  # the same episode, told on
        if loc is None and lead_place is not None:
            loc = lead_place  # the lead's episode: its date, its place
        if loc is None:
            loc = dateline
        if e.location is not None:
            last = e
        out.append(e if loc is e.location else replace(e, location=loc))
    return out


def _within(span: tuple[int, int] | None, para: Paragraph) -> tuple[int, int] | None:
    """Article characters as characters of a parsed piece (None when outside it)."""
    if span is None or span[1] <= para.offset or span[0] >= para.offset + len(para.text):
        return None
    return span[0] - para.offset, span[1] - para.offset
