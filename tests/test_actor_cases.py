"""Every actor case of ``tests/data/actor_cases.jsonl`` through the real resolver.

Each case is a short story written for this test, its date, the words to resolve
and the CAMEO code (or code prefix) they must resolve to on that date, in that
story; ``null`` means they must resolve to no actor. Optional fields:
``expected_name`` (the canonical name), ``expected_members`` (the code prefixes
of the two actors a group phrase such as "the two leaders" stands for) and
``occurrence`` (which appearance of the words, the last by default).

The words are resolved with ``Pipeline.resolve_mention``: the story is read as
``code_article`` reads it, so surnames, descriptions, pronouns and pairs are
resolved against what the story said before them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from herodotus.actors.resolve import GroupActor, expand
from herodotus.model import Actor
from herodotus.pipeline import Pipeline

CASES_PATH = Path(__file__).parent / "data" / "actor_cases.jsonl"
FIELDS = {"text", "date", "mention", "expected"}
OPTIONAL = {"expected_name", "expected_members", "occurrence"}


def _cases() -> list[dict[str, Any]]:
    rows = []
    for lineno, line in enumerate(CASES_PATH.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            row["_line"] = lineno
            rows.append(row)
    return rows


CASES = _cases()


def _id(case: dict[str, Any]) -> str:
    return f"{case['_line']}-{case['mention'][:30]}->{case['expected']}"


def test_the_case_file_is_well_formed_and_large() -> None:
    assert len(CASES) >= 320
    seen = set()
    for c in CASES:
        where = f"actor_cases.jsonl:{c['_line']}"
        keys = set(c) - {"_line"}
        assert keys >= FIELDS, f"{where}: missing {FIELDS - keys}"
        assert keys <= FIELDS | OPTIONAL, f"{where}: unknown {keys - FIELDS - OPTIONAL}"
        assert c["mention"] in c["text"], where
        assert c["expected"] is None or c["expected"].isupper(), where
        key = (c["text"], c["mention"], c.get("occurrence"))
        assert key not in seen, f"{where}: duplicate case"
        seen.add(key)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_actor_case(pipeline: Pipeline, case: dict[str, Any]) -> None:
    actor = pipeline.resolve_mention(
        case["text"], case["date"], case["mention"], case.get("occurrence", -1)
    )
    shown = _show(actor)
    expected = case["expected"]
    if expected is None:
        assert actor is None, f"{case['mention']!r} should name no actor here, got {shown}"
        return
    assert actor is not None, f"{case['mention']!r} resolved to nothing, wanted {expected}"
    assert actor.code is not None and actor.code.startswith(expected), shown
    if "expected_name" in case:
        assert actor.name == case["expected_name"], shown
    if "expected_members" in case:
        assert isinstance(actor, GroupActor), shown
        codes = [m.code or "" for m in expand(actor)]
        wanted = case["expected_members"]
        assert len(codes) == len(wanted), shown
        assert all(any(c.startswith(w) for c in codes) for w in wanted), shown


def _show(actor: Actor | None) -> str:
    if actor is None:
        return "None"
    members = [m.code for m in expand(actor)] if isinstance(actor, GroupActor) else []
    return f"{actor.code} {actor.name!r} by {actor.rule}" + (f" {members}" if members else "")


def test_resolve_mention_rejects_words_not_in_the_text(pipeline: Pipeline) -> None:
    with pytest.raises(ValueError):
        pipeline.resolve_mention("Brazil protested.", "2020-01-01", "Argentina")


def test_a_group_expands_to_its_members_and_stands_for_the_first(pipeline: Pipeline) -> None:
    actor = pipeline.resolve_mention(
        "Kenya and Uganda signed a border deal. The two countries will open three posts.",
        "2020-01-01",
        "The two countries",
    )
    assert isinstance(actor, GroupActor)
    assert [m.code for m in expand(actor)] == ["KEN", "UGA"]
    assert actor.code == "KEN"
    # Each member points at the words of the group phrase.
    assert {(m.text, m.start) for m in actor.members} == {(actor.text, actor.start)}
    plain = pipeline.resolve_mention("Kenya protested.", "2020-01-01", "Kenya")
    assert plain is not None and expand(plain) == (plain,)


def test_reference_words_load_as_lowercase_word_lists() -> None:
    from herodotus import resources

    data = resources.load_json("coreference.json")
    for key, value in data.items():
        if key.startswith("_"):
            continue
        words = list(value) if isinstance(value, dict) else value
        assert words and all(isinstance(w, str) and w == w.strip().lower() for w in words), key
    assert set(data["group_nouns"].values()) <= {"person", "country", "any"}
