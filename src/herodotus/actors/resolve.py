"""Resolving noun phrases of a parsed story to coded actors on the story's date.

The unit is the noun phrase around an argument token: its compounds, modifiers,
possessors and appositions ("North Korean leader Kim Jong Un", "Russia's
Vladimir Putin", "US Secretary of State Mike Pompeo"). A person wins over an
organisation, which wins over a country; a role word ("leader", "troops") adds
the sector to a country. Pronouns and bare surnames are resolved against the
actors met earlier in the same story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from herodotus.actors.kb import Entry, KnowledgeBase
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
    }
)
# Prepositions whose object still describes the same actor ("media in Pyongyang",
# "the government of Iraq", "troops from Turkey").
NP_PREPS = frozenset({"of", "in", "from"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
NAME_KINDS = frozenset(
    {"country", "adjective", "metonym", "contextual", "org", "person", "surname"}
)
COUNTRY_KINDS = frozenset({"country", "adjective", "metonym", "contextual"})


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


@dataclass
class StoryContext:
    """What the resolver has learned so far about one story (mutable, per story only)."""

    date: dt.date | None
    countries: set[str] = field(default_factory=set)
    # Name tokens of people named in full in this story -> the person.
    local_names: dict[str, Entry] = field(default_factory=dict)
    # Actors in reading order: (article char offset, actor).
    history: list[tuple[int, Actor]] = field(default_factory=list)


class ActorResolver:
    """Finds mentions in parsed paragraphs and resolves argument tokens to actors."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    # -- mentions -------------------------------------------------------------------
    def find_mentions(self, doc: Any) -> list[Mention]:
        """Every knowledge-base alias in a doc, longest and least ambiguous first."""
        kb = self.kb
        lowers = [t.lower_ for t in doc]
        cands: list[tuple[int, int, int, Entry]] = []
        n = len(lowers)
        for i in range(n):
            for length in range(min(kb.max_len, n - i), 0, -1):
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
                    if e.kind == "contextual" and i + length < n:
                        nxt = doc[i + length]
                        if nxt.text[:1].isupper() and nxt.pos_ in ("PROPN", "ADJ"):
                            continue  # "the North Korean ..." is not "the North"
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
        return sorted(
            (Mention(i, j, tuple(es)) for (i, j), es in spans.items()), key=lambda m: m.start
        )

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

    def resolve(
        self,
        head: Any,
        mentions_by_token: dict[int, Mention],
        ctx: StoryContext,
        offset: int,
        exclude: Iterable[str | None] = (),
    ) -> Actor | None:
        """The actor a noun phrase names, or None when it names none we know."""
        toks = self.np_tokens(head)
        found: list[Mention] = []
        seen: set[int] = set()
        for t in toks:
            m = mentions_by_token.get(t.i)
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                found.append(m)
        span_start = toks[0].idx + offset
        span_end = toks[-1].idx + len(toks[-1].text) + offset
        while toks and toks[0].dep_ == "det":
            toks = toks[1:]
        text = head.doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else ""
        if toks:
            span_start = toks[0].idx + offset
        actor = self._combine(found, ctx, text, span_start, span_end)
        if actor is None:
            actor = self._local_name(toks, ctx, text, span_start, span_end)
        if actor is None and head.lower_ in PERSON_PRONOUNS | THING_PRONOUNS:
            actor = self._pronoun(head, ctx, span_start, span_end, set(exclude))
        return actor

    def _combine(
        self, found: Sequence[Mention], ctx: StoryContext, text: str, start: int, end: int
    ) -> Actor | None:
        entries = [e for m in found for e in m.entries]
        people = [e for e in entries if e.kind in ("person", "surname")]
        # Of several people one name may stand for, the one in office on the date first.
        people.sort(key=lambda e: e.role_on(ctx.date) is None)
        orgs = [e for e in entries if e.kind == "org"]
        places = [e for e in entries if e.kind in COUNTRY_KINDS]
        places = [e for e in places if e.kind != "contextual" or e.country in ctx.countries]
        agents = [e for e in entries if e.kind == "agent"]
        sector = agents[-1].sector if agents else None
        for person in people:
            if person.kind == "surname" and not self._surname_ok(person, ctx):
                continue
            role = person.role_on(ctx.date)
            if role is not None:
                return Actor(
                    role.code,
                    role.country,
                    role.sector,
                    person.name,
                    text,
                    start,
                    end,
                    rule=f"person:{person.id}",
                )
            past = person.role_on(None)
            if past is not None and past.country:
                return Actor(
                    past.country + "ELI",
                    past.country,
                    "ELI",
                    person.name,
                    text,
                    start,
                    end,
                    rule=f"person-former:{person.id}",
                )
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
        if places:
            place = places[-1] if sector else places[0]
            iso = place.country
            code: str = place.code or ""
            if sector:
                code = f"{code[:3]}{sector}"
            elif place.kind == "metonym":
                sector = "GOV"
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
        if sector:
            return Actor(
                f"---{sector}", None, sector, None, text, start, end, rule=f"agent:{agents[-1].id}"
            )
        return None

    def _surname_ok(self, person: Entry, ctx: StoryContext) -> bool:
        """A bare surname stands for a known person when the story names them or the role fits."""
        return (
            person.id in {e.id for e in ctx.local_names.values()}
            or person.role_on(ctx.date) is not None
        )

    def _local_name(
        self, toks: Sequence[Any], ctx: StoryContext, text: str, start: int, end: int
    ) -> Actor | None:
        for t in toks:
            if t.pos_ == "PROPN" and t.lower_ in ctx.local_names:
                person = ctx.local_names[t.lower_]
                role = person.role_on(ctx.date) or person.role_on(None)
                if role is not None:
                    return Actor(
                        role.code,
                        role.country,
                        role.sector,
                        person.name,
                        text,
                        start,
                        end,
                        rule=f"story-name:{person.id}",
                    )
        return None

    def _pronoun(
        self, head: Any, ctx: StoryContext, start: int, end: int, exclude: set[str | None]
    ) -> Actor | None:
        want_person = head.lower_ in PERSON_PRONOUNS
        for pos, actor in reversed(ctx.history):
            if pos >= start:
                continue
            is_person = actor.name is not None and actor.rule.startswith(("person", "story-name"))
            if is_person != want_person or actor.code in exclude:
                continue
            if not want_person and actor.country is None:
                continue
            return Actor(
                actor.code,
                actor.country,
                actor.sector,
                actor.name,
                head.text,
                start,
                end,
                rule=f"pronoun->{actor.rule}",
            )
        return None
