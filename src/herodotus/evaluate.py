"""Score the system's events against gold files, by the rules of the gold format.

The rules (the gold format's "Matching and metrics") are implemented here once,
so that every number the ``eval`` command prints means the same thing from one
release to the next and from one data set to another:

1. Predictions are reduced per document to distinct keys (source country,
   target country, CAMEO root, date at its precision), keeping the most
   confident record of each key.
2. Required gold events, in file order, are each matched greedily to at most
   one unused prediction whose actors and root fit; a candidate whose date
   agrees is preferred.
3. Precision, recall and F1 over those matches; date, location and PLOVER
   accuracy on the matched pairs; root accuracy, quote recall and PentaClass
   accuracy per document.

Where the format leaves a choice open, the decision is written down next to
the code that makes it (look for "Decision:").

>>> gold = [GoldDoc(id="d1", date=None, title=None, text="",
...                 events=(GoldEvent(source="RUS", target="UKR", cameo="112"),))]
>>> pred = {"d1": [{"source": {"code": "RUSGOV", "country": "RUS"},
...                 "target": {"code": "UKR", "country": "UKR"},
...                 "cameo": "111", "confidence": 0.9}]}
>>> score(gold, pred).event_f1
1.0
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from herodotus.errors import GoldFormatError, InputError

logger = logging.getLogger(__name__)

__all__ = [
    "DocumentScore",
    "EventKey",
    "GoldDoc",
    "GoldEvent",
    "GoldLocation",
    "GoldQuote",
    "Match",
    "Report",
    "load_gold",
    "pentaclass_of_root",
    "score",
]

_CAMEO_RE = re.compile(r"^\d{2,4}$")
_GOLD_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_ACTOR_RE = re.compile(r"^[A-Z0-9]{3,}$")
_PRECISION_LENGTH: dict[str, int] = {"year": 4, "month": 7, "day": 10}

# ConfliBERT's five classes by CAMEO root (appeals, 02, count as statements).
_PENTACLASS: dict[str, int] = {
    **{r: 0 for r in ("01", "02")},
    **{r: 1 for r in ("03", "04", "05")},
    **{r: 2 for r in ("06", "07", "08")},
    **{r: 3 for r in ("09", "10", "11", "12", "13", "16")},
    **{r: 4 for r in ("14", "15", "17", "18", "19", "20")},
}


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class GoldLocation:
    """Where a gold event happened; ``name`` is None when only the country is known."""

    name: str | None
    country: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One event a human coder found; defaults are those of a bare, required event."""

    source: str | None
    target: str | None
    cameo: str
    alt_cameo: tuple[str, ...] = ()
    plover: str | None = None
    symmetric: bool = False
    date: str | None = None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    alt_dates: tuple[str, ...] = ()
    location: GoldLocation | None = None
    required: bool = True
    evidence: str | None = None
    pentaclass: int | None = None

    @property
    def roots(self) -> frozenset[str]:
        """The CAMEO roots a prediction may carry: that of ``cameo`` or of any ``alt_cameo``."""
        return frozenset(code[:2] for code in (self.cameo, *self.alt_cameo))


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """Words a gold speaker (a prefix, like an actor) is expected to be quoted saying."""

    speaker: str | None
    text_contains: str
    speaker_name: str | None = None
    via: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document: its text and everything a careful coder finds in it."""

    id: str
    date: str | None
    title: str | None
    text: str
    events: tuple[GoldEvent, ...] = ()
    quotes: tuple[GoldQuote, ...] = ()
    origin: str = ""  # "path:line", to point at the record when something looks wrong

    @property
    def gold_required(self) -> int:
        return sum(1 for e in self.events if e.required)


def load_gold(path: Path) -> list[GoldDoc]:
    """Read a ``*.gold.jsonl`` file, checking every record against the gold format.

    A gold file is the yardstick: a silently misread record would move every
    number, so any deviation raises :class:`GoldFormatError` naming file and
    line rather than being skipped. Blank lines are allowed; an unreadable path
    raises :class:`InputError`.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: gold file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read gold file: {exc}") from exc

    docs: list[GoldDoc] = []
    seen: dict[str, str] = {}
    # Split on newlines only: str.splitlines() would also break at U+2028 and
    # form feeds, which JSON strings may legally hold (ISAF texts do).
    for lineno, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{where}: not valid JSON: {exc.msg}") from exc
        doc = _parse_doc(record, where)
        if doc.id in seen:
            raise GoldFormatError(
                f"{where}: duplicate document id {doc.id!r} (first at {seen[doc.id]})"
            )
        seen[doc.id] = where
        docs.append(doc)
    if not docs:
        raise GoldFormatError(f"{path}: holds no documents")
    logger.debug("read %d gold documents from %s", len(docs), path)
    return docs


