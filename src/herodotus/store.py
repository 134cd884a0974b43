"""The event database: articles, coded events, quotes and rejects in one DuckDB file.

Why DuckDB: one file the user can copy, columnar scans for the summary queries,
and plain SQL for anyone who wants to go past the CLI.

The schema lives in ``data/migrations/NNNN_name.sql``. Opening a store applies
the pending ones in order, in one transaction, and records each in
``schema_migrations``; the schema version of this code is the highest migration
number, so there is no second constant to forget to bump.

Writes are idempotent: every row is keyed by the stable id of its value object
and inserted with ``ON CONFLICT DO NOTHING``, and an article already stored is
skipped together with its events and quotes, so ingesting the same input twice
adds nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Protocol, Self

import duckdb

from herodotus.errors import StoreError
from herodotus.model import ArticleResult, Event, Quote, Reject, stable_hash

logger = logging.getLogger(__name__)

__all__ = [
    "GROUP_WINDOW_DAYS",
    "DuckDBStore",
    "Dyad",
    "EventFilter",
    "EventGroup",
    "EventStore",
    "Migration",
    "Store",
    "Summary",
    "WriteCounts",
    "packaged_migrations",
    "schema_version",
]

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

# Reports of one event are grouped when their dates chain within this many days:
# two days lets a story filed the next morning, in another time zone, join the
# reports of the day before without merging the events of a whole week.
GROUP_WINDOW_DAYS = 2

# Rows per INSERT statement: bounds the memory of one statement on huge batches
# while keeping the statement count (and its overhead) small.
_CHUNK_ROWS = 20_000

ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "date",
    "date_origin",
    "title",
    "text",
    "url",
    "source",
    "origin",
    "ingested_at",
)
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "sentence_index",
    "sentence",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "source_code",
    "source_country",
    "source_sector",
    "source_name",
    "source_text",
    "source_start",
    "source_end",
    "target_code",
    "target_country",
    "target_sector",
    "target_name",
    "target_text",
    "target_start",
    "target_end",
    "cameo",
    "cameo_root",
    "plover",
    "plover_mode",
    "quad_class",
    "goldstein",
    "date",
    "date_precision",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "location_admin1",
    "negated",
    "modality",
    "confidence",
    "coder_version",
    "count",
)
QUOTE_COLUMNS: tuple[str, ...] = (
    "quote_id",
    "article_id",
    "speaker_code",
    "speaker_country",
    "speaker_name",
    "speaker_text",
    "text",
    "start",
    "end",
    "direct",
    "via",
    "date",
)
REJECT_COLUMNS: tuple[str, ...] = ("reject_id", "origin", "reason", "excerpt", "rejected_at")


# --------------------------------------------------------------------------- migrations


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its number, its name and the SQL that performs it."""

    version: int
    name: str
    sql: str

    @property
    def label(self) -> str:
        return f"{self.version:04d}_{self.name}"


@functools.cache
def packaged_migrations() -> tuple[Migration, ...]:
    """The migrations shipped in the package, in order.

    Read lazily (and once) rather than at import, so importing the module
    touches no files. Numbers must run 1, 2, 3 ... without gaps: a gap means a
    file was lost in packaging, and applying the later ones would build a
    schema no release ever had.
    """
    folder = resources.files("herodotus") / "data" / "migrations"
    if not folder.is_dir():
        raise StoreError("the packaged schema migrations are missing; reinstall herodotus")
    found: list[Migration] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql"):
            continue
        match = _MIGRATION_NAME.match(entry.name)
        if match is None:
            raise StoreError(f"packaged migration {entry.name!r} is not named NNNN_name.sql")
        found.append(
            Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8"))
        )
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise StoreError(f"packaged migrations are not numbered 1..n without gaps: {versions}")
    return tuple(found)


def schema_version() -> int:
    """The schema version this code reads and writes: the highest migration number."""
    return packaged_migrations()[-1].version


# --------------------------------------------------------------------------- value types


