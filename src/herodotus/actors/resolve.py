"""Resolving noun phrases of a parsed story to coded actors on the story's date.

The unit is the noun phrase around an argument token: its compounds, modifiers,
possessors and appositions ("North Korean leader Kim Jong Un", "Russia's
Vladimir Putin", "US Secretary of State Mike Pompeo"). A person wins over an
organisation, which wins over a country; a role word ("leader", "troops") adds
the sector to a country.

A story is read once, in order, before it is coded (``read_story``): the
countries it is about, the people it names in full (also people the knowledge
base lacks, when their title says who they work for: "Kenyan Interior Minister
John Doe"), and a history of every actor it names, where, and whether as a
sentence subject. Later references are resolved against that history: bare
surnames, descriptions ("the North Korean leader"), definite names ("the agency"
after "the Korean Central News Agency"), pronouns ("he", "its", "they", with the
usual grammar: "the US accused it" is not the US, "the DPRK will gird itself"
is), possessives ("his government"), "counterpart", and phrases that name two
actors at once ("the two leaders", "both sides"), which give a ``GroupActor``
that a consumer may expand into its members (``expand``).

Every rule is general grammar or general knowledge kept in the data files
(``coreference.json`` for the words); none knows any particular story.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from herodotus import resources
from herodotus.actors.kb import Entry, KnowledgeBase, Role
from herodotus.model import Actor

# Dependency labels that stay inside one noun phrase.
NP_DEPS = frozenset(
    {
        "compound",
        "amod",
        "nmod",
        "poss",
        "appos",
        "det",
        "nummod",
        "case",
        "flat",
        "punct",
        "quantmod",
        "npadvmod",
        "predet",
    }
)
# Prepositions whose object still describes the same actor ("media in Pyongyang",
# "the government of Iraq", "troops from Turkey").
NP_PREPS = frozenset({"of", "in", "from"})
# Dependencies that tie a mention's tokens to the head of its noun phrase.
NP_UP = frozenset({"compound", "amod", "nmod", "poss", "flat"})
# Where an object pronoun hangs below the verb whose subject it cannot be
# ("the US accused it": "it" is not the US).
OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "dative", "iobj", "prep", "agent", "attr"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp"})
# What "ethnic" and a nationality name ("ethnic Albanians"): a people, as civilians of
# whichever country they live in.
ETHNIC_GROUP = Entry("agent", "ethnic group", "ethnic group", sector="CVL")


def _placed_people(head: Any) -> bool:
    """Whether a people's phrase says where it lives: "ethnic Turks in Bulgaria"."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("in", "of") and any(g.pos_ == "PROPN" for g in c.children)
        for c in head.children
    )


