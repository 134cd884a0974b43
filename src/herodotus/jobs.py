"""The library functions behind each command: the CLI, and later the HTTP API, call
exactly one of these and only format what comes back.

>>> from herodotus.jobs import extract                       # doctest: +SKIP
>>> for record in extract(["story.txt"]): print(record["cameo"])  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any, TextIO

from herodotus.actors.explain import Explanation, explain
from herodotus.cluster import code_batches, connect, parse_address
from herodotus.errors import AllRejectedError, InputError
from herodotus.evaluate import Report, load_gold, score
from herodotus.ingest import read_paths
from herodotus.ingest.records import to_article
from herodotus.model import Article, ArticleResult, Reject
from herodotus.parallel import code_in_pool
from herodotus.pipeline import Pipeline
from herodotus.settings import Settings
from herodotus.store import (
    GROUP_WINDOW_DAYS,
    DuckDBStore,
    EventFilter,
    EventGroup,
    WriteCounts,
)

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What an ingest did: records read, what was added, what was put aside and why."""

    read: int
    articles_added: int
    articles_skipped: int
    events_added: int
    rejects: int
    reject_reasons: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "articles_added": self.articles_added,
            "articles_skipped": self.articles_skipped,
            "events_added": self.events_added,
            "rejects": self.rejects,
        }


def _split(records: Iterable[Article | Reject]) -> tuple[list[Article], list[Reject]]:
    arts: list[Article] = []
    rejects: list[Reject] = []
    for r in records:
        (arts if isinstance(r, Article) else rejects).append(r)  # type: ignore[arg-type]
    return arts, rejects


# Articles per task sent to a worker process by ``extract``: small enough to spread
# the work evenly, large enough that the traffic between processes does not count.
POOL_BATCH = 100


