"""The actor knowledge base, built from the packaged data files.

Every alias is tokenized with the same tokenizer that reads the news, so that a
match is a match of token sequences ("Kim Jong-un" and "U.S." tokenize the same
way in an alias and in a story).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from herodotus import resources
from herodotus.errors import DataError

ROMAN = re.compile(r"[ivxlcdm]+", re.IGNORECASE)

EntryKind = Literal[
    "country", "adjective", "metonym", "contextual", "org", "person", "agent", "surname"
]
Tokenize = Callable[[str], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Role:
    """An office a person holds between two dates (either may be open)."""

    code: str  # full CAMEO code, e.g. "USAGOV" or "IGOUNO"
    country: str | None
    sector: str | None
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing an alias can stand for."""

    kind: EntryKind
    id: str
    name: str
    country: str | None = None
    code: str | None = None
    sector: str | None = None
    roles: tuple[Role, ...] = ()
    source: str = "built-in"

    def role_on(self, day: dt.date | None) -> Role | None:
        """The role held on a day; with no day, the latest one."""
        if not self.roles:
            return None
        if day is None:
            return max(self.roles, key=lambda r: r.start or dt.date.min)
        held = [r for r in self.roles if r.holds_on(day)]
        return max(held, key=lambda r: r.start or dt.date.min) if held else None


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DataError(f"bad date {value!r} in actor data") from exc


@dataclass(frozen=True)
class KnowledgeBase:
    """Alias token sequences (lowercased) to the entries they may name."""

    aliases: dict[tuple[str, ...], tuple[Entry, ...]]
    countries: dict[str, Entry]
    max_len: int
    sectors: dict[str, str] = field(default_factory=dict)
    # Aliases written in capitals in the data ("US", "WHO") match only capitals in text.
    caps_only: frozenset[tuple[str, ...]] = frozenset()
    longest: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The longest alias starting with each word: most words start none, and a
        # search for aliases can pass them by without building a single key.
        longest: dict[str, int] = {}
        for key in self.aliases:
            if key and len(key) > longest.get(key[0], 0):
                longest[key[0]] = len(key)
        object.__setattr__(self, "longest", longest)

    def longest_from(self, word: str) -> int:
        """The length of the longest alias that starts with this lowercase word (0: none)."""
        return self.longest.get(word, 0)

    def lookup(self, tokens: tuple[str, ...]) -> tuple[Entry, ...]:
        return self.aliases.get(tokens, ())

    def names_any(self, words: Sequence[str]) -> bool:
        """Whether an alias occurs among these lowercase words (a test before any parse)."""
        n = len(words)
        for i in range(n):
            for length in range(min(self.longest_from(words[i]), n - i), 0, -1):
                if tuple(words[i : i + length]) in self.aliases:
                    return True
        return False

    def country(self, iso3: str) -> Entry | None:
        return self.countries.get(iso3)

    @classmethod
    def load(cls, tokenize: Tokenize, extra: Iterable[tuple[str, Entry]] = ()) -> KnowledgeBase:
        """Build from the packaged data; ``extra`` (alias, entry) pairs override built-ins."""
        builder = _Builder(tokenize)
        for row in resources.iter_jsonl("countries.jsonl"):
            builder.add_country(row)
        for row in resources.iter_jsonl("organisations.jsonl"):
            builder.add_org(row)
        for row in resources.iter_jsonl("people.jsonl"):
            builder.add_person(row)
        for row in resources.iter_jsonl("agents.jsonl"):
            builder.add_agent(row)
        for alias, entry in extra:
            builder.override(alias, entry)
        sectors = resources.load_json("sectors.json")
        return cls(
            aliases={k: tuple(v) for k, v in builder.aliases.items()},
            countries=builder.countries,
            max_len=max((len(k) for k in builder.aliases), default=1),
            sectors=dict(sectors),
            caps_only=frozenset(builder.caps_only),
        )


