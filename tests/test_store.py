"""The DuckDB store on real database files: migrations, idempotent writes, filters, summary."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from herodotus.errors import StoreError
from herodotus.model import (
    ArticleResult,
    Location,
    Quote,
    Reject,
)
from herodotus.store import (
    DuckDBStore,
    Dyad,
    EventFilter,
    EventStore,
    Migration,
    Store,
    Summary,
    WriteCounts,
    packaged_migrations,
    schema_version,
)
from tests.builders import KOR, PRK, RUS, UNO, USA, make_event, make_result


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


@pytest.fixture
def corpus() -> list[ArticleResult]:
    """Four articles covering every filter: dyads both ways, dates, roots and PLOVER types."""
    seoul = Location("Seoul", "KOR", 37.57, 126.98, "Seoul")
    return [
        make_result(
            "a1",
            (
                make_event("a1", 0, cameo="190", plover="ASSAULT", date="2023-04-01"),
                make_event(
                    "a1",
                    1,
                    source=KOR,
                    target=PRK,
                    cameo="112",
                    plover="ACCUSE",
                    location=seoul,
                    confidence=0.6,
                ),
            ),
            (
                Quote("a1", PRK, "We will respond", 50, 65, direct=True, via="KCNA"),
                Quote("a1", None, "Nobody said this", 70, 86, direct=False),
            ),
        ),
        make_result(
            "a2",
            (
                make_event(
                    "a2",
                    0,
                    source=USA,
                    target=KOR,
                    cameo="042",
                    plover="CONSULT",
                    date="2023-05-10",
                    confidence=0.95,
                ),
                make_event(
                    "a2",
                    3,
                    source=USA,
                    target=None,
                    cameo="010",
                    plover=None,
                    date="2023-05-11",
                    confidence=0.5,
                ),
            ),
        ),
        make_result(
            "a3",
            (
                make_event(
                    "a3",
                    0,
                    source=RUS,
                    target=UNO,
                    cameo="1123",
                    plover="accuse",
                    date=None,
                    confidence=0.7,
                ),
            ),
            date=None,
        ),
        make_result("a4"),  # an article in which nothing was coded is still stored
    ]


def ids(events: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(e["article_id"], e["sentence_index"]) for e in events]


# ----------------------------------------------------------------------- migrations


def test_packaged_migrations_are_numbered_and_define_the_schema_version() -> None:
    migrations = packaged_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert schema_version() == migrations[-1].version
    assert migrations[0].name == "initial"


def test_opening_records_migrations_and_reopening_is_a_no_op(db_path: Path) -> None:
    with DuckDBStore(db_path) as store:
        assert store.schema_version() == schema_version()
    con = duckdb.connect(str(db_path))
    first = con.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    tables = {
        t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    con.close()
    assert [(v, n) for v, n, _ in first] == [(m.version, m.name) for m in packaged_migrations()]
    assert {"articles", "events", "quotes", "rejects", "schema_migrations"} <= tables

    with DuckDBStore(db_path) as store:
        assert store.schema_version() == schema_version()
    con = duckdb.connect(str(db_path))
    again = con.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    con.close()
    assert again == first


def test_pending_migration_is_applied_on_open(db_path: Path) -> None:
    DuckDBStore(db_path).close()
    extra = Migration(
        schema_version() + 1, "add_lang", "ALTER TABLE articles ADD COLUMN lang TEXT;"
    )
    with DuckDBStore(db_path, migrations=(*packaged_migrations(), extra)) as store:
        assert store.schema_version() == extra.version
        cols = store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles'"
        ).fetchall()
        assert ("lang",) in cols


def test_failed_migration_leaves_the_database_as_it_was(db_path: Path) -> None:
    DuckDBStore(db_path).close()
    bad = Migration(
        schema_version() + 1,
        "broken",
        "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;",
    )
    with pytest.raises(StoreError, match="broken"):
        DuckDBStore(db_path, migrations=(*packaged_migrations(), bad))
    with DuckDBStore(db_path) as store:
        assert store.schema_version() == schema_version()
        tables = store.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done'"
        ).fetchall()
        assert tables == []


def test_database_newer_than_the_code_is_refused(db_path: Path) -> None:
    DuckDBStore(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute(
        "INSERT INTO schema_migrations VALUES (?, 'from_the_future', now())",
        [schema_version() + 1],
    )
    con.close()
    with pytest.raises(StoreError, match="newer"):
        DuckDBStore(db_path)
    # The refused store let go of the file.
    duckdb.connect(str(db_path)).close()


def test_a_file_that_is_not_a_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database\n" * 1000)
    with pytest.raises(StoreError, match="cannot open the event database"):
        DuckDBStore(path)


def test_a_missing_folder_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the event database"):
        DuckDBStore(tmp_path / "no" / "such" / "events.duckdb")


def test_a_database_locked_by_another_process_raises_store_error(db_path: Path) -> None:
    DuckDBStore(db_path).close()
    holder = textwrap.dedent(
        """
        import sys, duckdb
        con = duckdb.connect(sys.argv[1])
        print("locked", flush=True)
        sys.stdin.read()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError, match="another process"):
            DuckDBStore(db_path)
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)
        if proc.stdout is not None:
            proc.stdout.close()


