"""Bring your own dictionaries: PETRARCH/TABARI actor and agent dictionaries, and small
CSV or YAML files of custom actors, read into ``(alias, Entry)`` pairs that override the
packaged knowledge base.

    >>> pairs = load_dictionaries([Path("Phoenix.Countries.actors.txt"),
    ...                            Path("Phoenix.agents.txt"), Path("my_actors.csv")])
    ...                                                         # doctest: +SKIP
    >>> kb = KnowledgeBase.load(tokenize, extra=pairs)          # doctest: +SKIP

A later file overrides an earlier one, and every file overrides the packaged data,
alias by alias. :func:`load_dictionary` picks the reader by suffix: ``.csv``,
``.yaml``/``.yml``, anything else is a PETRARCH text dictionary, read as an agent
dictionary when its first code has a ``~`` (``[~GOV]``) and as an actor dictionary
otherwise. Malformed input raises :class:`~herodotus.errors.DataError` naming
``file:line``.

PETRARCH / TABARI dictionaries
------------------------------
The format is PETRARCH's (``dictionaries.rst`` in the PETRARCH sources). Comments
start at ``#`` (or the TABARI ``;`` in actor files); lines starting with ``<`` are
XML-style comments (``<!-- ... -->`` may span lines); ``---STOP---`` ends a file.
Underscores stand for spaces (``VLADIMIR_PUTIN_`` is "Vladimir Putin"). PETRARCH
matches words exactly (it dropped TABARI's stems) and so do we; a blank meaning "other
words may come between" is read as a plain space.

An actor record is a primary phrase with optional codes, ``+`` synonyms, and indented
code lines::

    VLADIMIR_PUTIN_
    +PUTIN_
    +PRESIDENT_PUTIN_
        [RUSELI 700101-990809]
        [RUSGOV >080508]
        [RUSELI]

A primary phrase without codes runs on into the next record, as in PETRARCH, so a block
of names may share one set of codes. Codes are read as follows:

* ``[CODE]`` (no date) is the default; it holds whenever no dated code does.
  ``[CODE <D]`` holds up to D, ``[CODE >D]`` from D, ``[CODE D1-D2]`` from D1 to D2, all
  ends included as PETRARCH says ("or equal to"), so an end becomes the next day in
  :class:`Role` (whose ``end`` is exclusive).
* Dates are YYYYMMDD or YYMMDD. A two-digit year 00-30 is 20YY and 31-99 is 19YY, the
  rule of KEDS, TABARI and PETRARCH, which these dictionaries were written for.
* A date that cannot be read (``9008223``, ``1920030320``, a bare ``[MNEGOV 20121204]``)
  drops that one code with a warning rather than the whole file: the Phoenix dictionaries
  have several, and PETRARCH skips them the same way.
* A code of punctuation only (``---``, ``+++``) is PETRARCH's null code ("not an
  actor"): it is dropped, so a person outside every dated code names no one. Of
  alternatives ``A/B`` (TABARI's joint actors) the first is kept.

A record becomes an :class:`Entry` by its *main* code: the first undated code, or else
the dated code that starts last.

* ``country``: the main code is a bare country code (``[AFG]``); dated history of a
  country (``[USRARM <900823]``) is dropped, since country entries have no roles.
* ``person``: a record with dated codes, or with an elite code (``[RUSELI]``,
  ``[ELI]``), whose main code has a sector (``[RUSGOV]``, ``[IGO]``; a bare code of an
  unknown polity such as ``[TMP]`` has none). Every code becomes a :class:`Role`; a
  one-word alias ("Putin") becomes a ``surname`` entry, as in the packaged data.
* ``org``: anything else, e.g. ``[IGOUNO]``, ``[IMGMUSALQ]``, ``[FRAREB]``; dated
  codes become its roles.

A code's country is its first three letters when they are a known country code; its
sector is the next three letters, except that a code led by a sector code (``IGO``,
``NGO``, ``IMG``, ``MNC``, ``ELI``...) has that sector, as the packaged organisations
do (``IGOUNO`` is sector ``IGO``).

An agent record is ``PHRASE {PLURAL} [~CODE]``: ``~GOV`` or ``NGO~``, the code without
``~`` becoming the agent's sector. Regular plurals are made (``-s``, ``-es``, ``-ies``);
``{}`` means none, ``{X}`` gives it. ``!NAME! = A, B, C`` defines a substitution set used
as ``CONGRESS!PERSON!``; substituted phrases get no plural. A line without a code is
skipped with a warning, as PETRARCH does (the Phoenix agents have one), and ``[~ENV}`` is
accepted because the format's own documentation writes it so.

Custom actors: CSV
------------------
One actor per row, or one role per row: several rows with the same ``name`` give one
actor with several dated roles. Columns (only ``name`` is required; ``kind`` and
``title`` are optional extras)::

    name,aliases,code,country,sector,start,end,kind,title
    Vladimir Putin,Putin|President Putin,RUSGOV,,,2000-05-07,2008-05-08,person,President
    Vladimir Putin,,,RUS,GOV,2012-05-07,,,President
    Acme Mining,Acme,,ZAF,BUS,,,,
    Ruritania,Ruritanian|Strelsau,RUR,,,,,country,
    junta spokesman,junta spokesmen,~MIL,,,,,,

* ``aliases``: other names, separated by ``|``; the name is always an alias.
* ``code`` is the full CAMEO code; without it, ``country`` + ``sector`` make one.
  Given a code, ``country`` and ``sector`` default to its parts.
* ``start``/``end`` are ISO dates (``YYYY-MM-DD``); ``end`` is the day the role ended,
  exclusive, like the packaged people data (the day a successor took office).
* ``kind`` is ``person``, ``org``, ``country`` or ``agent``. Without it: a ``~`` code
  is an agent, dated or repeated rows are a person, a bare country code is a country,
  anything else an org. Write ``person`` for an undated person, so that "he" and a
  bare surname can find them.

Custom actors: YAML
-------------------
A list of mappings with the same keys; ``aliases`` may be a list, and ``roles`` a list of
mappings with ``code``/``country``/``sector``/``start``/``end``/``title``::

    - name: Vladimir Putin
      kind: person
      aliases: [Putin, President Putin]
      roles:
        - {code: RUSGOV, start: 2000-05-07, end: 2008-05-08}
        - {country: RUS, sector: GOV, start: 2012-05-07}
    - name: Acme Mining
      code: ZAFBUS
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, cast

import yaml

from herodotus import resources
from herodotus.actors.kb import Entry, Role
from herodotus.errors import DataError

log = logging.getLogger(__name__)

Pair = tuple[str, Entry]

# Characters a CAMEO code may hold once upper-cased ("USAGOV", "NGOCHRPRO214").
CODE_RE: Final = re.compile(r"[A-Z0-9]+")
# A code of punctuation only is PETRARCH's null code ("---": not an actor).
NULL_CODE_RE: Final = re.compile(r"[^A-Za-z0-9]+")
AGENT_CODE_RE: Final = re.compile(r"~[A-Z0-9]+|[A-Z0-9]+~")
MARKER_RE: Final = re.compile(r"!([^!\s]+)!")
# Control characters (a stray ^Z sits inside two Phoenix names) are not text.
CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Two-digit years up to this one are 20YY, later ones 19YY (KEDS/TABARI/PETRARCH).
PIVOT_YEAR: Final = 30
ONE_DAY: Final = dt.timedelta(days=1)
CUSTOM_KINDS: Final = frozenset({"person", "org", "country", "agent"})
CUSTOM_FIELDS: Final = (
    "name",
    "aliases",
    "code",
    "country",
    "sector",
    "start",
    "end",
    "kind",
    "title",
)
ROLE_FIELDS: Final = ("code", "country", "sector", "start", "end", "title")


# -- public API -------------------------------------------------------------------------
def load_dictionaries(paths: Sequence[Path]) -> list[Pair]:
    """The pairs of several dictionaries in order, so that later files override earlier
    ones when the list is given to ``KnowledgeBase.load(..., extra=...)``."""
    pairs: list[Pair] = []
    for path in paths:
        pairs.extend(load_dictionary(path))
    return pairs


def load_dictionary(path: Path) -> list[Pair]:
    """The (alias, entry) pairs of one dictionary file, read by its suffix and content."""
    path = Path(path)
    suffix = path.suffix.lower()
    text = _read(path)
    if suffix == ".csv":
        pairs = _custom_pairs(_csv_rows(path, text))
    elif suffix in (".yaml", ".yml"):
        pairs = _custom_pairs(_yaml_rows(path, text))
    else:
        lines = list(_petrarch_lines(text))
        if _is_agent_dictionary(lines):
            pairs = _agent_pairs(path, lines)
        else:
            pairs = _actor_pairs(path, lines)
    log.info("read %d aliases from %s", len(pairs), path)
    return pairs


def split_code(code: str) -> tuple[str | None, str | None]:
    """The (country, sector) of a CAMEO code: "RUSGOV" is (RUS, GOV), "IGOUNOKID" is
    (None, IGO) as the packaged organisations code the UN, "MEAREB" is (None, REB)."""
    prefix = code[:3]
    if prefix in _country_codes():
        return prefix, code[3:6] or None
    if prefix in _sector_codes():
        return None, prefix
    return None, code[3:6] or None


# -- shared helpers ---------------------------------------------------------------------
@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    codes: set[str] = set()
    for row in resources.iter_jsonl("countries.jsonl"):
        codes.add(row["iso3"])
        if row.get("code"):
            codes.add(row["code"])
    return frozenset(codes)


@lru_cache(maxsize=1)
def _sector_codes() -> frozenset[str]:
    return frozenset(resources.load_json("sectors.json"))


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DataError(f"{path}: dictionary file not found") from exc
    except OSError as exc:
        raise DataError(f"{path}: cannot read dictionary: {exc.strerror}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # TABARI-era dictionaries predate UTF-8; Latin-1 reads every byte.
        log.warning("%s is not UTF-8; reading it as Latin-1", path)
        return data.decode("latin-1")


def _where(path: Path, lineno: int) -> str:
    return f"{path}:{lineno}"


def _phrase(raw: str) -> str:
    """A PETRARCH phrase as text: underscores are spaces, capitals become title case
    (the knowledge base matches lower case; this is for people reading the entries)."""
    words = CONTROL_RE.sub("", raw).replace("_", " ").split()
    return " ".join(_title(w) for w in words)


def _title(word: str) -> str:
    if "." in word or not word.isupper():
        return word  # "U.N.", "V.", or already mixed case
    out: list[str] = []
    for part in re.split(r"([-'/])", word):
        if len(part) > 1 or (part.isalpha() and not out):
            part = part[:1].upper() + part[1:].lower()
        elif part.isalpha():
            part = part.lower()  # the "s" of "Children's"
        out.append(part)
    return "".join(out)


def _drop_the(alias: str) -> str:
    """Match "The United Nations" as "United Nations", as the packaged aliases do: names
    are matched from a capital, and a mid-sentence "the" has none."""
    words = alias.split(" ")
    if len(words) > 1 and words[0].lower() == "the":
        return " ".join(words[1:])
    return alias


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "actor"


def _person_pairs(aliases: Sequence[str], person: Entry) -> list[Pair]:
    """A one-word alias ("Putin") is a surname, as in the packaged data: it names the
    person only in office on the story's date or after the story names them in full."""
    surname = Entry("surname", person.id, person.name, roles=person.roles, source=person.source)
    return [(a, surname if len(a.split()) == 1 else person) for a in aliases]


