"""The sentence prefilter and the worker processes: what is parsed, how sentences are
numbered, and that coding on several processes gives what one process gives."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from spacy.pipeline import Sentencizer

from herodotus import jobs
from herodotus.coding.lexicon import Lexicon
from herodotus.coding.triggers import TriggerWords
from herodotus.errors import InputError
from herodotus.model import Article
from herodotus.nlp import (
    Paragraph,
    Parser,
    SentenceSplitter,
    lemma_exceptions,
    pieces_to_parse,
    split_paragraphs,
    whole_paragraph,
)
from herodotus.parallel import code_in_pool
from herodotus.pipeline import Pipeline
from herodotus.settings import Settings

from .conftest import head_jsonl, require_shared, stored_ids

STORY = (
    "The weather in the capital was mild on Monday. Crowds filled the parks and cafes. "
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok. "
    "The city's harbour glittered in the sun. He accused the United States of bad faith."
)


@pytest.fixture(scope="module")
def triggers(pipeline: Pipeline) -> TriggerWords:
    return TriggerWords.build(Lexicon.load(), lemma_exceptions(pipeline.nlp))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kim met Putin in Vladivostok .", True),  # irregular form, from the model's table
        ("Russia accused Ukraine of shelling a town .", True),
        ("The two sides held talks .", True),  # a light verb with its object
        ("The summit ended .", True),  # a nominal event
        ("The weather was mild and the parks were full .", False),
        ("Prices rose by three percent .", False),
    ],
)
def test_a_sentence_can_carry_an_event_only_with_a_lexicon_word(
    triggers: TriggerWords, sentence: str, expected: bool
) -> None:
    assert triggers.can_carry(sentence.lower().split()) is expected


def test_an_entry_that_needs_an_object_needs_it_in_the_sentence(triggers: TriggerWords) -> None:
    light = {lemma for lemma, entries in triggers.verbs.items() if all(e.objects for e in entries)}
    assert "hold" in light  # "hold talks" codes, "hold the line" does not
    assert not triggers.can_carry(["they", "will", "hold", "the", "line", "."])
    assert triggers.can_carry(["they", "will", "hold", "talks", "."])


def test_quotation_cues(pipeline: Pipeline) -> None:
    words = pipeline.triggers
    assert words.could_quote(["“", "we", "are", "ready", ",", "”", "he", "said", "."])
    assert words.could_quote(["the", "minister", "said", "prices", "rose", "."])
    assert not words.could_quote(["prices", "rose", "."])


def test_the_splitter_cuts_where_spacys_sentencizer_cuts(pipeline: Pipeline) -> None:
    text = (
        'Mr. Smith arrived in the U.S. on Jan. 5. "We are ready!" he said. Talks began... '
        "Then they ended?  Yes."
    )
    ours = SentenceSplitter(pipeline.nlp).split(text).sentences
    doc = Sentencizer()(pipeline.nlp.make_doc(text))
    theirs = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
    assert [(s.start, s.end) for s in ours] == theirs
    assert ours[0].words[:2] == ("mr.", "smith")


def test_runs_of_kept_sentences_become_pieces_with_their_offsets(pipeline: Pipeline) -> None:
    para = Paragraph(0, 100, "One two. Three four. Five six. Seven eight.")
    split = SentenceSplitter(pipeline.nlp).split(para.text)
    pieces = pieces_to_parse(para, split, [True, True, False, True])
    assert [(p.offset, p.text) for p in pieces] == [
        (100, "One two. Three four."),
        (131, "Seven eight."),
    ]
    assert pieces[0].words == ("One", "two", ".", "Three", "four", ".")
    assert pieces_to_parse(para, split, [False] * 4) == []


def test_a_wrapped_line_reads_as_a_space_and_keeps_every_offset() -> None:
    text = "Showers continued in\nthe cocoa zone.\nTraders said so.\n\nNext paragraph\nhere."
    paras = split_paragraphs(text)
    assert [p.text for p in paras] == [
        "Showers continued in the cocoa zone.\nTraders said so.",  # a capital: kept
        "Next paragraph here.",
    ]
    for p in paras:
        assert len(p.text) == len(text[p.offset : p.offset + len(p.text)])
        assert p.text.replace(" ", "\n") == text[p.offset : p.offset + len(p.text)].replace(
            " ", "\n"
        )


def test_a_paragraph_after_a_header_line_and_a_blank_line_starts_at_its_text() -> None:
    """A header line's end and the blank line after it are one break: the next
    paragraph starts at its first word, not at a line break the parser would read."""
    text = "Press Office of the Ministry\nNo. 2021-44\nFor Release \n\nTroops left the town."
    paras = split_paragraphs(text)
    assert paras[-1].text == "Troops left the town."
    assert text[paras[-1].offset :] == "Troops left the town."
    assert all(p.text == p.text.lstrip() for p in paras)


def test_pieces_are_parsed_from_the_splitters_tokens_as_from_their_text(
    pipeline: Pipeline,
) -> None:
    """A piece is tokenized once, by the splitter; the Doc built from those tokens has
    the piece's exact text and the annotations its text would get."""
    texts = [STORY, "Odd  spacing .  Tabs\there.\n  New line  ", "  Lead space. End"]
    try:
        news = require_shared("corpora", "reuters21578.jsonl")
        with news.open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for _, line in zip(range(40), f, strict=False)]
    except pytest.skip.Exception:
        pass
    splitter = SentenceSplitter(pipeline.nlp)
    pieces: list[Paragraph] = []
    for n, text in enumerate(texts):
        for para in split_paragraphs(text, n):
            split = splitter.split(para.text)
            pieces.append(whole_paragraph(para, split))
            keep = [k % 3 != 1 for k in range(len(split.sentences))]
            pieces += pieces_to_parse(para, split, keep)
    parser = Parser(pipeline.nlp)
    from_tokens = list(parser.parse(pieces, 16))
    from_text = list(
        parser.parse((Paragraph(p.article_index, p.offset, p.text) for p in pieces), 16)
    )
    assert len(from_tokens) == len(pieces) > 50
    for (p, a), (_, b) in zip(from_tokens, from_text, strict=True):
        assert a.text == p.text
        assert _annotations(a) == _annotations(b)