def test_in_memory_store_and_closing() -> None:
    store = DuckDBStore(Path(":memory:"))
    assert store.stats()["events"] == 0
    store.close()
    store.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="closed"):
        store.stats()


def test_duckdb_store_satisfies_the_protocol(db_path: Path) -> None:
    with Store(db_path) as store:
        as_protocol: EventStore = store
        assert as_protocol.stats() == {"articles": 0, "events": 0, "rejects": 0, "quotes": 0}


# ----------------------------------------------------------------------- writes


def test_write_then_write_again_adds_nothing(db_path: Path, corpus: list[ArticleResult]) -> None:
    rejects = [Reject("input.jsonl:9", "not JSON", "{oops")]
    with DuckDBStore(db_path) as store:
        first = store.write_batch(corpus, rejects)
        assert first == WriteCounts(
            articles_added=4, events_added=5, quotes_added=2, rejects_added=1, articles_skipped=0
        )
        second = store.write_batch(corpus, rejects)
        assert second == WriteCounts(articles_skipped=4)
        assert store.stats() == {"articles": 4, "events": 5, "rejects": 1, "quotes": 2}
    # Still nothing new after reopening the file.
    with DuckDBStore(db_path) as store:
        assert store.write_batch(corpus, rejects) == WriteCounts(articles_skipped=4)
        assert store.stats() == {"articles": 4, "events": 5, "rejects": 1, "quotes": 2}


def test_stored_article_is_skipped_with_its_events(db_path: Path) -> None:
    with DuckDBStore(db_path) as store:
        store.write_batch([make_result("a1", (make_event("a1", 0),))])
        # The same article coded differently later: the stored coding stands.
        counts = store.write_batch([make_result("a1", (make_event("a1", 5),))])
        assert counts == WriteCounts(articles_skipped=1)
        assert ids(store.events()) == [("a1", 0)]


def test_duplicates_within_one_batch_are_written_once(db_path: Path) -> None:
    event = make_event("a1", 0)
    result = make_result("a1", (event, event))
    with DuckDBStore(db_path) as store:
        counts = store.write_batch([result, result], [Reject("x:1", "bad")] * 2)
        assert counts == WriteCounts(
            articles_added=1, events_added=1, rejects_added=1, articles_skipped=1
        )


def test_events_round_trip_in_the_shape_of_to_dict(
    db_path: Path, corpus: list[ArticleResult]
) -> None:
    with DuckDBStore(db_path) as store:
        store.write_batch(corpus, [])
        stored = {e["event_id"]: e for e in store.events()}
    expected = {e.event_id: e.to_dict() for r in corpus for e in r.events}
    assert stored == expected
    # JSON-friendly: dates are ISO strings, nested objects are dicts or None.
    seoul_event = next(e for e in stored.values() if e["location"] is not None)
    assert seoul_event["date"] == "2023-04-01"
    assert seoul_event["location"]["lat"] == pytest.approx(37.57)


def test_malformed_event_date_writes_nothing(db_path: Path) -> None:
    good = make_result("a1", (make_event("a1"),))
    bad = make_result("a2", (make_event("a2", date="April 2023"),))
    with DuckDBStore(db_path) as store:
        with pytest.raises(StoreError, match="malformed date"):
            store.write_batch([good, bad])
        assert store.stats()["articles"] == 0


def test_has_articles(db_path: Path, corpus: list[ArticleResult]) -> None:
    with DuckDBStore(db_path) as store:
        assert store.has_articles([]) == set()
        store.write_batch(corpus[:2])
        assert store.has_articles(["a1", "a2", "a3", "zz"]) == {"a1", "a2"}


def test_large_batch_is_written_quickly(db_path: Path) -> None:
    """A few thousand events in one batch: the bulk path, not a statement per row."""
    results = [
        make_result(f"b{i}", tuple(make_event(f"b{i}", j) for j in range(5))) for i in range(1000)
    ]
    with DuckDBStore(db_path) as store:
        counts = store.write_batch(results)
        assert counts.articles_added == 1000
        assert counts.events_added == 5000
        assert store.stats()["events"] == 5000


def test_rejects_are_stored(db_path: Path) -> None:
    rejects = [
        Reject("in.jsonl:3", "missing text", '{"id": "x"}'),
        Reject("<stdin>:7", "empty line"),
    ]
    with DuckDBStore(db_path) as store:
        assert store.write_batch([], rejects).rejects_added == 2
        stored = store.rejects()
    assert {(r["origin"], r["reason"], r["excerpt"]) for r in stored} == {
        ("in.jsonl:3", "missing text", '{"id": "x"}'),
        ("<stdin>:7", "empty line", ""),
    }
    assert {r["reject_id"] for r in stored} == {r.reject_id for r in rejects}
    assert all(isinstance(r["rejected_at"], str) for r in stored)


# ----------------------------------------------------------------------- reads


