"""Coding on every core of one machine: worker processes with a pipeline each.

Each worker process loads the model and the tables once, then codes whole batches
of articles and sends back their results, which are small frozen values. Only
articles and results cross between processes, never parsed spaCy Docs: shipping
every parse back to one process is what limits ``nlp.pipe(n_process=...)``, and
here the choice of sentences to parse, the coding and the rest run in the workers
as well. The parent keeps only a few batches in flight, so memory stays flat
however long the input.

>>> from herodotus.parallel import code_in_pool        # doctest: +SKIP
>>> for results in code_in_pool(batches, Settings(), workers=4):  # doctest: +SKIP
...     store.write_batch(results, [])
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections import deque
from collections.abc import Generator, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from typing import TYPE_CHECKING

from herodotus.model import Article, ArticleResult
from herodotus.settings import Settings

if TYPE_CHECKING:
    from herodotus.pipeline import Pipeline

log = logging.getLogger(__name__)

# Batches queued per worker beyond the one it is coding: enough to never leave a
# worker idle, few enough to keep the parent's memory flat.
QUEUE_PER_WORKER = 2
# Articles per task: small enough that the workers finish nearly together, large enough
# that each task parses in full batches (measured: tasks of 25 articles code 10% slower
# than tasks of 100; 100, 200 and 400 are alike).
TASK_ARTICLES = 100


@cache
def _pipeline(settings: Settings) -> Pipeline:
    """The worker process's pipeline, built on first use and kept for its lifetime."""
    from herodotus.pipeline import Pipeline

    return Pipeline(settings.with_(workers=1))


def _start(settings: Settings) -> None:
    """Load the model when the worker starts, not with its first batch, and end the
    worker when its parent ends: a parent killed outright (SIGKILL) cannot shut the
    pool down, and its workers would otherwise wait for batches forever."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    _pipeline(settings)


def _exit_with(sentinel: int) -> None:
    """Wait until the parent process is gone, then leave at once."""
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


def _code(settings: Settings, batch: Sequence[Article]) -> list[ArticleResult]:
    return list(_pipeline(settings).process(batch))


def code_in_pool(
    batches: Iterable[Sequence[Article]],
    settings: Settings,
    workers: int,
    task_articles: int = TASK_ARTICLES,
) -> Generator[list[ArticleResult], None, None]:
    """The results of each batch, in the order of the batches, coded by ``workers``
    processes. A batch is sent as tasks of at most ``task_articles`` articles, so that
    no worker sits idle while another finishes a long batch. Workers are spawned afresh
    (no fork of a process holding a database)."""
    context = multiprocessing.get_context("spawn")
    in_flight = workers * (1 + QUEUE_PER_WORKER)
    pending: deque[list[Future[list[ArticleResult]]]] = deque()
    queued = 0

    def done(tasks: list[Future[list[ArticleResult]]]) -> list[ArticleResult]:
        return [r for fut in tasks for r in fut.result()]

    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start, initargs=(settings,)
    ) as pool:
        try:
            for batch in batches:
                items = list(batch)
                tasks = [
                    pool.submit(_code, settings, items[i : i + task_articles])
                    for i in range(0, len(items), task_articles)
                ]
                pending.append(tasks)
                queued += len(tasks)
                while pending and queued - len(pending[0]) >= in_flight:
                    queued -= len(pending[0])
                    yield done(pending.popleft())
            while pending:
                yield done(pending.popleft())
        finally:
            for tasks in pending:
                for fut in tasks:
                    fut.cancel()
