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
    refusal_aux: frozenset[str]
    volitional_governors: frozenset[str]
    negators: frozenset[str]
    negating_preps: frozenset[str]
    nobody: frozenset[str]
    material_roots: frozenset[str]
    sentence_ends: frozenset[str]
    closers: frozenset[str]

    @classmethod
    def load(cls) -> ModalityWords:
        return cls(**resources.load_word_sets("modality.json"))


# The arguments that, quantified by "no", deny the whole event.
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _none_of(arg: Any, words: ModalityWords) -> bool:
    """An argument that is nothing: 'nobody', 'no one', 'none', 'no shots'."""
    if arg.lower_ in words.nobody:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in arg.children)


def is_negated(tok: Any, words: ModalityWords) -> bool:
    """'did not meet', 'never met', 'refused to meet' are not meetings; nor is 'no shots
    were fired' a shooting, nor 'nobody was arrested' an arrest."""
    if any(c.dep_ == "neg" or c.lower_ in words.negators for c in tok.children):
        return True
    if tok.pos_ == "VERB" and any(_none_of(c, words) for c in tok.children if c.dep_ in _ARGUMENTS):
        return True
    if (
        tok.pos_ == "VERB"
        and tok.dep_ == "conj"
        and not any(c.dep_ in _SUBJECTS for c in tok.children)
        and any(_none_of(c, words) for c in tok.head.children if c.dep_ in _SUBJECTS)
    ):
        # "No civilians were injured or detained": the verbs share the subject that is
        # nothing.
        return True
    head = tok.head
    if tok.dep_ in ("pobj", "pcomp") and head.lower_ in words.negating_preps:
        # "without meeting", "without firing a shot", "without a shot being fired".
        return True
    if (
        tok.dep_ == "acl"
        and head.dep_ == "pobj"
        and head.head.lower_ in words.negating_preps
        and (tok.tag_ == "VBG" or any(c.dep_ in ("aux", "auxpass") for c in tok.children))
    ):
        # "without any shots being fired": a noun and its participle make the clause
        # that "without" denies (not so a plain modifier: "without the arms seized").
        return True
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children)


def governed_infinitive(tok: Any, governors: frozenset[str]) -> bool:
    """An infinitive that completes one of ``governors``: its open complement ("vowed to
    fight"), or a bare infinitive the parser hung on it as a clause of purpose ("have
    sworn to fight", read as "sworn [in order] to fight"). Verbs of will and intent take
    their infinitive as their complement, so that reading is the parser's mistake."""
    if tok.head.lemma_.lower() not in governors:
        return False
    if tok.dep_ == "xcomp":
        return True
    return (
        tok.dep_ == "advcl"
        and tok.head.pos_ == "VERB"
        and tok.i > tok.head.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and not any(c.dep_ in _SUBJECTS for c in tok.children)
    )


def is_refusal(tok: Any, words: ModalityWords) -> bool:
    """A negated act announced rather than denied: 'will not lift the ban', 'cannot accept
    more refugees', 'vowed not to return the land', 'did not agree to release them' refuse
    the act; 'did not meet' and 'is not expected to meet' tell only that it did not or
    will not happen. Call only for a negated predicate."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & words.refusal_aux:
        return True
    return governed_infinitive(tok, words.volitional_governors)


def modality_of(tok: Any, words: ModalityWords) -> Modality:
    """asserted, future ('will visit', 'plans to visit'), hypothetical ('might') or reported."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if aux & words.future_aux:
        return "future"
    if aux & words.hypothetical_aux:
        return "hypothetical"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in words.future_governors:
        return "future"
    if governed_infinitive(tok, words.volitional_governors):
        # Not every future governor: "set out to provide aid" is the act undertaken.
        return "future"
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in words.hypothetical_governors:
        return "hypothetical"
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in words.speech_verbs:
        return "reported"
    return "asserted"


def is_headline(tok: Any, words: ModalityWords) -> bool:
    """A sentence with no closing punctuation: a headline, whose present tense tells news."""
    ends = [t.text for t in tok.sent if not t.is_space]
    while ends and ends[-1] in words.closers:
        ends.pop()
    return not ends or ends[-1][-1] not in words.sentence_ends


def is_habitual(tok: Any, cameo: str, words: ModalityWords) -> bool:
    """'The commander directs attacks on convoys': the simple present of a material act
    in a story's body tells what someone does, not an event that happened. A headline's
    present ("Rebels seize town") and statements ("Russia accuses ...") are news."""
    if cameo[:2] not in words.material_roots or is_headline(tok, words):
        return False
    verb = tok
    if tok.pos_ not in ("VERB", "AUX"):
        # A noun takes the tense of the verb it hangs from ("he plans attacks").
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return False
    while (
        verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "conj")
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.head.dep_ != "relcl"
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    ):
        # "He operates in the district, producing bombs and targeting patrols": a
        # participle clause is told in the tense of the clause it hangs from. One hung
        # on a relative clause ("targeted a leader who operates in X, detaining six
        # men") is most often the main clause's, misplaced by the parser: left alone.
        verb = verb.head
    return verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children
    )