@pytest.fixture
def store(db_path: Path, corpus: list[ArticleResult]) -> Iterator[DuckDBStore]:
    with DuckDBStore(db_path) as s:
        s.write_batch(corpus, [Reject("in.jsonl:1", "not JSON")])
        yield s


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(), [("a1", 0), ("a1", 1), ("a2", 0), ("a2", 3), ("a3", 0)]),
        # actor: code prefix, country, name substring in any case, on either side
        (EventFilter(actor="PRK"), [("a1", 0), ("a1", 1)]),
        (EventFilter(actor="usa"), [("a2", 0), ("a2", 3)]),
        (EventFilter(actor="IGO"), [("a3", 0)]),
        (EventFilter(actor="united nat"), [("a3", 0)]),
        (EventFilter(actor="kim jong"), [("a1", 0), ("a1", 1)]),
        (EventFilter(actor="KOR"), [("a1", 0), ("a1", 1), ("a2", 0)]),
        # source / target: code prefix or country, one side only
        (EventFilter(source="USA"), [("a2", 0), ("a2", 3)]),
        (EventFilter(source="RUSMIL"), [("a3", 0)]),
        (EventFilter(source="RUSGOV"), []),
        (EventFilter(target="KOR"), [("a1", 0), ("a2", 0)]),
        (EventFilter(target="PRKGOV"), [("a1", 1)]),
        # dyad: either direction
        (EventFilter(dyad=("PRK", "KOR")), [("a1", 0), ("a1", 1)]),
        (EventFilter(dyad=("KOR", "USA")), [("a2", 0)]),
        (EventFilter(dyad=("USA", "RUS")), []),
        # cameo: code prefix
        (EventFilter(cameo="19"), [("a1", 0)]),
        (EventFilter(cameo="11"), [("a1", 1), ("a3", 0)]),
        (EventFilter(cameo="1123"), [("a3", 0)]),
        # plover: exact, any case
        (EventFilter(plover="accuse"), [("a1", 1), ("a3", 0)]),
        (EventFilter(plover="ACC"), []),
        # since / until: inclusive, undated events never match a date bound
        (EventFilter(since=dt.date(2023, 5, 10)), [("a2", 0), ("a2", 3)]),
        (EventFilter(until=dt.date(2023, 5, 10)), [("a1", 0), ("a1", 1), ("a2", 0)]),
        (
            EventFilter(since=dt.date(2023, 5, 10), until=dt.date(2023, 5, 10)),
            [("a2", 0)],
        ),
        # article
        (EventFilter(article="a2"), [("a2", 0), ("a2", 3)]),
        (EventFilter(article="a4"), []),
        # several filters: all must match
        (EventFilter(actor="KOR", plover="consult"), [("a2", 0)]),
        # values are parameters, never SQL
        (EventFilter(actor="' OR 1=1 --"), []),
        (EventFilter(cameo="%"), []),
    ],
)
def test_event_filters(
    store: DuckDBStore, filters: EventFilter, expected: list[tuple[str, int]]
) -> None:
    assert ids(store.events(filters)) == expected


def test_events_limit(store: DuckDBStore) -> None:
    assert ids(store.events(limit=2)) == [("a1", 0), ("a1", 1)]
    assert store.events(EventFilter(actor="USA"), limit=0) == []
    with pytest.raises(ValueError, match="limit"):
        store.events(limit=-1)


def test_stats(store: DuckDBStore) -> None:
    assert store.stats() == {"articles": 4, "events": 5, "rejects": 1, "quotes": 2}


def test_quotes(store: DuckDBStore, corpus: list[ArticleResult]) -> None:
    assert store.quotes() == [q.to_dict() for q in corpus[0].quotes]
    assert [q["text"] for q in store.quotes("PRK")] == ["We will respond"]
    assert [q["text"] for q in store.quotes("kim")] == ["We will respond"]
    assert store.quotes("USA") == []


def test_summary_shape(store: DuckDBStore) -> None:
    summary = store.summary(top=2, samples=2)
    assert isinstance(summary, Summary)
    assert summary.articles == 4
    assert summary.events == 5
    assert summary.by_cameo_root == (("11", 2), ("01", 1), ("04", 1), ("19", 1))
    # PLOVER types are counted as stored; NULL is left out.
    assert summary.by_plover == (("ACCUSE", 1), ("ASSAULT", 1), ("CONSULT", 1), ("accuse", 1))
    assert summary.top_dyads == (Dyad("KOR", "PRK", 1), Dyad("PRK", "KOR", 1))
    # Most confident events, one per article.
    assert [(e["article_id"], e["confidence"]) for e in summary.samples] == [
        ("a2", 0.95),
        ("a1", 0.8),
    ]
    assert summary.samples[0]["sentence"] == "Sentence 0 of a2."
    as_dict = summary.to_dict()
    assert as_dict["top_dyads"][0] == {"source": "KOR", "target": "PRK", "events": 1}
    assert as_dict["by_cameo_root"][0] == {"cameo_root": "11", "events": 2}


def test_summary_of_an_empty_database(db_path: Path) -> None:
    with DuckDBStore(db_path) as store:
        summary = store.summary()
    assert summary == Summary(0, 0, (), (), (), ())