def _batches_of(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """A stream of articles in lists of ``size`` (the last one shorter)."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Progress | None = None,
    batch_articles: int = 200,
    cluster: str | None = None,
) -> IngestSummary:
    """Read, code and store articles; already stored articles are skipped unparsed.

    Every batch is one transaction, so an interrupted ingest keeps what it wrote
    and a rerun adds only what is missing. Raises ``AllRejectedError`` when no
    record could be read.

    With ``cluster`` (``local:N`` or ``tcp://host:port``, see ``herodotus.cluster``)
    the batches are coded on Dask workers, each with a pipeline of its own
    (``pipeline`` is not used), and written here as they come back, in any
    order: event ids are stable hashes, so the database ends up the same. A bad
    address is an ``InputError`` raised before any input is read.
    """
    if batch_articles < 1:
        raise InputError(f"articles per batch must be at least 1, not {batch_articles}")
    address = parse_address(cluster) if cluster is not None else None
    articles, rejects = _split(read_paths(paths, stdin=stdin))
    if not articles:
        if rejects:
            raise AllRejectedError(len(rejects), rejects[0].reason)
        raise InputError("no records found in the input")
    # One article per id: the last record wins within one input.
    unique = list({a.id: a for a in articles}.values())
    total = WriteCounts()
    with DuckDBStore(settings.db_path) as store, ExitStack() as stack:
        stored = store.has_articles([a.id for a in unique])
        todo = [a for a in unique if a.id not in stored]
        if on_start:
            on_start(len(todo))
        total = total + store.write_batch([], rejects)
        if todo:
            batches = _batches_of(todo, batch_articles)
            coded: Iterable[list[ArticleResult]]
            if address is None and settings.workers > 1 and len(todo) > batch_articles:
                coded = stack.enter_context(
                    closing(code_in_pool(batches, settings, settings.workers))
                )
            elif address is None:
                pipe = pipeline or Pipeline(settings)
                coded = (list(pipe.process(batch)) for batch in batches)
            else:
                client = stack.enter_context(connect(address))
                coded = stack.enter_context(closing(code_batches(client, settings, batches)))
            for n, results in enumerate(coded, 1):
                counts = store.write_batch(results, [])
                total = total + counts
                # Logged after the commit: a line here means the batch is on disk.
                log.info(
                    "stored batch %d: %d articles, %d events",
                    n,
                    counts.articles_added,
                    counts.events_added,
                )
                if on_progress:
                    on_progress(len(results))
    return IngestSummary(
        read=len(articles) + len(rejects),
        articles_added=total.articles_added,
        articles_skipped=len(unique) - len(todo) + total.articles_skipped,
        events_added=total.events_added,
        rejects=len(rejects),
        reject_reasons=tuple(f"{r.origin}: {r.reason}" for r in rejects),
    )


def extract(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    rejects: list[Reject] | None = None,
) -> Iterator[dict[str, Any]]:
    """Events of the input as JSON-ready dicts, no database involved."""
    for result in extract_results(paths, settings, pipeline=pipeline, stdin=stdin, rejects=rejects):
        for ev in result.events:
            yield ev.to_dict()


def extract_results(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    rejects: list[Reject] | None = None,
) -> Iterator[ArticleResult]:
    """Per-article results of the input; rejects are appended to ``rejects`` if given."""
    settings = settings or Settings()
    records = read_paths(paths, stdin=stdin)
    sink = rejects if rejects is not None else []

    def articles() -> Iterator[Article]:
        for r in records:
            if isinstance(r, Reject):
                sink.append(r)
                log.warning("rejected %s: %s", r.origin, r.reason)
            else:
                yield r

    batches = _batches_of(articles(), POOL_BATCH)
    first = list(islice(batches, 2))
    if settings.workers > 1 and len(first) > 1:
        # Enough input to be worth starting worker processes.
        with closing(code_in_pool(chain(first, batches), settings, settings.workers)) as coded:
            for results in coded:
                yield from results
        return
    pipe = pipeline or Pipeline(settings)
    yield from pipe.process(a for batch in chain(first, batches) for a in batch)


def evaluate(
    gold_path: Path,
    settings: Settings | None = None,
    *,
    pipeline: Pipeline | None = None,
    threshold: float = 0.0,
) -> Report:
    """Score the system on a gold file, by the rules of the gold format."""
    gold = load_gold(gold_path)
    settings = settings or Settings()
    pipe = pipeline or Pipeline(settings)
    arts: list[Article] = []
    for g in gold:
        rec = to_article(
            {"id": g.id, "date": g.date, "title": g.title, "text": g.text}, origin=g.origin, raw=""
        )
        if isinstance(rec, Article):
            arts.append(rec)
    preds: dict[str, list[dict[str, Any]]] = {}
    quotes: dict[str, list[dict[str, Any]]] = {}
    for result in pipe.process(arts):
        preds[result.article.id] = [e.to_dict() for e in result.events]
        quotes[result.article.id] = [q.to_dict() for q in result.quotes]
    has_quotes = any(g.quotes for g in gold)
    if has_quotes and pipe.settings.parse == "events":
        # Quotations are scored as `herodotus quotes` finds them: reading every
        # sentence that could hold one, not only those that could carry an event.
        for result in pipe.scoped("quotes").process(arts):
            quotes[result.article.id] = [q.to_dict() for q in result.quotes]
    return score(gold, preds, quotes if has_quotes else None, threshold=threshold)


def evaluate_dir(
    eval_dir: Path, settings: Settings | None = None, *, pipeline: Pipeline | None = None
) -> dict[str, Report]:
    """Score every ``*.gold.jsonl`` file of a folder with one pipeline, by file stem."""
    files = sorted(eval_dir.glob("*.gold.jsonl"))
    if not files:
        raise InputError(f"no *.gold.jsonl files in {eval_dir}")
    pipe = pipeline or Pipeline(settings or Settings())
    return {f.name.removesuffix(".gold.jsonl"): evaluate(f, pipeline=pipe) for f in files}


def check_floors(reports: dict[str, Report], floors: dict[str, dict[str, float]]) -> list[str]:
    """The metrics that fell below their pinned floors, as readable lines (empty: all held)."""
    failures = []
    for name, metrics in floors.items():
        report = reports.get(name)
        for key, floor in metrics.items():
            got = getattr(report, key, None) if report is not None else None
            if got is None or got < floor:
                failures.append(f"{name}: {key} = {got} is below its floor {floor}")
    return failures


def explain_actor(
    name: str,
    day: dt.date | None,
    settings: Settings | None = None,
    *,
    pipeline: Pipeline | None = None,
) -> Explanation:
    """How a name resolves on a date, with every entry behind it."""
    pipe = pipeline or Pipeline(settings or Settings())
    return explain(name, day, pipe)


def extract_quotes(
    paths: Sequence[str | Path],
    settings: Settings | None = None,
    *,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    rejects: list[Reject] | None = None,
) -> Iterator[dict[str, Any]]:
    """Quotations of the input as JSON-ready dicts, no database involved."""
    for result in extract_results(paths, settings, pipeline=pipeline, stdin=stdin, rejects=rejects):
        for q in result.quotes:
            yield q.to_dict()


def stored_quotes(settings: Settings, speaker: str | None = None) -> list[dict[str, Any]]:
    """Quotations stored in the database, optionally of one speaker (code prefix or country)."""
    if not settings.db_path.exists():
        raise InputError(f"no database at {settings.db_path}; run 'herodotus ingest' first")
    with DuckDBStore(settings.db_path) as store:
        return store.quotes(speaker)


def grouped_events(
    settings: Settings,
    filters: EventFilter | None = None,
    *,
    window_days: int = GROUP_WINDOW_DAYS,
    limit: int | None = None,
) -> list[EventGroup]:
    """Stored events grouped into the events they report, with GDELT's three counts.

    Mentions with the same dyad and CAMEO root whose dates chain within
    ``window_days`` are one event (``DuckDBStore.grouped_events`` says exactly
    how). A missing database is an ``InputError`` rather than a new empty file,
    so a mistyped ``--db`` is reported instead of answering "nothing".
    """
    if not settings.db_path.exists():
        raise InputError(f"no database at {settings.db_path}; run 'herodotus ingest' first")
    with DuckDBStore(settings.db_path) as store:
        return store.grouped_events(filters, window_days=window_days, limit=limit)