@dataclass(frozen=True, slots=True)
class WriteCounts:
    """What one ``write_batch`` added, and how many articles it skipped as already stored."""

    articles_added: int = 0
    events_added: int = 0
    quotes_added: int = 0
    rejects_added: int = 0
    articles_skipped: int = 0

    def __add__(self, other: WriteCounts) -> WriteCounts:
        """Sum two counts, so a pipeline writing in batches can report one total."""
        return WriteCounts(
            self.articles_added + other.articles_added,
            self.events_added + other.events_added,
            self.quotes_added + other.quotes_added,
            self.rejects_added + other.rejects_added,
            self.articles_skipped + other.articles_skipped,
        )


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read; every field left as None (or empty) matches everything.

    ``actor`` matches either side by CAMEO code prefix, by country, or by a
    case-insensitive substring of the canonical name. ``source`` and ``target``
    match one side by code prefix or country; ``dyad`` matches a pair of sides
    in either direction. ``cameo`` is a code prefix ("19" matches every code
    under root 19), ``plover`` an exact type in any case, ``since``/``until``
    inclusive dates. Several fields together must all match.
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    cameo: str | None = None
    plover: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None


class Dyad(NamedTuple):
    """A directed pair of countries and how many events go from the first to the second."""

    source: str
    target: str
    events: int


@dataclass(frozen=True, slots=True)
class Summary:
    """What the demo shows of a database: distributions, top dyads and a few examples.

    CAMEO roots are codes only ("19"); the caller adds names from its codebook.
    Counts are of stored events (rows), not of their ``count`` field.
    """

    articles: int
    events: int
    by_cameo_root: tuple[tuple[str, int], ...]
    by_plover: tuple[tuple[str, int], ...]
    top_dyads: tuple[Dyad, ...]
    samples: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "events": self.events,
            "by_cameo_root": [{"cameo_root": r, "events": n} for r, n in self.by_cameo_root],
            "by_plover": [{"plover": p, "events": n} for p, n in self.by_plover],
            "top_dyads": [d._asdict() for d in self.top_dyads],
            "samples": list(self.samples),
        }


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One event as told by several reports: GDELT's grouping of mentions into an event.

    The counts follow GDELT's: ``num_mentions`` is the number of stored event
    records (every sentence that codes it), ``num_articles`` the number of
    distinct articles, ``num_sources`` the number of distinct outlets among
    them. ``cameo``, ``plover`` and the names are the most frequent among the
    mentions (ties: the smallest), ``goldstein`` their mean, ``sentence`` the
    most confident mention's. See ``DuckDBStore.grouped_events`` for how
    mentions are grouped.
    """

    group_id: str
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    cameo_root: str
    cameo: str
    plover: str | None
    first_date: dt.date | None
    last_date: dt.date | None
    num_mentions: int
    num_sources: int
    num_articles: int
    goldstein: float
    sentence: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, id lists as lists."""
        return {
            "group_id": self.group_id,
            "source_code": self.source_code,
            "source_name": self.source_name,
            "target_code": self.target_code,
            "target_name": self.target_name,
            "cameo_root": self.cameo_root,
            "cameo": self.cameo,
            "plover": self.plover,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "num_mentions": self.num_mentions,
            "num_sources": self.num_sources,
            "num_articles": self.num_articles,
            "goldstein": self.goldstein,
            "sentence": self.sentence,
            "event_ids": list(self.event_ids),
            "article_ids": list(self.article_ids),
        }


class EventStore(Protocol):
    """What the pipeline and the adapters need from a store; DuckDB is one implementation."""

    def write_batch(
        self, results: Sequence[ArticleResult], rejects: Sequence[Reject] = ()
    ) -> WriteCounts: ...

    def has_articles(self, ids: Sequence[str]) -> set[str]: ...

    def events(
        self, filters: EventFilter | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]: ...

    def grouped_events(
        self,
        filters: EventFilter | None = None,
        *,
        window_days: int = GROUP_WINDOW_DAYS,
        limit: int | None = None,
    ) -> list[EventGroup]: ...

    def quotes(self, speaker: str | None = None) -> list[dict[str, Any]]: ...

    def rejects(self) -> list[dict[str, Any]]: ...

    def stats(self) -> dict[str, int]: ...

    def summary(self, top: int = 10, samples: int = 5) -> Summary: ...

    def close(self) -> None: ...