class _Builder:
    """Accumulates aliases while the knowledge base is loaded."""

    def __init__(self, tokenize: Tokenize) -> None:
        self.tokenize = tokenize
        self.aliases: dict[tuple[str, ...], list[Entry]] = {}
        self.countries: dict[str, Entry] = {}
        self.caps_only: set[tuple[str, ...]] = set()
        # One-word aliases also written in mixed case ("Hamas" beside "HAMAS"): not
        # acronyms, so they match in any capitalised form.
        self.mixed_case: set[tuple[str, ...]] = set()
        self.overridden: dict[tuple[str, ...], str] = {}

    def key(self, alias: str) -> tuple[str, ...]:
        toks = tuple(t.lower() for t in self.tokenize(alias.strip()) if t.strip())
        return toks

    def norm_key(self, alias: str, keep_the: bool = False) -> tuple[str, ...]:
        """The lookup key of an alias: its tokens, lowercased, without a leading 'the'."""
        toks = self.key(alias)
        if not keep_the and len(toks) > 1 and toks[0] == "the":
            toks = toks[1:]
        return toks

    def add(self, alias: str, entry: Entry, *, keep_the: bool = False) -> None:
        toks = self.norm_key(alias, keep_the)
        if not toks:
            return
        bare = alias.strip().replace(".", "")
        if len(toks) == 1 and bare.isalpha() and bare.isupper() and len(bare) <= 5:
            if toks not in self.mixed_case:
                self.caps_only.add(toks)
        elif len(toks) == 1 and bare[:1].isupper():
            self.mixed_case.add(toks)
            self.caps_only.discard(toks)
        bucket = self.aliases.setdefault(toks, [])
        if entry not in bucket:
            bucket.append(entry)

    def override(self, alias: str, entry: Entry) -> None:
        """A user entry replaces the entries its alias had from the built-in data or from
        earlier files; several entries of one file for one alias are all kept."""
        toks = self.norm_key(alias)
        if not toks:
            return
        origin = entry.source.rsplit(":", 1)[0]
        if self.overridden.get(toks) != origin:
            # The first entry of this alias from a new file replaces what came before.
            self.overridden[toks] = origin
            self.aliases[toks] = []
        self.add(alias, entry)

    def add_country(self, row: dict[str, Any]) -> None:
        iso3, name = row["iso3"], row["name"]
        code = row.get("code") or iso3
        base = Entry("country", iso3, name, country=iso3, code=code)
        self.countries[iso3] = base
        for alias in [name, row.get("formal"), *row.get("aliases", [])]:
            if alias:
                self.add(alias, base)
        adj = Entry("adjective", iso3, name, country=iso3, code=code)
        for alias in [*row.get("adjectives", []), *row.get("demonyms", [])]:
            self.add(alias, adj)
        sectors = row.get("metonym_sectors") or {}
        for alias in row.get("metonyms", []):
            sector = sectors.get(alias, "GOV")  # the Pentagon is the military, not the government
            met = Entry("metonym", iso3, name, country=iso3, code=code + sector, sector=sector)
            self.add(alias, met)
        ctx = Entry("contextual", iso3, name, country=iso3, code=code)
        for alias in row.get("contextual_aliases", []):
            self.add(alias, ctx, keep_the=True)

    def add_org(self, row: dict[str, Any]) -> None:
        entry = Entry(
            "org",
            row["id"],
            row["name"],
            country=row.get("country"),
            code=row["code"],
            sector=row.get("sector"),
            roles=tuple(self._roles(row, default_country=row.get("country"))),
        )
        for alias in [row["name"], *row.get("aliases", [])]:
            self.add(alias, entry)

    @staticmethod
    def _roles(row: dict[str, Any], default_country: str | None = None) -> list[Role]:
        roles = []
        for r in row.get("roles", []):
            country = r.get("country", default_country)
            sector = r.get("sector")
            code = r.get("code") or f"{country or '---'}{sector or ''}"
            roles.append(
                Role(
                    code,
                    country,
                    sector,
                    r.get("title"),
                    _date(r.get("start")),
                    _date(r.get("end")),
                )
            )
        return roles

    def add_person(self, row: dict[str, Any]) -> None:
        roles = tuple(self._roles(row))
        entry = Entry("person", row["id"], row["name"], roles=roles)
        surname = Entry("surname", row["id"], row["name"], roles=roles)
        for alias in [row["name"], *row.get("aliases", [])]:
            # A one-word alias ("Putin", "Castro") is a surname: it names the person only
            # when they hold office on the story's date or the story names them in full.
            self.add(alias, surname if len(self.key(alias)) == 1 else entry)
        name = self.key(row["name"])
        last = row.get("surname") or (name[-1] if len(name) >= 2 else "")
        # A surname alone names a person only when it is a real word-like name
        # ("Erdogan"), not a regnal number ("III") or a two-letter token.
        if len(last) >= 4 and last.isalpha() and not ROMAN.fullmatch(last):
            self.add(last, surname)

    def add_agent(self, row: dict[str, Any]) -> None:
        entry = Entry("agent", row["term"], row["term"], sector=row["sector"])
        for alias in [row["term"], row.get("plural")]:
            if alias:
                self.add(alias, entry)
