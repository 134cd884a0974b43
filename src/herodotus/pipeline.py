"""Composing the stages for a batch of articles: parse, find actors, code, date, place.

>>> from herodotus import Pipeline, Settings
>>> p = Pipeline(Settings())                                    # doctest: +SKIP
>>> [e.cameo for e in p.extract_text("Russia accused Ukraine of shelling a town.",
...                                  date="2022-03-01")]        # doctest: +SKIP
['112']
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import Any

from herodotus.actors.kb import KnowledgeBase
from herodotus.actors.resolve import ActorResolver, Mention, StoryContext
from herodotus.attach import event_date, event_place
from herodotus.coding.coder import Coded, DependencyCoder
from herodotus.coding.lexicon import Lexicon
from herodotus.coding.ontology import Ontology
from herodotus.geo import GazetteerGeocoder, Geocoder
from herodotus.model import Actor, Article, ArticleResult, Event, Span
from herodotus.nlp import Paragraph, load_model, parse_paragraphs, split_paragraphs
from herodotus.settings import Settings
from herodotus.version import CODER_VERSION

log = logging.getLogger(__name__)

# Dependencies that tie a mention's tokens to the head of its noun phrase.
NP_UP = frozenset({"compound", "amod", "nmod", "poss", "flat"})


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
        self.kb = kb or KnowledgeBase.load(lambda s: [t.text for t in self.nlp.tokenizer(s)])
        self.resolver = ActorResolver(self.kb)
        self.coder = DependencyCoder(lexicon or Lexicon.load())
        self.ontology = ontology or Ontology.load()
        self.geocoder: Geocoder = geocoder or GazetteerGeocoder.load()

    # -- public API -----------------------------------------------------------------
    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Code a stream of articles, in order, one result per article."""
        arts: dict[int, Article] = {}

        def paragraphs() -> Iterator[Paragraph]:
            for idx, article in enumerate(articles):
                arts[idx] = article
                pieces = split_paragraphs(article.text, idx, self.settings.max_chars)
                if not pieces:
                    # Keep the article in the stream so that it yields a result.
                    pieces = [Paragraph(idx, 0, "")]
                yield from pieces

        parsed = parse_paragraphs(self.nlp, paragraphs(), self.settings)
        for idx, group in groupby(parsed, key=lambda pd: pd[0].article_index):
            docs = [(p, d) for p, d in group if p.text]
            article = arts.pop(idx)
            yield ArticleResult(article, tuple(self.code_article(article, docs)))

    def extract_text(
        self,
        text: str,
        date: str | dt.date | None = None,
        article_id: str | None = None,
        title: str | None = None,
    ) -> list[Event]:
        """The events of one text (convenience for the CLI ``code`` command and tests)."""
        day = dt.date.fromisoformat(date) if isinstance(date, str) else date
        art = Article(
            id=article_id or Article.content_id(title, text),
            text=text,
            date=day,
            title=title,
            date_origin="given" if day else "none",
        )
        return list(next(iter(self.process([art]))).events)

    # -- one article ------------------------------------------------------------------
    def code_article(self, article: Article, docs: Sequence[tuple[Paragraph, Any]]) -> list[Event]:
        ctx = StoryContext(date=article.date)
        all_mentions = [self.resolver.find_mentions(d) for _, d in docs]
        for (_, doc), ms in zip(docs, all_mentions, strict=True):
            self.resolver.learn(ctx, doc, ms)
        by_token = [{i: m for m in ms for i in range(m.start, m.end)} for ms in all_mentions]
        # Reading-order history of named actors, for pronouns.
        for (para, doc), ms, bt in zip(docs, all_mentions, by_token, strict=True):
            heads: dict[int, Any] = {}
            for m in ms:
                head = _np_head(doc[m.start : m.end].root)
                heads.setdefault(head.i, head)
            for tok in doc:
                # Surnames of people the story has named in full ("Kim" after "Kim Jong Un").
                if tok.pos_ == "PROPN" and tok.lower_ in ctx.local_names:
                    head = _np_head(tok)
                    heads.setdefault(head.i, head)
            for head in heads.values():
                actor = self.resolver.resolve(head, bt, ctx, para.offset)
                if actor is not None:
                    ctx.history.append((actor.start, actor))
        ctx.history.sort(key=lambda h: h[0])

        events: dict[tuple[Any, ...], Event] = {}
        sent_base = 0
        for (para, doc), bt in zip(docs, by_token, strict=True):
            sents = list(doc.sents)
            sent_index = {s.start: sent_base + k for k, s in enumerate(sents)}
            sent_base += len(sents)

            def resolve(
                tok: Any,
                exclude: Sequence[str | None],
                _doc: Any = doc,
                _bt: dict[int, Mention] = bt,
                _off: int = para.offset,
            ) -> Actor | None:
                return self.resolver.resolve(tok, _bt, ctx, _off, exclude)

            for coded in self.coder.code(doc, resolve):
                ev = self._event(article, para, doc, coded, sent_index, ctx.countries)
                if ev is None:
                    continue
                key = (
                    ev.sentence_index,
                    ev.source.code,
                    ev.target.code if ev.target else None,
                    ev.cameo,
                )
                if key not in events or events[key].confidence < ev.confidence:
                    events[key] = ev
        return sorted(events.values(), key=lambda e: (e.sentence_index, e.trigger.start))

    def _event(
        self,
        article: Article,
        para: Paragraph,
        doc: Any,
        coded: Coded,
        sent_index: dict[int, int],
        countries: set[str],
    ) -> Event | None:
        s = self.settings
        if coded.negated and not s.keep_negated:
            return None
        if coded.confidence < s.threshold:
            return None
        info = self.ontology.get(coded.cameo)
        trig = doc[coded.trigger_i : coded.trigger_end]
        sent = doc[coded.trigger_i].sent
        when = event_date(doc, coded.trigger_i, article.date)
        where = event_place(doc, coded.trigger_i, self.geocoder, countries)
        return Event(
            article_id=article.id,
            sentence_index=sent_index.get(sent.start, 0),
            sentence=sent.text.strip(),
            trigger=Span(trig.text, para.offset + trig.start_char, para.offset + trig.end_char),
            source=coded.source,
            target=coded.target,
            cameo=info.code if info.code == coded.cameo else coded.cameo,
            cameo_root=coded.cameo[:2],
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


def _np_head(tok: Any) -> Any:
    """Climb from a mention to the head of the noun phrase it sits in."""
    cur = tok
    for _ in range(6):
        if cur.dep_ in NP_UP and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return cur
