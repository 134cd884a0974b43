"""Grammar on a spaCy parse that the coder needs: coordination, prepositions, passive
and stative participles, subjects the parser misplaced, generic plurals. Pure functions of
tokens; the words they need come in as arguments."""

from __future__ import annotations

from typing import Any

SUBJECT_DEPS = ("nsubj",)
PASSIVE_SUBJECT_DEPS = ("nsubjpass",)
PREP_DEPS = ("prep", "agent", "dative")


def passive_conjunct(verb: Any) -> Any | None:
    """'Two gunmen opened fire and were killed': a passive verb coordinated with an
    earlier verb, with no subject of its own, is done to that verb's subject. That
    subject (the patient), or None when the verb is no such conjunct."""
    if verb.dep_ != "conj" or verb.head.i == verb.i or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if any(c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS for c in verb.children):
        return None
    head = verb.head
    while True:
        subs = [c for c in head.children if c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS]
        if subs:
            return min(subs, key=lambda c: abs(head.i - c.i))
        if head.dep_ != "conj" or head.head.i == head.i or head.head.pos_ not in ("VERB", "AUX"):
            return None
        head = head.head


def prep_objects(tok: Any, word: str) -> list[Any]:
    """Objects of the preposition ``word`` attached to ``tok``."""
    out: list[Any] = []
    for c in tok.children:
        if c.dep_ in PREP_DEPS and c.lower_ == word:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            stranded = None if objs else stranded_object(c)
            out.extend(objs or ([stranded] if stranded is not None else []))
    return out


def stranded_object(prep: Any) -> Any | None:
    """'Granted asylum to five officers holed up in the embassy': the parser may take
    the object of a preposition for the subject of a participle (or a clause) after it,
    leaving the preposition with no object, which English does not allow. That noun,
    when it starts right after the preposition and its verb hangs on the preposition's
    own head; else None."""
    for v in prep.head.children:
        if v.i <= prep.i or v.pos_ != "VERB":
            continue
        for s in v.children:
            if s.dep_ in ("nsubj", "nsubjpass") and s.left_edge.i == prep.i + 1 and s.i < v.i:
                return s
    return None


