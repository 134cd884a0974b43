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
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from herodotus.geo import Geocoder, PlaceKind, PlaceWords
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


# Entities that may date an event: dates, and times of day ("last night", "this morning").
EVENT_DATE_ENTS = frozenset({"DATE", "TIME"})


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


def _overlaps(span: tuple[int, int] | None, start: int, end: int) -> bool:
    """Whether characters [start, end) touch a span (none when there is no span)."""
    return span is not None and start < span[1] and span[0] < end


def event_date(
    doc: Any, trigger_i: int, anchor: dt.date | None, filed: tuple[int, int] | None = None
) -> EventDate:
    """The date of the event whose trigger is token ``trigger_i``: a date its own clause
    governs (the nearer the clause, the better: the trigger's verb, then the verbs
    above it; a verb coordinated with one of them shares its date, "killed two and
    wounded three yesterday"), else a date elsewhere in its sentence; the nearest to
    the trigger among equals. Times of day count ("last night"). ``filed`` are the doc's
    characters of the dateline's date, which says when the story was filed, not when
    its events happened, even where the parser hangs it on the first verb."""
    trigger = doc[trigger_i]
    sent = trigger.sent
    pred = _predicate(trigger)
    chain = [pred, *_ancestors(pred)]
    rank_of: dict[int, int] = {}
    for rank, tok in enumerate(chain):
        rank_of.setdefault(tok.i, 2 * rank)
        for conj in tok.conjuncts:
            rank_of.setdefault(conj.i, 2 * rank + 1)
    elsewhere = 2 * len(chain) + 2  # a date of the sentence that no clause above governs
    best: tuple[tuple[int, int], EventDate] | None = None
    for ent in sent.ents:
        if ent.label_ not in EVENT_DATE_ENTS:
            continue
        if _overlaps(filed, ent.start_char, ent.end_char):
            continue
        gov = _predicate(ent.root)
        start = ent.start
        if start > sent.start and doc[start - 1].lower_ in DATE_LEAD_WORDS:
            start -= 1
        found = find_dates(doc[start : ent.end].text, anchor, _tense(gov))
        if not found:
            continue
        distance = min(abs(trigger_i - ent.start), abs(trigger_i - (ent.end - 1)))
        key = (rank_of.get(gov.i, elsewhere), distance)
        if best is None or key < best[0]:
            best = (key, EventDate(found[0].value.isoformat(), found[0].precision))
    if best is not None:
        return best[1]
    return EventDate(anchor.isoformat() if anchor else None, "unknown")


# Inside a locative phrase, the place is the object itself or hangs off it by these
# ("the port of Vladivostok", "Marjeh district, Helmand province"), never by a
# possessive ("his summit with Russia's Putin" names a person, not a place).
PLACE_PATH_DEPS = frozenset({"compound", "appos", "conj", "pobj", "npadvmod", "nmod", "amod"})
PLACE_PATH_PREPS = frozenset({"of", "in", "near", "off", "outside"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# Dependents that open another clause or another participant: a place there is theirs.
NOT_THE_CLAUSE = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "csubj",
        "ccomp",
        "advcl",
        "relcl",
        "conj",
        "parataxis",
        "xcomp",
        "acl",
        "agent",
        "poss",
        "mark",
        "punct",
    }
)


@dataclass(frozen=True, slots=True)
class _Chunk:
    start: int
    end: int
    kind: PlaceKind


def _locative_preps(tok: Any) -> list[Any]:
    """Locative prepositions in the clause of ``tok``, nearest first."""
    out: list[Any] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in NOT_THE_CLAUSE:
                continue
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                out.append(c)
            stack.append(c)
    return sorted(out, key=lambda p: abs(p.i - tok.i))


