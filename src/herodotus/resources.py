"""Loading the packaged data files (lexicons, gazetteers, tables) with importlib.resources."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from herodotus.errors import DataError

PACKAGE = "herodotus.data"


def read_text(name: str) -> str:
    """The text of one packaged data file."""
    try:
        return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"packaged data file {name!r} is missing") from exc


def iter_jsonl(name: str) -> Iterator[dict[str, Any]]:
    """The objects of a packaged JSON Lines file; blank lines and '#' comments are skipped."""
    for lineno, line in enumerate(read_text(name).splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{name}:{lineno}: {exc.msg}") from exc
        if not isinstance(obj, dict):
            raise DataError(f"{name}:{lineno}: expected a JSON object")
        yield obj


def load_json(name: str) -> Any:
    """A packaged JSON file, parsed."""
    try:
        return json.loads(read_text(name))
    except json.JSONDecodeError as exc:
        raise DataError(f"{name}: {exc.msg}") from exc


def load_word_sets(name: str) -> dict[str, frozenset[str]]:
    """The word lists of a JSON file as sets by key; comments (``_``-prefixed keys) and
    tables (objects) are left to their own readers."""
    raw = load_json(name)
    return {
        k: frozenset(v) for k, v in raw.items() if not k.startswith("_") and isinstance(v, list)
    }


def iter_csv(name: str) -> Iterator[dict[str, str]]:
    """The rows of a packaged CSV file as dicts keyed by its header."""
    yield from csv.DictReader(io.StringIO(read_text(name)))