def with_conjuncts(tok: Any) -> list[Any]:
    """A noun and the nouns coordinated after it ("Chile and Peru")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(c)
    return out


def modifier_conjuncts(noun: Any) -> list[Any]:
    """'Chilean and Peruvian officials': the second of coordinated modifiers of a noun
    names a party of its own (the noun phrase itself resolves to the first)."""
    out: list[Any] = []
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i:
            out.extend(g for g in c.conjuncts if c.i < g.i < noun.i and g.pos_ in ("ADJ", "PROPN"))
    return out


def with_all_conjuncts(tok: Any) -> list[Any]:
    """Coordinated nouns and the parties of coordinated modifiers, in order."""
    out: list[Any] = []
    for t in with_conjuncts(tok):
        out.append(t)
        out.extend(modifier_conjuncts(t))
    return out


def shared_head(noun: Any) -> Any | None:
    """'Close air and artillery support': the parser may take the first of two coordinated
    modifiers for the head and the full phrase after "and" for its conjunct. A bare
    singular noun (no article, number or possessor) coordinated with a noun that is
    itself modified is a modifier of that noun's head: the support is air support too.
    The shared head, or None."""
    if noun.tag_ != "NN" or any(c.dep_ in SPECIFIERS for c in noun.children):
        return None
    for c in noun.children:
        if (
            c.dep_ == "conj"
            and c.tag_ in ("NN", "NNS")
            and not any(g.dep_ in SPECIFIERS for g in c.children)
            and any(g.dep_ in ("compound", "amod") and g.i < c.i for g in c.children)
        ):
            return c
    return None


def shared_patient(verb: Any) -> Any | None:
    """'The weapons were seized and destroyed', 'were found and later destroyed by the
    patrol', 'were seized and will be destroyed': a past participle coordinated with a
    passive verb, with no subject or object of its own and itself passive (no "have"
    making it active), was done to that verb's passive subject. That subject, or None."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or head.pos_ not in ("VERB", "AUX"):
        return None
    deps = {c.dep_ for c in verb.children}
    if deps & {"nsubj", "nsubjpass", "dobj", "obj", "expl"}:
        return None
    if "auxpass" not in deps and "aux" in deps:
        return None
    return next((c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)


# The dependents a verb may have after it and still share the object of the verb
# coordinated after it ("confiscated and [safely] destroyed the rockets").
_BARE_VERB_DEPS = frozenset({"advmod", "cc", "conj", "punct"})


def shared_object(verb: Any) -> Any | None:
    """'Confiscated and destroyed the rockets': a verb with nothing after it but the
    coordination shares the direct object of the verb coordinated with it, said once
    after the last verb. That object, or None."""
    if any(c.dep_ not in _BARE_VERB_DEPS for c in verb.children if c.i > verb.i):
        return None
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > verb.i:
            if any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                return None
            return next((g for g in c.children if g.dep_ in ("dobj", "obj")), None)
    return None


def misplaced_object(verb: Any) -> Any | None:
    """'Troops returned fire killing two gunmen': with no comma, the parser may take the
    object of a verb for the subject of the participle after it. A gerund clause whose
    subject comes right after its governing verb, which has no object of its own, has
    that verb's object for its subject; the noun, or None. (An absolute clause, "the
    troops advanced, artillery pounding the hills", is set off by a comma.)"""
    head = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or head.pos_ != "VERB":
        return None
    if any(c.dep_ in ("dobj", "obj") for c in head.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.i != head.i + 1 or subject.i > verb.i:
        return None
    return subject


def state_participle(verb: Any, states: frozenset[str]) -> bool:
    """'Fighters armed with rifles', 'a man wanted for murder': a participle on a noun
    that tells its state, not an act done to it."""
    if verb.lower_ not in states:
        return False
    if verb.dep_ == "acl":
        return True
    # "The gunmen were armed with rifles": a passive without a doer.
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    return passive and not any(c.dep_ == "agent" for c in verb.children)


def passive_modifier(verb: Any) -> bool:
    """A past participle modifying a noun ("insurgents killed in the raid"), in a sentence
    with a main verb of its own: a sentence without one ("Doctors from two groups
    donated ...") is a main verb the parser took for a modifier."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.sent.root.pos_ in ("VERB", "AUX")


def fronted_subject(verb: Any) -> Any | None:
    """'In Ghor province, a patrol detained two men': the parser may hang the subject
    on the fronted place as an apposition ("province, a patrol"). A noun in apposition
    inside a phrase fronted before a verb that has no subject, ending right before the
    verb or before the verb's own adverbs and auxiliaries ("a patrol [successfully]
    ambushed"), is that verb's subject."""
    start = verb.i
    while (
        start > 0
        and verb.doc[start - 1].head.i == verb.i
        and verb.doc[start - 1].dep_ in ("advmod", "aux", "neg")
    ):
        start -= 1
    for p in verb.lefts:
        if p.dep_ != "prep":
            continue
        for t in p.subtree:
            if t.dep_ == "appos" and t.pos_ in ("NOUN", "PROPN") and t.right_edge.i == start - 1:
                return t
        # "In X district, Y province, a combined Afghan and coalition force detained
        # ...": hung on the place as a coordinated noun. A phrase after the last comma
        # that opens with a determiner and ends right before the verb names someone, not
        # one more place.
        last = verb.doc[verb.i - 1]
        if p.right_edge.i != last.i or last.pos_ not in ("NOUN", "PROPN"):
            continue
        commas = [t.i for t in p.subtree if t.text == "," and t.i < last.i]
        if (
            commas
            and verb.doc[commas[-1] + 1].tag_ == "DT"
            and any(t.dep_ in ("conj", "appos") for t in verb.doc[commas[-1] + 1 : last.i + 1])
        ):
            return last
    return None


def participle_subject(verb: Any) -> Any | None:
    """'Troops conducting a sweep killed two gunmen': the parser may read the
    participle that modifies the subject as a clausal subject, with the real subject
    under it. That subject, for a verb with no other."""
    for c in verb.lefts:
        if c.dep_ == "csubj":
            inner = subject_under_participle(c)
            if inner is not None:
                return inner
    return None


def subject_under_participle(tok: Any) -> Any | None:
    """'The agency operating in the region said ...': a subject that is a participle
    with its own subject before it (the parser's reading of a participle modifying the
    subject) stands for that subject; None when ``tok`` is no such participle."""
    if tok.tag_ != "VBG" or tok.pos_ != "VERB":
        return None
    subs = [g for g in tok.children if g.dep_ in SUBJECT_DEPS and g.i < tok.i]
    return subs[0] if subs else None


# What makes a plural noun refer to particular events: "the attacks", "their raids",
# "two airstrikes".
SPECIFIERS = frozenset({"det", "poss", "nummod"})


def coordinated_verbs(verb: Any) -> list[Any]:
    """A verb and the verbs coordinated with it ("planned, coordinated and executed")."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ == "VERB":
        first = first.head
    return [first, *(c for c in first.conjuncts if c.pos_ == "VERB")]


def generic(
    noun: Any, roles: frozenset[str], organising: frozenset[str], leading: frozenset[str]
) -> bool:
    """'Responsible for attacks on convoys', 'a cell behind bombings and ambushes': a bare
    plural that is no argument of a verb names a kind of act, not events that happened.
    ("Airstrikes killed ten" has the plural as a verb's subject: events.) So does one
    under a word of involvement ("has been involved in numerous attacks"), the object
    of a verb of organising or of verbs coordinated with one ("directed attacks on
    convoys", "planned and carried out attacks") or, told with no time, of a verb of
    leading ("commanded attacks on convoys"), one a verb of organising leads people
    into ("led fighters in attacks") and one that a thing is for ("weapons for
    attacks", "distributed weapons for attacks")."""
    if noun.tag_ != "NNS" or any(c.dep_ in SPECIFIERS for c in noun.children):
        return False
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("nsubj", "nsubjpass"):
        return False
    if head.dep_ == "dobj":
        # "The leader directed attacks on convoys": the attacks he is known for. So are
        # those he led or commanded when the clause does not say when ("led attacks on
        # convoys"); "led attacks on the town on Monday" tells an occasion.
        return any(
            v.lemma_.lower() in organising or (v.lemma_.lower() in leading and not anchored(v))
            for v in coordinated_verbs(head.head)
        )
    if head.dep_ != "pobj":
        return True
    prep = head.head
    if prep.head.lemma_.lower() in roles:
        return True
    if prep.lower_ == "for" and (
        prep.head.pos_ == "NOUN"
        or (prep.head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in prep.head.children))
    ):
        # "distributed weapons for attacks", also with the phrase hung on the verb: what
        # the thing given or made is meant for.
        return True
    verb = prep.head
    if verb.dep_ in ("dobj", "pobj") and verb.head.pos_ == "VERB":
        # "directed a cell [of fighters] in attacks"
        verb = verb.head
    if verb.pos_ == "VERB" and verb.lemma_.lower() in organising | leading and prep.lower_ == "in":
        return True
    return prep.head.pos_ not in ("VERB", "AUX")


def doing_verb(noun: Any) -> Any | None:
    """The verb whose act a noun names, as its object or (through a preposition) its
    setting: 'conducted attacks', 'placed bombs and led fighters in attacks'."""
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("dobj", "obj") and head.head.pos_ == "VERB":
        return head.head
    prep = head.head
    if head.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "VERB":
        return prep.head
    return None


def clause_top(verb: Any) -> Any:
    """The verb a clause hangs from through coordination, infinitives and participles:
    'distributed' in 'distributed rifles and conducted attacks'."""
    clause = verb
    while clause.dep_ in ("conj", "xcomp", "advcl") and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head
    return clause


def anchored(verb: Any) -> bool:
    """Whether a verb's clause, with the clauses it is coordinated with or hangs from as
    a participle or infinitive, says when or how many: a date or time ('overnight',
    'on Monday') or a number ('three raids')."""
    return any(t.ent_type_ in ("DATE", "TIME") or t.tag_ == "CD" for t in clause_top(verb).subtree)


def describing(verb: Any) -> bool:
    """Whether a verb is in a relative clause, directly or through the verbs coordinated
    with it or hanging from it ('a commander who carried out attacks')."""
    return bool(clause_top(verb).dep_ == "relcl")


def of_time(prep: Any) -> bool:
    """A prepositional phrase that only tells when: 'on Wednesday', 'in March'."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(g.ent_type_ in ("DATE", "TIME") for g in objs)


def in_condition(tok: Any, marks: frozenset[str]) -> bool:
    """Whether ``tok`` is in a clause of condition ("unless Baghdad accepts the terms",
    "if it is attacked"), climbing through what the clause's verb governs and its
    coordinated verbs, but not into a relative clause ("if the men who attacked the post
    are freed": the attack happened)."""
    t = tok
    while True:
        if t.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in marks for c in t.children)
        if t.dep_ not in CONDITION_CLIMB or t.head.i == t.i:
            return False
        t = t.head


# What a clause's verb governs: its coordinated verbs, complements, objects and their
# prepositions.
CONDITION_CLIMB = frozenset({"conj", "xcomp", "ccomp", "dobj", "obj", "pobj", "prep"})
