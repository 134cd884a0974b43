"""Reading news into ``Article`` values: one ``Reader`` per format, one entry point for paths.

    read_paths(["news/", "extra.jsonl", "-"])  ->  Article, Article, Reject, ...

A path that does not exist is a usage error and raises ``InputError`` before
anything is read. Everything else that can go wrong with the content (bad
bytes, broken JSON, an impossible date, an empty story) is a ``Reject`` with a
reason, yielded in sequence with the articles, so that one bad record never
stops a batch and is never silently dropped.

Formats: ``.txt`` (one story, optional ``date YYYY-MM-DD headline`` first
line), ``.jsonl``/``.json`` (one object per line) and ``.csv`` (header row);
``-`` is standard input, whose format is sniffed from its first character.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Protocol, TextIO

from herodotus.errors import InputError
from herodotus.ingest.csv import CsvReader
from herodotus.ingest.jsonl import JsonlReader, read_lines
from herodotus.ingest.records import (
    SNIFF_BYTES,
    is_utf8,
    not_utf8_reject,
    undecodable_reject,
    unreadable_reject,
)
from herodotus.ingest.text import TextReader, parse_text
from herodotus.model import Article, Reject

__all__ = [
    "SUFFIXES",
    "CsvReader",
    "JsonlReader",
    "Reader",
    "TextReader",
    "read_paths",
    "read_stream",
    "reader_for",
]

logger = logging.getLogger(__name__)

#: File suffixes picked up when walking a directory (compared in lower case).
SUFFIXES: tuple[str, ...] = (".txt", ".jsonl", ".json", ".csv")
STDIN = "-"


class Reader(Protocol):
    """A format: reads one file and yields its stories, or the reasons it could not."""

    def read(self, path: Path) -> Iterator[Article | Reject]:
        """Yield each record of the file as an ``Article`` or a ``Reject``.

        Bad content never raises; only a missing path, checked before, does.
        """
        ...


def reader_for(path: Path) -> Reader | None:
    """The reader for a file by its suffix, or ``None`` when the suffix is not a known format."""
    match path.suffix.lower():
        case ".txt":
            return TextReader()
        case ".jsonl" | ".json":
            return JsonlReader()
        case ".csv":
            return CsvReader()
        case _:
            return None


def _sniffed_reader(path: Path) -> Reader:
    """For a file named explicitly with an unknown suffix: JSONL if it opens with ``{``.

    The same rule as for standard input; a file that cannot be opened goes to
    the text reader, which turns the failure into a ``Reject``.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return TextReader()
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        return JsonlReader()
    return TextReader()


def _walk(root: Path, errors: list[OSError]) -> list[Path]:
    """Files under a directory, known formats only, sorted by their path components.

    Sorting whole paths (``a/1.txt`` before ``b/c.txt`` before ``z.txt``) gives
    the order ``find | sort`` would, whatever the file system returns.
    Directories that cannot be listed are appended to ``errors`` (``os.walk``
    would otherwise skip them without a word) so that the caller can reject them.
    """
    found: list[Path] = []
    for directory, _subdirectories, files in os.walk(root, onerror=errors.append):
        for name in files:
            path = Path(directory) / name
            if path.suffix.lower() in SUFFIXES:
                found.append(path)
            else:
                logger.debug("skipping %s: not a known input format", path)
    return sorted(found, key=lambda path: path.relative_to(root).parts)


def read_stream(stream: TextIO, *, name: str = "<stdin>") -> Iterator[Article | Reject]:
    """Read already-open text (standard input): JSONL if the first non-blank character is
    ``{``, else one plain-text story.

    Leading blank lines are read ahead to decide; JSONL is then streamed line
    by line, while a plain-text story is read whole.
    """
    leading: list[str] = []
    try:
        for line in stream:
            if line.strip("\ufeff \t\r\n\f\v"):
                break
            leading.append(line)
        else:
            yield Reject(origin=f"{name}:1", reason="empty text")
            return
        if line.lstrip("\ufeff \t\r\n\f\v").startswith("{"):
            yield from read_lines(chain(leading, [line], stream), name=name)
            return
        raw = "".join(leading) + line + stream.read()
    except UnicodeDecodeError as error:
        yield undecodable_reject(f"{name}:1", bytes(error.object))
        return
    if not is_utf8(raw):
        yield not_utf8_reject(f"{name}:1", raw)
        return
    yield parse_text(raw.removeprefix("\ufeff"), name=name)


def _read_file(path: Path, *, named: bool) -> Iterator[Article | Reject]:
    """One file through the reader its suffix calls for."""
    reader = reader_for(path)
    if reader is None:
        if not named:
            return
        logger.debug("%s: unknown suffix, format sniffed from its content", path)
        reader = _sniffed_reader(path)
    yield from reader.read(path)


def _read_all(paths: Sequence[str | Path], stdin: TextIO | None) -> Iterator[Article | Reject]:
    """The lazy part of ``read_paths``, once every path is known to exist."""
    for given in paths:
        if str(given) == STDIN:
            yield from read_stream(stdin if stdin is not None else sys.stdin)
            continue
        path = Path(given)
        if path.is_dir():
            errors: list[OSError] = []
            for file in _walk(path, errors):
                yield from _read_file(file, named=False)
            for error in errors:
                where = error.filename if error.filename is not None else path
                yield unreadable_reject(f"{where}:1", error)
        else:
            yield from _read_file(path, named=True)


def read_paths(
    paths: Sequence[str | Path], *, stdin: TextIO | None = None
) -> Iterator[Article | Reject]:
    """Read files, directories (recursively, sorted) and ``-`` (standard input) in order.

    Raises ``InputError`` at once, before reading anything, when a path does
    not exist: that is a mistake in the command, not in the data. ``stdin``
    replaces ``sys.stdin`` for ``-`` (tests, servers).
    """
    missing = [str(p) for p in paths if str(p) != STDIN and not Path(p).exists()]
    if missing:
        raise InputError(f"no such file or directory: {', '.join(missing)}")
    return _read_all(list(paths), stdin)
