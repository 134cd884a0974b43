"""Shared fixtures: the real spaCy model and pipeline (loaded once per session), and
the path of ../shared, whose tests skip with a clear reason when it is absent."""

from __future__ import annotations

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
