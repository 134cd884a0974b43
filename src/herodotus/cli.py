"""The ``herodotus`` command: parses arguments, calls one library function, prints.

Exit codes: 0 success; 1 an unexpected Herodotus error; 2 bad usage or unreadable
input (a missing path); 3 every record of the input was rejected; 4 the database
cannot be opened or migrated; 5 a malformed gold file; 6 the language model cannot
be loaded; 7 a malformed data file or dictionary.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from herodotus.errors import (
    AllRejectedError,
    DataError,
    GoldFormatError,
    HerodotusError,
    InputError,
    ModelError,
    StoreError,
)
from herodotus.settings import DEFAULT_DB, PARSE_SCOPES, Settings, available_cores

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CODES: tuple[tuple[type[HerodotusError], int], ...] = (
    (AllRejectedError, 3),
    (InputError, 2),
    (StoreError, 4),
    (GoldFormatError, 5),
    (ModelError, 6),
    (DataError, 7),
    (HerodotusError, 1),
)


def _fail(exc: HerodotusError) -> None:
    code = next(c for t, c in EXIT_CODES if isinstance(exc, t))
    click.echo(f"herodotus: error: {exc}", err=True)
    sys.exit(code)


def domain_errors(fn: F) -> F:
    """Map library errors to a one-line message and an exit code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except HerodotusError as exc:
            _fail(exc)
        except BrokenPipeError:
            sys.stderr.close()

    return cast(F, wrapper)


def db_option(fn: F) -> F:
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        help="DuckDB file of the event store.",
    )(fn)


def dictionary_option(fn: F) -> F:
    return click.option(
        "--dictionary",
        "dictionaries",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Actor or agent dictionary (PETRARCH .txt, .csv, .yaml); repeatable, "
        "later ones win, all override the built-in entries.",
    )(fn)


def parse_option(default: str) -> Callable[[F], F]:
    """--parse: which sentences to parse (see Settings.parse)."""

    def deco(fn: F) -> F:
        return click.option(
            "--parse",
            "parse",
            type=click.Choice(PARSE_SCOPES),
            default=default,
            show_default=True,
            help="Sentences to parse: those that could carry an event (and the lead), "
            "also those that could hold a quotation, or all. Fewer is faster; "
            "quotations come from parsed sentences only.",
        )(fn)

    return deco


def workers_option(fn: F) -> F:
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help=f"Worker processes (default: every core, {available_cores()} here).",
    )(fn)


