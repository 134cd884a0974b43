"""Shared fixtures: the real spaCy model and pipeline (loaded once per session), and
the path of ../shared, whose tests skip with a clear reason when it is absent."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from herodotus.pipeline import Pipeline
from herodotus.settings import Settings

SHARED = Path(os.environ.get("HERODOTUS_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or skip: a user's clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"needs {Path('..', 'shared', *parts)} (the project's shared data), absent here"
        )
    return path


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def stored_ids(db: Path) -> dict[str, list[str]]:
    """Every stored id per table, sorted, duplicates kept: comparing two databases with
    this shows both a missing row and a row stored twice."""
    import duckdb

    keys = {"articles": "article_id", "events": "event_id", "quotes": "quote_id"}
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            table: sorted(str(v) for (v,) in con.execute(f"SELECT {key} FROM {table}").fetchall())
            for table, key in keys.items()
        }


def head_jsonl(source: Path, target: Path, n: int) -> Path:
    """The first ``n`` lines of a JSONL corpus, as a small input of real news."""
    with source.open(encoding="utf-8") as src:
        lines = list(itertools.islice(src, n))
    target.write_text("".join(lines), encoding="utf-8")
    return target
