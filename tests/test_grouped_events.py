"""One event, many reports: grouping stored mentions into events with GDELT's counts.

Events are built by hand and written to a real DuckDB file; no language model runs.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from herodotus import jobs
from herodotus.cli import main
from herodotus.errors import InputError
from herodotus.model import Article, ArticleResult, Event
from herodotus.settings import Settings
from herodotus.store import (
    GROUP_WINDOW_DAYS,
    DuckDBStore,
    EventFilter,
    EventGroup,
    EventStore,
)
from tests.builders import KOR, PRK, USA, make_event


def article(
    article_id: str,
    *events: Event,
    source: str | None = None,
    url: str | None = None,
) -> ArticleResult:
    """An article from an outlet (``source``) and/or a URL, with its mentions."""
    return ArticleResult(
        Article(id=article_id, text=f"Text of {article_id}.", url=url, source=source),
        tuple(events),
    )


def write(db: Path, *results: ArticleResult) -> None:
    with DuckDBStore(db) as store:
        store.write_batch(list(results))


def grouped(db: Path, filters: EventFilter | None = None, **kw: int) -> list[EventGroup]:
    with DuckDBStore(db) as store:
        return store.grouped_events(filters, **kw)


def shape(groups: list[EventGroup]) -> list[tuple[str | None, str | None, str, int, int, int]]:
    """What distinguishes groups in these tests: dyad, root and the three counts."""
    return [
        (g.source_code, g.target_code, g.cameo_root, g.num_mentions, g.num_sources, g.num_articles)
        for g in groups
    ]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


# ----------------------------------------------------------------------- one event


@pytest.fixture
def three_reports() -> list[ArticleResult]:
    """One shelling told by three articles from two outlets over three days.

    r1 mentions it twice; r2 is the same outlet as r1 written differently; r3
    has no outlet name, only a URL. The minority code and type sort first, so
    only counting them finds the most frequent ones.
    """
    return [
        article(
            "r1",
            make_event("r1", 0, date="2023-04-01", cameo="193", goldstein=-10.0, confidence=0.7),
            make_event("r1", 2, date="2023-04-01", cameo="190", goldstein=-9.0, confidence=0.6),
            source="Reuters",
        ),
        article(
            "r2",
            make_event("r2", 0, date="2023-04-02", cameo="193", goldstein=-10.0, confidence=0.95),
            source="  reuters ",
            url="https://www.reuters.com/world/asia/x",
        ),
        article(
            "r3",
            make_event(
                "r3",
                1,
                date="2023-04-03",
                cameo="193",
                plover="ACCUSE",
                goldstein=-7.0,
                confidence=0.5,
            ),
            url="https://www.apnews.com/article/y",
        ),
    ]


def test_reports_within_the_window_are_one_event(
    db: Path, three_reports: list[ArticleResult]
) -> None:
    write(db, *three_reports)
    [group] = grouped(db)
    assert (group.num_mentions, group.num_sources, group.num_articles) == (4, 2, 3)
    assert (group.source_code, group.target_code) == ("PRKGOV", "KORGOV")
    assert (group.source_name, group.target_name) == ("Kim Jong Un", "Yoon Suk Yeol")
    assert (group.cameo_root, group.cameo, group.plover) == ("19", "193", "ASSAULT")
    assert (group.first_date, group.last_date) == (dt.date(2023, 4, 1), dt.date(2023, 4, 3))
    assert group.goldstein == pytest.approx(-9.0)
    # The most confident mention speaks for the group.
    assert group.sentence == "Sentence 0 of r2."
    ids = {e.event_id: (e.article_id, e.sentence_index) for r in three_reports for e in r.events}
    assert [ids[i] for i in group.event_ids] == [("r1", 0), ("r1", 2), ("r2", 0), ("r3", 1)]
    assert group.article_ids == ("r1", "r2", "r3")


def test_group_id_is_stable_and_json_ready(db: Path, three_reports: list[ArticleResult]) -> None:
    write(db, *three_reports)
    first = grouped(db)
    assert grouped(db) == first
    as_dict = first[0].to_dict()
    assert json.loads(json.dumps(as_dict)) == as_dict
    assert as_dict["first_date"] == "2023-04-01" and as_dict["num_sources"] == 2
    assert as_dict["group_id"].startswith("g")
    # A later report extends the event without renaming it.
    write(db, article("r4", make_event("r4", 0, date="2023-04-05"), source="AFP"))
    [extended] = grouped(db)
    assert extended.group_id == first[0].group_id
    assert (extended.num_mentions, extended.num_sources, extended.num_articles) == (5, 3, 4)


def test_an_article_without_outlet_or_url_is_a_source_of_its_own(db: Path) -> None:
    write(
        db,
        article("n1", make_event("n1", date="2023-04-01")),
        article("n2", make_event("n2", date="2023-04-01")),
        article("u1", make_event("u1", date="2023-04-02"), url="http://apnews.com/a"),
        article("u2", make_event("u2", date="2023-04-02"), url="https://WWW.APNEWS.COM:443/b"),
        article("s1", make_event("s1", date="2023-04-02"), source="", url="https://apnews.com/c"),
    )
    [group] = grouped(db)
    # n1 and n2 are two unknown outlets; u1, u2 and s1 (empty source) are apnews.com.
    assert (group.num_mentions, group.num_sources, group.num_articles) == (5, 3, 5)


# ----------------------------------------------------------------------- splitting


def test_a_gap_larger_than_the_window_splits_the_event(db: Path) -> None:
    write(
        db,
        article("d1", make_event("d1", date="2023-04-01"), source="A"),
        article("d2", make_event("d2", date="2023-04-03"), source="B"),
        article("d6", make_event("d6", date="2023-04-06"), source="C"),
    )
    # 1 -> 3 is a gap of 2 (inside the default window), 3 -> 6 a gap of 3.
    groups = grouped(db)
    assert [(g.first_date, g.last_date, g.article_ids) for g in groups] == [
        (dt.date(2023, 4, 1), dt.date(2023, 4, 3), ("d1", "d2")),
        (dt.date(2023, 4, 6), dt.date(2023, 4, 6), ("d6",)),
    ]
    assert len({g.group_id for g in groups}) == 2
    # Dates chain: with a window of 3 the three reports are one event spanning 5 days.
    [chained] = grouped(db, window_days=3)
    assert chained.article_ids == ("d1", "d2", "d6")
    # A window of 0 groups same-day reports only.
    assert len(grouped(db, window_days=0)) == 3


def test_another_root_or_dyad_is_another_event(db: Path) -> None:
    write(
        db,
        article(
            "x1",
            make_event("x1", 0),
            make_event("x1", 1, cameo="112", plover="ACCUSE"),  # another root
            make_event("x1", 2, source=KOR, target=PRK),  # the dyad reversed
            make_event("x1", 3, target=USA),  # another target
            make_event("x1", 4, target=None),  # no target is a value of its own...
        ),
        article("x2", make_event("x2", 0), make_event("x2", 4, target=None)),  # ...shared by x2
    )
    assert sorted(shape(grouped(db)), key=str) == sorted(
        [
            ("PRKGOV", "KORGOV", "19", 2, 2, 2),
            ("PRKGOV", None, "19", 2, 2, 2),
            ("PRKGOV", "KORGOV", "11", 1, 1, 1),
            ("KORGOV", "PRKGOV", "19", 1, 1, 1),
            ("PRKGOV", "USAGOV", "19", 1, 1, 1),
        ],
        key=str,
    )


def test_undated_mentions_group_only_within_their_article(db: Path) -> None:
    write(
        db,
        article("u1", make_event("u1", 0, date=None), make_event("u1", 1, date=None), source="A"),
        article("u2", make_event("u2", 0, date=None), source="A"),
        article("d1", make_event("d1", 0, date="2023-04-01"), source="A"),
    )
    groups = grouped(db)
    assert [(g.article_ids, g.num_mentions, g.first_date) for g in groups] == [
        (("u1",), 2, None),
        (("d1",), 1, dt.date(2023, 4, 1)),  # among equal counts, dated first
        (("u2",), 1, None),
    ]


# ----------------------------------------------------------------------- order, filters


@pytest.fixture
def mixed(db: Path) -> Path:
    """A shelling in three articles, a consultation in two (three mentions), an accusation."""
    write(
        db,
        article("s1", make_event("s1", date="2023-04-01"), source="A"),
        article("s2", make_event("s2", date="2023-04-02"), source="B"),
        article(
            "s3",
            make_event("s3", date="2023-04-02"),
            make_event("s3", 5, source=USA, cameo="042", plover="CONSULT", date="2023-05-10"),
            make_event("s3", 6, source=USA, cameo="042", plover="CONSULT", date="2023-05-10"),
            source="C",
        ),
        article(
            "s4",
            make_event("s4", source=USA, cameo="042", plover="CONSULT", date="2023-05-11"),
            make_event("s4", 1, source=KOR, target=PRK, cameo="112", plover="ACCUSE", date=None),
            source="A",
        ),
    )
    return db


def test_most_reported_events_come_first(mixed: Path) -> None:
    assert shape(grouped(mixed)) == [
        ("PRKGOV", "KORGOV", "19", 3, 3, 3),
        ("USAGOV", "KORGOV", "04", 3, 2, 2),
        ("KORGOV", "PRKGOV", "11", 1, 1, 1),
    ]
    assert shape(grouped(mixed, limit=1)) == [("PRKGOV", "KORGOV", "19", 3, 3, 3)]
    assert grouped(mixed, limit=0) == []
    # Articles count before mentions: one article repeating a threat four times
    # is less reported than three articles telling the shelling once each.
    threats = [make_event("t1", i, target=USA, cameo="138", date="2023-06-01") for i in range(4)]
    write(mixed, article("t1", *threats, source="B"))
    assert shape(grouped(mixed)) == [
        ("PRKGOV", "KORGOV", "19", 3, 3, 3),
        ("USAGOV", "KORGOV", "04", 3, 2, 2),
        ("PRKGOV", "USAGOV", "13", 4, 1, 1),
        ("KORGOV", "PRKGOV", "11", 1, 1, 1),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(dyad=("KOR", "USA")), [("USAGOV", "KORGOV", "04", 3, 2, 2)]),
        (EventFilter(source="KOR"), [("KORGOV", "PRKGOV", "11", 1, 1, 1)]),
        (EventFilter(actor="biden"), [("USAGOV", "KORGOV", "04", 3, 2, 2)]),
        (EventFilter(cameo="19"), [("PRKGOV", "KORGOV", "19", 3, 3, 3)]),
        (EventFilter(plover="consult"), [("USAGOV", "KORGOV", "04", 3, 2, 2)]),
        # A date range selects mentions before grouping: it cuts a chain at its bounds.
        (
            EventFilter(since=dt.date(2023, 4, 2)),
            [
                ("USAGOV", "KORGOV", "04", 3, 2, 2),
                ("PRKGOV", "KORGOV", "19", 2, 2, 2),
            ],
        ),
        (
            EventFilter(until=dt.date(2023, 5, 10)),
            [
                ("PRKGOV", "KORGOV", "19", 3, 3, 3),
                ("USAGOV", "KORGOV", "04", 2, 1, 1),
            ],
        ),
        (
            EventFilter(article="s3"),
            [
                ("USAGOV", "KORGOV", "04", 2, 1, 1),
                ("PRKGOV", "KORGOV", "19", 1, 1, 1),
            ],
        ),
        (EventFilter(actor="' OR 1=1 --"), []),
    ],
)
def test_filters_select_mentions_before_grouping(
    mixed: Path, filters: EventFilter, expected: list[tuple[object, ...]]
) -> None:
    assert shape(grouped(mixed, filters)) == expected


def test_bad_window_or_limit_is_refused(mixed: Path) -> None:
    with pytest.raises(ValueError, match="window_days"):
        grouped(mixed, window_days=-1)
    with pytest.raises(ValueError, match="limit"):
        grouped(mixed, limit=-1)


def test_the_protocol_and_the_job_group_like_the_store(mixed: Path) -> None:
    with DuckDBStore(mixed) as store:
        as_protocol: EventStore = store
        direct = as_protocol.grouped_events(window_days=GROUP_WINDOW_DAYS)
    assert jobs.grouped_events(Settings(db_path=mixed)) == direct
    assert jobs.grouped_events(Settings(db_path=mixed), EventFilter(cameo="04"), limit=5) == [
        direct[1]
    ]


def test_the_job_refuses_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "nope.duckdb"
    with pytest.raises(InputError, match="no database"):
        jobs.grouped_events(Settings(db_path=missing))
    assert not missing.exists()


# ----------------------------------------------------------------------- the command


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def cli_db(mixed: Path) -> str:
    return str(mixed)


def test_events_grouped_as_json_lines(cli_db: str) -> None:
    code, out = run("events", "--db", cli_db, "--grouped", "--format", "jsonl")
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [
        (r["source_code"], r["cameo_root"], r["num_mentions"], r["num_sources"], r["num_articles"])
        for r in rows
    ] == [("PRKGOV", "19", 3, 3, 3), ("USAGOV", "04", 3, 2, 2), ("KORGOV", "11", 1, 1, 1)]
    assert rows[0]["first_date"] == "2023-04-01" and rows[0]["last_date"] == "2023-04-02"


def test_events_grouped_takes_the_window_and_the_filters(cli_db: str) -> None:
    args = ("--grouped", "--window-days", "0", "--format", "jsonl", "--cameo", "19")
    code, out = run("events", "--db", cli_db, *args)
    assert code == 0, out
    assert [json.loads(line)["num_articles"] for line in out.splitlines()] == [2, 1]
    code, out = run("events", "--db", cli_db, "--grouped", "--limit", "1", "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 1


def test_events_grouped_as_csv_and_table(cli_db: str) -> None:
    code, out = run("events", "--db", cli_db, "--grouped", "--format", "csv")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("group_id,source_code,") and "num_sources" in lines[0]
    assert len(lines) == 4
    code, out = run("events", "--db", cli_db, "--grouped", "--dyad", "PRK,KOR")
    assert code == 0 and "PRKGOV" in out and "mentions" in out


def test_events_grouped_usage_and_errors(cli_db: str, tmp_path: Path) -> None:
    code, out = run("events", "--db", cli_db, "--window-days", "3")
    assert code == 2 and "--grouped" in out
    code, out = run("events", "--db", cli_db, "--grouped", "--window-days", "-1")
    assert code == 2
    code, out = run("events", "--db", str(tmp_path / "nope.duckdb"), "--grouped")
    assert code == 2 and "no database" in out
    code, out = run("events", "--help")
    assert f"(default {GROUP_WINDOW_DAYS})" in out
