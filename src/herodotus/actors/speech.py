"""Who is speaking: the speaker of reported speech is the source of what is said.

In "the DPRK will gird itself, KCNA quoted Kim as saying" or "'We need to return to
the law,' Putin said", first-person words ("we", "I", "our") stand for the speaker,
found from the speech verb that governs the clause: its subject ("Putin said"), or
for "X quoted Y as saying" the one quoted (Y); the medium (X) is the attribution.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from herodotus import resources


@dataclass(frozen=True)
class SpeechWords:
    speech_verbs: frozenset[str]
    quoting_verbs: frozenset[str]
    first_person: frozenset[str]

    @classmethod
    def load(cls) -> SpeechWords:
        raw = resources.load_json("speech.json")
        return cls(
            speech_verbs=frozenset(raw["speech_verbs"]),
            quoting_verbs=frozenset(raw["quoting_verbs"]),
            first_person=frozenset(raw["first_person"]),
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """The speaker token of a clause and the medium token, if any ("KCNA quoted ...")."""

    speaker: Any
    medium: Any | None


def _child(tok: Any, deps: tuple[str, ...]) -> Any | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def speech_verb_of(tok: Any, words: SpeechWords) -> Any | None:
    """The speech verb whose reported clause holds ``tok`` (same sentence), if any."""
    cur = tok
    for _ in range(12):
        head = cur.head
        if head.i == cur.i:
            break
        if head.lemma_.lower() in words.speech_verbs | words.quoting_verbs and cur.dep_ in (
            "ccomp",
            "parataxis",
            "advcl",
            "xcomp",
            "dobj",
            "conj",
            "pcomp",
            "prep",
        ):
            return head
        cur = head
    root = tok.sent.root
    if root.lemma_.lower() in words.speech_verbs | words.quoting_verbs and _in_quotes(tok):
        return root
    return None


def attribution(tok: Any, words: SpeechWords) -> Attribution | None:
    """Speaker (and medium) of the reported clause that holds ``tok``."""
    verb = speech_verb_of(tok, words)
    if verb is None:
        return None
    # "KCNA quoted Kim as saying": the speaker is the one quoted.
    quoting = verb
    if (
        verb.lemma_.lower() in words.speech_verbs
        and verb.head.lemma_.lower() in words.quoting_verbs
    ):
        quoting = verb.head
    if quoting.lemma_.lower() in words.quoting_verbs:
        quoted = _child(quoting, ("dobj",))
        subj = _child(quoting, ("nsubj",))
        if quoted is not None:
            return Attribution(quoted, subj)
    subj = _child(verb, ("nsubj",))
    return Attribution(subj, None) if subj is not None else None


def _in_quotes(tok: Any) -> bool:
    """Whether an odd number of quotation marks precede the token in its sentence."""
    marks = sum(1 for t in tok.sent if t.i < tok.i and t.is_quote)
    return marks % 2 == 1
