"""The CAMEO code table with PLOVER type and mode, Goldstein value and quad class.

Built from the reference tables by ``scripts/build_cameo_table.py`` into
``data/cameo.csv``; nothing here is typed in by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from herodotus import resources
from herodotus.errors import DataError


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str | None
    plover_mode: str | None
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Ontology:
    codes: dict[str, CameoCode]

    @classmethod
    def load(cls) -> Ontology:
        codes: dict[str, CameoCode] = {}
        for row in resources.iter_csv("cameo.csv"):
            try:
                codes[row["code"]] = CameoCode(
                    row["code"],
                    row["name"],
                    float(row["goldstein"]),
                    row["plover"] or None,
                    row["plover_mode"] or None,
                    int(row["quad_class"]),
                )
            except (KeyError, ValueError) as exc:
                raise DataError(f"cameo.csv: bad row {row!r}") from exc
        return cls(codes)

    def get(self, code: str) -> CameoCode:
        """The entry of a code, else of its nearest ancestor (an unknown 4-digit code)."""
        for k in (code, code[:3], code[:2]):
            if k in self.codes:
                return self.codes[k]
        raise DataError(f"unknown CAMEO code {code!r}")

    def root_name(self, root: str) -> str:
        entry = self.codes.get(root)
        return entry.name.title() if entry else root