def _settings(db: Path, dictionaries: Sequence[Path] = (), **kw: Any) -> Settings:
    return Settings(
        db_path=db,
        dictionaries=tuple(dictionaries),
        **{k: v for k, v in kw.items() if v is not None},
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="herodotus")
@click.option("-v", "--verbose", count=True, help="More log output on standard error.")
def main(verbose: int) -> None:
    """Herodotus: who did what to whom, when and where, from raw news text."""
    logging.basicConfig(
        level=logging.WARNING - 10 * min(verbose, 2), format="%(levelname)s %(name)s: %(message)s"
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@workers_option
@parse_option("events")
@click.option(
    "--batch",
    "batch",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Articles per transaction (and per task with --cluster).",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    default=None,
    help="Code on Dask workers: local:N starts N worker processes here, tcp://HOST:PORT "
    "uses a running scheduler (see docs/cluster.md). The database stays on this machine; "
    "--workers is then ignored.",
)
@dictionary_option
@domain_errors
def ingest(
    paths: Sequence[str],
    db: Path,
    workers: int | None,
    parse: str,
    batch: int,
    cluster: str | None,
    dictionaries: Sequence[Path],
) -> None:
    """Read PATHS (files, directories, - for standard input) into the database."""
    from herodotus import jobs

    settings = _settings(db, dictionaries, workers=workers or available_cores(), parse=parse)
    with _ProgressBar("coding articles") as bar:
        summary = jobs.ingest(
            paths,
            settings,
            on_start=bar.start,
            on_progress=bar.advance,
            batch_articles=batch,
            cluster=cluster,
        )
    click.echo(
        f"read {summary.read} records: {summary.articles_added} articles added, "
        f"{summary.articles_skipped} already stored, {summary.events_added} events added, "
        f"{summary.rejects} rejected"
    )
    for reason in summary.reject_reasons[:20]:
        click.echo(f"  rejected {reason}")
    if len(summary.reject_reasons) > 20:
        click.echo(f"  ... and {len(summary.reject_reasons) - 20} more (see the rejects table)")


class _ProgressBar:
    """A progress bar on standard error that appears only once the work is known."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def start(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=_stderr_console(),
        )
        self.task = self.bar.add_task(self.label, total=total)
        self.bar.start()

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from exc


EVENT_COLUMNS = ("date", "source", "cameo", "plover", "target", "location", "sentence")


def _flat(e: dict[str, Any]) -> dict[str, Any]:
    loc = e.get("location") or {}
    return {
        "event_id": e["event_id"],
        "article_id": e["article_id"],
        "date": e["date"],
        "date_precision": e["date_precision"],
        "source": (e["source"] or {}).get("code"),
        "source_name": (e["source"] or {}).get("name"),
        "target": (e["target"] or {}).get("code"),
        "target_name": (e["target"] or {}).get("name"),
        "cameo": e["cameo"],
        "plover": e["plover"],
        "quad_class": e["quad_class"],
        "goldstein": e["goldstein"],
        "location": loc.get("name"),
        "location_country": loc.get("country"),
        "negated": e["negated"],
        "modality": e["modality"],
        "confidence": e["confidence"],
        "sentence": e["sentence"],
    }


def _print_events(events: Sequence[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for e in events:
            click.echo(json.dumps(e, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        rows = [_flat(e) for e in events]
        writer = csv.DictWriter(buf, fieldnames=list(_flat_fields()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*EVENT_COLUMNS, show_lines=False)
        for e in events:
            f = _flat(e)
            table.add_row(
                f["date"] or "",
                f["source"] or "",
                f"{f['cameo']}",
                f["plover"] or "",
                f["target"] or "",
                f["location"] or "",
                (f["sentence"] or "")[:90],
            )
        Console().print(table)


def _flat_fields() -> tuple[str, ...]:
    return (
        "event_id",
        "article_id",
        "date",
        "date_precision",
        "source",
        "source_name",
        "target",
        "target_name",
        "cameo",
        "plover",
        "quad_class",
        "goldstein",
        "location",
        "location_country",
        "negated",
        "modality",
        "confidence",
        "sentence",
    )


FORMAT = click.Choice(["table", "csv", "jsonl"])


@main.command()
@db_option
@click.option("--actor", help="Either side: code prefix, country or name.")
@click.option("--source", help="Source code prefix or country.")
@click.option("--target", help="Target code prefix or country.")
@click.option("--dyad", help="Two actors, either direction: A,B")
@click.option("--cameo", help="CAMEO code prefix (19 = every FIGHT code).")
@click.option("--plover", help="PLOVER type.")
@click.option("--since", help="From this date (YYYY-MM-DD), inclusive.")
@click.option("--until", help="Up to this date (YYYY-MM-DD), inclusive.")
@click.option("--article", help="Only this article id.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    help="At most this many events (groups with --grouped).",
)
@click.option(
    "--grouped",
    is_flag=True,
    help="One row per reported event: mentions of the same dyad and CAMEO root whose "
    "dates chain within --window-days, with their mentions, sources and articles.",
)
@click.option(
    "--window-days",
    type=click.IntRange(min=0),
    default=None,
    help="With --grouped: the largest gap in days within one event (default 2).",
)
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@domain_errors
def events(
    db: Path,
    actor: str | None,
    source: str | None,
    target: str | None,
    dyad: str | None,
    cameo: str | None,
    plover: str | None,
    since: str | None,
    until: str | None,
    article: str | None,
    limit: int | None,
    grouped: bool,
    window_days: int | None,
    fmt: str,
) -> None:
    """Query stored events, or with --grouped the events their mentions report."""
    from herodotus import jobs
    from herodotus.store import GROUP_WINDOW_DAYS, DuckDBStore, EventFilter

    if window_days is not None and not grouped:
        raise click.UsageError("--window-days needs --grouped")

    pair: tuple[str, str] | None = None
    if dyad:
        parts = [p.strip() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise click.BadParameter("--dyad takes two actors: A,B")
        pair = (parts[0], parts[1])
    flt = EventFilter(
        actor=actor,
        source=source,
        target=target,
        dyad=pair,
        cameo=cameo,
        plover=plover,
        since=_date(since),
        until=_date(until),
        article=article,
    )
    if grouped:
        groups = jobs.grouped_events(
            _settings(db),
            flt,
            window_days=GROUP_WINDOW_DAYS if window_days is None else window_days,
            limit=limit,
        )
        _print_groups([g.to_dict() for g in groups], fmt)
        return
    _require_db(db)
    with DuckDBStore(db) as store:
        rows = store.events(flt, limit)
    _print_events(rows, fmt)


# The table's columns and their least widths: on a narrow terminal only the
# sentence is cut (the last date is in the csv and jsonl output).
GROUP_COLUMNS = (
    ("first", 10),
    ("source", 6),
    ("cameo", 5),
    ("target", 6),
    ("articles", 8),
    ("sources", 7),
    ("mentions", 8),
)


def _print_groups(groups: Sequence[dict[str, Any]], fmt: str) -> None:
    """Event groups as JSON lines, CSV (id lists space-separated) or a table."""
    if fmt == "jsonl":
        for g in groups:
            click.echo(json.dumps(g, ensure_ascii=False))
    elif fmt == "csv":
        from dataclasses import fields

        from herodotus.store import EventGroup

        buf = io.StringIO()
        names = [f.name for f in fields(EventGroup)]
        writer = csv.DictWriter(buf, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for g in groups:
            writer.writerow({k: " ".join(v) if isinstance(v, list) else v for k, v in g.items()})
        click.echo(buf.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for name, width in GROUP_COLUMNS:
            table.add_column(name, no_wrap=True, min_width=width)
        table.add_column("sentence", overflow="ellipsis", no_wrap=True)
        for g in groups:
            table.add_row(
                g["first_date"] or "",
                g["source_code"] or "",
                g["cameo"],
                g["target_code"] or "",
                str(g["num_articles"]),
                str(g["num_sources"]),
                str(g["num_mentions"]),
                g["sentence"][:90],
            )
        Console().print(table)


def _require_db(db: Path) -> None:
    if not db.exists():
        raise InputError(f"no database at {db}; run 'herodotus ingest' first")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table", "csv"]),
    default="jsonl",
    show_default=True,
)
@click.option("--threshold", type=float, default=None, help="Drop events below this confidence.")
@click.option("--keep-negated", is_flag=True, help="Keep negated events (negated=true).")
@workers_option
@parse_option("events")
@dictionary_option
@domain_errors
def extract(
    inputs: Sequence[str],
    db: Path,
    fmt: str,
    threshold: float | None,
    keep_negated: bool,
    workers: int | None,
    parse: str,
    dictionaries: Sequence[Path],
) -> None:
    """Code INPUTS and print their events; no database is used (--db is ignored)."""
    from herodotus import jobs
    from herodotus.model import Reject

    settings = _settings(
        db,
        dictionaries,
        threshold=threshold,
        keep_negated=keep_negated or None,
        workers=workers or available_cores(),
        parse=parse,
    )
    rejects: list[Reject] = []
    if fmt == "jsonl":
        for record in jobs.extract(inputs, settings, rejects=rejects):
            click.echo(json.dumps(record, ensure_ascii=False))
    else:
        _print_events(list(jobs.extract(inputs, settings, rejects=rejects)), fmt)
    for r in rejects:
        click.echo(f"herodotus: rejected {r.origin}: {r.reason}", err=True)


@main.command()
@click.argument("text")
@db_option
@click.option("--date", "date", help="Publication date (YYYY-MM-DD) for relative dates.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@dictionary_option
@domain_errors
def code(text: str, db: Path, date: str | None, fmt: str, dictionaries: Sequence[Path]) -> None:
    """Code one TEXT and show its events (--db is ignored)."""
    from herodotus.pipeline import Pipeline

    day = _date(date)
    events = [
        e.to_dict() for e in Pipeline(_settings(db, dictionaries)).extract_text(text, date=day)
    ]
    if fmt == "table":
        for e in events:
            tgt = e["target"]["code"] if e["target"] else "-"
            loc = e["location"]["name"] if e["location"] else "-"
            click.echo(
                f"{e['date'] or '????-??-??'} ({e['date_precision']})  "
                f"{e['source']['code'] or '(unstated)'} "
                f"[{e['source']['text']}] --{e['cameo']} {e['plover'] or '(statement)'}--> "
                f"{tgt}{' [' + e['target']['text'] + ']' if e['target'] else ''}  "
                f"at {loc}  modality={e['modality']} negated={e['negated']} "
                f"confidence={e['confidence']}"
            )
        if not events:
            click.echo("no events")
    else:
        _print_events(events, fmt)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--threshold",
    type=float,
    default=0.0,
    show_default=True,
    help="Score only events at or above this confidence.",
)
@click.option("--detail", is_flag=True, help="With --json: every document's matches.")
@parse_option("events")
@dictionary_option
@domain_errors
def eval_cmd(
    gold: Path,
    db: Path,
    as_json: bool,
    threshold: float,
    detail: bool,
    parse: str,
    dictionaries: Sequence[Path],
) -> None:
    """Score the system on a GOLD file (see the gold format); --db is ignored."""
    from herodotus import jobs

    report = jobs.evaluate(gold, _settings(db, dictionaries, parse=parse), threshold=threshold)
    if as_json:
        click.echo(json.dumps(report.to_dict(detail=detail), indent=2))
        return
    click.echo(f"{gold.name} (threshold {threshold})")
    for name, value in report.as_rows():
        click.echo(f"  {name:28s} {value}")


@main.command()
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@domain_errors
def stats(db: Path, fmt: str) -> None:
    """Counts of articles, events, quotes and rejects."""
    from herodotus.store import DuckDBStore

    _require_db(db)
    with DuckDBStore(db) as store:
        counts = store.stats()
    if fmt == "json":
        click.echo(json.dumps(counts))
    else:
        for k, v in counts.items():
            click.echo(f"{k:10s} {v}")


@main.command()
@db_option
@click.option("--top", type=int, default=10, show_default=True, help="Dyads to show.")
@click.option("--samples", type=int, default=5, show_default=True, help="Example events.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@domain_errors
def summary(db: Path, top: int, samples: int, fmt: str) -> None:
    """What the database holds: events per CAMEO root and PLOVER type, top dyads, examples."""
    from rich.console import Console
    from rich.table import Table

    from herodotus.coding.ontology import Ontology
    from herodotus.store import DuckDBStore

    _require_db(db)
    with DuckDBStore(db) as store:
        s = store.summary(top=top, samples=samples)
    if fmt == "json":
        click.echo(json.dumps(s.to_dict(), indent=2, default=str))
        return
    onto = Ontology.load()
    console = Console()
    console.print(f"[bold]{s.articles}[/] articles, [bold]{s.events}[/] events")
    t = Table("CAMEO root", "name", "events", title="Events per CAMEO root")
    for root, n in s.by_cameo_root:
        t.add_row(root, onto.root_name(root), str(n))
    console.print(t)
    t = Table("PLOVER type", "events", title="Events per PLOVER type")
    for p, n in s.by_plover:
        t.add_row(p or "(none: statement)", str(n))
    console.print(t)
    t = Table("source", "target", "events", title=f"Top {top} dyads")
    for d in s.top_dyads:
        t.add_row(d.source, d.target, str(d.events))
    console.print(t)
    console.print("[bold]Examples[/]")
    for e in s.samples:
        tgt = (e.get("target") or {}).get("code") or "-"
        console.print(
            f"  {e['date']}  {e['source']['code']} --{e['cameo']} {e['plover'] or ''}--> {tgt}"
        )
        console.print(f"      [dim]{e['sentence'][:200]}[/]")


@main.command()
@click.argument("name")
@db_option
@click.option("--date", "date", help="The story's date (YYYY-MM-DD); roles are checked on it.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@dictionary_option
@domain_errors
def actors(name: str, db: Path, date: str | None, fmt: str, dictionaries: Sequence[Path]) -> None:
    """How NAME resolves on a date, and why: which entry, which rule (--db is ignored)."""
    from herodotus import jobs

    exp = jobs.explain_actor(name, _date(date), _settings(db, dictionaries))
    if fmt == "json":
        click.echo(json.dumps(exp.to_dict(), indent=2))
        return
    a = exp.actor
    when = exp.date.isoformat() if exp.date else "any date"
    if a is None:
        click.echo(f"{name!r} on {when}: no actor")
    else:
        click.echo(
            f"{name!r} on {when}: {a.code} (country {a.country or '-'}, sector "
            f"{a.sector or '-'}, {a.name or 'unnamed'}) by rule {a.rule}"
        )
    for c in exp.candidates:
        click.echo(
            f"  {c.words!r} -> {c.kind} {c.id} ({c.name}) from {c.source}: "
            f"{c.code or 'no role on that date'}"
        )
        for r in c.roles:
            start = r.start.isoformat() if r.start else "…"
            end = r.end.isoformat() if r.end else "…"
            click.echo(f"      {r.code:10s} {start} to {end}  {r.title or ''}")


@main.command()
@click.argument("inputs", nargs=-1)
@db_option
@click.option("--speaker", help="Stored quotes of this speaker (code prefix or country).")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True
)
@parse_option("quotes")
@dictionary_option
@domain_errors
def quotes(
    inputs: Sequence[str],
    db: Path,
    speaker: str | None,
    fmt: str,
    parse: str,
    dictionaries: Sequence[Path],
) -> None:
    """Quotations with their speakers: of INPUTS (no database), or stored ones (--db)."""
    from herodotus import jobs

    settings = _settings(db, dictionaries, parse=parse)
    if inputs:
        if speaker:
            raise click.UsageError("--speaker filters stored quotes; give no INPUTS with it")
        rows = list(jobs.extract_quotes(inputs, settings))
    else:
        rows = jobs.stored_quotes(settings, speaker)
    for q in rows:
        if fmt == "jsonl":
            click.echo(json.dumps(q, ensure_ascii=False))
        else:
            sp = q.get("speaker") or {}
            click.echo(
                f"{sp.get('code') or '?':10s} {sp.get('name') or '':20s} "
                f"{('via ' + q['via']) if q.get('via') else '':16s} {q['text'][:100]}"
            )