def test_only_the_lead_and_sentences_that_could_carry_an_event_are_parsed(
    pipeline: Pipeline,
) -> None:
    art = Article(id="a1", text=STORY, date=dt.date(2019, 4, 25))
    events = copy.copy(pipeline)  # the session's pipeline stays as it is
    events.settings = pipeline.settings.with_(parse="events", lead_sentences=1)
    starts: list[int] = []
    parsed = " ".join(p.text for p in events._pieces(art, 0, starts))
    assert len(starts) == 5  # every sentence is numbered, parsed or not
    assert "weather" in parsed  # the lead
    assert "Crowds" not in parsed and "harbour" not in parsed
    assert "Putin met" in parsed and "accused" in parsed
    everything = pipeline.scoped("all")
    assert " ".join(p.text for p in everything._pieces(art, 0, [])) == STORY


def test_events_and_their_ids_do_not_depend_on_what_was_parsed(pipeline: Pipeline) -> None:
    art = Article(id="a2", text=STORY, date=dt.date(2019, 4, 25))
    fast = next(iter(pipeline.scoped("events").process([art]))).events
    full = next(iter(pipeline.scoped("all").process([art]))).events
    assert [e.event_id for e in fast] == [e.event_id for e in full]
    assert {e.cameo for e in fast} >= {"040", "112"}
    meeting = next(e for e in fast if e.cameo.startswith("04"))
    assert meeting.sentence_index == 2


def test_quotations_need_the_quotes_scope_when_no_event_is_near(pipeline: Pipeline) -> None:
    text = (
        "Putin arrived in Vladivostok on Wednesday. The sky was grey. The city was calm. "
        "The port was quiet. “The weather here is wonderful in spring,” Putin said."
    )
    art = Article(id="a3", text=text, date=dt.date(2019, 4, 24))
    fast = next(iter(pipeline.scoped("events").process([art])))
    slow = next(iter(pipeline.scoped("quotes").process([art])))
    assert not fast.quotes
    assert [q.speaker.code if q.speaker else None for q in slow.quotes] == ["RUSGOV"]


def test_settings_refuse_an_unknown_scope() -> None:
    with pytest.raises(InputError):
        Settings(parse="some")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        Settings(workers=0)


def test_worker_processes_code_what_one_process_codes(pipeline: Pipeline) -> None:
    arts = [
        Article(id=f"p{k}", text=STORY.replace("Monday", day), date=dt.date(2019, 4, 25))
        for k, day in enumerate(["Monday", "Tuesday", "Friday", "Sunday", "Saturday"])
    ]
    batches = [arts[:2], arts[2:4], arts[4:]]
    pooled = [r for results in code_in_pool(batches, Settings(), 2) for r in results]
    alone = list(pipeline.process(arts))
    assert [r.article.id for r in pooled] == [a.id for a in arts]  # in order
    assert [[e.event_id for e in r.events] for r in pooled] == [
        [e.event_id for e in r.events] for r in alone
    ]
    assert [[q.quote_id for q in r.quotes] for r in pooled] == [
        [q.quote_id for q in r.quotes] for r in alone
    ]


def test_an_ingest_on_two_processes_stores_what_one_process_stores(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    corpus = head_jsonl(
        require_shared("corpora", "reuters21578.jsonl"), tmp_path / "news.jsonl", 40
    )
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    jobs.ingest([corpus], Settings(db_path=one), pipeline=pipeline, batch_articles=10)
    jobs.ingest([corpus], Settings(db_path=two, workers=2), batch_articles=10)
    assert stored_ids(one) == stored_ids(two)
    assert stored_ids(one)["events"]


def _annotations(doc: Any) -> list[tuple[object, ...]]:
    return [
        (t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_)
        for t in doc
    ]


def test_the_table_attribute_ruler_annotates_as_the_models_own(pipeline: Pipeline) -> None:
    texts = [
        "Y'all gonna see. There is a cat. Ain't nobody here. Let's go, c'mon! "
        "He gets it; she got it. I wanna know. But then, whom did they meet?",
        STORY,
    ]
    try:
        news = require_shared("corpora", "reuters21578.jsonl")
        with news.open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for _, line in zip(range(60), f, strict=False)]
    except pytest.skip.Exception:
        pass  # the built-in texts still cover every kind of pattern
    ours = [d for _, d in Parser(pipeline.nlp).parse((Paragraph(0, 0, t) for t in texts), 16)]
    theirs = list(pipeline.nlp.pipe(texts))
    assert Parser(pipeline.nlp)._table is not None  # the fast path is the one tested
    for a, b in zip(ours, theirs, strict=True):
        assert _annotations(a) == _annotations(b)
