"""Coding batches of articles on a Dask cluster; the caller stores what comes back.

Why Dask: one ingest can then use the cores of several machines, while the
DuckDB file stays with the one process that writes it (DuckDB lets only one
process write a file). Workers only parse and code; they return the frozen
``ArticleResult`` values of ``model.py``, and the client writes each batch in
one transaction with ``DuckDBStore.write_batch``. Event ids are stable hashes,
so the order in which batches finish does not change what is stored.

Each worker process builds its ``Pipeline`` once, on its first batch, and keeps
it in a worker plugin for every later batch of the ingest (loading the spaCy
model and the knowledge base takes seconds; a batch takes a fraction of that).
Every ingest registers a plugin of its own and removes it at the end, so two
ingests on one long-lived cluster never share a pipeline built with other
settings or an older dictionary, and a finished ingest leaves no model behind.

Dask is imported inside the functions that use it: importing ``herodotus``
never starts or needs it.

>>> parse_address("local:4")
ClusterAddress(local_workers=4, scheduler=None)
>>> parse_address("tcp://10.0.0.5:8786").scheduler
'tcp://10.0.0.5:8786'
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from herodotus.errors import ClusterError, HerodotusError, InputError
from herodotus.model import Article, ArticleResult
from herodotus.settings import DEFAULT_DB, Settings
from herodotus.version import CODER_VERSION

if TYPE_CHECKING:
    from distributed import Client, WorkerPlugin

    from herodotus.pipeline import Pipeline

log = logging.getLogger(__name__)

__all__ = [
    "ClusterAddress",
    "WorkerPipeline",
    "code_batches",
    "connect",
    "parse_address",
]

# Seconds to wait for a remote scheduler to answer, and for a first worker to join it.
CONNECT_TIMEOUT_S = 30
WORKER_WAIT_S = 120

# Batches queued per worker thread: enough that a worker never waits for the
# next batch while the client writes, few enough that memory stays bounded.
BATCHES_PER_THREAD = 2


@dataclass(frozen=True, slots=True)
class ClusterAddress:
    """Where to code: a local cluster of ``local_workers`` processes, or a running scheduler."""

    local_workers: int | None = None
    scheduler: str | None = None

    def __str__(self) -> str:
        return f"local:{self.local_workers}" if self.scheduler is None else self.scheduler


def parse_address(value: str) -> ClusterAddress:
    """Read ``local:N`` (N >= 1 worker processes) or ``tcp://host:port``.

    Checked before any input is read or any process started, so that a typo
    fails at once with a message that says what is accepted.
    """
    text = value.strip()
    accepted = "use local:N (N worker processes on this machine) or tcp://HOST:PORT"
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise InputError(
                f"bad cluster address {value!r}: N must be a whole number >= 1; {accepted}"
            )
        return ClusterAddress(local_workers=int(count))
    if text.startswith("tcp://"):
        parts = urlsplit(text)
        try:
            port = parts.port
        except ValueError:
            port = None
        if not parts.hostname or port is None or parts.path not in ("", "/") or parts.query:
            raise InputError(f"bad cluster address {value!r}: {accepted}")
        return ClusterAddress(scheduler=text.rstrip("/"))
    raise InputError(f"bad cluster address {value!r}: {accepted}")


class WorkerPipeline:
    """One ``Pipeline`` per worker process, built on first use from the client's settings.

    It travels to the workers inside the plugin; only the settings and the
    client's coder version are sent, the lock and the pipeline are made there.
    The version check refuses to mix codes from two herodotus releases in one
    database, which a cluster with an out-of-date machine would otherwise do
    silently.
    """

    def __init__(self, settings: Settings, coder_version: str = CODER_VERSION) -> None:
        self.settings = settings
        self.coder_version = coder_version
        self._lock = threading.Lock()
        self._pipeline: Pipeline | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "coder_version": self.coder_version}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self.coder_version = state["coder_version"]
        self._lock = threading.Lock()
        self._pipeline = None

    def get(self) -> Pipeline:
        """The pipeline of this process, building it on the first call."""
        with self._lock:
            if self._pipeline is None:
                if self.coder_version != CODER_VERSION:
                    raise ClusterError(
                        f"a worker runs {CODER_VERSION} but the client {self.coder_version}; "
                        "install the same herodotus on every machine of the cluster"
                    )
                from herodotus.pipeline import Pipeline

                self._pipeline = Pipeline(self.settings)
            return self._pipeline

    def release(self) -> None:
        """Drop the pipeline, so a worker that removes the plugin frees its memory."""
        with self._lock:
            self._pipeline = None


@functools.cache
def _plugin_class() -> Callable[[WorkerPipeline], WorkerPlugin]:
    """The worker plugin class, made on first use because its base class is Dask's.

    Cached, and reachable as ``herodotus.cluster.PipelinePlugin`` through the
    module's ``__getattr__``, so it pickles by reference like any class.
    """
    from distributed import Worker, WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Holds a worker's ``WorkerPipeline`` for as long as the plugin is registered."""

        def __init__(self, pipelines: WorkerPipeline) -> None:
            self.pipelines = pipelines

        def teardown(self, worker: Worker) -> None:
            self.pipelines.release()

    PipelinePlugin.__qualname__ = PipelinePlugin.__name__
    return PipelinePlugin