def _fail(where: str, message: str) -> GoldFormatError:
    return GoldFormatError(f"{where}: {message}")


def _opt_str(obj: Mapping[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _fail(where, f"{key!r} must be a string or null, not {type(value).__name__}")


def _bool(obj: Mapping[str, Any], key: str, default: bool, where: str) -> bool:
    value = obj.get(key, default)
    if isinstance(value, bool):
        return value
    raise _fail(where, f"{key!r} must be true or false")


def _str_list(obj: Mapping[str, Any], key: str, where: str) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, f"{key!r} must be a list of strings")
    return list(value)


def _check_gold_date(value: str, where: str, what: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day."""
    if not _GOLD_DATE_RE.match(value):
        raise _fail(where, f"{what} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise _fail(where, f"{what} {value!r} is not a real date") from exc
    return value


def _check_cameo(value: str, where: str, what: str) -> str:
    if not _CAMEO_RE.match(value) or not "01" <= value[:2] <= "20":
        raise _fail(
            where, f"{what} {value!r} is not a CAMEO event code (2 to 4 digits, root 01-20)"
        )
    return value


def _check_actor(value: str | None, where: str, what: str) -> str | None:
    if value is not None and not _ACTOR_RE.match(value):
        raise _fail(where, f"{what} {value!r} is not an actor code prefix (upper-case, 3+ chars)")
    return value


def _parse_doc(record: object, where: str) -> GoldDoc:
    if not isinstance(record, dict):
        raise _fail(where, "a gold record must be a JSON object")
    doc_id = record.get("id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise _fail(where, "'id' must be a non-empty string")
    origin = where
    where = f"{where} ({doc_id})"
    date = _opt_str(record, "date", where)
    if date is not None:
        if len(date) != 10:
            raise _fail(where, f"publication date {date!r} must be YYYY-MM-DD")
        _check_gold_date(date, where, "publication date")
    title = _opt_str(record, "title", where)
    text = record.get("text")
    if not isinstance(text, str):
        raise _fail(where, "'text' must be a string")
    events_raw = record.get("events")
    if not isinstance(events_raw, list):
        raise _fail(where, "'events' must be a list (empty when nothing codable happens)")
    events = tuple(_parse_event(e, f"{where} event {i + 1}") for i, e in enumerate(events_raw))
    quotes_raw = record.get("quotes")
    if quotes_raw is None:
        quotes_raw = []
    if not isinstance(quotes_raw, list):
        raise _fail(where, "'quotes' must be a list")
    quotes = tuple(_parse_quote(q, f"{where} quote {i + 1}") for i, q in enumerate(quotes_raw))
    meta = record.get("meta")
    if meta is not None and not isinstance(meta, dict):
        raise _fail(where, "'meta' must be an object")
    return GoldDoc(
        id=doc_id,
        date=date,
        title=title,
        text=text,
        events=events,
        quotes=quotes,
        origin=origin,
    )


def _parse_event(raw: object, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise _fail(where, "an event must be a JSON object")
    cameo = raw.get("cameo")
    if not isinstance(cameo, str):
        raise _fail(where, "'cameo' must be a string")
    _check_cameo(cameo, where, "cameo")
    alt_cameo = [_check_cameo(c, where, "alt_cameo") for c in _str_list(raw, "alt_cameo", where)]
    date = _opt_str(raw, "date", where)
    if date is not None:
        _check_gold_date(date, where, "date")
    alt_dates = [_check_gold_date(d, where, "alt_date") for d in _str_list(raw, "alt_dates", where)]
    location: GoldLocation | None = None
    loc_raw = raw.get("location")
    if loc_raw is not None:
        if not isinstance(loc_raw, dict):
            raise _fail(where, "'location' must be an object or null")
        country = loc_raw.get("country")
        if not isinstance(country, str) or not country.strip():
            raise _fail(where, "'location.country' must be a non-empty string")
        location = GoldLocation(name=_opt_str(loc_raw, "name", where), country=country)
    pentaclass = raw.get("pentaclass")
    if pentaclass is not None and (
        isinstance(pentaclass, bool) or not isinstance(pentaclass, int) or not 0 <= pentaclass <= 4
    ):
        raise _fail(where, f"'pentaclass' must be an integer 0-4, not {pentaclass!r}")
    return GoldEvent(
        source=_check_actor(_opt_str(raw, "source", where), where, "source"),
        target=_check_actor(_opt_str(raw, "target", where), where, "target"),
        cameo=cameo,
        alt_cameo=tuple(alt_cameo),
        plover=_opt_str(raw, "plover", where),
        symmetric=_bool(raw, "symmetric", False, where),
        date=date,
        alt_dates=tuple(alt_dates),
        location=location,
        required=_bool(raw, "required", True, where),
        evidence=_opt_str(raw, "evidence", where),
        pentaclass=pentaclass,
    )


def _parse_quote(raw: object, where: str) -> GoldQuote:
    if not isinstance(raw, dict):
        raise _fail(where, "a quote must be a JSON object")
    contains = raw.get("text_contains")
    if not isinstance(contains, str) or not contains.strip():
        raise _fail(where, "'text_contains' must be a non-empty string")
    return GoldQuote(
        speaker=_check_actor(_opt_str(raw, "speaker", where), where, "speaker"),
        text_contains=contains,
        speaker_name=_opt_str(raw, "speaker_name", where),
        via=_opt_str(raw, "via", where),
    )


# --------------------------------------------------------------------- predictions


@dataclass(frozen=True, slots=True)
class EventKey:
    """The identity of a prediction after reduction: who, whom, which root, when."""

    source: str | None
    target: str | None
    root: str | None
    date: str | None  # at the prediction's precision: "2019-02" for a month

    def __str__(self) -> str:
        return f"{self.source or '-'}>{self.target or '-'} {self.root or '??'} {self.date or '-'}"


@dataclass(frozen=True, slots=True)
class _Actor:
    code: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class _Pred:
    """A prediction as the scorer sees it, read defensively from an event dict."""

    index: int  # position among the document's predictions, for stable tie-breaks
    source: _Actor | None
    target: _Actor | None
    root: str | None
    date: str | None
    plover: str | None
    location_name: str | None
    location_country: str | None
    confidence: float

    @property
    def key(self) -> EventKey:
        return EventKey(_key_actor(self.source), _key_actor(self.target), self.root, self.date)


def _key_actor(actor: _Actor | None) -> str | None:
    # Decision: an actor without a country (an organisation such as IGOUNO) is
    # keyed by its code, so that the UN and NATO do not collapse into one key.
    if actor is None:
        return None
    return actor.country or actor.code


def _upper(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip().upper()
    return None


def _read_actor(value: object) -> _Actor | None:
    if not isinstance(value, Mapping):
        return None
    code, country = _upper(value.get("code")), _upper(value.get("country"))
    if code is None and country is None:
        return None
    return _Actor(code, country)


def _read_root(cameo: object) -> str | None:
    """The CAMEO root of a predicted code; a missing or malformed code has none."""
    if isinstance(cameo, str):
        cameo = cameo.strip()
        if _CAMEO_RE.match(cameo) and "01" <= cameo[:2] <= "20":
            return cameo[:2]
    return None


def _read_date(date: object, precision: object) -> str | None:
    """The prediction's date cut to its precision; unknown precision means no date.

    Decision: without a ``date_precision`` field the date is taken at the
    precision its own string shows ("2019-02" is a month).
    """
    if not isinstance(date, str) or precision == "unknown":
        return None
    text = date.strip()[:10]
    if not _GOLD_DATE_RE.match(text):
        return None
    if isinstance(precision, str) and precision in _PRECISION_LENGTH:
        text = text[: _PRECISION_LENGTH[precision]]
    return text


def _read_confidence(value: object) -> float:
    # Decision: a record without a numeric confidence claims none: 0.0.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


def _read_pred(index: int, record: Mapping[str, Any]) -> _Pred:
    loc = record.get("location")
    loc_name = loc_country = None
    if isinstance(loc, Mapping):
        name = loc.get("name")
        loc_name = name.strip() if isinstance(name, str) and name.strip() else None
        loc_country = _upper(loc.get("country"))
    plover = record.get("plover")
    return _Pred(
        index=index,
        source=_read_actor(record.get("source")),
        target=_read_actor(record.get("target")),
        root=_read_root(record.get("cameo")),
        date=_read_date(record.get("date"), record.get("date_precision")),
        plover=plover.strip().upper() if isinstance(plover, str) and plover.strip() else None,
        location_name=loc_name,
        location_country=loc_country,
        confidence=_read_confidence(record.get("confidence")),
    )


def _reduce(preds: Iterable[_Pred]) -> list[_Pred]:
    """One prediction per key, the most confident; the first of equals; input order kept."""
    best: dict[EventKey, _Pred] = {}
    for pred in preds:
        kept = best.get(pred.key)
        if kept is None or pred.confidence > kept.confidence:
            best[pred.key] = pred
    return sorted(best.values(), key=lambda p: p.index)


# ----------------------------------------------------------------------- matching


def _actor_matches(prefix: str | None, actor: _Actor | None) -> bool:
    """Gold null matches anything (even no actor); else code prefix or equal country."""
    if prefix is None:
        return True
    if actor is None:
        return False
    prefix = prefix.upper()
    return (actor.code is not None and actor.code.startswith(prefix)) or actor.country == prefix


def _fits(gold: GoldEvent, pred: _Pred) -> bool:
    """Actors and root agree; a symmetric gold event also accepts swapped actors."""
    if pred.root is None or pred.root not in gold.roots:
        return False
    if _actor_matches(gold.source, pred.source) and _actor_matches(gold.target, pred.target):
        return True
    return (
        gold.symmetric
        and _actor_matches(gold.source, pred.target)
        and _actor_matches(gold.target, pred.source)
    )


def _date_agrees_with(gold_date: str, pred_date: str) -> bool:
    # Agreement to the gold's precision: the prediction must be at least as precise
    # and begin with the gold date ("2019-02-14" meets "2019-02"; "2019-02" does
    # not meet "2019-02-14": a month is not a day).
    return len(pred_date) >= len(gold_date) and pred_date.startswith(gold_date)


def _date_agrees(gold: GoldEvent, pred: _Pred) -> bool | None:
    """None when the gold date is not scored; otherwise whether the prediction agrees.

    Decision: ``alt_dates`` are held to the same rule as ``date`` (for the
    day-precision alternatives the files use, that is plain equality).
    """
    if gold.date is None:
        return None
    if pred.date is None:
        return False
    return any(_date_agrees_with(d, pred.date) for d in (gold.date, *gold.alt_dates))


def _name_agrees(gold: str, pred: str | None) -> bool:
    if pred is None:
        return False
    g, p = gold.strip().casefold(), pred.strip().casefold()
    return bool(g) and bool(p) and (g in p or p in g)


def pentaclass_of_root(root: str | None) -> int | None:
    """ConfliBERT's five classes for a CAMEO root; None for anything that is not a root."""
    return _PENTACLASS.get(root) if root is not None else None


# ------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Match:
    """A required gold event and the prediction matched to it, with per-field verdicts.

    A verdict is None where the gold leaves the field unscored.
    """

    gold_index: int  # position in the gold document's ``events``
    key: EventKey
    date_right: bool | None
    plover_right: bool | None
    location_country_right: bool | None
    location_name_right: bool | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_index": self.gold_index,
            "key": str(self.key),
            "date_right": self.date_right,
            "plover_right": self.plover_right,
            "location_country_right": self.location_country_right,
            "location_name_right": self.location_name_right,
        }


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """What happened in one document, for finding out why a number is what it is."""

    id: str
    matched: tuple[Match, ...] = ()
    missed: tuple[int, ...] = ()  # indices of required gold events left unmatched
    false_positives: tuple[EventKey, ...] = ()
    duplicates: tuple[EventKey, ...] = ()  # fit an already matched gold event
    optional_only: tuple[EventKey, ...] = ()  # fit only optional gold events
    root_right: bool | None = None  # None: not a root-accuracy document
    pentaclass_right: bool | None = None  # None: no gold pentaclass here
    quotes_missed: tuple[str, ...] = ()  # text_contains of gold quotes not found
    quotes_found: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "matched": [m.to_dict() for m in self.matched],
            "missed": list(self.missed),
            "false_positives": [str(k) for k in self.false_positives],
            "duplicates": [str(k) for k in self.duplicates],
            "optional_only": [str(k) for k in self.optional_only],
            "root_right": self.root_right,
            "pentaclass_right": self.pentaclass_right,
            "quotes_found": self.quotes_found,
            "quotes_missed": list(self.quotes_missed),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Every count and metric of one scoring run; a metric with n == 0 is None."""

    threshold: float
    docs: int
    gold_required: int
    predictions: int  # after the threshold and the per-document reduction
    matched: int
    false_positives: int
    duplicates: int
    optional_only: int
    event_precision: float | None
    event_recall: float | None
    event_f1: float | None
    root_accuracy: float | None
    root_n: int
    plover_accuracy: float | None
    plover_n: int
    date_accuracy: float | None
    date_n: int
    location_country_accuracy: float | None
    location_country_n: int
    location_name_accuracy: float | None
    location_name_n: int
    quote_recall: float | None
    quote_n: int
    pentaclass_accuracy: float | None
    pentaclass_n: int
    documents: tuple[DocumentScore, ...] = field(default=(), repr=False)

    def to_dict(self, detail: bool = False) -> dict[str, Any]:
        """Counts and metrics as plain JSON values; ``detail`` adds every document."""
        out: dict[str, Any] = {
            "threshold": self.threshold,
            "docs": self.docs,
            "gold_required": self.gold_required,
            "predictions": self.predictions,
            "matched": self.matched,
            "false_positives": self.false_positives,
            "duplicates": self.duplicates,
            "optional_only": self.optional_only,
            "event_precision": self.event_precision,
            "event_recall": self.event_recall,
            "event_f1": self.event_f1,
        }
        for name in _NAMED_METRICS:
            out[name] = getattr(self, name)
            out[_n_field(name)] = getattr(self, _n_field(name))
        if detail:
            out["documents"] = [d.to_dict() for d in self.documents]
        return out

    def as_rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a two-column table; n/a where nothing was scored."""
        rows: list[tuple[str, str]] = [
            ("documents", str(self.docs)),
            ("required gold events", str(self.gold_required)),
            ("predictions", str(self.predictions)),
            ("matched", str(self.matched)),
            ("false positives", str(self.false_positives)),
            ("duplicates (not counted)", str(self.duplicates)),
            ("optional only (not counted)", str(self.optional_only)),
            ("event precision", _fmt(self.event_precision)),
            ("event recall", _fmt(self.event_recall)),
            ("event F1", _fmt(self.event_f1)),
        ]
        for name, label in _NAMED_METRICS.items():
            n = getattr(self, _n_field(name))
            rows.append((label, f"{_fmt(getattr(self, name))} (n={n})"))
        return rows


_NAMED_METRICS: dict[str, str] = {
    "root_accuracy": "root accuracy",
    "plover_accuracy": "PLOVER accuracy",
    "date_accuracy": "date accuracy",
    "location_country_accuracy": "location country accuracy",
    "location_name_accuracy": "location name accuracy",
    "quote_recall": "quote recall",
    "pentaclass_accuracy": "PentaClass accuracy",
}


def _n_field(metric: str) -> str:
    if metric == "quote_recall":
        return "quote_n"
    return metric.rsplit("_", 1)[0] + "_n"


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _ratio(right: int, n: int) -> float | None:
    return right / n if n else None


class _Tally:
    """Right/total counters for the accuracies, fed one verdict at a time."""

    def __init__(self) -> None:
        self.right = 0
        self.n = 0

    def add(self, verdict: bool | None) -> None:
        if verdict is not None:
            self.n += 1
            self.right += verdict

    @property
    def value(self) -> float | None:
        return _ratio(self.right, self.n)


# -------------------------------------------------------------------------- score


def score(
    gold: Sequence[GoldDoc],
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
    quotes: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    threshold: float = 0.0,
) -> Report:
    """Score predicted events (and quotes) of each gold document against the gold.

    ``predictions`` maps a document id to its event dicts (``Event.to_dict()``
    shape); documents without an entry predicted nothing, and ids absent from
    the gold are ignored. Events whose confidence is below ``threshold`` are
    dropped first. ``quotes`` maps a document id to ``Quote.to_dict()`` dicts;
    when it is None, quote recall is not scored at all (None, n=0).
    """
    ids = [doc.id for doc in gold]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise GoldFormatError(f"duplicate gold document id(s): {', '.join(dupes[:5])}")
    unknown = set(predictions) - set(ids)
    if unknown:
        logger.info("%d predicted document(s) are not in the gold and were ignored", len(unknown))

    tallies = {name: _Tally() for name in _NAMED_METRICS}
    documents: list[DocumentScore] = []
    for doc in gold:
        records = [_read_pred(i, r) for i, r in enumerate(predictions.get(doc.id, ()))]
        kept = [p for p in records if p.confidence >= threshold]
        doc_quotes = None if quotes is None else quotes.get(doc.id, ())
        detail = _score_document(doc, kept, doc_quotes)
        documents.append(detail)
        tallies["root_accuracy"].add(detail.root_right)
        tallies["pentaclass_accuracy"].add(detail.pentaclass_right)
        for m in detail.matched:
            tallies["plover_accuracy"].add(m.plover_right)
            tallies["date_accuracy"].add(m.date_right)
            tallies["location_country_accuracy"].add(m.location_country_right)
            tallies["location_name_accuracy"].add(m.location_name_right)
        quote_tally = tallies["quote_recall"]
        quote_tally.right += detail.quotes_found
        quote_tally.n += detail.quotes_found + len(detail.quotes_missed)

    matched = sum(len(d.matched) for d in documents)
    false_positives = sum(len(d.false_positives) for d in documents)
    duplicates = sum(len(d.duplicates) for d in documents)
    optional_only = sum(len(d.optional_only) for d in documents)
    gold_required = sum(doc.gold_required for doc in gold)
    # Decision: duplicates, like predictions of optional events, are neither hits
    # nor false positives, so they leave precision's denominator as well.
    precision = _ratio(matched, matched + false_positives)
    recall = _ratio(matched, gold_required)
    # Decision: F1 is None only when there is no required gold to recall; a
    # system that counted no predictions against required gold has recall 0 and
    # F1 0.0, not "n/a", so predicting nothing never looks better than trying.
    f1: float | None = None
    if recall is not None:
        p = precision or 0.0
        f1 = 2 * p * recall / (p + recall) if p + recall else 0.0

    report = Report(
        threshold=threshold,
        docs=len(gold),
        gold_required=gold_required,
        predictions=matched + false_positives + duplicates + optional_only,
        matched=matched,
        false_positives=false_positives,
        duplicates=duplicates,
        optional_only=optional_only,
        event_precision=precision,
        event_recall=recall,
        event_f1=f1,
        root_accuracy=tallies["root_accuracy"].value,
        root_n=tallies["root_accuracy"].n,
        plover_accuracy=tallies["plover_accuracy"].value,
        plover_n=tallies["plover_accuracy"].n,
        date_accuracy=tallies["date_accuracy"].value,
        date_n=tallies["date_accuracy"].n,
        location_country_accuracy=tallies["location_country_accuracy"].value,
        location_country_n=tallies["location_country_accuracy"].n,
        location_name_accuracy=tallies["location_name_accuracy"].value,
        location_name_n=tallies["location_name_accuracy"].n,
        quote_recall=tallies["quote_recall"].value,
        quote_n=tallies["quote_recall"].n,
        pentaclass_accuracy=tallies["pentaclass_accuracy"].value,
        pentaclass_n=tallies["pentaclass_accuracy"].n,
        documents=tuple(documents),
    )
    logger.debug("scored %d documents: F1 %s", report.docs, _fmt(report.event_f1))
    return report


def _score_document(
    doc: GoldDoc,
    raw: Sequence[_Pred],
    doc_quotes: Sequence[Mapping[str, Any]] | None,
) -> DocumentScore:
    preds = _reduce(raw)
    used: set[int] = set()
    matches: list[Match] = []
    missed: list[int] = []
    matched_gold: list[GoldEvent] = []
    for gi, g in enumerate(doc.events):
        if not g.required:
            continue
        candidates = [p for p in preds if p.index not in used and _fits(g, p)]
        if not candidates:
            missed.append(gi)
            continue
        # Preference: date agrees, then the more confident, then the earlier record.
        best = min(
            candidates, key=lambda p: (_date_agrees(g, p) is not True, -p.confidence, p.index)
        )
        used.add(best.index)
        matched_gold.append(g)
        matches.append(_match(gi, g, best))

    false_positives: list[EventKey] = []
    duplicates: list[EventKey] = []
    optional_only: list[EventKey] = []
    optional = [g for g in doc.events if not g.required]
    for p in preds:
        if p.index in used:
            continue
        if any(_fits(g, p) for g in matched_gold):
            duplicates.append(p.key)
        elif any(_fits(g, p) for g in optional):
            optional_only.append(p.key)
        else:
            false_positives.append(p.key)

    found, quotes_missed = _score_quotes(doc.quotes, doc_quotes)
    return DocumentScore(
        id=doc.id,
        matched=tuple(matches),
        missed=tuple(missed),
        false_positives=tuple(false_positives),
        duplicates=tuple(duplicates),
        optional_only=tuple(optional_only),
        root_right=_root_right(doc, preds),
        pentaclass_right=_pentaclass_right(doc, raw),
        quotes_missed=quotes_missed,
        quotes_found=found,
    )


def _match(gold_index: int, gold: GoldEvent, pred: _Pred) -> Match:
    loc = gold.location
    return Match(
        gold_index=gold_index,
        key=pred.key,
        date_right=_date_agrees(gold, pred),
        plover_right=(None if gold.plover is None else pred.plover == gold.plover.strip().upper()),
        location_country_right=(
            None if loc is None else pred.location_country == loc.country.strip().upper()
        ),
        location_name_right=(
            None if loc is None or loc.name is None else _name_agrees(loc.name, pred.location_name)
        ),
    )


def _root_right(doc: GoldDoc, preds: Sequence[_Pred]) -> bool | None:
    """Root accuracy for documents whose gold actors are all null.

    Decision: a document takes part when it has at least one required gold
    event and no gold event (required or optional) names a source or target.
    It is right when every required gold event has some prediction (after the
    threshold) whose root is among that event's roots; one prediction may
    serve several gold events, since actors and dates play no part here.
    """
    required = [g for g in doc.events if g.required]
    if not required or any(g.source or g.target for g in doc.events):
        return None
    roots = {p.root for p in preds if p.root is not None}
    return all(roots & g.roots for g in required)


def _pentaclass_right(doc: GoldDoc, preds: Sequence[_Pred]) -> bool | None:
    """PentaClass of the document's most confident event against the gold class.

    Decision: the candidates are events with a usable CAMEO root (ties go to
    the earlier record); with none, the document counts as wrong. Where several
    gold events carry a pentaclass, matching any of them is right.
    """
    gold_classes = {g.pentaclass for g in doc.events if g.pentaclass is not None}
    if not gold_classes:
        return None
    coded = [p for p in preds if p.root is not None]
    if not coded:
        return False
    top = min(coded, key=lambda p: (-p.confidence, p.index))
    return pentaclass_of_root(top.root) in gold_classes


def _score_quotes(
    gold_quotes: Sequence[GoldQuote],
    extracted: Sequence[Mapping[str, Any]] | None,
) -> tuple[int, tuple[str, ...]]:
    """How many gold quotes were found, and the text_contains of those that were not."""
    if extracted is None or not gold_quotes:
        return 0, ()
    found_in: list[tuple[str, _Actor | None]] = []
    for q in extracted:
        text = q.get("text")
        if isinstance(text, str):
            found_in.append((text.casefold(), _read_actor(q.get("speaker"))))
    found = 0
    missed: list[str] = []
    for gq in gold_quotes:
        needle = gq.text_contains.casefold()
        if any(needle in text and _actor_matches(gq.speaker, sp) for text, sp in found_in):
            found += 1
        else:
            missed.append(gq.text_contains)
    return found, tuple(missed)
