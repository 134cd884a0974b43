"""Every actor mention of the seed article resolves, by general rules, to the actor a
careful reader would code: the story is read the way ``Pipeline.code_article`` reads
it, and each appearance of each name or reference is resolved where it stands.

The expectations are general facts (KCNA is North Korea's state news agency, Mike
Pompeo was the US Secretary of State in April 2019, "the North" is North Korea in a
story about Korea), not properties of this article.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from herodotus.actors.resolve import GroupActor, Story, expand
from herodotus.ingest import read_paths
from herodotus.model import Actor, Article
from herodotus.nlp import split_paragraphs
from herodotus.pipeline import Pipeline
from tests.conftest import require_shared

Check = Callable[[Actor], bool]


def state(iso: str) -> Check:
    """The country itself or its government (not, say, its media or army)."""
    return lambda a: (a.code or "").startswith(iso) and a.sector in (None, "GOV")


def code(exact: str) -> Check:
    return lambda a: a.code == exact


def media(iso: str) -> Check:
    return lambda a: (a.code or "").startswith(iso) and a.sector == "MED"


# A pattern for the words (every appearance is checked) and what each must resolve to.
CHECKS: list[tuple[str, Check]] = [
    (r"\bKim Jong Un\b", state("PRK")),
    (r"\bKim\b(?! Jong)", state("PRK")),
    (r"\bthe North Korean leader\b", state("PRK")),
    (r"\bPyongyang\b", state("PRK")),
    (r"\bthe North\b(?! Korean)", state("PRK")),
    (r"\bDPRK\b", state("PRK")),
    (r"\bPutin\b", state("RUS")),
    (r"\bMoscow\b", state("RUS")),
    (r"\bRussia\b", state("RUS")),
    (r"\bPompeo\b", code("USAGOV")),
    (r"\bXi Jinping\b", state("CHN")),
    (r"\bMoon Jae-in\b", state("KOR")),
    (r"\bVietnam's president\b", state("VNM")),
    (r"\bKCNA\b", media("PRK")),
    (r"\bthe Korean Central News Agency\b", media("PRK")),
]


@pytest.fixture(scope="module")
def seed(pipeline: Pipeline) -> tuple[Article, Story]:
    path = require_shared("seed", "000_616088699722051b.txt")
    (article,) = [r for r in read_paths([path]) if isinstance(r, Article)]
    paras = split_paragraphs(article.text, 0, pipeline.settings.max_chars)
    docs = [(p.offset, d) for p, d in pipeline.parser.parse(paras, pipeline.settings.batch_size)]
    return article, pipeline.resolver.read_story(article.date, docs)


@pytest.mark.parametrize(("pattern", "check"), CHECKS, ids=[p for p, _ in CHECKS])
def test_every_appearance_resolves(
    pipeline: Pipeline, seed: tuple[Article, Story], pattern: str, check: Check
) -> None:
    article, story = seed
    found = list(re.finditer(pattern, article.text))
    assert found, f"{pattern} does not occur in the seed article"
    wrong = []
    for m in found:
        actor = pipeline.resolver.resolve_span(story, m.start(), m.end())
        if actor is None or not check(actor):
            shown = None if actor is None else (actor.code, actor.name, actor.rule)
            wrong.append((m.start(), m.group(), shown))
    assert not wrong, wrong


@pytest.mark.parametrize(
    ("pattern", "members"),
    [(r"\b[Tt]he two leaders\b", {"PRK", "RUS"}), (r"\bthe two sides\b", {"PRK", "USA"})],
)
def test_pairs_are_the_two_actors_last_named_together(
    pipeline: Pipeline, seed: tuple[Article, Story], pattern: str, members: set[str]
) -> None:
    article, story = seed
    for m in re.finditer(pattern, article.text):
        actor = pipeline.resolver.resolve_span(story, m.start(), m.end())
        assert isinstance(actor, GroupActor), actor
        assert {a.country for a in expand(actor)} == members, actor.rule
