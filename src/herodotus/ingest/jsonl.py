"""The JSON Lines format: one JSON object per line with ``id, date, title, text``.

Lines are decoded one at a time, so one line of bad bytes or broken JSON
costs that line only; the rest of the file is still read. Blank lines are
not records and are skipped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from herodotus.ingest.records import (
    SNIFF_BYTES,
    binary_reject,
    excerpt,
    is_binary,
    is_utf8,
    not_utf8_reject,
    to_article,
    undecodable_reject,
    unreadable_reject,
)
from herodotus.model import Article, Reject

logger = logging.getLogger(__name__)


def _json_kind(value: object) -> str:
    """JSON's own name for a value's type, which is what the writer of the file knows."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def parse_line(line: str, *, origin: str) -> Article | Reject | None:
    """One line of JSONL as an ``Article`` or a ``Reject``; ``None`` for a blank line."""
    raw = line.rstrip("\r\n")
    if not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        reason = f"malformed JSON: {error.msg} at column {error.colno}"
        return Reject(origin=origin, reason=reason, excerpt=excerpt(raw))
    except (ValueError, RecursionError) as error:
        # Valid syntax that Python still refuses: nesting too deep, huge integers.
        return Reject(origin=origin, reason=f"malformed JSON: {error}", excerpt=excerpt(raw))
    if not isinstance(value, dict):
        reason = f"not a JSON object but {_json_kind(value)}"
        return Reject(origin=origin, reason=reason, excerpt=excerpt(raw))
    return to_article(value, origin=origin, raw=raw)


def read_lines(
    lines: Iterable[str], *, name: str, first_line: int = 1
) -> Iterator[Article | Reject]:
    """Read already-decoded JSONL lines (standard input); origins are ``name:line``."""
    for number, line in enumerate(lines, start=first_line):
        if number == 1:
            line = line.removeprefix("\ufeff")
        origin = f"{name}:{number}"
        if not is_utf8(line):
            yield not_utf8_reject(origin, line)
            continue
        item = parse_line(line, origin=origin)
        if item is not None:
            yield item


@dataclass(frozen=True, slots=True)
class JsonlReader:
    """Reads ``.jsonl`` (and one-object-per-line ``.json``) files line by line, streaming."""

    def read(self, path: Path) -> Iterator[Article | Reject]:
        """Yield one ``Article`` or ``Reject`` per non-blank line of the file."""
        try:
            with path.open("rb") as handle:
                head = handle.read(SNIFF_BYTES)
                if is_binary(head):
                    yield binary_reject(f"{path}:1", head)
                    return
                handle.seek(0)
                for number, data in enumerate(handle, start=1):
                    item = self._line(data, origin=f"{path}:{number}", first=number == 1)
                    if item is not None:
                        yield item
        except OSError as error:
            yield unreadable_reject(f"{path}:1", error)

    @staticmethod
    def _line(data: bytes, *, origin: str, first: bool) -> Article | Reject | None:
        """Decode and parse one line; bad bytes reject the line, not the file."""
        data = data.rstrip(b"\r\n")
        if is_binary(data):
            return binary_reject(origin, data)
        try:
            line = data.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError:
            return undecodable_reject(origin, data)
        return parse_line(line, origin=origin)
