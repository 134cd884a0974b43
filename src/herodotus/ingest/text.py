"""The plain-text format: one story per file, optionally headed by a ``date`` line.

    date 2019-04-26 Kim Jong holds summit with Putin
    <blank lines>
    Kim and Putin met on Thursday ...

The heading gives the date and the headline; everything after it, less the
blank lines that separate it from the heading, is the body, kept exactly as
written because event offsets point into it. A file without the heading is
all body, dated from its dateline if it has one.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from herodotus.ingest.records import (
    binary_reject,
    date_from_text,
    excerpt,
    is_binary,
    parse_date,
    plain_line_breaks,
    undecodable_reject,
    unreadable_reject,
)
from herodotus.model import Article, DateOrigin, Reject

logger = logging.getLogger(__name__)

# The heading: "date", then something that starts like a date, then the headline.
# Requiring a digit keeps a story that opens "date palms ..." a story.
_HEADING = re.compile(r"[ \t]*date[ \t]+(\d\S*)(?:[ \t]+(.*?))?[ \t\r]*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\f\v]*\n)*")


def parse_text(raw: str, *, name: str) -> Article | Reject:
    """Turn the content of one plain-text story into an ``Article`` (or a ``Reject``).

    ``name`` is the file name (or ``<stdin>``) used in the origin ``name:line``,
    where the line is that of the heading or of the first non-blank line.
    """
    start = _BLANK_LINES.match(raw)
    first_at = start.end() if start else 0
    line_no = raw.count("\n", 0, first_at) + 1
    origin = f"{name}:{line_no}"
    newline = raw.find("\n", first_at)
    first_line = raw[first_at:] if newline < 0 else raw[first_at:newline]

    heading = _HEADING.fullmatch(first_line)
    if heading is None:
        return _article(raw, title=None, given=None, origin=origin)

    raw_date, headline = heading.group(1), heading.group(2)
    date = parse_date(raw_date)
    if date is None:
        return Reject(origin=origin, reason=f"unparsable date {raw_date!r}", excerpt=excerpt(raw))
    rest = "" if newline < 0 else raw[newline + 1 :]
    blank = _BLANK_LINES.match(rest)
    body = rest[blank.end() :] if blank else rest
    title = headline.strip() if headline and headline.strip() else None
    return _article(body, title=title, given=date, origin=origin, raw=raw)


def _article(
    body: str,
    *,
    title: str | None,
    given: dt.date | None,
    origin: str,
    raw: str | None = None,
) -> Article | Reject:
    """Build the article once the heading is settled; an empty body is a ``Reject``.

    Without a given date the dateline in the body is tried, as for any
    undated record.
    """
    if not body.strip():
        return Reject(origin=origin, reason="empty text", excerpt=excerpt(raw or body))
    body = plain_line_breaks(body)
    date: dt.date | None = given
    date_origin: DateOrigin = "given"
    if given is None:
        date, date_origin = date_from_text(body)
    return Article(
        id=Article.content_id(title, body),
        text=body,
        date=date,
        title=title,
        date_origin=date_origin,
        origin=origin,
    )


@dataclass(frozen=True, slots=True)
class TextReader:
    """Reads one ``.txt`` file as one story; bad bytes give a ``Reject``, never an exception."""

    def read(self, path: Path) -> Iterator[Article | Reject]:
        """Yield the single ``Article`` (or ``Reject``) that the file holds."""
        origin = f"{path}:1"
        try:
            data = path.read_bytes()
        except OSError as error:
            yield unreadable_reject(origin, error)
            return
        if is_binary(data):
            yield binary_reject(origin, data)
            return
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield undecodable_reject(origin, data)
            return
        yield parse_text(raw, name=str(path))
