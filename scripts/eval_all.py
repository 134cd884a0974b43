"""Score every gold file in ../shared/eval; print the accuracy table, write it into the
README between markers, or check it against the pinned floors in eval/floors.json.

    python scripts/eval_all.py --shared ../shared                  # print the table
    python scripts/eval_all.py --shared ../shared --write-readme README.md
    python scripts/eval_all.py --shared ../shared --floors eval/floors.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from herodotus import jobs
from herodotus.settings import Settings

COLUMNS = (
    ("event_precision", "event P"),
    ("event_recall", "event R"),
    ("event_f1", "event F1"),
    ("root_accuracy", "root acc."),
    ("plover_accuracy", "PLOVER acc."),
    ("date_accuracy", "date acc."),
    ("location_country_accuracy", "place country"),
    ("location_name_accuracy", "place name"),
    ("quote_recall", "quote recall"),
    ("pentaclass_accuracy", "PentaClass acc."),
)
BEGIN = "<!-- accuracy-table:begin -->"
END = "<!-- accuracy-table:end -->"


def table(results: dict[str, dict[str, Any]]) -> str:
    head = "| gold file | docs | " + " | ".join(label for _, label in COLUMNS) + " |"
    sep = "|---|---:|" + "---:|" * len(COLUMNS)
    rows = [head, sep]
    for name, r in results.items():
        cells = []
        for key, _ in COLUMNS:
            v = r.get(key)
            cells.append("–" if v is None else f"{v:.3f}")
        rows.append(f"| `{name}` | {r['docs']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def write_readme(readme: Path, text: str) -> None:
    body = readme.read_text(encoding="utf-8")
    start, end = body.index(BEGIN) + len(BEGIN), body.index(END)
    readme.write_text(body[:start] + "\n" + text + "\n" + body[end:], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--write-readme", type=Path)
    parser.add_argument("--floors", type=Path)
    parser.add_argument("--json", type=Path, help="Also write the full results here.")
    args = parser.parse_args()
    if not (args.shared / "eval").is_dir():
        print(f"no gold files: {args.shared / 'eval'} does not exist", file=sys.stderr)
        return 2
    reports = jobs.evaluate_dir(args.shared / "eval", Settings())
    results = {name: r.to_dict() for name, r in reports.items()}
    text = table(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.write_readme:
        write_readme(args.write_readme, text)
    if args.floors:
        floors = json.loads(args.floors.read_text(encoding="utf-8"))
        failures = jobs.check_floors(reports, floors["floors"])
        for f in failures:
            print(f"FLOOR: {f}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
