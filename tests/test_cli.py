"""The ``herodotus`` command on real DuckDB files and the real model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from herodotus.cli import main
from tests.conftest import require_shared

GOOD = [
    {
        "id": "g1",
        "date": "2021-03-02",
        "title": "t1",
        "text": "Turkey accused Greece of violating its airspace on Monday.",
    },
    {
        "id": "g2",
        "date": "2021-03-03",
        "title": "t2",
        "text": "Egyptian President Abdel Fattah el-Sisi met Sudanese leaders in Cairo.",
    },
    {
        "id": "g3",
        "date": "2021-03-04",
        "title": "t3",
        "text": "Russia condemned new sanctions imposed by the European Union.",
    },
]


def _mixed_jsonl(path: Path) -> Path:
    lines = [json.dumps(r) for r in GOOD]
    lines.insert(1, json.dumps({"id": "b1", "date": "2021-02-30", "text": "Bad date here."}))
    lines.insert(3, json.dumps({"id": "b2", "date": "2021-03-01", "text": "   "}))
    lines.append("{this is not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_every_command_has_help() -> None:
    for cmd in ("ingest", "events", "extract", "code", "eval", "stats", "summary"):
        code, out = run(cmd, "--help")
        assert code == 0 and "--db" in out, cmd


def test_ingest_keeps_good_records_and_rejects_bad_ones(tmp_path: Path) -> None:
    src = _mixed_jsonl(tmp_path / "mixed.jsonl")
    db = str(tmp_path / "h.duckdb")
    code, out = run("ingest", str(src), "--db", db)
    assert code == 0, out
    assert "3 articles added" in out and "3 rejected" in out
    code, out = run("stats", "--db", db, "--format", "json")
    stats = json.loads(out)
    assert stats["articles"] == 3 and stats["rejects"] == 3 and stats["events"] >= 2
    # A second ingest of the same input adds nothing.
    code, out = run("ingest", str(src), "--db", db)
    assert code == 0
    assert json.loads(run("stats", "--db", db, "--format", "json")[1]) == stats


def test_rejects_are_stored_with_reasons(tmp_path: Path) -> None:
    from herodotus.store import DuckDBStore

    src = _mixed_jsonl(tmp_path / "mixed.jsonl")
    db = tmp_path / "h.duckdb"
    assert run("ingest", str(src), "--db", str(db))[0] == 0
    with DuckDBStore(db) as store:
        reasons = sorted(r["reason"] for r in store.rejects())
    assert len(reasons) == 3
    assert any("date" in r for r in reasons)
    assert any("empty" in r for r in reasons)
    assert any("JSON" in r for r in reasons)


def test_all_bad_input_fails_with_one_line(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text("not json\n{also not\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "herodotus", "ingest", str(src), "--db", str(tmp_path / "x.duckdb")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "rejected" in proc.stderr


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, out = run("ingest", str(tmp_path / "nope.jsonl"), "--db", str(tmp_path / "d.duckdb"))
    assert code == 2 and "no such file" in out


def test_events_filters_and_formats(tmp_path: Path) -> None:
    src = tmp_path / "good.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in GOOD) + "\n", encoding="utf-8")
    db = str(tmp_path / "h.duckdb")
    assert run("ingest", str(src), "--db", db)[0] == 0
    code, out = run("events", "--db", db, "--format", "jsonl", "--source", "TUR")
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows and all(r["source"]["country"] == "TUR" for r in rows)
    code, out = run("events", "--db", db, "--format", "jsonl", "--dyad", "GRC,TUR")
    assert [json.loads(x)["cameo_root"] for x in out.splitlines()] == ["11"]
    code, out = run("events", "--db", db, "--format", "csv", "--cameo", "11")
    assert out.splitlines()[0].startswith("event_id,") and len(out.splitlines()) >= 2
    code, out = run("events", "--db", db, "--format", "jsonl", "--since", "2021-03-04")
    assert all(json.loads(x)["date"] >= "2021-03-04" for x in out.splitlines())
    code, out = run("events", "--db", db, "--plover", "accuse", "--format", "jsonl")
    assert out.strip() and all(json.loads(x)["plover"] == "ACCUSE" for x in out.splitlines())
    code, out = run("events", "--db", db, "--article", "g1", "--format", "table")
    assert code == 0 and "TUR" in out


def test_code_prints_readable_events() -> None:
    code, out = run("code", "Pakistan accused India of shelling Kashmir.", "--date", "2020-01-02")
    assert code == 0 and "PAK" in out and "112" in out


def test_summary_after_ingest(tmp_path: Path) -> None:
    src = tmp_path / "good.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in GOOD) + "\n", encoding="utf-8")
    db = str(tmp_path / "h.duckdb")
    run("ingest", str(src), "--db", db)
    code, out = run("summary", "--db", db)
    assert code == 0 and "CAMEO root" in out and "dyads" in out


def test_extract_seed_prints_json_lines_with_all_fields() -> None:
    seed = require_shared("seed", "000_616088699722051b.txt")
    code, out = run("extract", str(seed), "--format", "jsonl")
    assert code == 0
    events = [json.loads(line) for line in out.splitlines()]
    assert events
    for e in events:
        assert {
            "event_id",
            "trigger",
            "source",
            "target",
            "cameo",
            "plover",
            "quad_class",
            "goldstein",
            "date",
            "date_precision",
            "location",
            "negated",
            "modality",
            "confidence",
            "coder_version",
        } <= set(e)
    assert any(
        e["cameo_root"] == "04"
        and e["date"] == "2019-04-25"
        and {e["source"]["country"], (e["target"] or {}).get("country")} == {"PRK", "RUS"}
        for e in events
    )


@pytest.mark.parametrize("floor", [0.5])
def test_eval_seed_reaches_the_floor(floor: float) -> None:
    gold = require_shared("eval", "seed.gold.jsonl")
    code, out = run("eval", str(gold), "--json")
    assert code == 0, out
    report = json.loads(out)
    assert report["event_f1"] >= floor, report


def test_dateline_dates_a_story_without_a_date(tmp_path: Path) -> None:
    src = tmp_path / "undated.jsonl"
    text = (
        "KABUL, Afghanistan (March 3, 2012)\n"
        "Afghan police arrested two insurgents in Kandahar province yesterday."
    )
    src.write_text(
        json.dumps({"id": "u1", "date": None, "title": None, "text": text}) + "\n", encoding="utf-8"
    )
    code, out = run("extract", str(src))
    assert code == 0, out
    events = [json.loads(x) for x in out.splitlines()]
    arrests = [e for e in events if e["cameo_root"] == "17"]
    assert arrests and arrests[0]["date"] == "2012-03-02"
    assert arrests[0]["source"]["code"].startswith("AFG")


def test_actors_explains_a_name_on_a_date() -> None:
    code, out = run("actors", "Donald Trump", "--date", "2019-06-01", "--format", "json")
    assert code == 0, out
    exp = json.loads(out)
    assert exp["actor"]["code"] == "USAGOV" and exp["actor"]["rule"].startswith("person")
    assert any(c["kind"] == "person" and c["roles"] for c in exp["candidates"])
    code, out = run("actors", "Donald Trump", "--date", "2022-06-01", "--format", "json")
    assert json.loads(out)["actor"]["code"] == "USAELI"
    code, out = run("actors", "the Kremlin")
    assert code == 0 and "RUSGOV" in out


def test_user_dictionary_overrides_a_built_in_entry(tmp_path: Path) -> None:
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "name,aliases,code,country,sector,start,end\nEmmanuel Macron,Macron,FRAOPP,FRA,OPP,,\n",
        encoding="utf-8",
    )
    code, out = run(
        "actors",
        "Emmanuel Macron",
        "--date",
        "2020-01-01",
        "--format",
        "json",
        "--dictionary",
        str(csv_file),
    )
    assert code == 0, out
    assert json.loads(out)["actor"]["code"] == "FRAOPP"
    code, out = run(
        "code",
        "Emmanuel Macron criticised Hungary.",
        "--date",
        "2020-01-01",
        "--format",
        "jsonl",
        "--dictionary",
        str(csv_file),
    )
    assert code == 0 and json.loads(out.splitlines()[0])["source"]["code"] == "FRAOPP"


QUOTE_STORY = (
    "Iranian Foreign Minister Mohammad Javad Zarif criticised the new sanctions on Monday.\n\n"
    "\u201cThe sanctions will not change our policy in the region,\u201d Zarif told reporters "
    "in Tehran.\n\n"
    "State television quoted him as saying that \u201cwe are ready to talk to everyone.\u201d"
)


def test_quotes_from_input_and_from_the_database(tmp_path: Path) -> None:
    src = tmp_path / "q.jsonl"
    src.write_text(
        json.dumps({"id": "q1", "date": "2019-05-13", "title": None, "text": QUOTE_STORY}) + "\n",
        encoding="utf-8",
    )
    code, out = run("quotes", str(src))
    assert code == 0, out
    found = [json.loads(x) for x in out.splitlines()]
    first = next(q for q in found if "will not change our policy" in q["text"])
    assert first["speaker"]["code"].startswith("IRN") and first["article_id"] == "q1"
    assert {"article_id", "speaker", "text", "via"} <= set(first)
    db = str(tmp_path / "q.duckdb")
    assert run("ingest", str(src), "--db", db)[0] == 0
    code, out = run("quotes", "--db", db, "--speaker", "IRN")
    stored = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and any("will not change our policy" in q["text"] for q in stored)
    code, out = run("quotes", "--db", db, "--speaker", "USA")
    assert code == 0 and out.strip() == ""
