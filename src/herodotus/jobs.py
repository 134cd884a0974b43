"""The library functions behind each command: the CLI, and later the HTTP API, call
exactly one of these and only format what comes back.

>>> from herodotus.jobs import extract                       # doctest: +SKIP
>>> for record in extract(["story.txt"]): print(record["cameo"])  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from herodotus.actors.explain import Explanation, explain
from herodotus.errors import AllRejectedError, InputError
from herodotus.evaluate import Report, load_gold, score
from herodotus.ingest import read_paths
from herodotus.ingest.records import to_article
from herodotus.model import Article, ArticleResult, Reject
from herodotus.pipeline import Pipeline
from herodotus.settings import Settings
from herodotus.store import DuckDBStore, WriteCounts

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


def _batches(items: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def ingest(
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Progress | None = None,
    batch_articles: int = 200,
) -> IngestSummary:
    """Read, code and store articles; already stored articles are skipped unparsed.

    Every batch is one transaction, so an interrupted ingest keeps what it wrote
    and a rerun adds only what is missing. Raises ``AllRejectedError`` when no
    record could be read.
    """
    articles, rejects = _split(read_paths(paths, stdin=stdin))
    if not articles:
        if rejects:
            raise AllRejectedError(len(rejects), rejects[0].reason)
        raise InputError("no records found in the input")
    # One article per id: the last record wins within one input.
    unique = list({a.id: a for a in articles}.values())
    total = WriteCounts()
    with DuckDBStore(settings.db_path) as store:
        stored = store.has_articles([a.id for a in unique])
        todo = [a for a in unique if a.id not in stored]
        if on_start:
            on_start(len(todo))
        total = total + store.write_batch([], rejects)
        if todo:
            pipe = pipeline or Pipeline(settings)
            for batch in _batches(todo, batch_articles):
                results = list(pipe.process(batch))
                total = total + store.write_batch(results, [])
                if on_progress:
                    on_progress(len(batch))
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

    pipe = pipeline or Pipeline(settings)
    yield from pipe.process(articles())


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
