"""Build src/herodotus/data/cameo.csv from the reference tables in ../shared/reference.

Only facts are carried over: each code, its short name, its Goldstein value and
its PLOVER type and mode. Run it again when the reference tables change:

    python scripts/build_cameo_table.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

# GDELT's QuadClass by CAMEO root: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict.
QUAD_BY_ROOT = {
    **{f"{r:02d}": 1 for r in range(1, 6)},
    **{f"{r:02d}": 2 for r in range(6, 9)},
    **{f"{r:02d}": 3 for r in range(9, 14)},
    **{f"{r:02d}": 4 for r in range(14, 21)},
}
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z_]+)?\s*(?:,\s*([^,#]*))?(?:,\s*([^#]*))?")


def parse_plover(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode) as the conversion table gives them."""
    table: dict[str, tuple[str, str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(raw.strip())
        if not m or not m.group(2):
            continue
        table[m.group(1)] = (m.group(2), (m.group(3) or "").strip())
    return table


def lookup(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The entry of a code, else of its nearest listed ancestor."""
    for k in (code, code[:3], code[:2]):
        if k in table:
            return table[k]
    return ("", "")


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("src/herodotus/data/cameo.csv"))
    args = parser.parse_args()
    ref = args.shared / "reference"
    plover = parse_plover(ref / "CAMEO2PLOVER-2021.txt")
    with open(ref / "cameo_eventtypes.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    goldstein = {r["code"].strip(): r["goldstein"].strip() for r in rows}
    with open(args.out, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["code", "name", "goldstein", "plover", "plover_mode", "quad_class"])
        for row in sorted(rows, key=lambda r: r["code"]):
            code = row["code"].strip()
            ptype, mode = ("", "") if code.startswith("01") else lookup(code, plover)
            if code.startswith("02"):
                # The conversion table drops CAMEO 02 (appeals), but PLOVER's REQUEST is
                # "all requests, demands, and orders"; an appeal is a request. Its mode
                # comes from the matching demand code: 02X mirrors 10X in CAMEO.
                ptype, mode = lookup("10" + code[2:], plover)
            # A code without a Goldstein value (the codebook says NA) takes its parent's.
            value = next(
                (
                    goldstein[k]
                    for k in (code, code[:3], code[:2])
                    if _is_number(goldstein.get(k, ""))
                ),
                "0",
            )
            w.writerow([code, row["name"].strip(), value, ptype, mode, QUAD_BY_ROOT[code[:2]]])
    print(f"wrote {len(rows)} codes to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