# --------------------------------------------------------------------------- rows


def _utcnow() -> dt.datetime:
    """Now in UTC without tzinfo: DuckDB TIMESTAMP columns hold naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _event_date(event: Event) -> dt.date | None:
    """Parse the event's ISO date here, so a bad one names its event instead of a column."""
    if event.date is None:
        return None
    try:
        return dt.date.fromisoformat(event.date)
    except ValueError as exc:
        raise StoreError(
            f"event {event.event_id} of article {event.article_id} has a malformed date "
            f"{event.date!r}; expected YYYY-MM-DD"
        ) from exc


def _article_row(result: ArticleResult, now: dt.datetime) -> tuple[object, ...]:
    a = result.article
    return (a.id, a.date, a.date_origin, a.title, a.text, a.url, a.source, a.origin, now)


def _event_row(e: Event) -> tuple[object, ...]:
    s, t, loc = e.source, e.target, e.location
    return (
        e.event_id,
        e.article_id,
        e.sentence_index,
        e.sentence,
        e.trigger.text,
        e.trigger.start,
        e.trigger.end,
        s.code,
        s.country,
        s.sector,
        s.name,
        s.text,
        s.start,
        s.end,
        t.code if t else None,
        t.country if t else None,
        t.sector if t else None,
        t.name if t else None,
        t.text if t else None,
        t.start if t else None,
        t.end if t else None,
        e.cameo,
        e.cameo_root,
        e.plover,
        e.plover_mode,
        e.quad_class,
        e.goldstein,
        _event_date(e),
        e.date_precision,
        loc.name if loc else None,
        loc.country if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        loc.admin1 if loc else None,
        e.negated,
        e.modality,
        e.confidence,
        e.coder_version,
        e.count,
    )


def _quote_row(q: Quote) -> tuple[object, ...]:
    sp = q.speaker
    return (
        q.quote_id,
        q.article_id,
        sp.code if sp else None,
        sp.country if sp else None,
        sp.name if sp else None,
        sp.text if sp else None,
        q.text,
        q.start,
        q.end,
        q.direct,
        q.via,
        q.date,
    )


def _reject_row(r: Reject, now: dt.datetime) -> tuple[object, ...]:
    return (r.reject_id, r.origin, r.reason, r.excerpt, now)


def _event_dict(row: Sequence[Any]) -> dict[str, Any]:
    """A stored event in exactly the shape of ``Event.to_dict()``."""
    r = dict(zip(EVENT_COLUMNS, row, strict=True))

    def actor(side: str) -> dict[str, Any]:
        return {
            "code": r[f"{side}_code"],
            "country": r[f"{side}_country"],
            "sector": r[f"{side}_sector"],
            "name": r[f"{side}_name"],
            "text": r[f"{side}_text"],
            "start": r[f"{side}_start"],
            "end": r[f"{side}_end"],
        }

    date: dt.date | None = r["date"]
    return {
        "event_id": r["event_id"],
        "article_id": r["article_id"],
        "sentence_index": r["sentence_index"],
        "sentence": r["sentence"],
        "trigger": {
            "text": r["trigger_text"],
            "start": r["trigger_start"],
            "end": r["trigger_end"],
        },
        "source": actor("source"),
        "target": actor("target") if r["target_text"] is not None else None,
        "cameo": r["cameo"],
        "cameo_root": r["cameo_root"],
        "plover": r["plover"],
        "plover_mode": r["plover_mode"],
        "quad_class": r["quad_class"],
        "goldstein": r["goldstein"],
        "date": date.isoformat() if date is not None else None,
        "date_precision": r["date_precision"],
        "location": (
            {
                "name": r["location_name"],
                "country": r["location_country"],
                "lat": r["location_lat"],
                "lon": r["location_lon"],
                "admin1": r["location_admin1"],
            }
            if r["location_name"] is not None
            else None
        ),
        "negated": r["negated"],
        "modality": r["modality"],
        "confidence": r["confidence"],
        "coder_version": r["coder_version"],
        "count": r["count"],
    }


