"""Attaching a date and a place to a coded event, from its clause in the parse.

The date comes from a date expression governed by the event's own predicate,
else by a predicate above it in the same sentence, else it is the publication
date with precision ``unknown``. The place comes from a locative phrase ("in
Vladivostok", "at talks in Hanoi", "his Hanoi summit") on the predicate or on
the predicate above it; no phrase, no place: a place is never guessed from
elsewhere in the story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from herodotus.geo import Geocoder
from herodotus.model import DatePrecision, Location
from herodotus.time import Tense, find_dates

LOCATIVE_PREPS = frozenset({"in", "at", "near", "off", "outside", "inside", "across", "throughout"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
DATE_LEAD_WORDS = frozenset(
    {
        "on",
        "in",
        "since",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid",
        "earlier",
        "later",
        "until",
        "by",
    }
)


@dataclass(frozen=True, slots=True)
class EventDate:
    iso: str | None
    precision: DatePrecision


def _predicate(tok: Any) -> Any:
    """The verb that governs a token (the token itself when it is one)."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _ancestors(tok: Any) -> list[Any]:
    out = []
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        out.append(cur)
    return out


def _tense(pred: Any) -> Tense:
    aux = {c.lower_ for c in pred.children if c.dep_ == "aux"}
    if aux & {"will", "'ll", "shall"} or pred.tag_ == "MD":
        return "future"
    if pred.tag_ in ("VBD", "VBN"):
        return "past"
    return "past" if pred.tag_ not in ("VBZ", "VBP") else "present"


def event_date(doc: Any, trigger_i: int, anchor: dt.date | None) -> EventDate:
    """The date of the event whose trigger is token ``trigger_i``."""
    trigger = doc[trigger_i]
    sent = trigger.sent
    pred = _predicate(trigger)
    chain = [t.i for t in (pred, *_ancestors(pred))]
    best: tuple[int, EventDate] | None = None
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        gov = _predicate(ent.root)
        try:
            rank = chain.index(gov.i)
        except ValueError:
            continue
        start = ent.start
        if start > sent.start and doc[start - 1].lower_ in DATE_LEAD_WORDS:
            start -= 1
        text = doc[start : ent.end].text
        found = find_dates(text, anchor, _tense(gov))
        if not found:
            continue
        d = found[0]
        cand = EventDate(d.value.isoformat(), d.precision)
        if best is None or rank < best[0]:
            best = (rank, cand)
    if best is not None:
        return best[1]
    return EventDate(anchor.isoformat() if anchor else None, "unknown")


# Inside a locative phrase, the place is the object itself or hangs off it by these
# ("the port of Vladivostok", "Adigrat district in Tigray"), never by a possessive
# ("his summit with Russia's Putin" names a person, not a place).
PLACE_PATH_DEPS = frozenset({"compound", "appos", "conj", "pobj", "npadvmod"})
PLACE_PATH_PREPS = frozenset({"of", "in", "near", "off", "outside"})


def _place_tokens(tok: Any) -> list[Any]:
    """Place-entity tokens of the locative phrases of a token, and of its compounds."""
    out: list[Any] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
            stack = [g for g in c.children if g.dep_ == "pobj"]
            while stack:
                t = stack.pop()
                if t.ent_type_ in PLACE_ENTS:
                    out.append(t)
                for g in t.children:
                    if g.dep_ in PLACE_PATH_DEPS or (
                        g.dep_ == "prep" and g.lower_ in PLACE_PATH_PREPS
                    ):
                        stack.append(g)
        elif c.dep_ == "compound" and c.ent_type_ in PLACE_ENTS:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def event_place(
    doc: Any, trigger_i: int, geocoder: Geocoder, story_countries: Collection[str]
) -> Location | None:
    """Where the event whose trigger is token ``trigger_i`` happened, if the clause says."""
    trigger = doc[trigger_i]
    looked: list[Any] = [trigger]
    pred = _predicate(trigger)
    if pred.i != trigger.i:
        looked.append(pred)
    for tok in looked:
        toks = _place_tokens(tok)
        # Consecutive tokens of one entity form one name; a town beats a country.
        found = [
            loc
            for ent in doc.ents
            if ent.label_ in PLACE_ENTS and any(ent.start <= t.i < ent.end for t in toks)
            for loc in [geocoder.geocode(ent.text, story_countries)]
            if loc is not None
        ]
        if found:
            return next((loc for loc in found if loc.lat is not None), found[0])
    return None