def _phrase_tokens(prep: Any, words: PlaceWords) -> list[Any]:
    toks: list[Any] = []
    stack = [g for g in prep.children if g.dep_ == "pobj"]
    while stack:
        t = stack.pop()
        toks.append(t)
        placeish = (
            t.pos_ == "PROPN"
            or t.ent_type_ in PLACE_ENTS
            or t.lower_ in words.region_words | words.local_words
        )
        for g in t.children:
            if g.dep_ in MODIFIER_DEPS and not placeish:
                continue  # "at the DPRK-US summit talks": the parties, not the place
            if g.dep_ in PLACE_PATH_DEPS or (g.dep_ == "prep" and g.lower_ in PLACE_PATH_PREPS):
                stack.append(g)
    if not toks:
        return toks
    # "in Andar district, Ghazni province": the parser may hang the second part elsewhere;
    # the words that run on after a comma still belong to the place.
    doc = prep.doc
    j = max(t.i for t in toks) + 1
    end = prep.sent.end
    while (
        j + 1 < end
        and doc[j].text == ","
        and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].ent_type_ in PLACE_ENTS)
    ):
        k = j + 1
        while k < end and (
            doc[k].pos_ == "PROPN"
            or doc[k].ent_type_ in PLACE_ENTS
            or doc[k].lower_ in words.region_words | words.local_words
        ):
            toks.append(doc[k])
            k += 1
        j = k
    return sorted(toks, key=lambda t: t.i)


def _chunks(doc: Any, toks: list[Any], words: PlaceWords) -> list[_Chunk]:
    """Place names in a phrase, each with the kind its trailing word gives it."""
    inside = {t.i for t in toks}
    out: list[_Chunk] = []
    i = 0
    ordered = sorted(inside)
    while i < len(ordered):
        k = ordered[i]
        tok = doc[k]
        place_words = words.region_words | words.local_words
        starts_name = tok.ent_type_ in PLACE_ENTS or (
            tok.pos_ == "PROPN" and tok.text[:1].isupper()
        )
        if starts_name and tok.lower_ not in place_words:
            start = k
            end = k + 1
            while (
                end in inside
                and doc[end].lower_ not in place_words
                and (doc[end].ent_type_ in PLACE_ENTS or doc[end].pos_ == "PROPN")
            ):
                end += 1
            kind: PlaceKind = "any"
            if end < len(doc) and doc[end].lower_ in words.region_words:
                kind = "region"
            elif end < len(doc) and doc[end].lower_ in words.local_words:
                kind = "local"
            if tok.ent_type_ in PLACE_ENTS or kind != "any":
                out.append(_Chunk(start, end, kind))
            while i < len(ordered) and ordered[i] < end:
                i += 1
            continue
        i += 1
    return out


def event_place(
    doc: Any,
    trigger_i: int,
    geocoder: Geocoder,
    story_countries: Collection[str],
    words: PlaceWords,
) -> Location | None:
    """Where the event whose trigger is token ``trigger_i`` happened, if its clause (or
    a clause coordinated with it) says.

    The name is the place as written ("Marjeh district, Helmand province"); country,
    first-level region and coordinates come from the most specific part that resolves.
    """
    trigger = doc[trigger_i]
    looked: list[Any] = [trigger]
    pred = _predicate(trigger)
    if pred.i != trigger.i:
        looked.append(pred)
    # A verb coordinated with the event's shares its place ("detained two and found a
    # cache during an operation in Logar"), after the event's own clause.
    looked += [c for c in pred.conjuncts if c.pos_ in ("VERB", "AUX")]
    for tok in looked:
        phrases = [_phrase_tokens(p, words) for p in _locative_preps(tok)]
        phrases += [[c] for c in tok.children if c.dep_ == "compound" and c.ent_type_ in PLACE_ENTS]
        for toks in phrases:
            loc = _resolve_phrase(doc, toks, geocoder, story_countries, words)
            if loc is None:
                continue
            if len(toks) == 1 and toks[0].dep_ == "compound" and loc.lat is None:
                continue  # "the DPRK-US summit": countries there are the parties, not a place
            return loc
    return None


