"""The event lexicon: verbs, phrasal verbs, verb + object patterns and nominal events.

Entries live in ``data/verbs.jsonl`` and ``data/nouns.jsonl``; each carries an
example sentence. This module only loads and indexes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from herodotus import resources
from herodotus.errors import DataError


@dataclass(frozen=True, slots=True)
class VerbEntry:
    lemma: str
    cameo: str
    particle: str | None = None
    prep: str | None = None
    objects: frozenset[str] | None = None
    target: str | None = "dobj"
    symmetric: bool = False
    # The act is only this event against someone: "conducted an operation against the
    # rebels" is an attack, "conducted an operation" alone may be a rescue or a search.
    target_required: bool = False
    # The subject suffers the act and the target slot names its doer: in "came under
    # fire from the rebels" the rebels attack.
    converse: bool = False

    @property
    def specificity(self) -> int:
        return 4 * bool(self.objects) + 2 * bool(self.prep) + 2 * bool(self.particle)


@dataclass(frozen=True, slots=True)
class NounEntry:
    lemma: str
    cameo: str
    target_preps: frozenset[str]
    symmetric: bool = False
    # Words one of which must modify the noun ("hunger strike", "air strike"); None = any.
    modifiers: frozenset[str] | None = None


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[VerbEntry, ...]]
    # Entries with modifiers first, then the plain entry of the lemma.
    nouns: dict[str, tuple[NounEntry, ...]]
    # Object nouns that some verb entry consumes ("hold talks"): not coded twice.
    light_objects: frozenset[str]

    @classmethod
    def load(cls) -> Lexicon:
        return cls.build(resources.iter_jsonl("verbs.jsonl"), resources.iter_jsonl("nouns.jsonl"))

    @classmethod
    def build(
        cls, verbs: Iterable[dict[str, object]], nouns: Iterable[dict[str, object]]
    ) -> Lexicon:
        vindex: dict[str, list[VerbEntry]] = {}
        light: set[str] = set()
        for row in verbs:
            try:
                objs = row.get("objects")
                entry = VerbEntry(
                    lemma=str(row["lemma"]).lower(),
                    cameo=str(row["cameo"]),
                    particle=_opt(row.get("particle")),
                    prep=_opt(row.get("prep")),
                    objects=frozenset(str(o).lower() for o in objs)
                    if isinstance(objs, list)
                    else None,
                    target=_opt(row.get("target")),
                    symmetric=bool(row.get("symmetric", False)),
                    target_required=bool(row.get("target_required", False)),
                    converse=bool(row.get("converse", False)),
                )
            except KeyError as exc:
                raise DataError(f"verbs.jsonl: entry without {exc}: {row!r}") from exc
            vindex.setdefault(entry.lemma, []).append(entry)
            if entry.objects:
                light |= entry.objects
        nindex: dict[str, list[NounEntry]] = {}
        for row in nouns:
            try:
                preps = row.get("target_preps") or row.get("preps") or []
                mods = row.get("modifiers")
                n = NounEntry(
                    lemma=str(row["lemma"]).lower(),
                    cameo=str(row["cameo"]),
                    target_preps=frozenset(str(p) for p in preps)
                    if isinstance(preps, list)
                    else frozenset(),
                    symmetric=bool(row.get("symmetric", False)),
                    modifiers=frozenset(str(m).lower() for m in mods)
                    if isinstance(mods, list)
                    else None,
                )
            except KeyError as exc:
                raise DataError(f"nouns.jsonl: entry without {exc}: {row!r}") from exc
            nindex.setdefault(n.lemma, []).append(n)
        return cls(
            verbs={k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in vindex.items()},
            nouns={
                k: tuple(sorted(v, key=lambda e: e.modifiers is None)) for k, v in nindex.items()
            },
            light_objects=frozenset(light),
        )


def _opt(value: object) -> str | None:
    return None if value in (None, "") else str(value).lower()
