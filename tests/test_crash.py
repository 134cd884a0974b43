"""An ingest killed with SIGKILL half-way, then run again, loses nothing and stores nothing twice.

Why this holds: every batch is one transaction and every row is keyed by a
stable id, so a kill leaves whole batches (DuckDB replays its write-ahead log
on the next open and drops the unfinished transaction), and the rerun skips
the stored articles and adds the rest. Here it is checked end to end, on real
news and the real command, against a clean run into another file.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest

from herodotus import jobs
from herodotus.pipeline import Pipeline
from herodotus.settings import Settings
from tests.conftest import head_jsonl, require_shared, stored_ids

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="needs SIGKILL, which this platform lacks"
)

ARTICLES = 120
BATCH = 2
# Batches committed before the kill: early enough that most of the input is left.
KILL_AFTER = 3
WAIT_S = 180

STORED = re.compile(r"stored batch (\d+)")


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    # -v logs "stored batch N" after each commit: the signal that N batches are on disk.
    return [
        sys.executable,
        "-m",
        "herodotus",
        "-v",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch",
        str(BATCH),
    ]


def _lines(stream: IO[str], out: queue.Queue[str | None]) -> None:
    for line in stream:
        out.put(line)
    out.put(None)


def _kill_after_batches(cmd: list[str], batches: int) -> list[str]:
    """Run ``cmd``, SIGKILL it once it has logged ``batches`` commits; its stderr lines.

    Standard error is read on a thread so that a child that hangs fails the
    test after ``WAIT_S`` seconds instead of blocking it forever.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=_lines, args=(proc.stderr, lines), daemon=True)
    reader.start()
    seen: list[str] = []
    try:
        while True:
            line = lines.get(timeout=WAIT_S)
            if line is None:
                pytest.fail("the ingest ended before it could be killed:\n" + "".join(seen))
            seen.append(line)
            match = STORED.search(line)
            if match and int(match.group(1)) >= batches:
                os.kill(proc.pid, signal.SIGKILL)
                break
    finally:
        if proc.poll() is None and proc.returncode is None:
            proc.kill()
        proc.wait()
        reader.join(timeout=10)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return seen


def _no_duplicates(ids: dict[str, list[str]]) -> None:
    for table, values in ids.items():
        assert len(values) == len(set(values)), f"{table} holds an id twice"


def test_an_ingest_killed_mid_way_and_rerun_equals_a_clean_run(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    corpus = head_jsonl(
        require_shared("corpora", "reuters21578.jsonl"), tmp_path / "news.jsonl", ARTICLES
    )
    clean_db = tmp_path / "clean.duckdb"
    jobs.ingest([corpus], Settings(db_path=clean_db), pipeline=pipeline, batch_articles=BATCH)
    clean = stored_ids(clean_db)
    assert len(clean["articles"]) == ARTICLES and clean["events"] and clean["quotes"]

    db = tmp_path / "killed.duckdb"
    _kill_after_batches(_ingest_cmd(corpus, db), KILL_AFTER)

    # Opening the killed file replays its log: whole batches only, nothing doubled.
    partial = stored_ids(db)
    _no_duplicates(partial)
    kept = len(partial["articles"])
    assert KILL_AFTER * BATCH <= kept < ARTICLES, f"{kept} articles stored before the kill"
    assert kept % BATCH == 0, "a batch was stored in part"
    assert set(partial["events"]) <= set(clean["events"])
    assert set(partial["quotes"]) <= set(clean["quotes"])

    rerun = subprocess.run(_ingest_cmd(corpus, db), capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{ARTICLES - kept} articles added, {kept} already stored" in rerun.stdout

    final = stored_ids(db)
    _no_duplicates(final)
    assert final == clean
