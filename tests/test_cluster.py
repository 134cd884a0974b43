"""Ingest on a Dask cluster: real worker processes must store exactly what one process does.

The cluster tests start a real ``LocalCluster`` of two worker processes (one
thread each), each loading the real model once, on real news from
../shared/corpora; they skip with a reason when ../shared is absent.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from herodotus import jobs
from herodotus.cli import main
from herodotus.cluster import ClusterAddress, WorkerPipeline, parse_address
from herodotus.errors import ClusterError, InputError, ModelError
from herodotus.ingest import read_paths
from herodotus.model import Article
from herodotus.pipeline import Pipeline
from herodotus.settings import Settings
from tests.conftest import head_jsonl, require_shared, stored_ids

ARTICLES = 30


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = require_shared("corpora", "reuters21578.jsonl")
    return head_jsonl(source, tmp_path_factory.mktemp("corpus") / "news.jsonl", ARTICLES)


@pytest.fixture(scope="module")
def reference(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline
) -> dict[str, list[str]]:
    """The ids one process stores, to compare the cluster's against."""
    db = tmp_path_factory.mktemp("single") / "single.duckdb"
    summary = jobs.ingest([corpus], Settings(db_path=db), pipeline=pipeline)
    assert summary.articles_added == ARTICLES
    ids = stored_ids(db)
    assert ids["events"] and ids["quotes"], "the input must give events and quotes to compare"
    return ids


# --------------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("local:1", ClusterAddress(local_workers=1)),
        ("local:12", ClusterAddress(local_workers=12)),
        (" tcp://10.0.0.5:8786 ", ClusterAddress(scheduler="tcp://10.0.0.5:8786")),
        ("tcp://scheduler.lan:8786/", ClusterAddress(scheduler="tcp://scheduler.lan:8786")),
        ("tcp://[::1]:8786", ClusterAddress(scheduler="tcp://[::1]:8786")),
    ],
)
def test_addresses_that_are_accepted(text: str, address: ClusterAddress) -> None:
    assert parse_address(text) == address


@pytest.mark.parametrize(
    "text",
    [
        "",
        "local",
        "local:",
        "local:0",
        "local:-2",
        "local:two",
        "local:1.5",
        "tcp://host",
        "tcp://:8786",
        "tcp://host:port",
        "tcp://host:99999",
        "tcp://host:8786/path",
        "http://host:8786",
        "host:8786",
    ],
)
def test_bad_addresses_are_input_errors(text: str) -> None:
    with pytest.raises(InputError, match="bad cluster address"):
        parse_address(text)


def test_a_bad_address_fails_before_the_input_is_read(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "missing.jsonl"), "--db", str(db), "--cluster", "local:0"]
    )
    assert result.exit_code == 2
    assert "bad cluster address 'local:0'" in result.output
    assert not db.exists()


# --------------------------------------------------------------------------- worker state


def test_the_worker_pipeline_is_built_once_whatever_the_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tasks of one worker share its pipeline: a second model load would cost seconds."""
    built: list[Settings] = []

    class CountingPipeline:
        def __init__(self, settings: Settings) -> None:
            built.append(settings)

    monkeypatch.setattr("herodotus.pipeline.Pipeline", CountingPipeline)
    holder = WorkerPipeline(Settings())
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(holder.get())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and len(got) == 8 and all(p is got[0] for p in got)
    holder.release()
    holder.get()
    assert len(built) == 2


def test_the_worker_pipeline_travels_as_settings_only() -> None:
    """What is pickled to the workers is small: the settings and the coder version."""
    holder = WorkerPipeline(Settings(threshold=0.25), coder_version="herodotus-x")
    copy = pickle.loads(pickle.dumps(holder))
    assert copy.settings == Settings(threshold=0.25)
    assert copy.coder_version == "herodotus-x"


def test_a_worker_with_another_release_refuses_to_code() -> None:
    """Mixing two releases' codes in one database would go unnoticed otherwise."""
    with pytest.raises(ClusterError, match="same herodotus on every machine"):
        WorkerPipeline(Settings(), coder_version="herodotus-0.0.0").get()


def test_results_survive_the_trip_back_from_a_worker(corpus: Path, pipeline: Pipeline) -> None:
    """Workers send ``ArticleResult`` values back pickled; they must come back equal."""
    articles = [r for r in read_paths([corpus]) if isinstance(r, Article)][:10]
    results = list(pipeline.process(articles))
    assert any(r.events for r in results) and any(r.quotes for r in results)
    assert pickle.loads(pickle.dumps(results)) == results


def test_importing_herodotus_does_not_import_dask() -> None:
    code = (
        "import sys, herodotus.cluster, herodotus.jobs, herodotus.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------- real clusters


def test_a_local_cluster_stores_what_one_process_stores(
    corpus: Path, reference: dict[str, list[str]], tmp_path: Path
) -> None:
    """Two worker processes, small batches so both work and finish out of order."""
    db = tmp_path / "cluster.duckdb"
    summary = jobs.ingest([corpus], Settings(db_path=db), batch_articles=3, cluster="local:2")
    assert summary.articles_added == ARTICLES
    assert summary.events_added == len(reference["events"])
    assert stored_ids(db) == reference


def test_a_worker_error_reaches_the_caller_as_itself(corpus: Path, tmp_path: Path) -> None:
    """A model a worker cannot load is the same ``ModelError`` (exit code 6) as at home."""
    db = tmp_path / "failed.duckdb"
    settings = Settings(db_path=db, model="no_such_model")
    with pytest.raises(ModelError, match="no_such_model"):
        jobs.ingest([corpus], settings, cluster="local:1")
    assert stored_ids(db)["articles"] == []


def test_the_command_line_codes_on_a_local_cluster(
    corpus: Path, reference: dict[str, list[str]], tmp_path: Path
) -> None:
    """The installed command, in its own process, with warnings as errors there too."""
    db = tmp_path / "cli.duckdb"
    cmd = [sys.executable, "-W", "error", "-m", "herodotus", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.run(
        [*cmd, "--cluster", "local:2", "--batch", "4"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert f"{ARTICLES} articles added" in proc.stdout
    assert stored_ids(db) == reference
    # A rerun finds everything stored and needs no cluster at all.
    again = subprocess.run(
        [*cmd, "--cluster", "local:2"], capture_output=True, text=True, check=False
    )
    assert again.returncode == 0, again.stderr
    assert f"0 articles added, {ARTICLES} already stored" in again.stdout
    assert stored_ids(db) == reference
