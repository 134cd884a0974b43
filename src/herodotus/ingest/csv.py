"""The CSV format: a header row naming ``id, date, title, text`` (``url, source`` optional).

Column names are matched without regard to case or surrounding spaces, other
columns are ignored, and every row goes through the same validation as a
JSONL record. Each row keeps the raw lines it was parsed from, so that a
``Reject`` shows the row as it stands in the file and names the line it starts
on, even when a quoted field spans several lines.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from herodotus.ingest.records import (
    SNIFF_BYTES,
    binary_reject,
    excerpt,
    is_binary,
    is_utf8,
    not_utf8_reject,
    printable,
    to_article,
    unreadable_reject,
)
from herodotus.model import Article, Reject

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CsvReader:
    """Reads ``.csv`` files row by row, streaming; a bad row is a ``Reject``, not the end."""

    def read(self, path: Path) -> Iterator[Article | Reject]:
        """Yield one ``Article`` or ``Reject`` per data row of the file."""
        try:
            with path.open("rb") as handle:
                head = handle.read(SNIFF_BYTES)
                if is_binary(head):
                    yield binary_reject(f"{path}:1", head)
                    return
                handle.seek(0)
                text = io.TextIOWrapper(
                    handle, encoding="utf-8-sig", errors="surrogateescape", newline=""
                )
                yield from _rows(text, name=str(path))
        except OSError as error:
            yield unreadable_reject(f"{path}:1", error)


def _rows(lines: Iterator[str], *, name: str) -> Iterator[Article | Reject]:
    """Parse CSV records from lines, keeping each record's raw lines and first line number."""
    consumed: list[str] = []

    def feed() -> Iterator[str]:
        for line in lines:
            consumed.append(line)
            yield line

    reader = csv.reader(feed())
    header: list[str] | None = None
    lines_before = 0
    while True:
        error: csv.Error | None = None
        row: list[str] = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as caught:
            error = caught
        raw = "".join(consumed)
        consumed.clear()
        origin = f"{name}:{lines_before + 1}"
        lines_before += raw.count("\n") if raw.endswith("\n") else raw.count("\n") + 1
        if error is not None:
            yield Reject(
                origin=origin, reason=f"malformed CSV: {error}", excerpt=printable(excerpt(raw))
            )
            continue
        if not row:  # a blank line between records
            continue
        if header is None:
            header = [column.strip().lower() for column in row]
            if "text" not in header:
                yield Reject(
                    origin=origin,
                    reason="CSV header has no 'text' column",
                    excerpt=printable(excerpt(raw)),
                )
                return
            continue
        if not is_utf8(raw):
            yield not_utf8_reject(origin, raw)
            continue
        if len(row) > len(header):
            reason = f"{len(row)} fields where the header has {len(header)}"
            yield Reject(origin=origin, reason=reason, excerpt=excerpt(raw))
            continue
        record = dict(zip(header, row, strict=False))
        yield to_article(record, origin=origin, raw=raw.rstrip("\r\n"))
