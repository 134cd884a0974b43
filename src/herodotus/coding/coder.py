"""The dependency coder: predicates and their arguments to coded events.

A verb whose lemma is in the lexicon is an event candidate. Its source is its
subject (the ``by`` agent in the passive; the governing clause's subject for
participles, infinitives and coordinated verbs), its target comes from where
the lexicon entry says (direct object, a preposition's object, the indirect
object). Coordinated subjects and objects each give an event. A noun in the
lexicon ("summit", "airstrike") is an event when its participants can be found
(a possessor, actors compounded into it, the object of one of its prepositions).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from herodotus import resources
from herodotus.coding.grammar import (
    PASSIVE_SUBJECT_DEPS,
    PREP_DEPS,
    SPECIFIERS,
    SUBJECT_DEPS,
    anchored,
    coordinated_verbs,
    describing,
    doing_verb,
    fronted_subject,
    generic,
    in_condition,
    misplaced_object,
    of_time,
    participle_subject,
    passive_conjunct,
    passive_modifier,
    prep_objects,
    shared_head,
    shared_object,
    shared_patient,
    state_participle,
    subject_under_participle,
    with_all_conjuncts,
    with_conjuncts,
)
from herodotus.coding.lexicon import Lexicon, NounEntry, VerbEntry
from herodotus.coding.modality import (
    ModalityWords,
    governed_infinitive,
    is_habitual,
    is_negated,
    is_refusal,
    modality_of,
)
from herodotus.model import Actor, Modality

log = logging.getLogger(__name__)

# Resolve an argument token to an actor; the second argument lists codes it may not be
# (a pronoun object is not its own clause's subject).
Resolve = Callable[[Any, Sequence[str | None]], Actor | None]

INHERIT_SUBJECT_DEPS = ("conj", "xcomp", "advcl")
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# The roots of violent acts (assault, fight, mass violence).
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# The preposition of the parties of a mutual act: "talks between X and Y".
MUTUAL_PREP = "between"
# Modifiers before a noun that may name whose it is ("a U.S. request", "Israeli changes").
OBJECT_MODIFIERS = frozenset({"compound", "amod", "nmod"})
# The target slot of an act on a thing that is someone's ("destroyed the rebels'
# ammunition", "seized weapons from the gang"): the thing's owner (``_owners``).
OWNER = "owner"
# What a stative participle's state is of or to: "committed to reform", "prepared to
# lift the ban", "engaged in talks".
STATIVE_COMPLEMENTS = frozenset({"prep", "xcomp", "ccomp"})
# Clauses in which a passive without its doer still reports an event that happened.
UNSTATED_DEPS = frozenset({"ROOT", "ccomp", "conj"})


@dataclass(frozen=True, slots=True)
class Coded:
    """An event found in one paragraph, before dates and places are attached."""

    trigger_i: int
    trigger_end: int
    source: Actor
    target: Actor | None
    cameo: str
    negated: bool
    modality: Modality
    confidence: float
    count: int = 1
    # A material act in the simple present outside a headline, or acts that tell who
    # someone is ("the commander carried out ambushes", see ``_career``): a habit unless
    # it leads the story (see ``modality.is_habitual``); the pipeline, which knows, decides.
    habitual: bool = False
    # The rejection of a refused act ("refused to release", "will not lift") or the
    # failure of talks ("failed to reach agreement"), coded in place of the governing
    # verb's own event.
    refusal: bool = False
    # An act named only by what it was aimed at ("troops targeted a militia leader"), its
    # means and its pursuit untold in its clause: no attack of its own when the story
    # tells what the same doer did; the pipeline, which knows the whole story, decides.
    aim: bool = False


@dataclass(frozen=True, slots=True)
class ArgumentWords:
    """Where to look for a target the lexicon entry did not find (``arguments.json``)."""

    clause_preps: frozenset[str]
    object_preps: frozenset[str]
    no_fallback_roots: frozenset[str]
    unrealised_codes: frozenset[str]
    requested_roots: frozenset[str]
    request_marks: frozenset[str]
    stative_participles: frozenset[str]
    state_participles: frozenset[str]
    involvement_words: frozenset[str]
    organising_verbs: frozenset[str]
    leading_verbs: frozenset[str]
    condition_marks: frozenset[str]
    container_nouns: frozenset[str]
    document_nouns: frozenset[str]
    demand_verbs: frozenset[str]
    demand_modals: frozenset[str]
    gerund_governors: frozenset[str]
    venue_roots: frozenset[str]
    venue_preps: frozenset[str]
    purpose_preps: frozenset[str]
    place_target_roots: frozenset[str]
    voicing_roots: frozenset[str]
    aim_verbs: frozenset[str]
    aim_purpose_nouns: frozenset[str]
    prospective_modifiers: frozenset[str]
    aim_means_preps: frozenset[str]
    means_preps: frozenset[str]
    peacekeeping_words: frozenset[str]
    aim_outcome_roots: frozenset[str]
    career_roots: frozenset[str]
    career_giving_roots: frozenset[str]
    individuals: frozenset[str]
    phrase_preps: frozenset[str]
    conduct_codes: frozenset[str]
    operation_words: frozenset[str]
    span_preps: frozenset[str]
    span_nouns: frozenset[str]
    time_marks: frozenset[str]
    screening_codes: frozenset[str]
    screened_sectors: frozenset[str]
    operation_roots: frozenset[str]
    topic_preps: frozenset[str]
    partner_participles: frozenset[str]
    basis_codes: frozenset[str]
    basis_words: frozenset[str]
    regarding_verbs: frozenset[str]
    danger_nouns: frozenset[str]
    posing_verbs: frozenset[str]
    unrealised_object_codes: frozenset[str]
    attribution_verbs: frozenset[str]

    @classmethod
    def load(cls) -> ArgumentWords:
        return cls(**resources.load_word_sets("arguments.json"))


def _named(actor: Actor | None) -> bool:
    """An actor with a country or a full code, not a bare sector ("---MIL")."""
    return actor is not None and bool(
        actor.country or (actor.code and not actor.code.startswith("-"))
    )


def _same_actor(a: Actor, b: Actor) -> bool:
    """Whether two actors are one: the same code and name, except for two different
    groups of one country and sector ("Malian troops detained a militia commander")."""
    if a.code != b.code or a.name != b.name:
        return False
    return a.sector is None or a.text.lower() == b.text.lower()


def lemma_candidates(lemma: str, word: str) -> list[str]:
    """The model's lemma first, then plain suffix-stripped forms of the word."""
    out = [lemma]
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ing", "e"),
        ("ing", ""),
        ("ed", "e"),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            out.append(stem)
            if repl == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "banned" -> "ban"
    out.append(word)
    return out