def _quote_dict(row: Sequence[Any]) -> dict[str, Any]:
    """A stored quote in exactly the shape of ``Quote.to_dict()``."""
    r = dict(zip(QUOTE_COLUMNS, row, strict=True))
    return {
        "quote_id": r["quote_id"],
        "article_id": r["article_id"],
        "speaker": (
            {
                "code": r["speaker_code"],
                "country": r["speaker_country"],
                "name": r["speaker_name"],
                "text": r["speaker_text"],
            }
            if r["speaker_text"] is not None
            else None
        ),
        "text": r["text"],
        "start": r["start"],
        "end": r["end"],
        "direct": r["direct"],
        "via": r["via"],
        "date": r["date"],
    }


def _columns(columns: Sequence[str]) -> str:
    """Quoted column list: ``end``, ``date`` and ``count`` are SQL keywords."""
    return ", ".join(f'"{c}"' for c in columns)


# --------------------------------------------------------------------------- filters


def _side(side: str, value: str) -> tuple[str, list[object]]:
    """One side (source/target/speaker) by code prefix or country."""
    return (
        f"(starts_with(upper({side}_code), upper(?)) OR {side}_country = upper(?))",
        [value, value],
    )


def _side_or_name(side: str, value: str) -> tuple[str, list[object]]:
    """One side by code prefix, country or a case-insensitive substring of its name."""
    sql, params = _side(side, value)
    return (
        f"({sql} OR contains(lower({side}_name), lower(?)))",
        [*params, value],
    )


def _where(f: EventFilter) -> tuple[str, list[object]]:
    """The WHERE clause and its parameters; values only ever travel as parameters."""
    clauses: list[str] = []
    params: list[object] = []

    def add(sql: str, values: list[object]) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.actor:
        s_sql, s_params = _side_or_name("source", f.actor)
        t_sql, t_params = _side_or_name("target", f.actor)
        add(f"({s_sql} OR {t_sql})", [*s_params, *t_params])
    if f.source:
        add(*_side("source", f.source))
    if f.target:
        add(*_side("target", f.target))
    if f.dyad:
        a, b = f.dyad
        sa, pa = _side("source", a)
        tb, pb = _side("target", b)
        sb, pb2 = _side("source", b)
        ta, pa2 = _side("target", a)
        add(f"(({sa} AND {tb}) OR ({sb} AND {ta}))", [*pa, *pb, *pb2, *pa2])
    if f.cameo:
        add("starts_with(cameo, ?)", [f.cameo])
    if f.plover:
        add("lower(plover) = lower(?)", [f.plover])
    if f.since is not None:
        add("date >= ?", [f.since])
    if f.until is not None:
        add("date <= ?", [f.until])
    if f.article:
        add("article_id = ?", [f.article])
    if not clauses:
        return "", []
    return "WHERE " + " AND ".join(clauses), params


# --------------------------------------------------------------------------- grouping

# The partition of one dyad and root; undated events also by their article (see
# ``DuckDBStore.grouped_events``). PARTITION BY and GROUP BY treat NULLs as one
# value, so an event without a target groups with the other target-less ones.
_DYAD_ROOT = "source_code, target_code, cameo_root, lone_article"
_GROUP_KEY = f"{_DYAD_ROOT}, chain"
_MENTION_ORDER = "date, article_id, sentence_index, trigger_start, event_id"

# The host of a URL, without user info or port: "https://u@www.x.org:80/a" gives "www.x.org".
_URL_HOST = r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)"