def _unique(items: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.lower()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


# -- PETRARCH text dictionaries ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Line:
    lineno: int
    text: str  # comments removed, trailing blanks stripped, leading ones kept


@dataclass(frozen=True, slots=True)
class _Code:
    """One bracketed code: undated (the default) or dated (a role's period)."""

    code: str  # "" for the null code
    start: dt.date | None = None
    end: dt.date | None = None  # exclusive
    dated: bool = False


@dataclass(frozen=True, slots=True)
class _ActorRecord:
    lineno: int
    phrases: tuple[str, ...]
    codes: tuple[_Code, ...]


def _petrarch_lines(text: str) -> Iterator[_Line]:
    """The lines that carry content, with comments removed, as PETRARCH reads them."""
    in_xml_comment = False
    # Split on newlines only, so that line numbers are an editor's (splitlines() would
    # also break at form feeds and other separators).
    for lineno, line_text in enumerate(text.split("\n"), 1):
        raw = line_text.rstrip("\r")
        if in_xml_comment:
            in_xml_comment = "-->" not in raw
            continue
        if raw.startswith("<"):
            in_xml_comment = raw.startswith("<!--") and "-->" not in raw
            continue
        if raw.strip() == "---STOP---":
            return
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield _Line(lineno, line)


def _is_agent_dictionary(lines: Sequence[_Line]) -> bool:
    """Agent dictionaries are told apart by their codes: ``[~GOV]`` or ``[NGO~]``."""
    for line in lines:
        start = line.text.find("[")
        if start >= 0:
            return "~" in line.text[start:]
    return False


def _parse_codes(path: Path, lineno: int, text: str) -> list[_Code]:
    """The bracketed codes of a line part that holds nothing else."""
    where = _where(path, lineno)
    codes: list[_Code] = []
    rest = text.strip()
    while rest:
        if not rest.startswith("["):
            # PETRARCH ignores text after the codes; Phoenix has a few such notes.
            log.warning("%s: text after the codes ignored: %r", where, rest)
            break
        close = rest.find("]")
        if close < 0:
            raise DataError(f"{where}: '[' without a closing ']' in {rest!r}")
        body = rest[1:close]
        if "[" in body:
            raise DataError(f"{where}: '[' without a closing ']' in {rest!r}")
        code = _parse_code(path, lineno, body)
        if code is not None:
            codes.append(code)
        rest = rest[close + 1 :].strip()
    return codes


def _parse_code(path: Path, lineno: int, body: str) -> _Code | None:
    where = _where(path, lineno)
    parts = body.split(None, 1)
    if not parts:
        raise DataError(f"{where}: empty code []")
    code = parts[0].upper()
    restriction = "".join(parts[1].split()) if len(parts) > 1 else ""
    if "~" in code:
        raise DataError(f"{where}: agent code [{body.strip()}] in an actor dictionary")
    if NULL_CODE_RE.fullmatch(code):
        return _Code("")  # PETRARCH's null code: the record names no actor
    if "/" in code:
        log.debug("%s: joint code %s; keeping the first", where, code)
        code = code.split("/", 1)[0]
    if not CODE_RE.fullmatch(code):
        raise DataError(f"{where}: bad code {parts[0]!r}")
    if not restriction:
        return _Code(code)
    try:
        if restriction[0] == "<":
            return _Code(code, None, _yymmdd(restriction[1:]) + ONE_DAY, True)
        if restriction[0] == ">":
            return _Code(code, _yymmdd(restriction[1:]), None, True)
        first, sep, second = restriction.partition("-")
        if not sep:
            raise ValueError("a date restriction is <D, >D or D1-D2")
        start, end = _yymmdd(first), _yymmdd(second)
        if end < start:
            raise ValueError("the range ends before it starts")
        return _Code(code, start, end + ONE_DAY, True)
    except ValueError as exc:
        log.warning("%s: date restriction %r skipped: %s", where, body.strip(), exc)
        return None


def _yymmdd(text: str) -> dt.date:
    """A PETRARCH date, YYYYMMDD or YYMMDD (00-30 is 20YY, 31-99 is 19YY)."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"{text!r} is neither YYMMDD nor YYYYMMDD")
    if len(text) == 8:
        year = int(text[:4])
    else:
        yy = int(text[:2])
        year = 2000 + yy if yy <= PIVOT_YEAR else 1900 + yy
    return dt.date(year, int(text[-4:-2]), int(text[-2:]))


def _actor_records(path: Path, lines: Sequence[_Line]) -> list[_ActorRecord]:
    records: list[_ActorRecord] = []
    phrases: list[str] = []
    codes: list[_Code] = []
    first = 0

    def flush() -> None:
        if phrases and codes:
            records.append(_ActorRecord(first, tuple(phrases), tuple(codes)))
        elif phrases:
            log.warning("%s: actor %r has no code; skipped", _where(path, first), phrases[0])
        phrases.clear()
        codes.clear()

    for line in lines:
        text = line.text.split(";", 1)[0].rstrip()  # TABARI's comment mark
        if not text.strip():
            continue
        where = _where(path, line.lineno)
        if text[0] in " \t" and text.lstrip().startswith("["):
            if not phrases:
                raise DataError(f"{where}: a code line before any actor phrase")
            codes.extend(_parse_codes(path, line.lineno, text))
        elif text[0] in " \t":
            # An indented phrase ("\tJOHN_MCCLOY_\t[...]" in Phoenix) is a synonym.
            if not phrases:
                raise DataError(f"{where}: an indented line before any actor phrase")
            log.warning("%s: indented phrase read as a synonym", where)
            head, bracket, tail = text.partition("[")
            phrases.append(_phrase(head))
            codes.extend(_parse_codes(path, line.lineno, bracket + tail))
        elif text[0] == "+":
            if not phrases:
                raise DataError(f"{where}: a '+' synonym before any actor phrase")
            if "[" in text or "]" in text:
                log.warning("%s: brackets in a synonym are not codes; dropped", where)
                text = text.replace("[", " ").replace("]", "")
            # "+TAIOAN_ +TAWIAN_" is two synonyms on one line.
            phrases.extend(p for p in (_phrase(s) for s in text.split("+")) if p)
        else:
            # A primary phrase without codes runs on into the next record (PETRARCH).
            if codes:
                flush()
            if not phrases:
                first = line.lineno
            head, bracket, tail = text.partition("[")
            if "]" in head:
                raise DataError(f"{where}: ']' without an opening '['")
            phrase = _phrase(head)
            if not phrase:
                raise DataError(f"{where}: a code without an actor phrase")
            phrases.append(phrase)
            codes.extend(_parse_codes(path, line.lineno, bracket + tail))
    flush()
    return records


def _actor_pairs(path: Path, lines: Sequence[_Line]) -> list[Pair]:
    pairs: list[Pair] = []
    for rec in _actor_records(path, lines):
        pairs.extend(_record_pairs(path, rec))
    return pairs


def _record_pairs(path: Path, rec: _ActorRecord) -> list[Pair]:
    """A record's entry, by the rules in the module docstring, and its aliases."""
    undated = [c for c in rec.codes if not c.dated and c.code]
    dated = [c for c in rec.codes if c.dated and c.code]
    if not undated and not dated:
        log.debug("%s:%d: %r has the null code; no actor", path.name, rec.lineno, rec.phrases[0])
        return []
    main = undated[0] if undated else max(dated, key=_latest)
    aliases = _unique([_drop_the(p) for p in rec.phrases])
    name = aliases[0]
    source = f"{path.name}:{rec.lineno}"
    country, sector = split_code(main.code)
    has_eli = any(split_code(c.code)[1] == "ELI" for c in [*dated, *undated])
    if len(main.code) == 3 and main.code in _country_codes():
        if dated:
            log.debug("%s: dated codes of country %s ignored", source, main.code)
        entry = Entry("country", main.code, name, country=main.code, code=main.code, source=source)
        return [(a, entry) for a in aliases]
    # Keep the first default only: a second one ("[IGOUNOMED] [---]") is a TABARI leftover.
    roles = tuple(_role(c) for c in [*dated, *undated[:1]])
    if (dated or has_eli) and sector is not None:
        person = Entry("person", _slug(name), name, roles=roles, source=source)
        return _person_pairs(aliases, person)
    org = Entry(
        "org",
        _slug(name),
        name,
        country=country,
        code=main.code,
        sector=sector,
        roles=roles if dated else (),
        source=source,
    )
    return [(a, org) for a in aliases]


def _latest(code: _Code) -> tuple[dt.date, dt.date]:
    return (code.start or dt.date.min, code.end or dt.date.max)


def _role(code: _Code) -> Role:
    country, sector = split_code(code.code)
    return Role(code.code, country, sector, None, code.start, code.end)


def _agent_pairs(path: Path, lines: Sequence[_Line]) -> list[Pair]:
    markers: dict[str, list[str]] = {}
    pairs: list[Pair] = []
    for line in lines:
        where = _where(path, line.lineno)
        text = line.text.strip()
        if "!" in text and "=" in text:
            _define_marker(where, text, markers)
            continue
        if "[" not in text:
            log.warning("%s: agent %r has no code; skipped (as PETRARCH does)", where, text)
            continue
        head, _, tail = text.partition("[")
        close = min((i for i in (tail.find("]"), tail.find("}")) if i >= 0), default=-1)
        if close < 0:
            raise DataError(f"{where}: '[' without a closing ']'")
        if tail[close + 1 :].strip():
            # PETRARCH ignores text after the code, as in actor dictionaries.
            log.warning("%s: text after the code ignored: %r", where, tail[close + 1 :].strip())
        code = "".join(tail[:close].split()).upper()
        if not AGENT_CODE_RE.fullmatch(code):
            raise DataError(f"{where}: agent code must be ~CODE or CODE~, not [{tail[:close]}]")
        plural: str | None = None
        if "{" in head or "}" in head:
            head, brace, inner = head.partition("{")
            inner, closed, after = inner.partition("}")
            if not brace or not closed or after.strip():
                raise DataError(f"{where}: a plural must be written {{PLURAL}} after the phrase")
            plural = _phrase(inner)  # "" means no plural
        sector = code.strip("~")
        for phrase, plural_form in _agent_phrases(where, head, plural, markers):
            agent = phrase.lower()
            source = f"{path.name}:{line.lineno}"
            entry = Entry("agent", agent, agent, sector=sector, source=source)
            pairs.append((agent, entry))
            if plural_form:
                pairs.append((plural_form.lower(), entry))
    return pairs


def _define_marker(where: str, text: str, markers: dict[str, list[str]]) -> None:
    left, _, right = text.partition("=")
    match = MARKER_RE.fullmatch(left.strip())
    items = [i.strip() for i in right.split(",") if i.strip()]
    if match is None or not items:
        raise DataError(f"{where}: a substitution set is written !NAME! = A, B, C")
    markers[match.group(1)] = items


def _agent_phrases(
    where: str, head: str, plural: str | None, markers: Mapping[str, list[str]]
) -> list[tuple[str, str]]:
    """The (phrase, plural) forms of one agent line; substituted forms get no plural."""
    match = MARKER_RE.search(head)
    if match is None:
        if "!" in head:
            raise DataError(f"{where}: a substitution marker is written !NAME!")
        phrase = _phrase(head)
        if not phrase:
            raise DataError(f"{where}: a code without an agent phrase")
        return [(phrase, _plural(phrase) if plural is None else plural)]
    if match.group(1) not in markers:
        raise DataError(f"{where}: substitution set !{match.group(1)}! is not defined above")
    out: list[tuple[str, str]] = []
    for item in markers[match.group(1)]:
        expanded = head[: match.start()] + item + head[match.end() :]
        out.extend((p, "") for p, _ in _agent_phrases(where, expanded, "", markers))
    return out


def _plural(phrase: str) -> str:
    """The regular plural of a phrase's last word (PETRARCH's rule, with -es after
    sibilants and -ys after a vowel)."""
    words = phrase.split(" ")
    last = words[-1]
    low = last.lower()
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return " ".join([*words[:-1], last])


# -- custom CSV and YAML actors ---------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _CustomRow:
    """One role (or the only code) of one custom actor, with where it was written."""

    where: str  # file:line, for errors
    source: str  # file name:line, for Entry.source
    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


def _csv_rows(path: Path, text: str) -> list[_CustomRow]:
    if not text.strip():
        return []
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "name" not in fields:
        raise DataError(f"{_where(path, 1)}: the header must name a 'name' column")
    unknown = [f for f in fields if f not in CUSTOM_FIELDS]
    if unknown:
        raise DataError(
            f"{_where(path, 1)}: unknown column(s) {', '.join(unknown)}; "
            f"expected {','.join(CUSTOM_FIELDS)}"
        )
    reader.fieldnames = fields
    rows: list[_CustomRow] = []
    try:
        for raw in reader:
            lineno = reader.line_num
            if None in raw:
                raise DataError(f"{_where(path, lineno)}: more values than columns")
            values = {k: (v or "").strip() for k, v in raw.items()}
            if not any(values.values()):
                continue
            aliases = [a.strip() for a in values.get("aliases", "").split("|")]
            rows.append(_custom_row(path, lineno, values, aliases))
    except csv.Error as exc:
        raise DataError(f"{_where(path, reader.line_num)}: {exc}") from exc
    return rows


def _yaml_rows(path: Path, text: str) -> list[_CustomRow]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(f"{_where(path, line)}: bad YAML: {problem}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(f"{_where(path, 1)}: expected a list of actors")
    rows: list[_CustomRow] = []
    for item, item_node in zip(data, node.value, strict=True):
        lineno = item_node.start_mark.line + 1
        where = _where(path, lineno)
        if not isinstance(item, dict):
            raise DataError(f"{where}: each actor is a mapping with at least a name")
        unknown = [str(k) for k in item if k not in (*CUSTOM_FIELDS, "roles")]
        if unknown:
            raise DataError(f"{where}: unknown key(s) {', '.join(unknown)}")
        aliases_value = item.get("aliases") or []
        if isinstance(aliases_value, str):
            aliases_value = aliases_value.split("|")
        if not isinstance(aliases_value, list):
            raise DataError(f"{where}: aliases are a list or a '|'-separated string")
        aliases = [str(a).strip() for a in aliases_value if a is not None]
        base = {k: v for k, v in item.items() if k not in ("aliases", "roles")}
        roles = item.get("roles")
        if roles is None:
            rows.append(_custom_row(path, lineno, base, aliases))
            continue
        if not isinstance(roles, list) or not roles:
            raise DataError(f"{where}: roles are a non-empty list of mappings")
        for i, (role, role_node) in enumerate(zip(roles, _role_nodes(item_node), strict=False)):
            role_line = role_node.start_mark.line + 1
            role_where = _where(path, role_line)
            if not isinstance(role, dict):
                raise DataError(f"{role_where}: a role is a mapping of {', '.join(ROLE_FIELDS)}")
            bad = [str(k) for k in role if k not in ROLE_FIELDS]
            if bad:
                raise DataError(f"{role_where}: unknown role key(s) {', '.join(bad)}")
            merged = {**base, **role}
            rows.append(_custom_row(path, role_line, merged, aliases if i == 0 else []))
    return rows


def _role_nodes(item_node: Any) -> list[Any]:
    for key, value in item_node.value:
        if key.value == "roles":
            return cast(list[Any], value.value)
    return []


def _custom_row(
    path: Path, lineno: int, values: Mapping[str, Any], aliases: Sequence[str]
) -> _CustomRow:
    where = _where(path, lineno)

    def text(key: str, upper: bool = False) -> str | None:
        value = values.get(key)
        if value is None or str(value).strip() == "":
            return None
        out = str(value).strip()
        return out.upper() if upper else out

    name = text("name")
    if name is None:
        raise DataError(f"{where}: an actor needs a name")
    kind = text("kind")
    if kind is not None:
        kind = kind.lower()
        if kind not in CUSTOM_KINDS:
            raise DataError(f"{where}: kind must be one of {', '.join(sorted(CUSTOM_KINDS))}")
    code = text("code", upper=True)
    if code is not None and not (CODE_RE.fullmatch(code) or AGENT_CODE_RE.fullmatch(code)):
        raise DataError(f"{where}: bad code {code!r}")
    country, sector = text("country", upper=True), text("sector", upper=True)
    for label, value in (("country", country), ("sector", sector)):
        if value is not None and not CODE_RE.fullmatch(value):
            raise DataError(f"{where}: bad {label} {value!r}")
    if code is None and country is None and sector is None:
        raise DataError(f"{where}: {name!r} needs a code, or a country and/or a sector")
    start, end = _iso(where, values.get("start")), _iso(where, values.get("end"))
    if start and end and end <= start:
        raise DataError(f"{where}: end {end} is not after start {start}")
    return _CustomRow(
        where,
        f"{path.name}:{lineno}",
        name,
        tuple(a for a in aliases if a),
        kind,
        code,
        country,
        sector,
        text("title"),
        start,
        end,
    )


def _iso(where: str, value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise DataError(f"{where}: bad date {value!r}; write YYYY-MM-DD") from exc


def _custom_pairs(rows: Sequence[_CustomRow]) -> list[Pair]:
    groups: dict[str, list[_CustomRow]] = {}
    for row in rows:
        groups.setdefault(row.name, []).append(row)
    pairs: list[Pair] = []
    for name, group in groups.items():
        pairs.extend(_custom_entry_pairs(name, group))
    return pairs


def _custom_entry_pairs(name: str, rows: Sequence[_CustomRow]) -> list[Pair]:
    first = rows[0]
    where = first.where
    kinds = {r.kind for r in rows if r.kind}
    if len(kinds) > 1:
        raise DataError(f"{where}: {name!r} is given several kinds: {', '.join(sorted(kinds))}")
    kind = kinds.pop() if kinds else _infer_kind(rows)
    if kind != "agent" and any("~" in (r.code or "") for r in rows):
        raise DataError(f"{where}: a ~CODE belongs to an agent, not to a {kind}")
    aliases = _unique([name, *(a for r in rows for a in r.aliases)])
    source = first.source
    builders: dict[str, Callable[[str, Sequence[_CustomRow], str], Entry]] = {
        "agent": _custom_agent,
        "country": _custom_country,
        "org": _custom_org,
        "person": _custom_person,
    }
    entry = builders[kind](name, rows, source)
    if entry.kind == "person":
        return _person_pairs(aliases, entry)
    if entry.kind == "agent":
        return [(a.lower(), entry) for a in aliases]
    return [(_drop_the(a), entry) for a in aliases]


def _infer_kind(rows: Sequence[_CustomRow]) -> str:
    code = rows[0].code or ""
    if code.startswith("~") or code.endswith("~"):
        return "agent"
    if len(rows) > 1 or any(r.start or r.end for r in rows):
        return "person"
    row = rows[0]
    if row.sector is None and _row_code(row) in _country_codes():
        return "country"
    return "org"


def _row_code(row: _CustomRow) -> str:
    return row.code or f"{row.country or '---'}{row.sector or ''}"


def _row_role(row: _CustomRow) -> Role:
    code = _row_code(row)
    country, sector = split_code(code) if row.code else (row.country, row.sector)
    return Role(
        code,
        row.country or country,
        row.sector or sector,
        row.title,
        row.start,
        row.end,
    )


def _custom_person(name: str, rows: Sequence[_CustomRow], source: str) -> Entry:
    roles = tuple(_row_role(r) for r in rows)
    return Entry("person", _slug(name), name, roles=roles, source=source)


def _custom_org(name: str, rows: Sequence[_CustomRow], source: str) -> Entry:
    roles = tuple(_row_role(r) for r in rows)
    undated = [r for r in roles if r.start is None and r.end is None]
    main = undated[0] if undated else max(roles, key=lambda r: r.start or dt.date.min)
    dated = len(roles) > 1 or bool(roles[0].start or roles[0].end)
    return Entry(
        "org",
        _slug(name),
        name,
        country=main.country,
        code=main.code,
        sector=main.sector,
        roles=roles if dated else (),
        source=source,
    )


def _custom_country(name: str, rows: Sequence[_CustomRow], source: str) -> Entry:
    row = rows[0]
    if len(rows) > 1 or row.start or row.end or row.sector:
        raise DataError(f"{row.where}: a country has one undated code and no sector")
    code = _row_code(row)
    return Entry("country", code, name, country=row.country or code[:3], code=code, source=source)


def _custom_agent(name: str, rows: Sequence[_CustomRow], source: str) -> Entry:
    row = rows[0]
    sector = row.sector or (row.code or "").strip("~")
    if len(rows) > 1 or row.start or row.end or row.country or not sector:
        raise DataError(f"{row.where}: an agent has one sector (or ~CODE), no country or dates")
    return Entry("agent", name.lower(), name.lower(), sector=sector, source=source)
