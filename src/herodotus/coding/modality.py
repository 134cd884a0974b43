"""Negation and modality of a predicate, read from its dependents and governors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from herodotus import resources
from herodotus.model import Modality


@dataclass(frozen=True)
class ModalityWords:
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_governors: frozenset[str]
    hypothetical_governors: frozenset[str]
    speech_verbs: frozenset[str]
    negators: frozenset[str]
    negating_preps: frozenset[str]

    @classmethod
    def load(cls) -> ModalityWords:
        raw = resources.load_json("modality.json")
        return cls(**{k: frozenset(v) for k, v in raw.items() if not k.startswith("_")})


def is_negated(tok: Any, words: ModalityWords) -> bool:
    """'did not meet', 'never met', 'refused to meet' are not meetings."""
    if any(c.dep_ == "neg" or c.lower_ in words.negators for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in words.negating_preps:
        return True
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)


def modality_of(tok: Any, words: ModalityWords) -> Modality:
    """asserted, future ('will visit', 'plans to visit'), hypothetical ('might') or reported."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & words.future_aux:
        return "future"
    if aux & words.hypothetical_aux:
        return "hypothetical"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in words.future_governors:
        return "future"
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in words.hypothetical_governors:
        return "hypothetical"
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in words.speech_verbs:
        return "reported"
    return "asserted"