class DependencyCoder:
    """Codes events from a spaCy parse with the lexicon; one instance serves many stories."""

    def __init__(self, lexicon: Lexicon, words: ModalityWords | None = None) -> None:
        self.lexicon = lexicon
        self.words = words or ModalityWords.load()
        intent = resources.load_json("intent.json")
        # Longest prefix first, so "0841" wins over "084" and "08".
        self.intent: tuple[tuple[str, str], ...] = tuple(
            sorted(intent["intent"].items(), key=lambda kv: -len(kv[0]))
        )
        self.framing_roots = frozenset(intent["framing_roots"])
        self.rejection: tuple[tuple[str, str], ...] = tuple(
            sorted(intent["rejection"].items(), key=lambda kv: -len(kv[0]))
        )
        self.refusal_governors = frozenset(intent["refusal_governors"])
        self.failure: tuple[tuple[str, str], ...] = tuple(
            sorted(intent["failure"].items(), key=lambda kv: -len(kv[0]))
        )
        self.failure_governors = frozenset(intent["failure_governors"])
        self.threat_governors = frozenset(intent["threat_governors"])
        numbers = resources.load_json("number_words.json")
        self.numbers: dict[str, int] = {
            k: int(v) for k, v in numbers.items() if not k.startswith("_")
        }
        self.arguments = ArgumentWords.load()
        tables = resources.load_json("arguments.json")
        self.weapons: dict[str, str] = dict(tables["weapon_codes"])
        self.third_place: dict[str, str] = dict(tables["third_place"])
        self.deployed_visits: dict[str, str] = dict(tables["deployed_visits"])
        requests = resources.load_json("requests.json")
        # The plain appeal (020) and demand (100), each with its table, longest prefix first.
        self.requests: dict[str, tuple[tuple[str, str], ...]] = {
            plain: tuple(sorted(requests[kind].items(), key=lambda kv: -len(kv[0])))
            for plain, kind in (("020", "appeal"), ("100", "demand"))
        }
        self.rally: str = requests["rally"]
        self.purposed = frozenset(requests["purposed"])
        self.purpose = tuple(sorted(requests["purpose"].items(), key=lambda kv: -len(kv[0])))
        self.demand = self.requests["100"]
        stances = resources.load_json("stances.json")
        self.stances: dict[str, str] = dict(stances["adjectives"])
        self.copulas = frozenset(stances["copulas"])

    # -- arguments ---------------------------------------------------------------------
    def subjects(self, verb: Any, depth: int = 0) -> tuple[list[Any], bool]:
        """Subject tokens of a verb and whether the clause is passive."""
        # "returned fire killing two": a subject the parser took from the verb above.
        misplaced = misplaced_object(verb)
        skip = misplaced.i if misplaced is not None else -1
        subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i != skip]
        if subs:
            # Of two subjects (a misparsed fronted phrase), the one nearest the verb.
            s = min(subs, key=lambda c: abs(verb.i - c.i))
            if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                s = verb.head
            # "The agency operating in the region said": the agency, not the participle.
            s = subject_under_participle(s) or s
            return with_all_conjuncts(s), False
        agents = [
            g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]
        if agents:
            return with_all_conjuncts(agents[0]), True
        patients = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if (
            patients
            and verb.lower_ in self.arguments.stative_participles
            and any(c.dep_ in STATIVE_COMPLEMENTS for c in verb.children)
        ):
            # "Vietnam is committed to reform": a state of the subject, who is the actor.
            # A state is of or to something; without a complement ("he was engaged and
            # killed") the participle is a plain passive.
            return with_all_conjuncts(patients[0]), False
        if patients or passive_conjunct(verb) is not None:
            # "Two gunmen fired on the post and were killed": the earlier verb's
            # subject is what this one was done to, not its doer.
            return [], True
        fronted = fronted_subject(verb) or participle_subject(verb)
        if fronted is not None:
            return with_all_conjuncts(fronted), False
        if verb.dep_ in INHERIT_SUBJECT_DEPS and depth < 3 and verb.head.i != verb.i:
            head = verb.head
            if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
                # "X is willing to send troops": the adjective's subject is the sender.
                head = head.head
            if head.pos_ in ("VERB", "AUX"):
                subs = self.subjects(head, depth + 1)[0]
                if shared_patient(verb) is not None:
                    # "He was engaged and killed": passive like the verb it is
                    # coordinated with, whose doer (if any) it shares.
                    return subs, True
                if not subs and verb.dep_ == "xcomp":
                    # "X is prepared to lift the ban", "X was asked to leave": the
                    # passive subject of the governing verb does the infinitive's act.
                    subs = [
                        t
                        for c in head.children
                        if c.dep_ in PASSIVE_SUBJECT_DEPS
                        for t in with_all_conjuncts(c)
                    ]
                return subs, False
        if passive_modifier(verb):
            # "insurgents killed in the raid": the noun is what the act was done to.
            return [], True
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and depth < 3:
            # "The crowd resorted to throwing stones": the gerund is the act of the
            # subject of the verb above.
            prep, head = verb.head, verb.head.head
            if (
                prep.dep_ == "prep"
                and head.pos_ == "VERB"
                and not any(c.dep_ == "auxpass" for c in head.children)
                and head.lemma_.lower() in self.arguments.gerund_governors
            ):
                return self.subjects(head, depth + 1)[0], False
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and depth < 3:
            # "issued a statement demanding X": the statement's author demands.
            noun = verb.head
            if (
                noun.lemma_.lower() in self.arguments.document_nouns
                and noun.dep_ in ("dobj", "obj")
                and noun.head.pos_ == "VERB"
            ):
                return self.subjects(noun.head, depth + 1)[0], False
        if verb.dep_ == "relcl" or verb.dep_ == "acl":
            return [verb.head], False
        return [], False

    def _entries(self, verb: Any) -> tuple[VerbEntry, ...]:
        """Lexicon entries of a verb, by its lemma or, where the model's lemma is off
        ("stag" for "staged"), by a plain suffix rule on the word itself."""
        for form in lemma_candidates(verb.lemma_.lower(), verb.lower_):
            entries = self.lexicon.verbs.get(form)
            if entries:
                return entries
        return ()

    def _entry_for(self, verb: Any) -> tuple[VerbEntry, Any | None] | None:
        """The most specific lexicon entry the verb's dependents satisfy, and its object."""
        entries = self._entries(verb)
        if not entries:
            return None
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        # The model sometimes tags a particle as a preposition or adverb ("pull out of"),
        # or after a passive as a predicate ("was called in").
        loose = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod", "oprd")}
        dobj = self._direct_object(verb)
        # "agreed on Wednesday": a preposition of time is no argument of the entry.
        preps = {c.lower_ for c in verb.children if c.dep_ in PREP_DEPS and not of_time(c)}
        if dobj is not None:
            # "accused X of Y", "threatened X with Y": the preposition hangs off the object.
            preps |= {c.lower_ for c in dobj.children if c.dep_ == "prep"}
        preps |= {
            g.lower_
            for c in verb.children
            if c.dep_ in ("advcl", "ccomp", "xcomp")
            for g in c.children
            if g.dep_ == "mark"
        }
        best: tuple[int, VerbEntry, Any | None] | None = None
        for e in entries:
            if e.particle and e.particle != particle and e.particle not in loose:
                continue
            if e.prep and e.prep not in preps:
                continue
            obj = dobj
            if e.objects:
                if obj is None and not e.prep:
                    # "declined to comment" as "declined comment", "refused to help" as
                    # "refused help": an infinitive stands where the object would.
                    obj = next(
                        (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"),
                        None,
                    ) or self._raised_object(verb)
                if e.prep and e.target != "pobj":
                    objs = prep_objects(verb, e.prep)
                    obj = objs[0] if objs else None
                hit = self._object_lemmas(obj) & e.objects if obj is not None else set()
                if not hit:
                    continue
            else:
                hit = set()
            # An object phrase ("hunger strike") is more specific than its head alone.
            score = e.specificity - (1 if particle and not e.particle else 0)
            score += any(" " in h for h in hit)
            if best is None or score > best[0]:
                best = (score, e, obj if e.objects else None)
        return (best[1], best[2]) if best else None

    def _object_lemmas(self, obj: Any) -> set[str]:
        """The words an object offers to a verb + object entry: its head, and where the
        head only counts or frames ("mediation efforts", "dozens of artifacts", "curfew
        hours"), the nouns it carries in a modifier or an 'of' phrase. A modifier and the
        head together ("air support") match a two-word entry object."""
        lemma = obj.lemma_.lower()
        out = {lemma}
        # "a hunger strike", "military aid", "the ban on protests": a modifier and the
        # head, or the head and what it is of, on or for, for entries whose object is
        # such a phrase.
        # The parser often hangs the preposition right after the object on the verb
        # ("lifted [the ban] [on protests]").
        after = [
            c
            for c in (obj.head.children if obj.dep_ in ("dobj", "obj") else ())
            if c.i == obj.right_edge.i + 1
        ]
        for c in [*obj.children, *after]:
            if c.dep_ in OBJECT_MODIFIERS and c.i < obj.i:
                # "guided bombs": the word as written, as the model may lemmatise it away.
                # "artillery and air support": each coordinated modifier makes a phrase.
                for m in [c, *(g for g in c.conjuncts if c.i < g.i < obj.i)]:
                    out.update(f"{w} {lemma}" for w in (m.lemma_.lower(), m.lower_))
            elif c.dep_ == "prep" and c.lower_ in self.arguments.phrase_preps:
                out.update(
                    f"{lemma} {c.lower_} {g.lemma_.lower()}" for g in c.children if g.dep_ == "pobj"
                )
        shared = shared_head(obj)
        if shared is not None:
            # "close air and artillery support" offers "air support".
            out.add(f"{lemma} {shared.lemma_.lower()}")
        if lemma not in self.arguments.container_nouns:
            return out
        for c in obj.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < obj.i:
                out.add(c.lemma_.lower())
            elif c.dep_ == "prep" and c.lower_ == "of":
                for g in (g for p in [c, *c.conjuncts] for g in p.children if g.dep_ == "pobj"):
                    out.add(g.lemma_.lower())
                    out.update(x.lemma_.lower() for x in g.children if x.dep_ == "compound")
        return out

    @staticmethod
    def _raised_object(verb: Any) -> Any | None:
        """'Allowed refugees to return': the one allowed, which the parser makes the
        subject of the infinitive."""
        for c in verb.children:
            if c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        return None

    def _direct_object(self, verb: Any) -> Any | None:
        if passive_modifier(verb) and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        for c in verb.children:
            if c.dep_ in ("dobj", "obj"):
                return c
        for c in verb.children:
            if c.dep_ in PASSIVE_SUBJECT_DEPS:
                return c
        for c in verb.children:
            misplaced = misplaced_object(c)
            if misplaced is not None:
                return misplaced
        return shared_patient(verb) or passive_conjunct(verb) or shared_object(verb)

    def targets(self, verb: Any, entry: VerbEntry, obj: Any | None) -> list[tuple[Any, int]]:
        """Target tokens with their counts, from where the entry says."""
        where = entry.target
        toks: list[Any] = []
        if where is None:
            return []
        if where == OWNER:
            return [(t, 1) for t in self._owners(verb, obj)]
        if where == "dobj":
            d = self._direct_object(verb) or self._raised_object(verb)
            toks = [d] if d is not None else []
        elif where == "dative":
            toks = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
            toks = toks or prep_objects(verb, "to")
        elif where == "pobj":
            toks = prep_objects(verb, entry.prep or "")
        else:
            toks = prep_objects(verb, where)
            if not toks and obj is not None:
                toks = prep_objects(obj, where)
            if not toks:
                d = self._direct_object(verb)
                if d is not None:
                    toks = prep_objects(d, where)
        if not toks and where not in ("dobj", "pobj"):
            # "give Tanzania a grant": the indirect object is the recipient.
            toks = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        if not toks:
            return []
        first = toks[0]
        out = [(t, self._count(obj)) for t in with_all_conjuncts(first)]
        out.extend(self._elliptical(first, where))
        return out

    def _owners(self, verb: Any, obj: Any | None) -> list[Any]:
        """Whose a thing taken or destroyed is, nearest first: a "from" phrase ("seized
        rifles from the gang"), the object itself where a possessor or a modifier names
        a party ("the rebels' ammunition", "rebel weapons"), what a container carries
        ("a cache of Taliban weapons") and an "of" phrase ("the arms of the militia").
        Candidates only: the caller keeps the first that names a party."""
        d = obj if obj is not None else self._direct_object(verb)
        out = prep_objects(verb, "from")
        if d is None:
            return out
        out.extend(prep_objects(d, "from"))
        nouns = [d]
        if d.lemma_.lower() in self.arguments.container_nouns:
            nouns.extend(prep_objects(d, "of"))
        for n in nouns:
            out.append(n)
            out.extend(
                c
                for c in n.children
                if c.dep_ == "poss" or (c.dep_ in OBJECT_MODIFIERS and c.i < n.i)
            )
        out.extend(prep_objects(d, "of"))
        return out

    def fallback_targets(
        self,
        verb: Any,
        obj: Any | None,
        depth: int = 0,
        phrases: frozenset[str] = frozenset(),
    ) -> list[Any]:
        """Candidate targets of an event whose entry found none, nearest first: the
        parties inside its object ("rejected an offer from X", "welcomed X's plan"), its
        prepositions ("sent troops into X"), the subject of a complement clause
        ("demanded that X withdraw") and the arguments of an infinitive complement
        ("threatened to cut off gas to X", "agreed to send aid to X"). A modifier that
        makes with the object one of the entry's object ``phrases`` names the kind of
        thing, not whose it is: in "requested artillery support" the artillery is no
        party."""
        words = self.arguments
        out: list[Any] = []
        d = obj if obj is not None else self._direct_object(verb)
        if d is not None and d.dep_ in ("dobj", "obj"):
            if depth > 0:
                out.append(d)
            # "rejected Israel's plan", "rejected a U.S. request", "an Australian
            # ultimatum": whose the object is.
            head = d.lemma_.lower()
            inner = [
                c
                for c in d.children
                if c.dep_ == "poss"
                or (
                    c.dep_ in OBJECT_MODIFIERS
                    and c.i < d.i
                    and not any(
                        f"{w} {head}" in phrases
                        for m in [c, *c.conjuncts]
                        for w in (m.lemma_.lower(), m.lower_)
                    )
                )
            ]
            inner += [
                g
                for c in d.children
                if c.dep_ == "prep" and c.lower_ in words.object_preps
                for g in c.children
                if g.dep_ == "pobj"
            ]
            out.extend(sorted(inner, key=lambda t: t.i))
        clause = sorted(
            (
                g
                for c in verb.children
                if c.dep_ in PREP_DEPS and c.lower_ in words.clause_preps
                for g in c.children
                if g.dep_ == "pobj"
            ),
            key=lambda t: t.i,
        )
        out.extend(clause)
        # "suspended air links with X", "mobilised reservists for a war against X": a
        # thing or act one phrase further down is still the event's, when nothing
        # nearer names a party.
        out.extend(
            g
            for n in [*out, *clause]
            if n.pos_ == "NOUN" and n.dep_ == "pobj"
            for c in n.children
            if c.dep_ == "prep" and c.lower_ in words.object_preps
            for g in c.children
            if g.dep_ == "pobj"
        )
        later: list[Any] = []
        for c in verb.children:
            if c.dep_ == "ccomp":
                out.extend(s for s in c.children if s.dep_ in SUBJECT_DEPS)
            elif c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and depth < 2:
                out.extend(self.fallback_targets(c, None, depth + 1))
            elif c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in words.condition_marks for m in c.children
            ):
                later.extend(s for s in c.children if s.dep_ in SUBJECT_DEPS)
        return out + later

    def _count(self, noun: Any | None) -> int:
        if noun is None:
            return 1
        for c in noun.children:
            if c.dep_ == "nummod":
                return self._number(c)
        return 1

    def _number(self, tok: Any) -> int:
        if tok.like_num and tok.text.isdigit():
            return int(tok.text)
        return self.numbers.get(tok.lower_, 1)

    def _elliptical(self, first: Any, word: str) -> list[tuple[Any, int]]:
        """'four meetings with Xi, three with Moon and one with ...': the counted siblings."""
        group: list[Any] = []
        stack = [first]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ in ("appos", "conj") and c.pos_ == "NUM":
                    group.append(c)
                    stack.append(c)
        out: list[tuple[Any, int]] = []
        for num in sorted(group, key=lambda t: t.i):
            preps = [c for c in num.children if c.dep_ == "prep" and c.lower_ == word]
            for p in preps:
                before = [n for n in group if n.i < p.i]
                count_tok = max(before, key=lambda n: n.i) if before else num
                out.extend((g, self._number(count_tok)) for g in p.children if g.dep_ == "pobj")
        return out

    # -- events ------------------------------------------------------------------------
    def code(self, doc: Any, resolve: Resolve) -> Iterator[Coded]:
        """All events in a parsed paragraph."""
        consumed: set[int] = set()
        found_events: list[Coded] = []
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            found = self._entry_for(tok)
            if found is None:
                continue
            entry, obj = found
            if obj is not None:
                consumed.add(obj.i)
            found_events.extend(self._verb_events(tok, entry, obj, resolve))
        found_events = self._with_demands(doc, found_events, resolve)
        for tok in doc:
            if tok.pos_ == "ADJ" and tok.lemma_.lower() in self.stances:
                found_events.extend(self._stance_events(tok, resolve))
        for tok in doc:
            if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            noun = self._noun_entry(tok)
            if noun is not None:
                found_events.extend(self._noun_events(tok, noun, resolve))
        kept = self._drop_framing(doc, found_events)
        yield from self._without_background(doc, kept, resolve)

    def _with_demands(self, doc: Any, events: list[Coded], resolve: Resolve) -> list[Coded]:
        """'Russia said that Sudan must return the helicopter': a demand by the speaker on
        the clause's subject (CAMEO 10), coded by the act demanded; the act itself, which
        has not happened, is no event of its own."""
        words = self.arguments
        for clause in doc:
            if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX"):
                continue
            modals = {c.lower_ for c in clause.children if c.dep_ == "aux"}
            if modals.isdisjoint(words.demand_modals):
                continue
            speech = clause.head
            if speech.pos_ != "VERB" or speech.lemma_.lower() not in words.demand_verbs:
                continue
            if is_negated(speech, self.words) or any(
                e.trigger_i == speech.i and e.cameo[:2] == "10" for e in events
            ):
                continue
            sources = [a for a in (resolve(t, ()) for t in self.subjects(speech)[0]) if a]
            if not sources:
                continue
            codes = [s.code for s in sources]
            targets = [
                a
                for t in self.subjects(clause)[0]
                if (a := resolve(t, codes)) is not None and _named(a) and a.code not in codes
            ]
            if not targets:
                continue
            found = self._entry_for(clause) if clause.pos_ == "VERB" else None
            cameo = self._demanded(found[0].cameo) if found else "100"
            inside = {t.i for t in clause.subtree}
            done = {t.code for t in targets}
            events = [e for e in events if not (e.trigger_i in inside and e.source.code in done)]
            modality = modality_of(speech, self.words)
            for src in sources:
                for tgt in targets:
                    events.append(
                        Coded(
                            speech.i,
                            speech.i + 1,
                            src,
                            tgt,
                            cameo,
                            False,
                            modality,
                            self._confidence(src, tgt, modality, 0.5),
                        )
                    )
        return events

    def _asking(self, verb: Any) -> bool:
        """A verb whose plain senses (no object or preposition of their own) are all
        appeals or demands ("demand", "urge", ``requested_roots``): its complement is
        asked for whether or not its own subject is an actor."""
        if verb.pos_ != "VERB":
            return False
        plain = [
            e
            for e in self.lexicon.verbs.get(verb.lemma_.lower(), ())
            if not e.objects and not e.prep and not e.particle
        ]
        return bool(plain) and all(e.cameo[:2] in self.arguments.requested_roots for e in plain)

    def _demanded(self, cameo: str) -> str:
        """The demand code (10x) for an act demanded of someone."""
        for prefix, code in self.demand:
            if cameo.startswith(prefix):
                return code
        return "100"

    def _unrealised(self, cameo: str) -> bool:
        return any(cameo.startswith(p) for p in self.arguments.unrealised_codes)

    def _drop_framing(self, doc: Any, events: list[Coded]) -> list[Coded]:
        """'Agreed to send aid' is one event (intent to give aid), not also an agreement;
        'refused to release the crew' is one refusal to release, not also a plain one."""
        by_trigger: dict[int, list[Coded]] = {}
        for ev in events:
            by_trigger.setdefault(ev.trigger_i, []).append(ev)
        superseded = {
            (doc[ev.trigger_i].head.i, ev.source.code)
            for ev in events
            if ev.refusal and doc[ev.trigger_i].dep_ == "xcomp"
        }
        keep: list[Coded] = []
        asked: dict[int, Coded] = {}
        named: dict[int, Coded] = {}
        voiced: dict[tuple[int, str | None], Coded] = {}
        carried: dict[tuple[int, str | None], Coded] = {}
        for ev in events:
            if (ev.trigger_i, ev.source.code) in superseded:
                continue
            tok = doc[ev.trigger_i]
            if in_condition(tok, self.arguments.condition_marks):
                # "threatened an offensive unless Baghdad accepted its terms", "will send
                # aid if it is attacked": the act a condition names has not happened; it
                # tells on what the threat or promise hangs.
                continue
            if (
                not ev.refusal
                and tok.dep_ in ("xcomp", "ccomp")
                and any(
                    self._unrealised(e.cameo) and e.source.code == ev.source.code
                    for e in by_trigger.get(tok.head.i, [])
                )
            ):
                # "threatened to cut off gas", "is considering sending aid": no cutting
                # off, no aid sent; the threat or the consideration is the event. With no
                # party of its own it concerns the party of the act it names ("threatened
                # to cut off relations with X" threatens X).
                carried.setdefault((tok.head.i, ev.source.code), ev)
                continue
            governor = self._asked_object_of(tok, by_trigger)
            if governor is not None:
                # "called for sanctions against X", "is considering talks with X": an
                # act named as the object of an appeal, demand, threat or consideration
                # has not happened; it tells what is asked or weighed, and of whom.
                named.setdefault(governor, ev)
                continue
            if self._requested(tok) and any(
                e.cameo[:2] in self.arguments.requested_roots
                for e in by_trigger.get(tok.head.i, [])
            ):
                # "urged Russia to withdraw", "called for Russia to withdraw": an act
                # asked of someone has not happened; the appeal or demand is the event.
                asked.setdefault(tok.head.i, ev)
                continue
            if self._requested(tok) and self._asking(tok.head) and not by_trigger.get(tok.head.i):
                # "Villagers demanded that the post be removed": asked by someone who is
                # no actor, the act is still only asked for.
                continue
            protests = self._voiced(tok, ev, by_trigger)
            if protests:
                for p in protests:
                    voiced.setdefault((p.trigger_i, p.source.code), ev)
                continue
            if self._aimed(tok, ev, events):
                continue
            if self._bare_aim(tok, ev):
                ev = replace(ev, aim=True)
            if ev.cameo[:2] in self.framing_roots and not self._unrealised(ev.cameo):
                inner = [
                    e
                    for c in tok.children
                    if c.dep_ in ("xcomp", "ccomp")
                    for e in by_trigger.get(c.i, [])
                    if e.source.code == ev.source.code
                ]
                if inner:
                    continue
            keep.append(ev)
        return [
            self._for_purpose(
                self._by_request(
                    self._naming(
                        self._party_of(ev, carried.get((ev.trigger_i, ev.source.code))),
                        named.get(ev.trigger_i),
                    ),
                    asked.get(ev.trigger_i),
                ),
                voiced.get((ev.trigger_i, ev.source.code)),
            )
            for ev in keep
        ]

    @staticmethod
    def _party_of(ev: Coded, inner: Coded | None) -> Coded:
        """A threat, refusal or consideration with no party of its own concerns the
        party of the act its complement clause names: "threatened to cut off relations
        with X" threatens X, "is considering sending aid to X" weighs aid to X."""
        if inner is None or inner.target is None or ev.target is not None:
            return ev
        if inner.target.code == ev.source.code:
            return ev
        return replace(ev, target=inner.target)

    def _naming(self, ev: Coded, inner: Coded | None) -> Coded:
        """An appeal, demand, threat or consideration coded by the act its object names.
        Of a conflictual act it is a threat of that act (13x), as "called for sanctions
        against X" or "is weighing sanctions against X" threaten X with sanctions (1312);
        of another act, an appeal or demand for it ("called for talks", 026). With no
        party of its own it concerns the party of the act it names."""
        if inner is None:
            return ev
        if inner.target is not None and ev.target is None and inner.target.code != ev.source.code:
            ev = replace(ev, target=inner.target)
        threat = self._intent(inner.cameo)
        if threat.startswith("13") and not ev.cameo.startswith("13"):
            return replace(ev, cameo=threat)
        return self._by_request(ev, inner)

    def _asked_object_of(self, tok: Any, by_trigger: dict[int, list[Coded]]) -> int | None:
        """The trigger of the appeal, demand, threat or consideration whose object (or
        prepositional object: "called for sanctions") the noun ``tok`` is; None when it
        is none."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if tok.dep_ in ("dobj", "obj"):
            governor = tok.head
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            governor = tok.head.head
        else:
            return None
        codes = self.arguments.unrealised_object_codes
        if any(any(e.cameo.startswith(p) for p in codes) for e in by_trigger.get(governor.i, [])):
            return int(governor.i)
        return None

    def _voiced(self, tok: Any, ev: Coded, by_trigger: dict[int, list[Coded]]) -> list[Coded]:
        """'Students marched to demand reforms', 'blocked roads demanding his return': a
        demand or appeal in the purpose or manner clause of the same doer's protest
        (``voicing_roots``) is what the protest is for, not an event of its own. The
        protests it voices; none when it is an event of its own."""
        words = self.arguments
        clauses = ("advcl", "xcomp", "acl", "relcl")
        if ev.cameo[:2] not in words.requested_roots or tok.dep_ not in clauses:
            return []
        head = tok.head
        acts = [head.i, *(c.i for c in head.children if c.dep_ in ("dobj", "obj"))]
        if head.dep_ in ("dobj", "obj"):
            # "began a hunger strike to demand X": the protest is the verb's with its object.
            acts.append(head.head.i)
        return [
            e
            for i in acts
            for e in by_trigger.get(i, [])
            if e.cameo[:2] in words.voicing_roots and e.source.code == ev.source.code
        ]

    def _for_purpose(self, ev: Coded, voice: Coded | None) -> Coded:
        """A protest coded by what it demands: 'marched to demand the president's
        resignation' is a demonstration for leadership change (1411), directed at the one
        asked to go when the protest names no one."""
        if voice is None or ev.cameo not in self.purposed:
            return ev
        digit = self._by_prefix(self.purpose, voice.cameo)
        if digit is None:
            return ev
        target = ev.target if ev.target is not None else voice.target
        return replace(ev, cameo=ev.cameo + digit, target=target)

    def _aimed(self, tok: Any, ev: Coded, events: list[Coded]) -> bool:
        """'Troops targeted a militia leader, detaining two men', 'targeted a house to
        search for him', 'in pursuit of him': a verb that names what an act was aimed at
        (``aim_verbs``) is no act of its own when its clause tells the act by which the aim
        was pursued: another act of the same doer coordinated with it or around it, a
        purpose infinitive, or a phrase of purpose (``aim_purpose_nouns``)."""
        words = self.arguments
        if tok.lemma_.lower() not in words.aim_verbs and tok.lower_ not in words.aim_verbs:
            return False
        linked = {c.i for c in tok.children if c.dep_ in ("conj", "advcl", "xcomp")}
        if tok.dep_ in ("conj", "advcl"):
            linked.add(tok.head.i)
        if any(
            e.trigger_i in linked and e.source.code == ev.source.code and e is not ev
            for e in events
        ):
            return True
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        # "targeted a leader detaining six men": the parser may hang the act, whose doer
        # it then takes for the object, on the object instead.
        acts = {
            g.i
            for o in objects
            for g in o.subtree
            if g.dep_ in ("acl", "relcl") and g.tag_ == "VBG" and g.head.i == o.i
        }
        if any(e.trigger_i in acts for e in events):
            return True
        for c in [*tok.children, *(g for o in objects for g in o.children)]:
            if c.dep_ in ("advcl", "xcomp") and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children
            ):
                return True
            # "targeted a house in pursuit of the leader", wherever the phrase is hung.
            if c.dep_ == "prep" and any(
                g.lemma_.lower() in words.aim_purpose_nouns for g in c.children if g.dep_ == "pobj"
            ):
                return True
        return False

    def _without_background(self, doc: Any, events: list[Coded], resolve: Resolve) -> list[Coded]:
        """Acts a sentence tells only as the background of another act: how the doer's
        own operation was conducted (``_conduct``), who took part in an act
        (``_partner``) and what an act was based on (``_basis``)."""
        return [
            ev
            for ev in events
            if not (
                self._conduct(doc[ev.trigger_i], ev, events, resolve)
                or self._partner(doc[ev.trigger_i], ev)
                or self._basis(doc[ev.trigger_i], ev)
            )
        ]

    def _conduct(self, tok: Any, ev: Coded, events: list[Coded], resolve: Resolve) -> bool:
        """'The force protected the women and children throughout the search', 'were
        protected during the operation', 'questioned residents while searching the
        compound': keeping safe or questioning the people found at the place of the doer's
        own operation (``conduct_codes``) is how that operation was conducted, not
        protection given as aid to a party or an investigation. So is questioning the
        people present as a step of the doer's search or arrest told with it
        (``screening_codes``: 'questioned the occupants and conducted a search').
        Protection from a threat ('protected civilians from militia attacks'), or during
        someone else's operation, has no such anchor and stays an event."""
        words = self.arguments
        if not any(ev.cameo.startswith(c) for c in words.conduct_codes):
            return False
        if any(c.dep_ == "prep" and c.lower_ in words.topic_preps for c in tok.children):
            # "questioned the minister over the bribes": an investigation.
            return False
        for c in tok.children:
            spanned = (
                [self._spanned(g) for g in c.children if g.dep_ == "pobj"]
                if c.dep_ == "prep" and c.lower_ in words.span_preps
                else []
            )
            if any(o is not None and self._own_operation(o, ev, resolve) for o in spanned):
                return True
            clause = self._time_clause(c)
            if clause is not None and self._operating(clause, ev, resolve):
                return True
        if not any(ev.cameo.startswith(c) for c in words.screening_codes):
            return False
        role = ev.target.sector if ev.target is not None else None
        if role is not None and role not in words.screened_sectors:
            # "Police questioned the minister and arrested him": a party with a role.
            return False
        steps = [v for v in coordinated_verbs(tok) if v.i != tok.i]
        return any(
            self._operating(v, ev, resolve)
            or any(
                e.trigger_i == v.i
                and e.cameo[:2] in words.operation_roots
                and e.source.code == ev.source.code
                for e in events
            )
            for v in steps
        )

    def _spanned(self, noun: Any) -> Any | None:
        """What a stretch of time or a set is of: 'the duration of the search' is the
        search, 'all of the operations' the operations (``span_nouns``)."""
        for _ in range(3):
            if noun.lemma_.lower() not in self.arguments.span_nouns:
                return noun
            inner = [g for g in prep_objects(noun, "of") if g.dep_ == "pobj"]
            if not inner:
                return None
            noun = inner[0]
        return None

    def _own_operation(self, noun: Any, ev: Coded, resolve: Resolve) -> bool:
        """An operation (``operation_words``) that names no party other than the doer of
        the act: 'the search', 'this operation'; not 'the Taliban raid'."""
        if noun.lemma_.lower() not in self.arguments.operation_words:
            return False
        # The operation's phrase names its party, if any ("the Taliban raid", "the army's
        # search", "a raid by the militia"): the resolver reads the modifiers of the noun
        # with it.
        parties = [noun, *(c for c in noun.children if c.dep_ == "poss"), *prep_objects(noun, "by")]
        return all(
            a is None or self._same_party(a, ev.source) for a in (resolve(t, ()) for t in parties)
        )

    @staticmethod
    def _same_party(a: Actor, b: Actor) -> bool:
        """Two actors of one code, or of one country where one of them names no sector
        ("the Afghan-led operation" of Afghan troops); a country's rebels are not its
        army."""
        if a.code is not None and a.code == b.code:
            return True
        return (
            a.country is not None
            and a.country == b.country
            and (a.sector is None or b.sector is None or a.sector == b.sector)
        )

    def _time_clause(self, tok: Any) -> Any | None:
        """The verb of a clause of time on an act ('while conducting the search', 'before
        searching the house', ``time_marks``), or None."""
        marks = self.arguments.time_marks
        if tok.dep_ == "advcl" and any(
            m.dep_ in ("mark", "advmod") and m.lower_ in marks for m in tok.children
        ):
            return tok
        if tok.dep_ == "prep" and tok.lower_ in marks:
            return next(
                (g for g in tok.children if g.dep_ == "pcomp" and g.pos_ in ("VERB", "AUX")),
                None,
            )
        return None

    def _operating(self, verb: Any, ev: Coded, resolve: Resolve) -> bool:
        """A verb of the doer's own operation: searching, raiding, or conducting,
        continuing or carrying out a search or an operation (``operation_words``), with
        no subject of its own other than the doer."""
        words = self.arguments.operation_words
        own = verb.lemma_.lower() in words or any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in words for c in verb.children
        )
        if not own:
            return False
        for s in (c for c in verb.children if c.dep_ in SUBJECT_DEPS):
            a = resolve(s, ())
            if a is None or not self._same_party(a, ev.source):
                return False
        return True

    def _partner(self, tok: Any, ev: Coded) -> bool:
        """'An Afghan force, supported by coalition troops, detained a leader', 'rebels
        backed by Rwanda seized the town': a past participle of acting alongside
        (``partner_participles``) with its doer, hung on the actor that is the subject of
        another act, tells who took part in that act or stood behind its doer, as 'a
        Rwanda-backed rebel group' does; it is no cooperation event of its own. So does
        an active participle with its partner as object ('troops supporting the police
        arrested ...')."""
        if tok.lemma_.lower() not in self.arguments.partner_participles or ev.target is None:
            return False
        chain = [tok]
        while chain[-1].dep_ == "conj" and chain[-1].head.tag_ == "VBN":
            # "advised and assisted by coalition forces"
            chain.append(chain[-1].head)
        first = chain[-1]
        if first.dep_ != "acl":
            return False
        passive = all(p.tag_ == "VBN" for p in chain) and any(
            c.dep_ == "agent" for p in chain for c in p.children
        )
        # "An air team supporting ground forces declared ...": the active participle
        # says the same of its noun.
        active = (
            tok is first
            and tok.tag_ == "VBG"
            and any(c.dep_ in ("dobj", "obj") for c in tok.children)
        )
        if not (passive or active):
            return False
        noun = first.head
        while noun.dep_ in ("appos", "conj") and noun.head.i != noun.i:
            # "In X district, Y province, an Afghan force, supported by ...": the parser
            # may hang the subject on the fronted place, or on a dateline.
            noun = noun.head
        return noun.dep_ in (*SUBJECT_DEPS, *PASSIVE_SUBJECT_DEPS)

    def _basis(self, tok: Any, ev: Coded) -> bool:
        """'Conducted in response to information provided by villagers', 'detained based
        on information provided during questioning': a past participle telling who gave
        the information (``basis_codes``) on which another act was based
        (``basis_words``) names that act's ground, as 'acting on a tip from villagers'
        does; it is no event of its own."""
        words = self.arguments
        if not any(ev.cameo.startswith(c) for c in words.basis_codes):
            return False
        if not (tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ == "pobj"):
            return False
        holder = tok.head.head.head
        return holder.lemma_.lower() in words.basis_words or holder.lower_ in words.basis_words

    def _bare_aim(self, tok: Any, ev: Coded) -> bool:
        """'Troops targeted a militia leader': an aim verb (``aim_verbs``) whose clause
        tells neither the act by which the aim was pursued (see ``_aimed``) nor its means
        ('with artillery', ``aim_means_preps``; a weapon as the subject). Whether it was
        an attack depends on what else the story tells its doer did."""
        words = self.arguments
        if tok.lemma_.lower() not in words.aim_verbs and tok.lower_ not in words.aim_verbs:
            return False
        if ev.source.rule == "weapon":
            return False
        objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        return not any(
            c.dep_ == "prep" and c.lower_ in words.aim_means_preps
            for c in [*tok.children, *(g for o in objects for g in o.children)]
        )

    def _by_request(self, ev: Coded, inner: Coded | None) -> Coded:
        """A plain appeal or demand coded by what it asks for: "urged X to lift the
        embargo" appeals for the easing of an embargo (0254), "urged X to back Y" rallies
        support for Y (053)."""
        table = self.requests.get(ev.cameo)
        if inner is None or table is None:
            return ev
        if (
            inner.cameo[:2] == "05"
            and inner.target is not None
            and inner.target.code not in (ev.source.code, None)
            # "Urged Canada to forge ties with Havana", said by Cuba's media: support
            # for the asker's own country is diplomatic cooperation asked for.
            and not (ev.source.country and inner.target.country == ev.source.country)
        ):
            return replace(ev, cameo=self.rally)
        for prefix, code in table:
            if inner.cameo.startswith(prefix):
                return replace(ev, cameo=code)
        return ev

    def _intent(self, cameo: str) -> str:
        """The intent code (03x) of an announced cooperative act, the threat code (13x) of
        an announced conflictual act, or the code unchanged."""
        for prefix, code in self.intent:
            if cameo.startswith(prefix):
                return code
        return cameo

    @staticmethod
    def _by_prefix(table: tuple[tuple[str, str], ...], cameo: str) -> str | None:
        for prefix, code in table:
            if cameo.startswith(prefix):
                return code
        return None

    def _governed_by(self, verb: Any, governors: frozenset[str]) -> bool:
        """The infinitive of an asserted governor: 'refused to release', 'failed to agree'."""
        head = verb.head
        return (
            verb.dep_ == "xcomp"
            and head.lemma_.lower() in governors
            and not is_negated(head, self.words)
        )

    def _outcome(self, verb: Any, cameo: str, negated: bool) -> tuple[str, bool] | None:
        """The code of an act refused or failed, and whether it replaces its governor's
        own event; None when the act is neither. A refused cooperative act is its
        rejection (12x: 'refused to release', 'declined to resign', 'will not lift',
        'vowed not to return', see ``is_refusal``); failed talks are halted talks ('failed
        to reach agreement': 164). A refused or failed act with no such code ('declined to
        attack', 'failed to capture') gives ("", False): it did not happen."""
        if self._governed_by(verb, self.failure_governors):
            code = self._by_prefix(self.failure, cameo)
            return (code, True) if code else ("", False)
        if self._governed_by(verb, self.refusal_governors) or (
            negated and is_refusal(verb, self.words)
        ):
            code = self._by_prefix(self.rejection, cameo)
            return (code, True) if code else ("", False)
        return None

    def _noun_entry(self, noun: Any) -> NounEntry | None:
        entries = self.lexicon.nouns.get(noun.lemma_.lower())
        if not entries:
            return None
        mods = {
            c.lemma_.lower()
            for c in noun.children
            if c.dep_ in ("compound", "amod", "nmod", "npadvmod")
        }
        for e in entries:
            if e.modifiers is None or e.modifiers & mods:
                return e
        return None

    def _verb_events(
        self, verb: Any, entry: VerbEntry, obj: Any | None, resolve: Resolve
    ) -> Iterator[Coded]:
        if state_participle(verb, self.arguments.state_participles):
            return
        if verb.lemma_.lower() in self.arguments.regarding_verbs and any(
            c.dep_ == "oprd" for c in verb.children
        ):
            # "The village is considered a safe haven": what it is held to be, no act.
            return
        if self._leading(verb, entry):
            # "The commander commanded an insurgent cell": he leads it; nothing is asked.
            return
        if obj is not None and entry.objects and self.generic(obj):
            # "planned and carried out bombings": the kind of act someone is known for.
            return
        subj_toks, passive = self.subjects(verb)
        sources: list[Actor] = []
        for a in (resolve(t, ()) for t in subj_toks):
            if a is not None and all(a.code != s.code or a.name != s.name for s in sources):
                sources.append(a)
        if not sources and self._purpose_clause(verb):
            # "Farmers gathered for a march to protest the tax": the marchers protest.
            found = self._governing_subject(verb.head, resolve)
            sources = [found] if found is not None else []
        weapon = None if sources else self._weapon(verb, subj_toks, entry.cameo)
        if weapon is not None:
            # "A roadside bomb killed two soldiers": an attack of that kind by someone
            # the sentence does not name.
            entry = replace(entry, cameo=weapon)
            sources = [Actor(None, None, None, None, "", -1, -1, rule="weapon")]
        if (
            not sources
            and passive
            and not subj_toks
            and (verb.dep_ in UNSTATED_DEPS or passive_modifier(verb))
            and modality_of(verb, self.words) in ("asserted", "reported")
            and verb.lemma_.lower() not in self.arguments.attribution_verbs
        ):
            # "A rebel leader was arrested": the doer is unstated but the event happened
            # (not so in "called for sanctions to be eased", a wish, not an event). "He is
            # accused of smuggling arms", with nobody who accuses, says what he is held
            # to have done, not that anyone said so (``attribution_verbs``).
            sources = [Actor(None, None, None, None, "", -1, -1, rule="unstated")]
        if not sources:
            return
        means = self._means(verb, entry.cameo)
        if means is not None:
            entry = replace(entry, cameo=means)
        if (
            entry.cameo in self.deployed_visits
            and not entry.objects
            and any(self._peacekeeping(t) for t in subj_toks)
        ):
            # "Peacekeepers arrived in Bosnia": a deployment, not a visit.
            entry = replace(entry, cameo=self.deployed_visits[entry.cameo])
        habitual = (
            is_habitual(verb, entry.cameo, self.words)
            or (obj is not None and self._career(obj, entry.cameo))
            or self._career_giving(verb, entry.cameo)
        )
        negated = is_negated(verb, self.words)
        modality = modality_of(verb, self.words)
        outcome = self._outcome(verb, entry.cameo, negated)
        refusal = outcome is not None and outcome[1]
        if outcome is not None and refusal:
            # The refusal or failure is what was said or done: an asserted event.
            cameo, negated, modality = outcome[0], False, "asserted"
        else:
            # A refused or failed act that no code fits did not happen.
            negated = negated or outcome is not None
            threat = self._threatened(verb)
            cameo = entry.cameo
            if modality == "future" or (threat and self._intent(cameo)[:2] == "13"):
                cameo = self._intent(cameo)
            promised = threat or self._will_do(verb)
            if cameo[:2] == "13" and entry.cameo[:2] != "13" and not promised:
                # Only "X will / would do it" threatens; "was planning an attack", "decided
                # to detain him" or "the arms will be destroyed" report plans, not threats.
                cameo = entry.cameo
        end = max([verb.i + 1] + [c.i + 1 for c in verb.children if c.dep_ == "prt"])
        if obj is not None:
            end = max(end, obj.i + 1)
        targets: list[tuple[Actor, int]] = []
        for t, count in self.targets(verb, entry, obj):
            a = resolve(t, [s.code for s in sources])
            if a is not None:
                targets.append((a, count))
        if entry.target == OWNER:
            # The first party named as the owner, not every word around the object.
            targets = targets[:1]
        if (
            not targets
            and len(sources) > 1
            and not entry.target_required
            and self._mutual(verb, entry, obj)
        ):
            # Not for a sense whose target is only its own slot's: "X and Y called out
            # the occupants" is no call between X and Y.
            targets = [(s, 1) for s in sources[1:]]
            sources = sources[:1]
        elif (
            not targets
            and not entry.target_required
            and cameo[:2] not in self.arguments.no_fallback_roots
        ):
            # A sense that only exists towards someone finds that someone where the sense
            # puts them: in "received fire from the ridge" nobody is received, and "an
            # operation to detain X" is no operation against X.
            targets = self._found_target(
                verb, obj, sources, resolve, cameo, entry.objects or frozenset()
            )
        asked = self._addressee(verb, entry)
        if asked is not None and not targets:
            found = resolve(asked, [s.code for s in sources])
            if found is not None:
                targets = [(found, 1)]
            elif asked.pos_ == "NOUN":
                # "Called for all occupants to leave the building": asked of people who
                # are no political actor, a tactical instruction rather than an appeal.
                return
        if not targets and entry.target_required:
            return
        if entry.converse:
            # "Soldiers came under fire from the rebels": the rebels fired on the soldiers.
            if not targets:
                return
            sources, targets = [t for t, _ in targets], [(s, 1) for s in sources]
        for src in sources:
            if not targets:
                if entry.target is not None and entry.target != "dobj":
                    # The entry needs a target it did not find: a weaker event.
                    yield Coded(
                        verb.i,
                        end,
                        src,
                        None,
                        cameo,
                        negated,
                        modality,
                        self._confidence(src, None, modality, 0.35),
                        habitual=habitual,
                        refusal=refusal,
                    )
                else:
                    yield Coded(
                        verb.i,
                        end,
                        src,
                        None,
                        cameo,
                        negated,
                        modality,
                        self._confidence(src, None, modality, 0.45),
                        habitual=habitual,
                        refusal=refusal,
                    )
                continue
            for tgt, count in targets:
                if _same_actor(src, tgt):
                    continue
                yield Coded(
                    verb.i,
                    end,
                    src,
                    tgt,
                    cameo,
                    negated,
                    modality,
                    self._confidence(src, tgt, modality, 0.6),
                    count,
                    habitual,
                    refusal,
                )

    def _leading(self, verb: Any, entry: VerbEntry) -> bool:
        """'Commanded an insurgent cell', 'commands thirty fighters': a verb of leading
        people (``leading_verbs``) read as a demand (CAMEO 10) is one only with the clause
        of what is demanded ('commanded the rebels to surrender'); with an object alone it
        tells whom someone leads."""
        if entry.cameo[:2] != "10" or verb.lemma_.lower() not in self.arguments.leading_verbs:
            return False
        return not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children) and (
            self._raised_object(verb) is None
        )

    def _requested(self, tok: Any) -> bool:
        """A clause that says what is asked: "to withdraw" of "urged X to withdraw" or of
        "called for X to withdraw"."""
        if tok.dep_ in ("xcomp", "ccomp"):
            return True
        return tok.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in self.arguments.request_marks for m in tok.children
        )

    @staticmethod
    def _addressee(verb: Any, entry: VerbEntry) -> Any | None:
        """Who is asked in "called for Russia to withdraw": the subject of a clause
        the entry's preposition introduces ("for ... to")."""
        if entry.prep is None or entry.target is not None:
            return None
        for c in verb.children:
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ == entry.prep for m in c.children
            ):
                return next((s for s in c.children if s.dep_ in SUBJECT_DEPS), None)
        # The parser may read it as "called [for X] [to withdraw]" instead.
        asked = prep_objects(verb, entry.prep)
        if asked and any(c.dep_ == "xcomp" and c.i > asked[0].i for c in verb.children):
            return asked[0]
        return None

    def _threatened(self, verb: Any) -> bool:
        """An act the subject declares itself bound or ready to do ("vowed to fight on",
        "is prepared to impose martial law"), or one it may do on a condition ("may halt
        its mediation if the talks fail"): a threat when the act is conflictual."""
        head = verb.head
        if governed_infinitive(verb, self.threat_governors) and not is_negated(head, self.words):
            return True
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        marks = self.arguments.condition_marks
        return bool(aux & self.words.hypothetical_aux) and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
            for c in verb.children
        )

    def _purpose_clause(self, verb: Any) -> bool:
        """'A march to protest the tax' after 'gathered for', 'began a hunger strike to
        demand reforms': an infinitive clause without a subject of its own on an event
        noun that a verb's purpose preposition governs, or on a protest (``voicing_roots``)
        that is a verb's object."""
        noun = verb.head
        if not (
            verb.dep_ in ("relcl", "acl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        ):
            return False
        if noun.dep_ == "pobj":
            return noun.head.lower_ in self.arguments.purpose_preps
        return noun.dep_ in ("dobj", "obj") and any(
            n.cameo[:2] in self.arguments.voicing_roots
            for n in self.lexicon.nouns.get(noun.lemma_.lower(), ())
        )

    def _weapon(self, verb: Any, subjects: Sequence[Any], cameo: str) -> str | None:
        """The code of the attack a violent verb's own subject names when that subject is
        a weapon or a means of attack rather than an actor ("a car bomb killed six", "the
        bombing wounded ten", ``weapon_codes``), else None. A participle describing a
        weapon ("bombs targeting convoys") tells what it is for, not an attack."""
        if cameo[:2] not in VIOLENT_ROOTS or verb.dep_ == "acl":
            return None
        for t in subjects:
            own = t.head.i == verb.i or (
                t.dep_ == "pobj" and t.head.dep_ == "agent" and t.head.head.i == verb.i
            )
            if t.pos_ != "NOUN" or not (own or (verb.dep_ == "relcl" and t.i == verb.head.i)):
                continue
            code = self._weapon_code(t)
            if code is not None:
                return code
        return None

    def _weapon_code(self, t: Any, named_attack: bool = False) -> str | None:
        """The code of the kind of attack a noun names: a weapon ("a car bomb",
        ``weapon_codes``), a means of attack ("the bombing", "an airstrike") and, with
        ``named_attack``, a plain attack named by its weapon ("a bomb attack", "a mortar
        attack"); None for a plain "attack" or a noun of no attack. As a subject such an
        attack ("a recent bomb attack that killed ...") is often an earlier deed told of
        someone, so only a phrase of means reads it."""
        lemma = t.lemma_.lower()
        mods = [
            c.lemma_.lower()
            for c in t.children
            if c.dep_ in ("compound", "amod", "nmod") and c.i < t.i
        ]
        for key in [f"{m} {lemma}" for m in mods] + [lemma]:
            if key in self.weapons:
                return self.weapons[key]
        noun = self._noun_entry(t)
        if noun is None or noun.cameo[:2] not in VIOLENT_ROOTS:
            return None
        if noun.cameo != "190":
            return noun.cameo
        if not named_attack:
            return None
        return next((self.weapons[m] for m in mods if m in self.weapons), None)

    def _peacekeeping(self, t: Any) -> bool:
        """The noun names a peacekeeping force: "peacekeepers", "peacekeeping troops", or
        a measure of one ("a contingent of peacekeepers", "the first deployment of
        peacekeeping troops")."""
        nouns = [t, *prep_objects(t, "of")]
        words = self.arguments.peacekeeping_words
        return any(
            n.lemma_.lower() in words
            or any(
                c.lemma_.lower() in words
                for c in n.children
                if c.dep_ in ("compound", "amod", "nmod") and c.i < n.i
            )
            for n in nouns
        )

    def _means(self, verb: Any, cameo: str) -> str | None:
        """The code of the means a plain act of force names in its phrase of means: "wounded
        two soldiers in a bomb attack" is a bombing (183), "killed six with mortars" shelling
        (194), "were killed in an airstrike" an air strike (195) (``means_preps``). Only a
        plain use of force (190) is made more precise; a verb that names its own kind of
        force keeps it."""
        if cameo != "190":
            return None
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in self.arguments.means_preps:
                continue
            for t in prep.children:
                if t.dep_ == "pobj" and t.pos_ == "NOUN":
                    code = self._weapon_code(t, named_attack=True)
                    if code is not None:
                        return code
        return None

    def _will_do(self, verb: Any) -> bool:
        """The verb is in the active future tense ("will impose", "would blockade")."""
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        return bool(aux & self.words.future_aux) and not passive

    def _stance_events(self, adj: Any, resolve: Resolve) -> Iterator[Coded]:
        """'X is skeptical of the plan' (012), 'X said it was confident that ...' (013):
        an outlook stated with 'be' and an adjective (``stances.json``)."""
        verb = adj.head
        if adj.dep_ != "acomp" or verb.lemma_.lower() not in self.copulas:
            return
        subj_toks, _passive = self.subjects(verb)
        negated = is_negated(verb, self.words)
        modality = modality_of(verb, self.words)
        for t in subj_toks:
            src = resolve(t, ())
            if src is None:
                continue
            yield Coded(
                adj.i,
                adj.i + 1,
                src,
                None,
                self.stances[adj.lemma_.lower()],
                negated,
                modality,
                self._confidence(src, None, modality, 0.45),
            )

    def _mutual(self, verb: Any, entry: VerbEntry, obj: Any | None) -> bool:
        """Whether coordinated subjects act on each other: the entry is symmetric, the
        verb is in another sense ("Chile and Peru agreed to a truce": 'agree' is mutual)
        or its object is a mutual act ("renewed negotiations")."""
        if entry.symmetric:
            return True
        if entry.cameo[:2] in VIOLENT_ROOTS:
            # "Malian and French troops conducted an operation": allies who act together,
            # not on each other, whatever other sense the verb has ("conducted drills with").
            return False
        if any(e.symmetric for e in self._entries(verb)):
            return True
        return obj is not None and any(
            n.symmetric for n in self.lexicon.nouns.get(obj.lemma_.lower(), ())
        )

    def _found_target(
        self,
        verb: Any,
        obj: Any | None,
        sources: Sequence[Actor],
        resolve: Resolve,
        cameo: str,
        phrases: frozenset[str] = frozenset(),
    ) -> list[tuple[Actor, int]]:
        """The first fallback candidate naming a party other than the sources, with
        the parties coordinated with it; not the venue of a meeting ("met in Paris"),
        nor a modifier that is part of the entry's object phrase (``phrases``)."""
        codes = [s.code for s in sources]
        venue = cameo[:2] in self.arguments.venue_roots
        for tok in self.fallback_targets(verb, obj, phrases=phrases):
            if venue and tok.dep_ == "pobj" and tok.head.lower_ in self.arguments.venue_preps:
                continue
            first = resolve(tok, codes)
            # Only a party with a country or an organisation's code ("Iraq", "Iraqi
            # towns", "NATO"): a bare role word ("a military offensive", "the police")
            # found this far from the verb is too often nobody's.
            if first is None or not _named(first):
                continue
            if any(_same_actor(s, first) for s in sources):
                continue
            out = [(first, 1)]
            for t in with_all_conjuncts(tok)[1:]:
                a = resolve(t, codes)
                if a is not None and _named(a):
                    out.append((a, 1))
            return out
        return []

    def _posed(self, noun: Any) -> bool:
        """'The gunmen presented a threat to the patrol': a danger that someone is, not
        a threat that someone made."""
        words = self.arguments
        return (
            noun.lemma_.lower() in words.danger_nouns
            and noun.dep_ in ("dobj", "obj", "attr", "oprd")
            and noun.head.lemma_.lower() in words.posing_verbs
        )

    def generic(self, noun: Any) -> bool:
        words = self.arguments
        return generic(noun, words.involvement_words, words.organising_verbs, words.leading_verbs)

    def _career(self, noun: Any, cameo: str) -> bool:
        """'The commander conducted attacks on convoys', 'a cell that carried out
        bombings': a plural of acts of force (``career_roots``) with no article and no
        number, told of one person or in a relative clause that says neither when nor how
        many (``_characterises``), names the kind of act someone is known for, not acts
        the story reports; like a habit, it is no event below the story's lead. 'Troops
        conducted raids on the villages' (a body of people) and 'he carried out three
        attacks' or '... on Monday' are events."""
        if cameo[:2] not in self.arguments.career_roots or noun.tag_ != "NNS":
            return False
        if any(c.dep_ in SPECIFIERS for c in noun.children):
            return False
        if not self.lexicon.nouns.get(noun.lemma_.lower()):
            return False
        verb = doing_verb(noun)
        return verb is not None and self._characterises(verb)

    def _career_giving(self, verb: Any, cameo: str) -> bool:
        """'The facilitator provided weapons to insurgents', 'supplied fighters with
        rifles': giving (``career_giving_roots``) where what is given and who receives
        it are all common nouns with no article, possessive or number (plurals or mass
        nouns: 'weapons', 'support'), told of one person or in a relative clause that
        says neither when nor how many (``_characterises``), names the part someone
        plays, not a delivery the story reports. 'Gave the rebels two tons of food' or
        'supplied Somalia with grain' names what was given, or to whom."""
        if cameo[:2] not in self.arguments.career_giving_roots:
            return False
        args = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "obj") or (c.dep_ == "dative" and c.pos_ != "ADP")
        ]
        args += [g for w in ("to", "with") for g in prep_objects(verb, w)]
        args = [t for a in args for t in with_conjuncts(a)]
        if not args or not any(t.tag_ == "NNS" for t in args):
            return False
        if any(
            t.tag_ not in ("NN", "NNS") or any(c.dep_ in SPECIFIERS for c in t.children)
            for t in args
        ):
            return False
        return self._characterises(verb)

    def _characterises(self, verb: Any) -> bool:
        """Whether a clause describes someone rather than tells what happened: told of one
        person (``individuals``, a person's name) or in a relative clause, and saying
        neither when nor how many (see ``grammar.anchored``)."""
        if anchored(verb):
            return False
        if describing(verb):
            return True
        subjects, passive = self.subjects(verb)
        return not passive and any(
            t.ent_type_ == "PERSON" or t.lower_ in self.arguments.individuals for t in subjects
        )

    def _noun_events(self, noun: Any, entry: NounEntry, resolve: Resolve) -> Iterator[Coded]:
        if self.generic(noun) or self._posed(noun):
            return
        if any(
            c.dep_ == "amod" and c.lemma_.lower() in self.arguments.prospective_modifiers
            for c in noun.children
        ):
            # "IEDs for future attacks", "a possible strike": not an act that happened.
            return
        # Participants written into the noun phrase: "the Kim-Trump summit", "US airstrikes".
        inner: list[Actor] = []
        possessor = None
        for c in noun.children:
            if c.dep_ == "poss":
                possessor = c
            elif c.dep_ in ("compound", "amod", "nmod"):
                for t in [c, *[g for g in c.subtree if g.dep_ == "compound" and g.i != c.i]]:
                    a = resolve(t, ())
                    if a is not None and all(a.code != x.code for x in inner):
                        inner.append(a)
        source: Actor | None = None
        if possessor is not None:
            source = self._resolve_possessor(noun, possessor, resolve)
        targets: list[tuple[Actor, int]] = []
        for word in sorted(entry.target_preps):
            if word == MUTUAL_PREP and source is None:
                # "clashes between Ethiopian and Eritrean troops": the parties act on each
                # other; no one outside the phrase (the clause's subject) is one of them.
                parties = self._between(noun, resolve)
                if len(parties) > 1:
                    source = parties[0]
                    targets.extend((a, 1) for a in parties[1:])
                continue
            for t in prep_objects(noun, word):
                for tt in with_conjuncts(t):
                    a = resolve(tt, [source.code] if source else [])
                    if a is not None:
                        targets.append((a, 1))
        if source is None and inner:
            source, inner = inner[0], inner[1:]
        if not targets and inner:
            targets = [(a, 1) for a in inner]
        if source is None and targets:
            source = self._governing_subject(noun, resolve)
        if source is None or not targets:
            return
        habitual = is_habitual(noun, entry.cameo, self.words) or self._career(noun, entry.cameo)
        negated = is_negated(noun, self.words)
        modality: Modality = "asserted"
        for tgt, count in targets:
            if _same_actor(source, tgt):
                continue
            yield Coded(
                noun.i,
                noun.i + 1,
                source,
                tgt,
                entry.cameo,
                negated,
                modality,
                self._confidence(source, tgt, modality, 0.5),
                count,
                habitual,
            )

    @staticmethod
    def _between(noun: Any, resolve: Resolve) -> list[Actor]:
        """The distinct parties of 'between X and Y' on a noun, in order."""
        out: list[Actor] = []
        for t in prep_objects(noun, MUTUAL_PREP):
            for tt in with_all_conjuncts(t):
                a = resolve(tt, [x.code for x in out])
                if a is not None and not any(_same_actor(a, x) for x in out):
                    out.append(a)
        return out

    def _resolve_possessor(self, noun: Any, possessor: Any, resolve: Resolve) -> Actor | None:
        """'At his summit with X, Kim ...': a fronted possessive pronoun means the subject."""
        if possessor.pos_ == "PRON":
            head = noun.head
            while head.dep_ in ("prep", "pobj") and head.head.i != head.i:
                head = head.head
            if head.pos_ in ("VERB", "AUX"):
                subs, _ = self.subjects(head)
                if subs and subs[0].i > possessor.i:
                    return resolve(subs[0], ())
        return resolve(possessor, ())

    def _governing_subject(self, noun: Any, resolve: Resolve) -> Actor | None:
        head = noun.head
        for _ in range(4):
            if head.pos_ in ("VERB", "AUX"):
                subs, _passive = self.subjects(head)
                return resolve(subs[0], ()) if subs else None
            if head.head.i == head.i:
                return None
            head = head.head
        return None

    @staticmethod
    def _confidence(src: Actor, tgt: Actor | None, modality: Modality, base: float) -> float:
        score = base if src.code is not None else base - 0.25
        if src.country:
            score += 0.15
        if tgt is not None and tgt.country:
            score += 0.15
        if modality in ("hypothetical",):
            score -= 0.2
        elif modality == "future":
            score -= 0.1
        return round(max(0.05, min(score, 0.99)), 3)