_GROUPS_SQL = rf"""
WITH picked AS (
    SELECT event_id, article_id, sentence_index, trigger_start, sentence, source_code,
           source_name, target_code, target_name, cameo, cameo_root, plover, goldstein,
           confidence, date
    FROM events {{where}}
),
reported AS (
    SELECT p.*,
           CASE WHEN p.date IS NULL THEN p.article_id END AS lone_article,
           coalesce(
               nullif(lower(trim(a.source)), ''),
               nullif(regexp_replace(lower(regexp_extract(a.url, '{_URL_HOST}', 1)),
                                     '^www\.', ''), ''),
               'article:' || p.article_id
           ) AS outlet
    FROM picked p LEFT JOIN articles a ON a.article_id = p.article_id
),
gaps AS (
    SELECT *,
           CASE WHEN date - lag(date) OVER (PARTITION BY {_DYAD_ROOT} ORDER BY date, event_id)
                     > ? THEN 1 ELSE 0 END AS new_chain
    FROM reported
),
chained AS (
    SELECT *,
           sum(new_chain) OVER (PARTITION BY {_DYAD_ROOT} ORDER BY date, event_id
                                ROWS UNBOUNDED PRECEDING) AS chain
    FROM gaps
),
counted AS (
    SELECT *,
           count(*) OVER (PARTITION BY {_GROUP_KEY}, cameo) AS cameo_n,
           count(*) OVER (PARTITION BY {_GROUP_KEY}, plover) AS plover_n,
           count(*) OVER (PARTITION BY {_GROUP_KEY}, source_name) AS source_name_n,
           count(*) OVER (PARTITION BY {_GROUP_KEY}, target_name) AS target_name_n
    FROM chained
)
SELECT source_code,
       first(source_name ORDER BY source_name IS NULL, source_name_n DESC, source_name),
       target_code,
       first(target_name ORDER BY target_name IS NULL, target_name_n DESC, target_name),
       cameo_root,
       first(cameo ORDER BY cameo_n DESC, cameo),
       first(plover ORDER BY plover IS NULL, plover_n DESC, plover),
       min(date) AS first_date,
       max(date),
       count(*) AS num_mentions,
       count(DISTINCT outlet),
       count(DISTINCT article_id) AS num_articles,
       avg(goldstein),
       first(sentence ORDER BY confidence DESC, {_MENTION_ORDER}),
       list(event_id ORDER BY {_MENTION_ORDER}),
       list_sort(list_distinct(list(article_id))),
       lone_article
FROM counted
GROUP BY {_GROUP_KEY}
ORDER BY num_articles DESC, num_mentions DESC, first_date NULLS LAST,
         source_code NULLS LAST, target_code NULLS LAST, cameo_root, lone_article
LIMIT ?
"""


def _event_group(row: Sequence[Any]) -> EventGroup:
    """One result row of ``_GROUPS_SQL`` as a value, with its id derived from its key."""
    (
        source_code,
        source_name,
        target_code,
        target_name,
        cameo_root,
        cameo,
        plover,
        first_date,
        last_date,
        mentions,
        sources,
        articles,
        goldstein,
        sentence,
        event_ids,
        article_ids,
        lone_article,
    ) = row
    first: dt.date | None = first_date
    return EventGroup(
        group_id="g"
        + stable_hash(
            source_code,
            target_code,
            cameo_root,
            first.isoformat() if first is not None else None,
            lone_article,
        ),
        source_code=source_code,
        source_name=source_name,
        target_code=target_code,
        target_name=target_name,
        cameo_root=cameo_root,
        cameo=cameo,
        plover=plover,
        first_date=first,
        last_date=last_date,
        num_mentions=int(mentions),
        num_sources=int(sources),
        num_articles=int(articles),
        goldstein=float(goldstein),
        sentence=sentence,
        event_ids=tuple(event_ids),
        article_ids=tuple(article_ids),
    )


# --------------------------------------------------------------------------- DuckDB