def __getattr__(name: str) -> Any:
    """Give the plugin class a module-level name without importing Dask at import time."""
    if name == "PipelinePlugin":
        return _plugin_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _worker_settings(settings: Settings) -> Settings:
    """The settings a worker codes with: one spaCy process (Dask gives the parallelism;
    its worker processes cannot start processes of their own) and no database."""
    return settings.with_(workers=1, db_path=DEFAULT_DB)


def _code_batch(plugin_name: str, articles: list[Article]) -> list[ArticleResult] | HerodotusError:
    """The task run on a worker: code one batch with that worker's pipeline.

    A Herodotus error (a model or a dictionary that cannot be loaded) comes back
    as a value for the client to raise: it is the user's to read once, in one
    line, not a failed task for every worker to log with its traceback. Any
    other exception is a bug, and fails the task as usual.
    """
    from distributed import get_worker

    try:
        plugin = get_worker().plugins.get(plugin_name)
        pipelines = getattr(plugin, "pipelines", None)
        if not isinstance(pipelines, WorkerPipeline):
            raise ClusterError(f"this worker has no herodotus plugin {plugin_name!r}")
        return list(pipelines.get().process(articles))
    except HerodotusError as exc:
        return exc


@contextmanager
def connect(address: ClusterAddress) -> Iterator[Client]:
    """A Dask client for the address; a local cluster lives as long as the block.

    A local cluster runs ``local_workers`` processes of one thread each (spaCy
    holds the GIL; processes, not threads, give parallelism), no dashboard, and
    its HTTP server on any free port, never a fixed one. A remote scheduler must
    have at least one worker within ``WORKER_WAIT_S`` seconds.
    """
    from distributed import Client, LocalCluster

    with ExitStack() as stack:
        try:
            if address.local_workers is not None:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=address.local_workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        # The scheduler serves HTTP (health checks) even without a
                        # dashboard, by default on port 8787 with a warning when that
                        # port is taken: any free port on this machine will do.
                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                    )
                )
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(address.scheduler, timeout=CONNECT_TIMEOUT_S))
                client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except OSError as exc:  # TimeoutError is an OSError
            raise ClusterError(f"cannot use the Dask cluster at {address}: {exc}") from exc
        yield client


def code_batches(
    client: Client,
    settings: Settings,
    batches: Iterable[Sequence[Article]],
    *,
    in_flight: int | None = None,
) -> Generator[list[ArticleResult], None, None]:
    """Code the batches on the cluster's workers, yielding each batch's results as it finishes.

    At most ``in_flight`` batches (default ``BATCHES_PER_THREAD`` per worker
    thread) are sent and not yet collected, so neither the workers nor the
    client hold more than that whatever the input size. Results come in the
    order they finish, not the order sent. A worker error (a model that cannot
    load, a bad dictionary) is raised here as the worker raised it. When the
    generator ends or is closed, the batches still out are cancelled and the
    workers drop this ingest's pipelines.
    """
    from distributed import as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    name = f"herodotus-pipeline-{uuid.uuid4().hex}"
    client.register_plugin(_plugin_class()(WorkerPipeline(_worker_settings(settings))), name=name)
    threads = sum(client.nthreads().values())
    if in_flight is None:
        in_flight = BATCHES_PER_THREAD * max(threads, 1)
    log.info("coding on %d worker threads, at most %d batches out", threads, in_flight)
    todo = iter(batches)
    outstanding: set[Any] = set()

    def submit(batch: Sequence[Article]) -> Any:
        future = client.submit(_code_batch, name, list(batch), pure=False)
        outstanding.add(future)
        return future

    try:
        pending = as_completed([submit(b) for b in itertools.islice(todo, in_flight)])
        for future in pending:
            outstanding.discard(future)
            outcome: list[ArticleResult] | HerodotusError = future.result()
            future.release()
            if isinstance(outcome, HerodotusError):
                raise outcome
            nxt = next(todo, None)
            if nxt is not None:
                pending.add(submit(nxt))
            yield outcome
    except (OSError, KilledWorker, FutureCancelledError) as exc:
        raise ClusterError(f"the Dask cluster failed while coding: {exc}") from exc
    finally:
        _clean_up(client, name, outstanding)


def _clean_up(client: Client, name: str, outstanding: set[Any]) -> None:
    """Cancel the batches still out and remove the plugin, freeing the workers' pipelines.

    Best effort: it runs while an error may be on its way up (a lost scheduler,
    a worker's exception), which a failure here must not replace.
    """
    try:
        if outstanding:
            client.cancel(list(outstanding))
        client.unregister_worker_plugin(name)
    except Exception as exc:  # any failure: see the docstring
        log.warning("could not remove the herodotus plugin %s from the workers: %s", name, exc)