NAME_KINDS = frozenset(
    {"country", "adjective", "metonym", "contextual", "org", "person", "surname"}
)
COUNTRY_KINDS = frozenset({"country", "adjective", "metonym", "contextual"})
# What the tagger may read a surname-like word as instead of a person: a date
# ("Friday") anywhere; a place after a preposition of place ("in Lagos"); a
# nationality or creed qualifying a noun ("a Christian charity"). The tagger's
# place or nationality alone is no proof ("Obama lifts ..." may be read as a place).
DATE_ENTITIES = frozenset({"DATE", "TIME"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "from", "outside", "inside", "across", "throughout", "around", "into"}
)
# Rules (see ``Actor.rule``) that resolve to one human being.
PERSON_RULES = ("person", "story-name", "description")
SINGULAR_TAGS = frozenset({"NN", "NNP"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# How many sentences back a reference may reach for its antecedent: a person stays
# in focus longer than a thing; a group ("they") and a definite name ("the agency")
# point at something just said.
PRONOUN_REACH = {"person": 4, "thing": 3, "plural": 1}
DEFINITE_REACH = 2
PAIR_REACH = 6


@dataclass(frozen=True, slots=True)
class GroupActor(Actor):
    """Several actors named by one phrase ("the two leaders", "both sides", "they"
    after "Kim and Putin"). Its own fields are those of the first member, so a
    consumer that does not expand it still gets one of the actors meant."""

    members: tuple[Actor, ...] = ()


def expand(actor: Actor) -> tuple[Actor, ...]:
    """The actors an actor stands for: a group's members, or the actor itself."""
    if isinstance(actor, GroupActor) and actor.members:
        return actor.members
    return (actor,)


@dataclass(frozen=True, slots=True)
class Mention:
    """An alias of the knowledge base found in a parsed paragraph, with every entry it
    may name (one surname, several people); resolution picks by date and story."""

    start: int  # token index in the doc
    end: int
    entries: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        return self.entries[0]


@dataclass(frozen=True, slots=True)
class Said:
    """One actor the story named: where (article character offsets), in which
    sentence, and how, which is what later references are matched against."""

    start: int
    end: int
    sentence: int  # the sentence's number in the story
    actor: Actor
    person: bool
    subject: bool = False
    plural: bool = False


@dataclass
class StoryContext:
    """What the resolver has learned so far about one story (mutable, per story only)."""

    date: dt.date | None
    countries: set[str] = field(default_factory=set)
    # Name tokens of people named in full in this story -> the person.
    local_names: dict[str, Entry] = field(default_factory=dict)
    # Actors in reading order.
    history: list[Said] = field(default_factory=list)
    # Canonical name of a person named in the story -> their titles on the story's date.
    titles: dict[str, set[str]] = field(default_factory=dict)
    # Article offset of each sentence's first character -> the sentence's number.
    sentences: dict[int, int] = field(default_factory=dict)

    def sentence_of(self, tok: Any, offset: int) -> int:
        """The story-wide number of the sentence a token of a paragraph is in."""
        return self.sentences.get(tok.sent.start_char + offset, -1)


@dataclass
class Story:
    """A story read for its actors: the context, and each paragraph's article offset,
    parse and knowledge-base mentions by token index."""

    ctx: StoryContext
    paragraphs: list[tuple[int, Any, dict[int, Mention]]]


@dataclass(frozen=True)
class CorefWords:
    """The word lists of ``coreference.json`` (see its ``_doc``)."""

    person: frozenset[str]
    thing: frozenset[str]
    plural: frozenset[str]
    reflexive: frozenset[str]
    objective: frozenset[str]
    quantifiers: frozenset[str]
    group_nouns: dict[str, str]
    relative_roles: frozenset[str]
    generic_roles: frozenset[str]
    leader_titles: frozenset[str]
    qualifiers: frozenset[str]
    expletive_verbs: frozenset[str]
    agentive_adjectives: frozenset[str]
    travelling_roles: frozenset[str]
    ethnic: frozenset[str]

    @classmethod
    def load(cls) -> CorefWords:
        d = resources.load_json("coreference.json")
        return cls(
            person=frozenset(d["person_pronouns"]),
            thing=frozenset(d["thing_pronouns"]),
            plural=frozenset(d["plural_pronouns"]),
            reflexive=frozenset(d["reflexive_pronouns"]),
            objective=frozenset(d["object_pronouns"]),
            quantifiers=frozenset(d["group_quantifiers"]),
            group_nouns=dict(d["group_nouns"]),
            relative_roles=frozenset(d["relative_roles"]),
            generic_roles=frozenset(d["generic_roles"]),
            leader_titles=frozenset(d["leader_titles"]),
            qualifiers=frozenset(d["title_qualifiers"]),
            expletive_verbs=frozenset(d["expletive_verbs"]),
            agentive_adjectives=frozenset(d["agentive_adjectives"]),
            travelling_roles=frozenset(d["travelling_roles"]),
            ethnic=frozenset(d["ethnic_qualifiers"]),
        )

    @property
    def pronouns(self) -> frozenset[str]:
        return self.person | self.thing | self.plural


def np_head(tok: Any) -> Any:
    """Climb from a mention to the head of the noun phrase it sits in."""
    cur = tok
    for _ in range(6):
        if cur.dep_ in NP_UP and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return cur


def _name_like(tok: Any) -> bool:
    """A proper noun, or a capitalised word the tagger took for something else
    ("Trump said" tagged as a verb), as a story's names may be."""
    return tok.pos_ == "PROPN" or (
        tok.text[:1].isupper() and tok.pos_ in ("NOUN", "VERB", "ADJ") and len(tok.text) > 2
    )


def _name_heads(name: str) -> tuple[str, ...]:
    """The words that may head a name, lowercased: its last word, and the last one
    before a lowercase word ("Observatory" in "Syrian Observatory for Human Rights")."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return ()
    lead = next((k for k, w in enumerate(words) if k and not w[:1].isupper()), len(words))
    return (words[-1].lower(), words[lead - 1].lower())


def _is_person(actor: Actor) -> bool:
    return actor.rule.split("->")[-1].startswith(PERSON_RULES)


class ActorResolver:
    """Finds mentions in parsed paragraphs and resolves argument tokens to actors."""

    def __init__(self, kb: KnowledgeBase, words: CorefWords | None = None) -> None:
        self.kb = kb
        self.words = words or CorefWords.load()

    # -- a whole story ----------------------------------------------------------------
    def could_name(self, words: Sequence[str]) -> bool:
        """Whether lowercase words could name an actor, before any parse: an alias of the
        knowledge base (countries, organisations, people, role words) or a word that
        stands for one named elsewhere (pronouns, "both sides", "the two leaders")."""
        w = self.words
        if any(x in w.pronouns or x in w.group_nouns or x in w.quantifiers for x in words):
            return True
        return self.kb.names_any(words)

    def read_story(self, date: dt.date | None, docs: Sequence[tuple[int, Any]]) -> Story:
        """Read a story's parsed paragraphs (article offset, doc) in order: learn its
        countries and people, and record every actor it names for later references."""
        ctx = StoryContext(date=date)
        all_mentions = [self.find_mentions(d) for _, d in docs]
        for (_, doc), ms in zip(docs, all_mentions, strict=True):
            self.learn(ctx, doc, ms)
        by_token = [{i: m for m in ms for i in range(m.start, m.end)} for ms in all_mentions]
        for (off, doc), bt in zip(docs, by_token, strict=True):
            self.learn_titled_people(ctx, doc, bt)
            for sent in doc.sents:
                ctx.sentences[sent.start_char + off] = len(ctx.sentences)
        for (off, doc), bt in zip(docs, by_token, strict=True):
            self._record(ctx, doc, bt, off)
        return Story(ctx, [(off, doc, bt) for (off, doc), bt in zip(docs, by_token, strict=True)])

    def resolve_span(self, story: Story, start: int, end: int) -> Actor | None:
        """The actor named by the article characters [start, end), as the coder would
        resolve an argument there (the span's syntactic head and its noun phrase)."""
        for off, doc, bt in story.paragraphs:
            if len(doc) and off <= start < off + doc[-1].idx + len(doc[-1].text_with_ws):
                span = doc.char_span(start - off, end - off, alignment_mode="expand")
                if span is None or not len(span):
                    return None
                # The span's own head: of its tokens governed from outside it, the last
                # word ("the US" in "the US future attitude" is "US", not "the").
                tops = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
                words = [t for t in tops if t.dep_ not in ("det", "predet", "punct", "case")]
                head = (words or tops or [span.root])[-1]
                return self.resolve(head, bt, story.ctx, off)
        return None

    def _record(self, ctx: StoryContext, doc: Any, bt: dict[int, Mention], offset: int) -> None:
        """Append the actors a paragraph names to the history, in reading order."""
        heads: dict[int, Any] = {}
        # Whether the whole phrase around a recorded token is plural ("Taliban members").
        plural: dict[int, bool] = {}

        def add(tok: Any) -> None:
            head = np_head(tok)
            many = head.tag_ in PLURAL_TAGS
            # A name inside a phrase about something else ("the Kim-Trump summit",
            # "Pyongyang's arsenal") is recorded by itself.
            inside = head.i not in bt and head.lower_ not in ctx.local_names
            if inside and head.i != tok.i and not self._group_kind(head):
                head = tok
            heads.setdefault(head.i, head)
            plural.setdefault(head.i, many)

        seen: set[int] = set()
        for m in bt.values():
            if id(m) not in seen:
                seen.add(id(m))
                add(doc[m.start : m.end].root)
        for tok in doc:
            # Surnames of people the story has named in full ("Kim" after "Kim Jong Un").
            if _name_like(tok) and tok.lower_ in ctx.local_names:
                add(tok)
            elif self._group_kind(tok):
                heads.setdefault(tok.i, tok)
        resolved: dict[int, Actor] = {}
        for i in sorted(heads):
            head = heads[i]
            actor = self.resolve(head, bt, ctx, offset)
            if actor is None:
                continue
            resolved[i] = actor
            ctx.history.append(
                Said(
                    actor.start,
                    actor.end,
                    ctx.sentence_of(head, offset),
                    actor,
                    _is_person(actor),
                    subject=head.dep_ in SUBJECTS,
                    plural=plural.get(i, head.tag_ in PLURAL_TAGS) and not _is_person(actor),
                )
            )
            # "Kim and Putin": the pair is one antecedent for "they" and "the two".
            if head.dep_ == "conj" and head.head.i in resolved:
                first = head.head
                while first.dep_ == "conj" and first.head.i in resolved:
                    first = first.head
                members = [resolved[c.i] for c in [first, *first.conjuncts] if c.i in resolved]
                if len(members) >= 2:
                    group = self._group_actor(members, actor.text, actor.start, actor.end, "and")
                    ctx.history.append(
                        Said(
                            actor.start,
                            actor.end,
                            ctx.sentence_of(head, offset),
                            group,
                            False,
                            subject=first.dep_ in SUBJECTS,
                            plural=True,
                        )
                    )

    def _is_dateline(self, tok: Any) -> bool:
        """A place written in capitals at the head of a paragraph, then a comma or a
        bracket ("KABUL, Afghanistan (Reuters) -"): where the story comes from. An
        acronym of an organisation ("NATO, the alliance, ...") is no dateline."""
        return (
            tok.i == (1 if tok.doc[0].is_space else 0)
            and len(tok.text) > 2
            and tok.text.isupper()
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].text in (",", "(")
            and not any(e.kind == "org" for e in self.kb.lookup((tok.lower_,)))
        )

    # -- mentions -------------------------------------------------------------------
    def find_mentions(self, doc: Any) -> list[Mention]:
        """Every knowledge-base alias in a doc, longest and least ambiguous first."""
        kb = self.kb
        lowers = [t.lower_ for t in doc]
        cands: list[tuple[int, int, int, Entry]] = []
        n = len(lowers)
        for i in range(n):
            for length in range(min(kb.longest_from(lowers[i]), n - i), 0, -1):
                key = tuple(lowers[i : i + length])
                entries = kb.lookup(key)
                if not entries:
                    continue
                first = doc[i]
                for e in entries:
                    # Names are written with a capital ("Turkey", not "turkey").
                    is_name = e.kind in NAME_KINDS and e.kind != "contextual"
                    if is_name and not first.text[:1].isupper():
                        continue
                    if key in kb.caps_only and not first.text.isupper():
                        continue  # "US", "WHO", "IS" are acronyms only in capitals
                    if e.kind == "surname" and first.pos_ != "PROPN":
                        continue
                    if e.kind == "surname" and i > 0 and self._name_before(doc[i - 1]):
                        continue  # "Sadiq Khan" is not "Khan" alone: another person
                    if e.kind == "surname" and not self._surname_word(doc, i, i + length):
                        continue
                    if e.kind == "contextual" and i + length < n:
                        nxt = doc[i + length]
                        if nxt.text[:1].isupper() and nxt.pos_ in ("PROPN", "ADJ"):
                            continue  # "the North Korean ..." is not "the North"
                    if e.kind in NAME_KINDS and self._opposed(doc, i):
                        continue  # "an anti-American cleric" is not American
                    rank = 1 if e.kind in ("contextual", "surname") else 0
                    cands.append((rank, -length, i, e))
        cands.sort(key=lambda c: (c[0], c[1], c[2]))
        taken = [False] * n
        spans: dict[tuple[int, int], list[Entry]] = {}
        for _rank, neg_len, i, e in cands:
            j = i - neg_len
            if (i, j) in spans:
                spans[(i, j)].append(e)
                continue
            if any(taken[i:j]):
                continue
            for k in range(i, j):
                taken[k] = True
            spans[(i, j)] = [e]
        for span, es in spans.items():
            # "Montenegro" is the country, though a Portuguese premier bears the name; a
            # story that names the person in full still finds them by their local name.
            if any(e.kind in NAME_KINDS and e.kind not in ("surname", "person") for e in es):
                spans[span] = [e for e in es if e.kind != "surname"]
        for (i, j), es in list(spans.items()):
            if (
                i > 0
                and lowers[i - 1] in self.words.ethnic
                and all(e.kind == "adjective" for e in es)
                and not _placed_people(doc[j - 1])
            ):
                # "ethnic Hungarians": a people, not the state; a group with no country
                # of its own, like a role word (see ``_homeland`` for "... in Slovakia").
                del spans[(i, j)]
                spans[(i - 1, j)] = [ETHNIC_GROUP]
        return sorted(
            (Mention(i, j, tuple(es)) for (i, j), es in spans.items()), key=lambda m: m.start
        )

    @staticmethod
    def _opposed(doc: Any, i: int) -> bool:
        """Whether a name at token ``i`` follows 'anti-' ("anti-Syria", "anti-NATO")."""
        if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "anti":
            return True
        return i >= 1 and doc[i - 1].lower_ == "anti-"

    def _surname_word(self, doc: Any, i: int, j: int) -> bool:
        """Whether words that are some known person's surname stand as a name here:
        not a place, nationality or date by the tagger's reading ("in Lagos", "on
        Friday", "a Christian missionary"), not the given name of someone else
        ("Paul Smithers", "Ahmed Ben Yusuf"), not a word qualifying a nationality
        ("Young Algerians")."""
        toks = doc[i:j]
        last = doc[j - 1]
        if any(t.ent_type_ in DATE_ENTITIES for t in toks):
            return False
        if (
            last.ent_type_ in PLACE_ENTITIES
            and last.dep_ == "pobj"
            and last.head.lower_ in LOCATIVE_PREPS
        ):
            return False
        if last.ent_type_ == "NORP" and last.dep_ in ("compound", "amod"):
            return False
        nxt = doc[j] if j < len(doc) else None
        if (
            nxt is not None
            and self._name_before(nxt)
            and nxt.ent_type_ not in DATE_ENTITIES
            and not any(e.kind in NAME_KINDS for e in self.kb.lookup((nxt.lower_,)))
        ):
            return False
        qualified = last.head if last.dep_ in ("compound", "amod") and last.head.i >= j else None
        return qualified is None or not any(
            e.kind in COUNTRY_KINDS for e in self.kb.lookup((qualified.lower_,))
        )

    def _name_before(self, tok: Any) -> bool:
        """Whether a token is a given name in front of a surname (not a title such as
        'President' or 'Mr', which are role words or honorifics)."""
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.text.isalpha():
            return False
        return not any(e.kind == "agent" for e in self.kb.lookup((tok.lower_,)))

    def learn(self, ctx: StoryContext, doc: Any, mentions: Sequence[Mention]) -> None:
        """Record the countries and full names of people that a paragraph mentions."""
        for m in mentions:
            e = m.entry
            if e.kind in COUNTRY_KINDS and e.kind != "contextual" and e.country:
                ctx.countries.add(e.country)
            if e.kind == "person" and len(m.entries) == 1:
                for tok in doc[m.start : m.end]:
                    if tok.pos_ == "PROPN" and len(tok.text) >= 2 and tok.text[:1].isupper():
                        ctx.local_names.setdefault(tok.lower_, e)
                role = e.role_on(ctx.date)
                if role and role.country:
                    ctx.countries.add(role.country)
                held = {r.title for r in e.roles if r.title and r.holds_on(ctx.date)}
                ctx.titles.setdefault(e.name, set()).update(held)

    def learn_titled_people(self, ctx: StoryContext, doc: Any, bt: dict[int, Mention]) -> None:
        """People the knowledge base lacks, named with a title that says whom they
        serve ("Kenyan Interior Minister John Doe", "John Doe, Kenya's interior
        minister"): the story's later "Doe" is then that country's official."""
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.dep_ in ("compound", "flat"):
                continue
            name_toks = self._name_chain(tok, ctx, bt)
            if not name_toks or any(t.lower_ in ctx.local_names for t in name_toks):
                continue
            head = tok
            while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
                head = head.head
            names = {t.i for t in name_toks}
            found = [
                m
                for m in self._mentions_in(self.np_tokens(head), bt)
                if not any(k in names for k in range(m.start, m.end))
            ]
            entries = [e for m in found for e in m.entries]
            roles = [
                (m, e)
                for m in found
                for e in m.entries
                if e.kind == "agent" and doc[m.end - 1].tag_ in SINGULAR_TAGS
            ]
            if not roles:
                continue
            place = self._combine(found, ctx, "", -1, -1, allow_people=False)
            if place is None or place.code is None:
                continue
            if place.country is None and not any(e.kind == "org" for e in entries):
                continue
            name = doc[name_toks[0].i : name_toks[-1].i + 1].text
            title = roles[-1][1].name
            entry = Entry(
                "person",
                f"story:{name.lower()}",
                name,
                roles=(Role(place.code, place.country, place.sector, title),),
                source="story",
            )
            for t in name_toks:
                if len(t.text) >= 2 and t.text[:1].isupper():
                    ctx.local_names.setdefault(t.lower_, entry)
            ctx.titles.setdefault(name, set()).add(title)
            if place.country:
                ctx.countries.add(place.country)

    def _name_chain(self, last: Any, ctx: StoryContext, bt: dict[int, Mention]) -> list[Any]:
        """The words of a personal name ending at ``last`` ("Souleymane Kanoute-Diarra"):
        proper nouns and inner hyphens that the knowledge base does not already resolve
        (a surname of someone else, out of office and unnamed here, does not count)."""

        def free(t: Any) -> bool:
            if t.ent_type_ not in ("PERSON", ""):
                return False
            m = bt.get(t.i)
            if m is None:
                return True
            # A surname is free for a titled newcomer ("King Hassan" of a country
            # none of the known Hassans served) unless the story names its bearer or,
            # dated, one of them held office then.
            local = {e.id for e in ctx.local_names.values()}
            return all(
                e.kind == "surname"
                and e.id not in local
                and (ctx.date is None or e.role_on(ctx.date) is None)
                for e in m.entries
            )

        if not free(last):
            return []
        chain = [last]
        j = last.i - 1
        doc = last.doc
        while (
            j >= 0
            and free(doc[j])
            and (
                doc[j].pos_ == "PROPN"
                or (doc[j].text == "-" and j > 0 and doc[j - 1].pos_ == "PROPN")
            )
        ):
            chain.insert(0, doc[j])
            j -= 1
        # Only a name the tagger sees as a person's: titled organisations ("ISAF Joint
        # Command", "Islamic Movement of Uzbekistan leader") look much the same.
        return chain if any(t.ent_type_ == "PERSON" for t in chain) else []

    # -- noun phrases ---------------------------------------------------------------
    def np_tokens(self, head: Any) -> list[Any]:
        """The tokens of the noun phrase headed by ``head`` (no clauses, no conjuncts)."""
        out = [head]
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                if (
                    child.dep_ in NP_DEPS
                    or (child.dep_ == "prep" and child.lower_ in NP_PREPS)
                    or (child.dep_ == "pobj" and tok.dep_ == "prep")
                ):
                    out.append(child)
                    stack.append(child)
        return sorted(out, key=lambda t: t.i)

    @staticmethod
    def _mentions_in(toks: Sequence[Any], bt: dict[int, Mention]) -> list[Mention]:
        found: list[Mention] = []
        seen: set[int] = set()
        for t in toks:
            m = bt.get(t.i)
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                found.append(m)
        return found

    def resolve(
        self,
        head: Any,
        mentions_by_token: dict[int, Mention],
        ctx: StoryContext,
        offset: int,
        exclude: Iterable[str | None] = (),
    ) -> Actor | None:
        """The actor a noun phrase names, or None when it names none we know."""
        if self._is_dateline(head):
            # "KABUL, Afghanistan (Aug. 14) - A combined force detained ...": the
            # dateline says where the story was filed; the parser may still make it a
            # subject beside the clause's real one.
            others = [c for c in head.head.children if c.dep_ in SUBJECTS and c.i != head.i]
            if not others or head.dep_ not in SUBJECTS:
                return None
            head = others[0]
        toks = self.np_tokens(head)
        found = self._mentions_in(toks, mentions_by_token)
        span_end = toks[-1].idx + len(toks[-1].text) + offset
        while toks and toks[0].dep_ in ("det", "predet"):
            toks = toks[1:]
        if not toks:
            toks = [head]
        text = head.doc[toks[0].i : toks[-1].i + 1].text
        span_start = toks[0].idx + offset
        excluded = set(exclude)
        owner = self._possessor(toks, mentions_by_token, ctx, offset, excluded)
        actor = self._combine(
            found, ctx, text, span_start, span_end, toks=toks, head=head, owner=owner
        )
        if actor is None:
            actor = self._group(head, ctx, offset, text, span_start, span_end)
        if actor is None and head.lower_ in self.words.pronouns and not self._expletive(head):
            actor = self._pronoun(head, ctx, offset, span_start, span_end, excluded)
        if actor is None and all(e.kind == "agent" for m in found for e in m.entries):
            actor = self._definite_name(head, ctx, offset, text, span_start, span_end)
        if actor is None and not self._adjective_roles_only(found, head):
            actor = self._agent_only(found, owner, text, span_start, span_end)
            if actor is not None and actor.country is None:
                actor = self._in_sole_country(actor, head, mentions_by_token, ctx)
        return actor

    @staticmethod
    def _adjective_roles_only(found: Sequence[Mention], head: Any) -> bool:
        """Whether the role words of a phrase are all adjectives qualifying something
        else: "civilian buildings", "official contact", "military aid" name no actor."""
        doc = head.doc
        roles = [m for m in found if any(e.kind == "agent" for e in m.entries)]
        return bool(roles) and all(
            doc[m.end - 1].pos_ == "ADJ" and doc[m.end - 1].dep_ == "amod" for m in roles
        )

    def _in_sole_country(
        self, actor: Actor, head: Any, bt: dict[int, Mention], ctx: StoryContext
    ) -> Actor:
        """A role word with no country of its own ("police", "the opposition",
        "rebels") belongs to the one country its sentence names, or, when the sentence
        names none, to the one country the story is about: "Police in Lagos arrested
        ..." after "Nigeria", "rebels shelled the capital" in a story about one
        country. With two countries in view it stays without one."""
        if head.lemma_.lower() in self.words.travelling_roles:
            # "Envoys met in Paris": a venue is not where envoys come from.
            return actor
        named = self._sentence_countries(head, bt, ctx)
        if not named and len(ctx.countries) == 1:
            named = set(ctx.countries)
        if len(named) != 1 or actor.sector is None:
            return actor
        (iso,) = tuple(named)
        return dataclasses.replace(
            actor,
            code=f"{iso}{actor.sector}",
            country=iso,
            name=self._country_name(iso),
            rule=f"sole-country:{iso}+{actor.rule}",
        )

    def _sentence_countries(self, head: Any, bt: dict[int, Mention], ctx: StoryContext) -> set[str]:
        """The countries a sentence names: places, nationalities and capitals, and
        the countries of the organisations and of the people named in full in it; not a
        nationality or place that only qualifies another actor."""
        out: set[str] = set()
        doc = head.doc
        for m in self._mentions_in(list(head.sent), bt):
            last = doc[m.end - 1]
            while last.dep_ == "conj" and last.head.i != last.i:
                last = last.head  # "Chilean and Bolivian envoys": both qualify the envoys
            if last.dep_ in ("amod", "compound", "nmod", "poss") and last.head.i != head.i:
                # "French troops attacked the rebels": France is the troops' country, it
                # says nothing of where the rebels are from.
                continue
            e = m.entry
            if e.kind in COUNTRY_KINDS and e.kind != "contextual" and e.country:
                out.add(e.country)
            elif e.kind == "org" and len(m.entries) == 1:
                role = e.role_on(ctx.date) if e.roles else None
                iso = role.country if role is not None else e.country
                if iso:
                    out.add(iso)
            elif e.kind == "person" and len(m.entries) == 1:
                role = e.role_on(ctx.date)
                if role is not None and role.country:
                    out.add(role.country)
        return out

    def countries_named(
        self, toks: Sequence[Any], bt: dict[int, Mention], ctx: StoryContext
    ) -> set[str]:
        """Every country that words name in any way: countries, their nationalities and
        capitals, also where they only qualify another actor ("Russian advisers"), and
        the countries of the organisations and of the people named in full there. A
        name that may be one of several countries ("Congo") names each of them."""
        out: set[str] = set()
        for m in self._mentions_in(toks, bt):
            e = m.entry
            if e.kind == "contextual":
                if toks and toks[0].doc[m.start].pos_ == "PROPN":
                    out.update(x.country for x in m.entries if x.country)
            elif e.kind in COUNTRY_KINDS and e.country:
                out.add(e.country)
            elif e.kind in ("org", "person") and len(m.entries) == 1:
                role = e.role_on(ctx.date) if e.roles else None
                iso = role.country if role is not None else e.country
                if iso:
                    out.add(iso)
        return out

    def _combine(
        self,
        found: Sequence[Mention],
        ctx: StoryContext,
        text: str,
        start: int,
        end: int,
        *,
        toks: Sequence[Any] = (),
        head: Any = None,
        owner: Actor | None = None,
        allow_people: bool = True,
    ) -> Actor | None:
        """A person, else an organisation, else a place with the sector of a role word."""
        entries = [e for m in found for e in m.entries]
        agents = self._roles_in(entries)
        sector = agents[-1].sector if agents else None
        if allow_people:
            actor = self._person(entries, toks, ctx, text, start, end)
            if actor is not None:
                return actor
        orgs = [e for e in entries if e.kind == "org"]
        if orgs and head is not None and self._country_heads(found, head):
            orgs = []  # "NATO member Norway", "OPEC-member Nigeria": the country
        if orgs:
            org = orgs[0]
            role = org.role_on(ctx.date) if org.roles else None
            if role is not None:
                return Actor(
                    role.code,
                    role.country,
                    role.sector,
                    org.name,
                    text,
                    start,
                    end,
                    rule=f"org:{org.id}@{role.start or ''}",
                )
            return Actor(
                org.code, org.country, org.sector, org.name, text, start, end, rule=f"org:{org.id}"
            )
        places = [e for e in entries if e.kind in COUNTRY_KINDS]
        places = [e for e in places if e.kind != "contextual" or self._context_ok(e, ctx)]
        if not places:
            return None
        contextual = [e for e in places if e.kind == "contextual"]
        if len(contextual) > 1:
            # "the kingdom" in a story about two kingdoms: the one named last.
            latest = self._latest_country(ctx, {e.country for e in contextual}, start)
            if latest is not None:
                places = [e for e in places if e.kind != "contextual" or e.country == latest]
        own = [
            e
            for m in found
            if head is not None and m.start <= head.i < m.end
            for e in m.entries
            if e in places
        ]
        if own and own[0].kind == "adjective" and head.tag_ in PLURAL_TAGS:
            # "the Albanians of Serbia", "ethnic Turks in Bulgaria": a people of that land.
            home = self._homeland(found, head, own[0])
            own = [home] if home is not None else own
        # The phrase's own head names the place ("US ally Japan"); else a role word
        # takes the nearest place before it ("Russia's Moscow embassy"), its own
        # nationality rather than where a phrase after it says it is ("Russian troops
        # in Syria", "the Chinese embassy in Washington"); a role word with no place
        # before it takes the place after it ("police in Nairobi").
        before = [
            e
            for m in found
            if head is not None and m.end <= head.i
            for e in m.entries
            if e in places
        ]
        place = own[0] if own else (before or places)[-1] if sector else places[0]
        iso = place.country
        code: str = place.code or ""
        if sector and agents and agents[-1].name in self.words.relative_roles and owner:
            # "his Greek counterpart" holds the office of the possessor, in Greece.
            sector = owner.sector or sector
        if sector and allow_people and head is not None:
            described = self._described(agents[-1], iso, head, ctx, text, start, end)
            if described is not None:
                return described
        if sector:
            code = f"{code[:3]}{sector}"
        elif place.kind == "metonym":
            sector = place.code[3:] if place.code and len(place.code) > 3 else "GOV"
        return Actor(
            code,
            iso,
            sector,
            place.name,
            text,
            start,
            end,
            rule=f"{place.kind}:{place.id}" + (f"+agent:{sector}" if agents else ""),
        )

    @staticmethod
    def _homeland(found: Sequence[Mention], head: Any, people: Entry) -> Entry | None:
        """For a people named by its nationality word, the country it lives in when the
        phrase says so: "of" a country ("the Serbs of Croatia"), or "in" a country
        after "ethnic" ("ethnic Hungarians in Slovakia", not "Syrians in Turkey")."""
        doc = head.doc
        ethnic = any(c.lower_ == "ethnic" for c in head.children)
        for m in found:
            if m.start <= head.i < m.end:
                continue
            places = [
                e
                for e in m.entries
                if e.kind in ("country", "metonym") and e.country != people.country
            ]
            top = doc[m.start : m.end].root
            prep = top.head if top.dep_ == "pobj" else None
            if not places or prep is None or prep.head.i != head.i:
                continue
            if prep.lower_ == "of" or (prep.lower_ == "in" and ethnic):
                return places[0]
        return None

    @staticmethod
    def _country_heads(found: Sequence[Mention], head: Any) -> bool:
        """Whether a phrase's own head is a country's name, with any organisation in
        it only a modifier ("NATO-member Norway" is Norway)."""
        at_head = [m for m in found if m.start <= head.i < m.end]
        return bool(at_head) and all(
            e.kind in COUNTRY_KINDS and e.kind != "contextual" for m in at_head for e in m.entries
        )

    def _roles_in(self, entries: Sequence[Entry]) -> list[Entry]:
        """The role words of a phrase, those that speak for someone else ("spokesman",
        "officials") first, so that the last one gives the sector: "police spokesman"
        is the police, "government officials" the government."""
        agents = [e for e in entries if e.kind == "agent"]
        return sorted(agents, key=lambda e: e.name not in self.words.generic_roles)

    def _person(
        self,
        entries: Sequence[Entry],
        toks: Sequence[Any],
        ctx: StoryContext,
        text: str,
        start: int,
        end: int,
    ) -> Actor | None:
        people = [e for e in entries if e.kind in ("person", "surname")]
        # Of several people one name may stand for, the one in office on the date first.
        people.sort(key=lambda e: e.role_on(ctx.date) is None)
        bare = self._bare_surnames(people, entries, ctx)
        local = {e.id for e in ctx.local_names.values()}
        for person in people:
            if person.kind == "surname" and person.id not in local and person not in bare:
                continue
            # Out of office: the role the story gives ("opposition leader X"), else elite.
            roles = self._roles_in(entries)
            sector = (roles[-1].sector if roles else None) or "ELI"
            actor = _person_on(
                person, ctx.date, text, start, end, ("person", "person-former"), sector
            )
            if actor is not None:
                return actor
        return self._local_name(toks, ctx, text, start, end)

    @staticmethod
    def _bare_surnames(
        people: Sequence[Entry], entries: Sequence[Entry], ctx: StoryContext
    ) -> list[Entry]:
        """The people a surname alone may stand for when the story has not named them
        in full: those in office on the story's date (any, undated), of the country the
        phrase names if it names one ("King Hassan of Morocco" is none of the Hassans
        who held office elsewhere); of namesakes who served different countries, the
        one of the country the story is about, if that tells them apart."""
        named = {
            e.country
            for e in entries
            if e.kind in COUNTRY_KINDS and e.kind != "contextual" and e.country
        }
        bare = [p for p in people if p.kind == "surname" and p.role_on(ctx.date) is not None]
        if named:
            bare = [p for p in bare if any(r.country in named for r in p.roles)]

        def countries(ps: Sequence[Entry]) -> set[str | None]:
            return {role.country for p in ps if (role := p.role_on(ctx.date)) is not None}

        if len(countries(bare)) > 1:
            # Namesakes who served different countries: the one of the story's country.
            near = [p for p in bare if countries([p]) <= ctx.countries]
            if len(countries(near)) == 1:
                return near
        return bare

    def _local_name(
        self, toks: Sequence[Any], ctx: StoryContext, text: str, start: int, end: int
    ) -> Actor | None:
        for t in toks:
            if _name_like(t) and t.lower_ in ctx.local_names:
                person = ctx.local_names[t.lower_]
                actor = _person_on(
                    person, ctx.date, text, start, end, ("story-name", "story-name"), "ELI"
                )
                if actor is not None:
                    return actor
        return None

    def _context_ok(self, entry: Entry, ctx: StoryContext) -> bool:
        """A contextual alias ("the North", "the kingdom") names a country the story is
        about, or the namesake of one ("the South" in a story about North Korea)."""
        if entry.country in ctx.countries:
            return True
        mine = self.kb.country(entry.country or "")
        if mine is None:
            return False
        last = mine.name.split()[-1]
        for iso in ctx.countries:
            other = self.kb.country(iso)
            if other is not None and other.id != mine.id and other.name.split()[-1] == last:
                return True
        return False

    @staticmethod
    def _latest_country(ctx: StoryContext, countries: set[str | None], before: int) -> str | None:
        for said in reversed(ctx.history):
            if said.start < before and said.actor.country in countries:
                return said.actor.country
        return None

    def _described(
        self,
        role: Entry,
        country: str | None,
        head: Any,
        ctx: StoryContext,
        text: str,
        start: int,
        end: int,
    ) -> Actor | None:
        """'The North Korean leader', 'the Iranian foreign minister': the person of that
        country and office the story has already named, if any."""
        # Only when the role word heads the phrase: "the leader", not "leader Kim".
        if head.tag_ not in SINGULAR_TAGS or head.lower_ != role.name.split()[-1]:
            return None
        if any(t.lower_ in ("a", "an") for t in head.children):
            return None
        for said in reversed(ctx.history):
            if said.start >= start or not said.person or said.actor.country != country:
                continue
            titles = ctx.titles.get(said.actor.name or "", set())
            if any(self._title_fits(role.name, t) for t in titles):
                a = said.actor
                return Actor(
                    a.code,
                    a.country,
                    a.sector,
                    a.name,
                    text,
                    start,
                    end,
                    rule=f"description->{a.rule.split('->')[-1]}",
                )
        return None

    def _title_fits(self, role: str, title: str) -> bool:
        words = set(title.lower().replace("-", " ").split())
        wanted = set(role.lower().split())
        if (words & self.words.qualifiers) - wanted:
            return False
        if wanted <= words:
            return True
        if role.lower() in ("leader", "head of state", "head of government"):
            return any(set(t.split()) <= words for t in self.words.leader_titles)
        return False

    # -- references -------------------------------------------------------------------
    def _expletive(self, tok: Any) -> bool:
        """'It appears that ...', 'it is likely to ...': an 'it' that stands for nothing."""
        if tok.lower_ != "it":
            return False
        if tok.dep_ == "expl":
            return True
        verb = tok.head
        if tok.dep_ != "nsubj" or verb.lemma_.lower() not in self.words.expletive_verbs:
            return False
        clauses = ("ccomp", "xcomp", "csubj")
        kids = [c for c in verb.children if c.dep_ in clauses]
        kids += [
            g
            for c in verb.children
            # "It is ready to send troops": an adjective of the subject's own disposition
            # has an actor for its subject, unlike "it is likely to rain".
            if c.dep_ in ("acomp", "attr")
            and c.lemma_.lower() not in self.words.agentive_adjectives
            and c.lower_ not in self.words.agentive_adjectives
            for g in c.children
            if g.dep_ in clauses
        ]
        return bool(kids)

    def _definite_name(
        self, head: Any, ctx: StoryContext, offset: int, text: str, start: int, end: int
    ) -> Actor | None:
        """'The agency' after 'the Korean Central News Agency', 'the Observatory' after
        'the Syrian Observatory for Human Rights': a definite noun that heads the name
        of an organisation the story has just named; likewise 'the force' after 'an
        Afghan security force', a group named by its head noun."""
        if head.pos_ not in ("NOUN", "PROPN") or head.tag_ not in SINGULAR_TAGS:
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        if any(c.dep_ in ("amod", "compound", "poss") for c in head.children):
            return None
        here = ctx.sentence_of(head, offset)
        for said in reversed(ctx.history):
            a = said.actor
            if said.start >= start:
                continue
            if said.sentence < here - DEFINITE_REACH:
                break
            if not a.rule.split("->")[-1].startswith("org:"):
                # "The force" after "an Afghan security force": a group the story has
                # just named, by the noun that headed its name.
                last = a.text.split()[-1].lower() if a.text else ""
                if a.sector is not None and last in (head.lower_, head.lower_ + "s"):
                    return dataclasses.replace(
                        a, text=text, start=start, end=end, rule=f"definite->{a.rule}"
                    )
                continue
            # As named here ("Xinhua News Agency", "a Taliban commander") or canonically.
            if head.lower_ in {w for n in (a.text, a.name) if n for w in _name_heads(n)}:
                return Actor(
                    a.code,
                    a.country,
                    a.sector,
                    a.name,
                    text,
                    start,
                    end,
                    rule=f"definite->{a.rule.split('->')[-1]}",
                )
        return None

    def _group_kind(self, tok: Any) -> str | None:
        """'the two leaders', 'both sides': the kind of actor the pair is made of."""
        kind = self.words.group_nouns.get(tok.lower_)
        if kind is None or tok.tag_ not in PLURAL_TAGS:
            return None
        if any(c.lower_ in self.words.quantifiers for c in tok.children):
            return kind
        return None

    def _group(
        self,
        head: Any,
        ctx: StoryContext,
        offset: int,
        text: str,
        start: int,
        end: int,
    ) -> Actor | None:
        kind = self._group_kind(head)
        if kind is None:
            return None
        members = self._pair(ctx, kind, start, ctx.sentence_of(head, offset))
        if len(members) < 2:
            return None
        return self._group_actor(members, text, start, end, kind)

    def _pair(
        self,
        ctx: StoryContext,
        kind: str,
        before: int,
        here: int,
        *,
        reach: int = PAIR_REACH,
        together: bool = False,
    ) -> list[Actor]:
        """The two actors most recently named together: a coordination ("Kim and
        Putin") or the first two of the kind in the nearest sentence that names two;
        failing that (unless ``together``), the two named last."""

        def key(a: Actor) -> str | None:
            if kind == "person":
                return a.name
            if kind == "country":
                return a.country
            return a.code

        def fits(a: Actor, person: bool) -> bool:
            if kind == "person":
                return person
            if kind == "country":
                return a.country is not None
            return a.country is not None or not (a.code or "---").startswith("---")

        def as_member(a: Actor) -> Actor:
            if kind != "country" or a.country is None:
                return a
            c = self.kb.country(a.country)
            name = c.name if c else a.name
            return dataclasses.replace(a, code=a.country, sector=None, name=name)

        sentences: dict[int, list[Said]] = {}
        for s in ctx.history:
            if s.start < before and s.sentence >= here - reach:
                sentences.setdefault(s.sentence, []).append(s)
        overall: list[Actor] = []
        for sent in sorted(sentences, reverse=True):
            groups = [
                s.actor.members
                for s in sentences[sent]
                if isinstance(s.actor, GroupActor)
                and all(fits(m, _is_person(m)) for m in s.actor.members)
            ]
            if groups and len({key(m) for m in groups[-1]}) >= 2:
                return [as_member(a) for a in groups[-1]]
            distinct: dict[str | None, Actor] = {}
            for s in sentences[sent]:
                if not isinstance(s.actor, GroupActor) and fits(s.actor, s.person):
                    distinct.setdefault(key(s.actor), s.actor)
            distinct.pop(None, None)
            if len(distinct) >= 2:
                return [as_member(a) for a in list(distinct.values())[:2]]
            for k, a in distinct.items():
                if len(overall) < 2 and all(key(o) != k for o in overall):
                    overall.append(a)
        if together:
            return []
        return [as_member(a) for a in reversed(overall)]

    @staticmethod
    def _group_actor(
        members: Sequence[Actor], text: str, start: int, end: int, kind: str
    ) -> GroupActor:
        ms = tuple(dataclasses.replace(m, text=text, start=start, end=end) for m in members)
        first = ms[0]
        return GroupActor(
            first.code,
            first.country,
            first.sector,
            first.name,
            text,
            start,
            end,
            rule=f"group:{kind}:" + "+".join(m.code or "---" for m in ms),
            members=ms,
        )

    def _possessor(
        self,
        toks: Sequence[Any],
        bt: dict[int, Mention],
        ctx: StoryContext,
        offset: int,
        exclude: set[str | None],
    ) -> Actor | None:
        """The actor a possessive pronoun in the phrase stands for ("his government"):
        the subject of its own clause when that fits ("the Greek army chief met his
        Turkish counterpart"), else what the pronoun refers back to."""
        for t in toks:
            if t.dep_ == "poss" and t.lower_ in self.words.pronouns and t.i != toks[-1].i:
                subject = self._own_subject(t)
                if subject is not None and self._fits_possessive(t, subject):
                    owner = self.resolve(subject, bt, ctx, offset)
                    # "his" is a person or an office holder, not a country as such.
                    if owner is not None and (owner.sector or t.lower_ not in self.words.person):
                        return owner
                start = t.idx + offset
                return self._pronoun(t, ctx, offset, start, start + len(t.text), exclude)
        return None

    @staticmethod
    def _own_subject(tok: Any) -> Any | None:
        """The subject of the clause a word sits in, when it comes before the word."""
        cur = tok
        for _ in range(8):
            if cur.dep_ in OBJECT_DEPS | {"poss"} and cur.head.i != cur.i:
                cur = cur.head
            else:
                break
        subs = [c for c in cur.children if c.dep_ in SUBJECTS and c.i < tok.i]
        return subs[0] if subs and subs[0].i != tok.i else None

    def _fits_possessive(self, pron: Any, subject: Any) -> bool:
        """'His' for a singular noun that may be a person, 'its' for a singular name or
        thing, 'their' for a plural: whether the subject can own the pronoun."""
        word = pron.lower_
        if subject.lower_ in self.words.pronouns:
            return False
        if word in self.words.plural:
            return subject.tag_ in PLURAL_TAGS or any(c.dep_ == "conj" for c in subject.children)
        if subject.tag_ not in SINGULAR_TAGS:
            return False
        if word in self.words.person:
            return subject.pos_ in ("NOUN", "PROPN")
        return True

    def _agent_only(
        self, found: Sequence[Mention], owner: Actor | None, text: str, start: int, end: int
    ) -> Actor | None:
        """A role word alone: the possessor's country when a pronoun gives one ("its
        army"), else a sector without a country ("police")."""
        agents = self._roles_in([e for m in found for e in m.entries])
        if not agents:
            return None
        agent = agents[-1]
        sector = agent.sector
        relative = agent.name in self.words.relative_roles
        if owner is not None and relative:
            sector = owner.sector or sector
        elif owner is not None and owner.country:
            return Actor(
                f"{owner.country}{sector}",
                owner.country,
                sector,
                self._country_name(owner.country),
                text,
                start,
                end,
                rule=f"possessive->{owner.rule.split('->')[-1]}+agent:{sector}",
            )
        return Actor(f"---{sector}", None, sector, None, text, start, end, rule=f"agent:{agent.id}")

    def _country_name(self, iso: str) -> str | None:
        c = self.kb.country(iso)
        return c.name if c else None

    def _pronoun(
        self,
        head: Any,
        ctx: StoryContext,
        offset: int,
        start: int,
        end: int,
        exclude: set[str | None],
    ) -> Actor | None:
        """The actor a pronoun stands for: in its own sentence the nearest fitting one
        before it, else, in the nearest earlier sentence that has one, its subject.
        An object pronoun is never its own clause's subject ("the US accused it"); a
        reflexive one is ("the DPRK will gird itself")."""
        word = head.lower_
        w = self.words
        kind = "person" if word in w.person else "thing" if word in w.thing else "plural"
        reflexive = word in w.reflexive
        # "Macron urged him to ...": an object-form pronoun parsed as the subject of
        # the clause below still cannot be the subject of the clause above.
        raised = word in w.objective and head.dep_ in SUBJECTS
        ruling = self._ruling_subject(head) if not reflexive else None
        span = self._clause_subject(head, offset)
        if raised and ruling is not None:
            span = (
                ruling.left_edge.idx + offset,
                ruling.right_edge.idx + len(ruling.right_edge.text) + offset,
            )
        bound_out = span is not None and not reflexive and (head.dep_ in OBJECT_DEPS or raised)

        here = ctx.sentence_of(head, offset)
        reach = PRONOUN_REACH[kind]
        # Who the clause's subject is, wherever else the story names them.
        bound = (
            {(s.actor.name, s.actor.code) for s in ctx.history if span[0] <= s.start < span[1]}
            if bound_out and span is not None
            else set()
        )

        def fits(s: Said) -> bool:
            a = s.actor
            if a.code in exclude or (not reflexive and s.end > start) or s.sentence < here - reach:
                return False
            if (a.name, a.code) in bound:
                return False
            if kind == "person":
                return s.person and not isinstance(a, GroupActor)
            if kind == "thing":
                return not s.person and not s.plural
            return s.plural

        cands = [s for s in ctx.history if s.start < start and fits(s)]
        if ruling is not None and not raised:
            # "Russia said it ...", "X did not fire and they protected ...": a subject
            # pronoun of a dependent or coordinated clause is the ruling clause's
            # subject; when that subject is no actor we know, neither is the pronoun.
            lo = ruling.left_edge.idx + offset
            hi = ruling.right_edge.idx + len(ruling.right_edge.text) + offset
            said = [s for s in ctx.history if lo <= s.start < hi and s in cands]
            if said:
                cands = said[-1:]
            elif kind != "person":
                return None
        if reflexive and span is not None:
            own_subject = [s for s in cands if span[0] <= s.start < span[1]]
            cands = own_subject or cands
        if not cands and kind == "plural":
            # "Macron met Scholz. They discussed ...": the two named together just before.
            members = self._pair(ctx, "person", start, here, reach=1, together=True)
            members = members or self._pair(ctx, "any", start, here, reach=1, together=True)
            if len(members) >= 2:
                return self._group_actor(members, head.text, start, end, "pronoun")
        if not cands:
            return None
        own = [s for s in cands if s.sentence == here]
        if own:
            pick = own[-1]
        else:
            last = max(s.sentence for s in cands)
            in_last = [s for s in cands if s.sentence == last]
            subjects = [s for s in in_last if s.subject]
            pick = subjects[0] if subjects else in_last[-1]
        a = pick.actor
        if a.country is None and (a.code or "---").startswith("---"):
            return None  # a sector without a country ("police") is too vague to pass on
        if isinstance(a, GroupActor):
            return self._group_actor(a.members, head.text, start, end, "pronoun")
        return Actor(
            a.code,
            a.country,
            a.sector,
            a.name,
            head.text,
            start,
            end,
            rule=f"pronoun->{a.rule.split('->')[-1]}",
        )

    def _ruling_subject(self, tok: Any) -> Any | None:
        """For a pronoun that is the subject of a dependent or coordinated clause, the
        subject of the nearest clause above it, if that comes before the pronoun and is
        no pronoun ("the force that ... where they", "X said it")."""
        if tok.dep_ not in SUBJECTS or tok.head.dep_ == "ROOT":
            return None
        cur = tok.head
        for _ in range(6):
            if cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.pos_ not in ("VERB", "AUX"):
                continue
            subs = [c for c in cur.children if c.dep_ in SUBJECTS and c.i < tok.i]
            if subs:
                s = subs[0]
                return None if s.lower_ in self.words.pronouns else s
        return None

    @staticmethod
    def _clause_subject(tok: Any, offset: int) -> tuple[int, int] | None:
        """Article character span of the subject of the clause a token sits in."""
        cur = tok
        for _ in range(8):
            if cur.dep_ in OBJECT_DEPS | {"poss"} and cur.head.i != cur.i:
                cur = cur.head
            else:
                break
        for _ in range(4):
            subs = [c for c in cur.children if c.dep_ in SUBJECTS]
            if subs:
                s = subs[0]
                if s.i == tok.i:
                    return None
                lo = min(t.idx for t in s.subtree)
                hi = max(t.idx + len(t.text) for t in s.subtree)
                return lo + offset, hi + offset
            if cur.dep_ in INHERIT_SUBJECT_DEPS and cur.head.i != cur.i:
                cur = cur.head
            else:
                return None
        return None


def _person_on(
    person: Entry,
    day: dt.date | None,
    text: str,
    start: int,
    end: int,
    rules: tuple[str, str],
    out_of_office: str,
) -> Actor | None:
    """A person as an actor on a day: the office held then, else (out of office) the
    country of their last office with the sector ``out_of_office`` (never GOV: a title
    of an office not held on the date is no government)."""
    role = person.role_on(day)
    if role is not None:
        return Actor(
            role.code,
            role.country,
            role.sector,
            person.name,
            text,
            start,
            end,
            rule=f"{rules[0]}:{person.id}",
        )
    past = person.role_on(None)
    if past is None or not past.country:
        return None
    sector = "ELI" if out_of_office == "GOV" else out_of_office
    return Actor(
        past.country + sector,
        past.country,
        sector,
        person.name,
        text,
        start,
        end,
        rule=f"{rules[1]}:{person.id}",
    )