class DuckDBStore:
    """The DuckDB implementation of ``EventStore``; use it as a context manager.

    One instance holds one connection, and DuckDB lets only one process write a
    file at a time: a second process gets a ``StoreError`` saying so instead of
    waiting. ``Path(":memory:")`` gives a throwaway in-memory store.
    """

    def __init__(self, path: Path, *, migrations: Sequence[Migration] | None = None) -> None:
        """Open (or create) the database at ``path`` and bring its schema up to date.

        ``migrations`` replaces the packaged ones; it exists for tests of the
        upgrade path.
        """
        self.path = path
        self._migrations = tuple(migrations) if migrations is not None else packaged_migrations()
        self._types: dict[str, dict[str, str]] = {}
        try:
            self._con: duckdb.DuckDBPyConnection | None = duckdb.connect(str(path))
        except duckdb.Error as exc:
            raise StoreError(self._open_message(exc)) from exc
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    def _open_message(self, exc: duckdb.Error) -> str:
        """Say what went wrong opening the file in words a user can act on."""
        text = str(exc)
        if "lock" in text.lower():
            return (
                f"cannot open the event database {self.path}: another process is using it "
                f"(only one herodotus may write a database at a time). {text}"
            )
        return f"cannot open the event database {self.path}: {text}"

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection; using a closed store is a programming error."""
        if self._con is None:
            raise StoreError(f"the event database {self.path} is closed")
        return self._con

    # ----------------------------------------------------------------- lifecycle

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def schema_version(self) -> int:
        """The highest migration recorded in this database (0 for none)."""
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _migrate(self) -> None:
        """Apply the pending migrations in order, all in one transaction.

        One transaction means a failure leaves the database at the version it
        had, never half-way. A database newer than the code is refused rather
        than read, because columns the code does not know about may matter.
        """
        con = self.con
        code_version = self._migrations[-1].version if self._migrations else 0
        try:
            con.begin()
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
            rows = con.execute("SELECT version FROM schema_migrations").fetchall()
            applied = {int(v) for (v,) in rows}
            db_version = max(applied, default=0)
            if db_version > code_version:
                raise StoreError(
                    f"the event database {self.path} has schema version {db_version}, newer "
                    f"than this herodotus understands ({code_version}); upgrade herodotus"
                )
            now = _utcnow()
            for migration in self._migrations:
                if migration.version in applied:
                    continue
                logger.info("applying migration %s to %s", migration.label, self.path)
                try:
                    con.execute(migration.sql)
                except duckdb.Error as exc:
                    raise StoreError(
                        f"migration {migration.label} failed on {self.path}: {exc}"
                    ) from exc
                con.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [migration.version, migration.name, now],
                )
            con.commit()
        except StoreError:
            self._rollback()
            raise
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"cannot migrate the event database {self.path}: {exc}") from exc

    def _rollback(self) -> None:
        """Roll back if a transaction is open; a failed rollback must not hide the cause."""
        try:
            self.con.rollback()
        except duckdb.Error:
            logger.debug("no transaction to roll back on %s", self.path)

    # ----------------------------------------------------------------- writes

    def _column_types(self, table: str) -> dict[str, str]:
        """Column types as the migrations made them, so they are written down only there."""
        if table not in self._types:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            self._types[table] = {str(name): str(kind) for name, kind in rows}
        return self._types[table]

    def _insert(
        self, table: str, columns: Sequence[str], rows: Sequence[tuple[object, ...]]
    ) -> int:
        """Insert rows column-wise through ``unnest`` of list parameters; return rows added.

        ``executemany`` runs the statement once per row and takes minutes for
        tens of thousands of events; one list parameter per column is one
        statement per chunk, still fully parameterised.
        """
        if not rows:
            return 0
        types = self._column_types(table)
        select = ", ".join(f"unnest(?::{types[c]}[])" for c in columns)
        sql = f"INSERT INTO {table} ({_columns(columns)}) SELECT {select} ON CONFLICT DO NOTHING"
        added = 0
        for start in range(0, len(rows), _CHUNK_ROWS):
            chunk = rows[start : start + _CHUNK_ROWS]
            params = [list(col) for col in zip(*chunk, strict=True)]
            result = self.con.execute(sql, params).fetchone()
            added += int(result[0]) if result else 0
        return added

    def write_batch(
        self, results: Sequence[ArticleResult], rejects: Sequence[Reject] = ()
    ) -> WriteCounts:
        """Store a batch of articles with their events and quotes, and rejects, atomically.

        Articles already in the database (or repeated in the batch) are skipped
        with everything found in them: their events were stored the first time.
        """
        now = _utcnow()
        # Build every row before the transaction: a malformed value fails here
        # with nothing written and nothing to roll back.
        unique: dict[str, ArticleResult] = {}
        for result in results:
            unique.setdefault(result.article.id, result)
        article_rows = {aid: _article_row(r, now) for aid, r in unique.items()}
        event_rows = {aid: [_event_row(e) for e in r.events] for aid, r in unique.items()}
        quote_rows = {aid: [_quote_row(q) for q in r.quotes] for aid, r in unique.items()}
        reject_rows = list({r.reject_id: _reject_row(r, now) for r in rejects}.values())

        con = self.con
        try:
            con.begin()
            existing = self.has_articles(list(unique))
            new = [aid for aid in unique if aid not in existing]
            articles_added = self._insert(
                "articles", ARTICLE_COLUMNS, [article_rows[aid] for aid in new]
            )
            events_added = self._insert(
                "events", EVENT_COLUMNS, _dedupe(row for aid in new for row in event_rows[aid])
            )
            quotes_added = self._insert(
                "quotes", QUOTE_COLUMNS, _dedupe(row for aid in new for row in quote_rows[aid])
            )
            rejects_added = self._insert("rejects", REJECT_COLUMNS, reject_rows)
            con.commit()
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"cannot write to the event database {self.path}: {exc}") from exc
        counts = WriteCounts(
            articles_added=articles_added,
            events_added=events_added,
            quotes_added=quotes_added,
            rejects_added=rejects_added,
            articles_skipped=len(results) - articles_added,
        )
        logger.debug("wrote batch to %s: %s", self.path, counts)
        return counts

    def has_articles(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored, so the pipeline can skip them unparsed."""
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT a.article_id FROM articles a "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS id) q ON a.article_id = q.id",
            [list(ids)],
        ).fetchall()
        return {str(aid) for (aid,) in rows}

    # ----------------------------------------------------------------- reads

    def events(
        self, filters: EventFilter | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Stored events matching the filter, as ``Event.to_dict()`` dicts.

        Ordered by date (undated last), then by where they are in their article,
        so the same query always lists the same events in the same order.
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit}")
        where, params = _where(filters or EventFilter())
        sql = (
            f"SELECT {_columns(EVENT_COLUMNS)} FROM events {where} "
            "ORDER BY date NULLS LAST, article_id, sentence_index, trigger_start, event_id "
            "LIMIT ?"
        )
        rows = self.con.execute(sql, [*params, limit]).fetchall()
        return [_event_dict(row) for row in rows]

    def grouped_events(
        self,
        filters: EventFilter | None = None,
        *,
        window_days: int = GROUP_WINDOW_DAYS,
        limit: int | None = None,
    ) -> list[EventGroup]:
        """Stored events grouped into the events they report, most widely reported first.

        The same event told by several articles (or twice in one) is coded
        once per mention; counting mentions as events inflates whatever is
        widely covered. So, as GDELT does, mentions with the same source code,
        target code (no target is a value of its own) and CAMEO root are one
        event when their dates chain: sorted by date, a gap of more than
        ``window_days`` days between neighbours starts a new group, so reports
        on days 1, 3 and 5 are one event with a window of 2. Undated mentions
        cannot be placed next to other reports, so they are grouped only with
        the undated mentions of the same dyad and root in their own article.

        ``num_sources`` counts outlets: an article's ``source`` (case and
        surrounding spaces ignored), else the host of its URL (without "www."),
        else the article counts as an outlet of its own, so an article we know
        nothing about never merges with another.

        The filter selects mentions before they are grouped, so a date range
        cuts a chain at its bounds. Groups are ordered by articles, then
        mentions (most first), then first date; ``limit`` counts groups. The
        group id hashes dyad, root and first date (undated: the article), so
        it is stable across runs while no earlier report joins the chain.
        """
        if window_days < 0:
            raise ValueError(f"window_days must be >= 0, not {window_days}")
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit}")
        where, params = _where(filters or EventFilter())
        sql = _GROUPS_SQL.format(where=where)
        rows = self.con.execute(sql, [*params, window_days, limit]).fetchall()
        return [_event_group(row) for row in rows]

    def quotes(self, speaker: str | None = None) -> list[dict[str, Any]]:
        """Stored quotes, as ``Quote.to_dict()`` dicts; ``speaker`` matches like an actor."""
        where, params = "", list[object]()
        if speaker:
            sql, values = _side_or_name("speaker", speaker)
            where, params = f"WHERE {sql}", values
        rows = self.con.execute(
            f"SELECT {_columns(QUOTE_COLUMNS)} FROM quotes {where} "
            'ORDER BY article_id, start, "end", quote_id',
            params,
        ).fetchall()
        return [_quote_dict(row) for row in rows]

    def rejects(self) -> list[dict[str, Any]]:
        """Stored rejects: ``Reject.to_dict()`` plus their id and when they were stored."""
        rows = self.con.execute(
            f"SELECT {_columns(REJECT_COLUMNS)} FROM rejects "
            "ORDER BY rejected_at, origin, reject_id"
        ).fetchall()
        return [
            {
                "reject_id": rid,
                "origin": origin,
                "reason": reason,
                "excerpt": excerpt,
                "rejected_at": at.isoformat(),
            }
            for rid, origin, reason, excerpt, at in rows
        ]

    def stats(self) -> dict[str, int]:
        """Row counts of the four tables."""
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM rejects), (SELECT count(*) FROM quotes)"
        ).fetchone()
        articles, events, rejects, quotes = row if row else (0, 0, 0, 0)
        return {
            "articles": int(articles),
            "events": int(events),
            "rejects": int(rejects),
            "quotes": int(quotes),
        }

    def summary(self, top: int = 10, samples: int = 5) -> Summary:
        """Distributions by CAMEO root and PLOVER type, the top dyads and sample events.

        Samples are the most confident events, one per article, so the demo
        shows different stories rather than five events of one.
        """
        if top < 0 or samples < 0:
            raise ValueError("top and samples must be >= 0")
        con = self.con
        stats = self.stats()
        by_root = con.execute(
            "SELECT cameo_root, count(*) AS n FROM events GROUP BY cameo_root "
            "ORDER BY n DESC, cameo_root"
        ).fetchall()
        by_plover = con.execute(
            "SELECT plover, count(*) AS n FROM events WHERE plover IS NOT NULL "
            "GROUP BY plover ORDER BY n DESC, plover"
        ).fetchall()
        dyads = con.execute(
            "SELECT source_country, target_country, count(*) AS n FROM events "
            "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
            "GROUP BY source_country, target_country "
            "ORDER BY n DESC, source_country, target_country LIMIT ?",
            [top],
        ).fetchall()
        sample_rows = con.execute(
            f"SELECT {_columns(EVENT_COLUMNS)} FROM events "
            "QUALIFY row_number() OVER "
            "(PARTITION BY article_id ORDER BY confidence DESC, event_id) = 1 "
            "ORDER BY confidence DESC, event_id LIMIT ?",
            [samples],
        ).fetchall()
        return Summary(
            articles=stats["articles"],
            events=stats["events"],
            by_cameo_root=tuple((str(r), int(n)) for r, n in by_root),
            by_plover=tuple((str(p), int(n)) for p, n in by_plover),
            top_dyads=tuple(Dyad(str(s), str(t), int(n)) for s, t, n in dyads),
            samples=tuple(_event_dict(row) for row in sample_rows),
        )


def _dedupe(rows: Iterable[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Keep the first row of each id (the first column), so counts are of distinct rows."""
    seen: dict[object, tuple[object, ...]] = {}
    for row in rows:
        seen.setdefault(row[0], row)
    return list(seen.values())


# The name the rest of the package uses for "the store"; DuckDB is the only backend.
Store = DuckDBStore
