"""Readers: every format, dispatch by path, and bad input turned into reasons, never raised."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import TypeVar

import pytest

from herodotus.errors import InputError
from herodotus.ingest import (
    CsvReader,
    JsonlReader,
    TextReader,
    read_paths,
    read_stream,
    reader_for,
)
from herodotus.ingest.records import to_article
from herodotus.model import Article, Reject

T = TypeVar("T")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_616088699722051b.txt"
GOLD_FILES = sorted((SHARED / "eval").glob("*.gold.jsonl")) if SHARED.is_dir() else []

BODY = "Ministers met in Lisbon on Tuesday.\n\n  They agreed to meet again.\n"


def read(*paths: str | Path) -> list[Article | Reject]:
    return list(read_paths(list(paths)))


def articles(items: list[Article | Reject]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def rejects(items: list[Article | Reject]) -> list[Reject]:
    return [item for item in items if isinstance(item, Reject)]


def only(items: list[T]) -> T:
    assert len(items) == 1, items
    return items[0]


def jsonl(path: Path, *lines: object) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


# --- plain text ----------------------------------------------------------------------------


def test_text_heading_gives_date_and_title_and_body_is_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(" date 2019-04-26 Summit in Lisbon \n\n\n" + BODY, encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.date == dt.date(2019, 4, 26)
    assert article.date_origin == "given"
    assert article.title == "Summit in Lisbon"
    assert article.text == BODY
    assert article.origin == f"{path}:1"
    assert article.id == Article.content_id("Summit in Lisbon", BODY)


def test_text_heading_without_headline_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("date 2020/1/2\n" + BODY, encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.date, article.title, article.text) == (dt.date(2020, 1, 2), None, BODY)


def test_text_without_heading_is_all_body_and_undated(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(BODY, encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.text, article.title, article.date, article.date_origin) == (
        BODY,
        None,
        None,
        "none",
    )


def test_text_starting_with_the_word_date_is_not_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = "date palms wilt in the heat.\nFarmers protested.\n"
    path.write_text(text, encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.text, article.title) == (text, None)


def test_text_without_heading_is_dated_by_its_dateline(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("KABUL, Afghanistan (Jan. 25, 2013) - Forces detained a man.\n", "utf-8")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.date, article.date_origin) == (dt.date(2013, 1, 25), "dateline")


def test_text_keeps_crlf_body_and_reads_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfdate 2019-04-26 Title\r\n\r\nLine one.\r\nLine two.\r\n")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.date, article.title) == (dt.date(2019, 4, 26), "Title")
    assert article.text == "Line one.\r\nLine two.\r\n"


def test_text_with_impossible_date_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("date 2019-13-45 Title\n" + BODY, encoding="utf-8")
    reject = only(read(path))
    assert isinstance(reject, Reject)
    assert reject.reason == "unparsable date '2019-13-45'"
    assert reject.origin == f"{path}:1"
    assert reject.excerpt.startswith("date 2019-13-45 Title")


@pytest.mark.parametrize("content", ["", "  \n\t\n", "date 2019-04-26 Only a title\n\n  \n"])
def test_text_without_body_is_rejected(tmp_path: Path, content: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(content, encoding="utf-8")
    reject = only(read(path))
    assert isinstance(reject, Reject)
    assert reject.reason == "empty text"


def test_text_not_utf8_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("date 2019-04-26 Café\nSão Paulo mayor met\n".encode("latin-1"))
    reject = only(read(path))
    assert isinstance(reject, Reject)
    assert reject.reason == "not UTF-8 text"
    assert reject.origin == f"{path}:1"
    assert "S\ufffdo Paulo" in reject.excerpt


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    reject = only(read(path))
    assert isinstance(reject, Reject)
    assert reject.reason == "binary data (NUL bytes)"
    assert "\x00" not in reject.excerpt
    assert len(reject.excerpt) <= 200


# --- JSONL ---------------------------------------------------------------------------------


def test_jsonl_record_fields(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "news.jsonl",
        {
            "id": 7,
            "date": "2019-04-26",
            "title": "Summit",
            "text": BODY,
            "url": "https://example.org/a",
            "source": "Example",
            "events": [],
            "meta": {"x": 1},
        },
    )
    article = only(read(path))
    assert article == Article(
        id="7",
        text=BODY,
        date=dt.date(2019, 4, 26),
        title="Summit",
        url="https://example.org/a",
        source="Example",
        date_origin="given",
        origin=f"{path}:1",
    )


def test_jsonl_three_good_three_broken(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "mixed.jsonl",
        {"id": "a", "date": "2019-04-26", "title": "A", "text": "Russia accused Ukraine."},
        {"id": "b", "date": "2019-13-45", "title": "B", "text": "Bad date."},
        {"id": "c", "date": None, "title": "C", "text": "No date given."},
        {"id": "d", "date": "2019-04-26", "title": "D", "text": "   \n"},
        "this is not JSON",
        "",
        {"id": "e", "title": "E", "text": "No date key at all."},
    )
    items = read(path)
    assert [a.id for a in articles(items)] == ["a", "c", "e"]
    assert [(r.origin, r.reason) for r in rejects(items)] == [
        (f"{path}:2", "unparsable date '2019-13-45'"),
        (f"{path}:4", "empty text"),
        (f"{path}:5", "malformed JSON: Expecting value at column 1"),
    ]
    assert rejects(items)[2].excerpt == "this is not JSON"
    undated = articles(items)[1]
    assert (undated.date, undated.date_origin, undated.origin) == (None, "none", f"{path}:3")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2, 3]", "not a JSON object but array"),
        ('"just a string"', "not a JSON object but string"),
        ('{"id": "x", "text": ', "malformed JSON: Expecting value at column 21"),
        ('{"id": "x", "text": ["a"]}', "text is not a string but list"),
        ('{"id": "x", "title": "T"}', "empty text"),
        ('{"id": "x", "text": null}', "empty text"),
        ('{"id": "x", "date": 20190426, "text": "T"}', "unparsable date 20190426"),
        ('{"id": "x", "date": "26/04/2019", "text": "T"}', "unparsable date '26/04/2019'"),
        ('{"id": "x", "date": "yesterday", "text": "T"}', "unparsable date 'yesterday'"),
        ('{"id": "x", "text": "lone \\ud800 surrogate"}', "invalid Unicode (lone surrogate)"),
    ],
)
def test_jsonl_reject_reasons(tmp_path: Path, line: str, reason: str) -> None:
    reject = only(read(jsonl(tmp_path / "bad.jsonl", line)))
    assert isinstance(reject, Reject)
    assert reject.reason == reason
    assert reject.excerpt == line[:200]


@pytest.mark.parametrize(
    "value", ["2019-04-26", "2019-04-26T10:11:12Z", "2019-04-26T23:00:00-05:00", "2019/4/26"]
)
def test_jsonl_accepted_date_forms(tmp_path: Path, value: str) -> None:
    path = jsonl(tmp_path / "d.jsonl", {"id": "x", "date": value, "text": "T"})
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.date, article.date_origin) == (dt.date(2019, 4, 26), "given")


@pytest.mark.parametrize("record", [{"date": None}, {"date": ""}, {"date": "  "}, {}])
def test_jsonl_missing_date_falls_back_to_dateline(tmp_path: Path, record: dict[str, str]) -> None:
    text = "ADDIS ABABA, June 9, 2018 (Reuters) - The prime minister met rebels."
    path = jsonl(tmp_path / "d.jsonl", {"id": "x", "text": text, **record})
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.date, article.date_origin) == (dt.date(2018, 6, 9), "dateline")


def test_jsonl_long_broken_line_excerpt_is_cut(tmp_path: Path) -> None:
    line = "{" + "x" * 1000
    reject = only(read(jsonl(tmp_path / "long.jsonl", line)))
    assert isinstance(reject, Reject)
    assert reject.excerpt == line[:200]


def test_jsonl_bad_bytes_cost_one_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "Fine."}).encode()
    bad = '{"id": "bad", "text": "Caf\u00e9"}'.encode("latin-1")
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + bad + b"\n" + good + b"\n")
    items = read(path)
    assert [a.origin for a in articles(items)] == [f"{path}:1", f"{path}:3"]
    reject = only(rejects(items))
    assert (reject.origin, reject.reason) == (f"{path}:2", "not UTF-8 text")
    assert reject.excerpt == '{"id": "bad", "text": "Caf\ufffd"}'


def test_jsonl_binary_file_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"{\x00\x01\x02\n" * 50)
    reject = only(read(path))
    assert isinstance(reject, Reject)
    assert (reject.origin, reject.reason) == (f"{path}:1", "binary data (NUL bytes)")


def test_json_suffix_reads_as_jsonl(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "one.json", {"id": "j", "text": "T"})
    assert [a.id for a in articles(read(path))] == ["j"]


# --- ids -----------------------------------------------------------------------------------


def test_content_ids_are_stable_and_shared_across_formats(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text("date 2019-04-26 Summit\n\n" + BODY, encoding="utf-8")
    line = jsonl(tmp_path / "a.jsonl", {"date": "2019-04-26", "title": "Summit", "text": BODY})
    csv_file = tmp_path / "a.csv"
    csv_file.write_text('id,date,title,text\n,2019-04-26,Summit,"' + BODY + '"\n', encoding="utf-8")
    first = [a.id for a in articles(read(txt, line, csv_file))]
    again = [a.id for a in articles(read(txt, line, csv_file))]
    assert first == again == [Article.content_id("Summit", BODY)] * 3
    assert first[0].startswith("h")

    other = jsonl(tmp_path / "b.jsonl", {"title": "Summit", "text": BODY + "More."})
    assert only(articles(read(other))).id != first[0]


# --- CSV -----------------------------------------------------------------------------------


def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text(
        " ID ,Date,Title,Text,URL,Source,extra\n"
        '1,2017/2/7,"Vote, at last","First line.\n\nSecond line.",https://a.example/x,A,zz\n'
        "\n"
        ",2017-02-08,,Plain text.,,,\n",
        encoding="utf-8",
    )
    first, second = read(path)
    assert first == Article(
        id="1",
        text="First line.\n\nSecond line.",
        date=dt.date(2017, 2, 7),
        title="Vote, at last",
        url="https://a.example/x",
        source="A",
        date_origin="given",
        origin=f"{path}:2",
    )
    assert isinstance(second, Article)
    assert second.origin == f"{path}:6"
    assert (second.id, second.title, second.url, second.source) == (
        Article.content_id(None, "Plain text."),
        None,
        None,
        None,
    )


def test_csv_bad_rows_are_rejected_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_bytes(
        b"id,date,title,text\n"
        b"1,2019-13-45,T,Bad date.\n"
        b"2,2019-04-26,T,\n"
        b"3,2019-04-26,T,Too,many,fields\n"
        b"4,2019-04-26,Caf\xe9,Latin-1 title.\n"
        b'5,2019-04-26,T,"' + b"x" * 200_000 + b'"\n'
        b"6,2019-04-26,T,Good.\n"
        b"7,2019-04-26\n"
    )
    items = read(path)
    assert [a.id for a in articles(items)] == ["6"]
    assert [(r.origin.rsplit(":", 1)[1], r.reason) for r in rejects(items)] == [
        ("2", "unparsable date '2019-13-45'"),
        ("3", "empty text"),
        ("4", "6 fields where the header has 4"),
        ("5", "not UTF-8 text"),
        ("6", "malformed CSV: field larger than field limit (131072)"),
        ("8", "empty text"),
    ]
    assert rejects(items)[0].excerpt == "1,2019-13-45,T,Bad date."
    assert rejects(items)[3].excerpt == "4,2019-04-26,Caf\ufffd,Latin-1 title.\n"
    assert all(len(r.excerpt) <= 200 for r in rejects(items))


def test_csv_without_text_column_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("id,date,body\n1,2019-04-26,Something.\n", encoding="utf-8")
    reject = only(read(path))
    assert isinstance(reject, Reject)
    assert reject.reason == "CSV header has no 'text' column"


def test_csv_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00" * 30)
    reject = only(read(path))
    assert isinstance(reject, Reject)
    assert reject.reason == "binary data (NUL bytes)"


# --- dispatch ------------------------------------------------------------------------------


def test_reader_for_suffixes() -> None:
    assert isinstance(reader_for(Path("a.txt")), TextReader)
    assert isinstance(reader_for(Path("a.TXT")), TextReader)
    assert isinstance(reader_for(Path("a.jsonl")), JsonlReader)
    assert isinstance(reader_for(Path("a.json")), JsonlReader)
    assert isinstance(reader_for(Path("a.csv")), CsvReader)
    assert reader_for(Path("a.md")) is None


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / "a").mkdir()
    (root / "z.txt").write_text("Story z.", encoding="utf-8")
    (root / "a" / "2.txt").write_text("Story a2.", encoding="utf-8")
    (root / "a" / "1.TXT").write_text("Story a1.", encoding="utf-8")
    jsonl(root / "b" / "deeper" / "c.jsonl", {"id": "c1", "text": "T"}, {"id": "c2", "text": "T"})
    (root / "b" / "d.csv").write_text("id,text\nd1,T\n", encoding="utf-8")
    (root / "b" / "notes.md").write_text("not news", encoding="utf-8")
    (root / "b" / "image.png").write_bytes(b"\x00\x01")
    found = [a.id if a.title is None and a.text == "T" else a.text for a in articles(read(root))]
    assert found == ["Story a1.", "Story a2.", "d1", "c1", "c2", "Story z."]
    assert rejects(read(root)) == []


def test_missing_path_raises_before_anything_is_read(tmp_path: Path) -> None:
    good = jsonl(tmp_path / "ok.jsonl", {"id": "x", "text": "T"})
    with pytest.raises(InputError, match="no-such-file"):
        read_paths([good, tmp_path / "no-such-file.txt"])


def test_explicit_file_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    as_jsonl = jsonl(tmp_path / "feed.ndjson", {"id": "n", "text": "T"})
    as_text = tmp_path / "story.md"
    as_text.write_text("date 2019-04-26 T\nBody.", encoding="utf-8")
    first, second = read(as_jsonl, as_text)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.id == "n"
    assert (second.title, second.text) == ("T", "Body.")


# --- standard input ------------------------------------------------------------------------


def test_stdin_jsonl_is_sniffed_from_first_character() -> None:
    stream = io.StringIO('\n  {"id": "s1", "text": "T"}\n{"id": "s2", "text": ""}\n')
    items = list(read_paths(["-"], stdin=stream))
    assert [a.id for a in articles(items)] == ["s1"]
    assert [(a.origin) for a in articles(items)] == ["<stdin>:2"]
    assert [(r.origin, r.reason) for r in rejects(items)] == [("<stdin>:3", "empty text")]


def test_stdin_plain_text() -> None:
    stream = io.StringIO("date 2019-04-26 Headline\n\n" + BODY)
    article = only(list(read_paths(["-"], stdin=stream)))
    assert isinstance(article, Article)
    assert (article.date, article.title, article.text, article.origin) == (
        dt.date(2019, 4, 26),
        "Headline",
        BODY,
        "<stdin>:1",
    )


def test_stdin_empty_is_a_reject() -> None:
    reject = only(list(read_stream(io.StringIO("\n\n"))))
    assert isinstance(reject, Reject)
    assert reject.reason == "empty text"


def test_stdin_with_undecodable_bytes_is_a_reject() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"S\xe3o Paulo\n"), encoding="utf-8")
    reject = only(list(read_stream(stream)))
    assert isinstance(reject, Reject)
    assert reject.reason == "not UTF-8 text"
    stream = io.TextIOWrapper(
        io.BytesIO(b"S\xe3o Paulo\n"), encoding="utf-8", errors="surrogateescape"
    )
    reject = only(list(read_stream(stream)))
    assert isinstance(reject, Reject)
    assert (reject.reason, reject.excerpt) == ("not UTF-8 text", "S\ufffdo Paulo\n")


def test_stdin_mixes_with_files(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "f.jsonl", {"id": "f", "text": "T"})
    stream = io.StringIO('{"id": "s", "text": "T"}\n')
    assert [a.id for a in articles(list(read_paths([path, "-"], stdin=stream)))] == ["f", "s"]


# --- the shared test data ------------------------------------------------------------------


@pytest.mark.skipif(not SEED.is_file(), reason=f"shared seed article not found at {SEED}")
def test_seed_article_reads_with_date_and_title() -> None:
    article = only(read(SEED))
    assert isinstance(article, Article)
    assert article.date == dt.date(2019, 4, 26)
    assert article.date_origin == "given"
    assert article.title and article.title.startswith("Kim Jong holds summit")
    assert not article.text.startswith(("\n", " date"))


@pytest.mark.skipif(not GOLD_FILES, reason=f"no gold files found under {SHARED / 'eval'}")
@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda path: path.name)
def test_gold_files_read_without_rejects(gold: Path) -> None:
    items = read(gold)
    assert rejects(items) == []
    lines = [line for line in gold.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(articles(items)) == len(lines)
    assert [a.id for a in articles(items)] == [json.loads(line)["id"] for line in lines]


def test_line_separators_become_line_feeds_with_offsets_kept() -> None:
    record = {
        "id": "a",
        "date": "2012-05-03",
        "title": None,
        "text": "One line.\u2028Two\u2029Three\x85Four",
    }
    art = to_article(record, origin="x", raw="")
    assert isinstance(art, Article)
    assert art.text == "One line.\nTwo\nThree\nFour"
    assert len(art.text) == len(record["text"])