def _resolve_phrase(
    doc: Any,
    toks: list[Any],
    geocoder: Geocoder,
    story_countries: Collection[str],
    words: PlaceWords,
) -> Location | None:
    chunks = _chunks(doc, toks, words)
    resolved = [
        (c, loc)
        for c in chunks
        for loc in [geocoder.geocode(doc[c.start : c.end].text, story_countries, c.kind)]
        if loc is not None
    ]
    # Within one phrase, the parts that lie in the story's countries win ("Daman district,
    # Kandahar province" in a story about Afghanistan is not Daman in India).
    local = [(c, loc) for c, loc in resolved if loc.country in story_countries]
    resolved = local or [(c, loc) for c, loc in resolved if c.kind != "local"]
    if not resolved:
        return None
    country = resolved[0][1].country
    # Towns and districts before regions before countries: the most specific place.
    ranked = sorted(resolved, key=lambda cl: (cl[1].lat is None, cl[0].kind == "region"))
    best = ranked[0][1]
    admin1 = next((loc.admin1 for _, loc in resolved if loc.admin1), None)
    named = [c for c in chunks if c.start >= resolved[0][0].start or c.kind != "any"]
    name = ", ".join(doc[c.start : (c.end + 1 if c.kind != "any" else c.end)].text for c in named)
    return Location(name=name, country=country, lat=best.lat, lon=best.lon, admin1=admin1)


# A paragraph shorter than this is a header (a release number, a dateline), not the lead.
LEAD_MIN_TOKENS = 8
# Tags of a finite verb: a line without one is a title or a header ("ISAF Joint Command
# Morning Operational Update, Feb. 27, 2011"), not the body.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _is_header(doc: Any) -> bool:
    """A paragraph too short to be the lead, or with no finite verb."""
    return len(doc) < LEAD_MIN_TOKENS or not any(t.tag_ in FINITE_TAGS for t in doc)


def story_date(
    docs: Sequence[tuple[Any, Any]],
    anchor: dt.date | None,
    filed: tuple[int, int] | None = None,
) -> EventDate | None:
    """The first date the body of a story gives, read in the past tense: what the story's
    events are dated by when their own sentences say nothing. A possessive date
    ("Tuesday's attack") dates the thing it names, often an earlier event, and is passed
    over. ``docs`` are (piece, doc) with the piece's article ``offset``; ``filed``, the
    article characters of the dateline's date, is not the body's, and dates the story
    only when the body gives no date (the day a story was filed dates the events it tells
    without one)."""
    dateline: EventDate | None = None
    for piece, doc in docs:
        if len(doc) < LEAD_MIN_TOKENS:
            continue
        offset = getattr(piece, "offset", 0)
        for ent in doc.ents:
            if ent.label_ != "DATE" or ent.root.dep_ == "poss":
                # "Tuesday's attack": a possessive date dates the thing it names.
                continue
            start = ent.start
            if start > 0 and doc[start - 1].lower_ in DATE_LEAD_WORDS:
                start -= 1
            found = find_dates(doc[start : ent.end].text, anchor, "past")
            if not found:
                continue
            date = EventDate(found[0].value.isoformat(), found[0].precision)
            if _overlaps(filed, offset + ent.start_char, offset + ent.end_char):
                dateline = dateline or date
                continue
            return date
    return dateline


def story_place(
    docs: Sequence[tuple[Any, Any]],
    geocoder: Geocoder,
    story_countries: Collection[str],
    words: PlaceWords,
    filed: tuple[int, int] | None = None,
) -> Location | None:
    """The first place the body of a story names in a locative phrase: where the lead's
    events happen, and with them the story's other events. A line that ends with the
    dateline's date (``filed``, article characters) is the dateline, not the body."""
    for piece, doc in docs:
        if _is_header(doc):
            continue
        end = getattr(piece, "offset", 0) + len(doc.text.rstrip())
        if filed is not None and filed[0] < end <= filed[1] + 2:
            continue
        for tok in doc:
            if tok.dep_ == "prep" and tok.lower_ in LOCATIVE_PREPS:
                loc = _resolve_phrase(
                    doc, _phrase_tokens(tok, words), geocoder, story_countries, words
                )
                if loc is not None:
                    return loc
        return None  # the lead paragraph only
    return None
