"""The event lexicon as data: data/verbs.jsonl and data/nouns.jsonl.

Checks the shape of every entry, that the CAMEO codes exist, that every CAMEO root
01..20 is reached by some verb, that no two verb entries share a key, and that every
example sentence really shows its word. Standard library only (plus pytest itself).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_shared

DATA = Path(__file__).resolve().parents[1] / "src" / "herodotus" / "data"

VERB_KEYS = {"lemma", "cameo", "particle", "prep", "objects", "target", "symmetric", "example"}
# Keys an entry may leave out: "target_required" (default false).
OPTIONAL_VERB_KEYS = {"target_required", "converse"}
NOUN_KEYS = {"lemma", "cameo", "modifiers", "preps", "target_preps", "symmetric", "example"}
ROOTS = {f"{r:02d}" for r in range(1, 21)}
CODE = re.compile(r"^\d{2,4}$")
WORD = re.compile(r"^[a-z][a-z'-]*$")
# Where a verb entry's target comes from; any other value must be a preposition.
TARGET_KINDS = {"dobj", "pobj", "dative"}

# Irregular verb forms used in news; regular forms are built by rule.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "beat": ("beaten",),
    "begin": ("began", "begun"),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "build": ("built",),
    "buy": ("bought",),
    "do": ("did", "done"),
    "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"),
    "fight": ("fought",),
    "fly": ("flew", "flown"),
    "forgive": ("forgave", "forgiven"),
    "freeze": ("froze", "frozen"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "hold": ("held",),
    "lay": ("laid",),
    "lead": ("led",),
    "leave": ("left",),
    "lend": ("lent",),
    "light": ("lit",),
    "make": ("made",),
    "meet": ("met",),
    "overfly": ("overflew", "overflown"),
    "overrun": ("overran",),
    "pay": ("paid",),
    "retake": ("retook", "retaken"),
    "seek": ("sought",),
    "sell": ("sold",),
    "send": ("sent",),
    "shoot": ("shot",),
    "sink": ("sank", "sunk"),
    "sit": ("sat",),
    "speak": ("spoke", "spoken"),
    "stand": ("stood",),
    "strike": ("struck", "stricken"),
    "take": ("took", "taken"),
    "tear": ("tore", "torn"),
    "throw": ("threw", "thrown"),
    "unfreeze": ("unfroze", "unfrozen"),
    "uphold": ("upheld",),
    "win": ("won",),
    "withdraw": ("withdrew", "withdrawn"),
    "withhold": ("withheld",),
}
VOWELS = frozenset("aeiou")


def inflections(lemma: str) -> set[str]:
    """The lemma and its inflected forms (verb tenses, noun plurals), by rule and table."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w[:-1] + "ed"}
    if w.endswith("ie"):
        forms.add(w[:-2] + "ying")
    if len(w) > 1 and w.endswith("y") and w[-2] not in VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    # Doubled final consonant: ban -> banned, commit -> committed, patrol -> patrolled.
    if len(w) > 2 and w[-1] not in VOWELS | {"w", "x", "y"} and w[-2] in VOWELS:
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing", w + w[-1] + "s"}
    forms.update(IRREGULAR.get(w, ()))
    return forms


def words_of(text: str) -> set[str]:
    """Lower-case words of a sentence, hyphenated words both whole and split."""
    out: set[str] = set()
    for w in re.findall(r"[a-z]+(?:['-][a-z]+)*", text.lower()):
        out.add(w)
        out.update(re.split(r"['-]", w))
    return out


def load(name: str) -> list[dict[str, Any]]:
    rows = []
    with open(DATA / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            assert isinstance(row, dict), f"{name}:{n} is not a JSON object"
            rows.append(row)
    return rows


@pytest.fixture(scope="module")
def verbs() -> list[dict[str, Any]]:
    return load("verbs.jsonl")


@pytest.fixture(scope="module")
def nouns() -> list[dict[str, Any]]:
    return load("nouns.jsonl")


def _where(row: dict[str, Any]) -> str:
    return f"{row.get('lemma')}/{row.get('particle')}/{row.get('prep')} {row.get('cameo')}"


# -- verbs -----------------------------------------------------------------------------
def test_verb_entries_have_exactly_the_keys(verbs: list[dict[str, Any]]) -> None:
    assert len(verbs) >= 400
    bad = [
        (_where(v), sorted(set(v) ^ VERB_KEYS))
        for v in verbs
        if set(v) - OPTIONAL_VERB_KEYS != VERB_KEYS
    ]
    assert not bad, bad[:10]


def test_verb_fields_are_well_formed(verbs: list[dict[str, Any]]) -> None:
    problems = []
    for v in verbs:
        w = _where(v)
        if not (isinstance(v["lemma"], str) and WORD.match(v["lemma"])):
            problems.append((w, "lemma must be one lower-case word"))
        if not (isinstance(v["cameo"], str) and CODE.match(v["cameo"])):
            problems.append((w, "cameo must be a 2-4 digit string"))
        elif v["cameo"][:2] not in ROOTS:
            problems.append((w, "cameo root outside 01..20"))
        for key in ("particle", "prep"):
            if v[key] is not None and not (isinstance(v[key], str) and WORD.match(v[key])):
                problems.append((w, f"{key} must be null or one lower-case word"))
        objs = v["objects"]
        if objs is not None:
            if not (isinstance(objs, list) and objs):
                problems.append((w, "objects must be null or a non-empty list"))
            elif not all(isinstance(o, str) and o == o.lower() and o.strip() for o in objs):
                problems.append((w, "objects must be lower-case lemmas"))
            elif len(set(objs)) != len(objs):
                problems.append((w, "objects repeat a lemma"))
        target = v["target"]
        is_prep = isinstance(target, str) and bool(WORD.match(target))
        if target is not None and target not in TARGET_KINDS and not is_prep:
            problems.append((w, f"target {target!r} is neither a kind nor a preposition"))
        if target == "pobj" and not v["prep"]:
            problems.append((w, "target pobj needs a prep"))
        if not isinstance(v["symmetric"], bool):
            problems.append((w, "symmetric must be a boolean"))
        if not isinstance(v.get("target_required", False), bool):
            problems.append((w, "target_required must be a boolean"))
        if v.get("target_required") and v["target"] is None:
            problems.append((w, "target_required needs a target to look for"))
        if not (isinstance(v["example"], str) and v["example"].strip()):
            problems.append((w, "example missing"))
    assert not problems, problems[:20]


def test_no_duplicate_verb_keys(verbs: list[dict[str, Any]]) -> None:
    keys = Counter(
        (v["lemma"], v["particle"], v["prep"], tuple(sorted(v["objects"] or ())) or None)
        for v in verbs
    )
    dups = [k for k, n in keys.items() if n > 1]
    assert not dups, dups[:10]


def test_an_object_selects_one_entry_per_pattern(verbs: list[dict[str, Any]]) -> None:
    """Under one lemma/particle/prep, no object lemma may pick two different entries."""
    seen: dict[tuple[Any, ...], dict[str, str]] = defaultdict(dict)
    clashes = []
    for v in verbs:
        pattern = (v["lemma"], v["particle"], v["prep"])
        for obj in v["objects"] or ():
            if obj in seen[pattern] and seen[pattern][obj] != v["cameo"]:
                clashes.append((pattern, obj, seen[pattern][obj], v["cameo"]))
            seen[pattern][obj] = v["cameo"]
    assert not clashes, clashes[:10]


def test_every_cameo_root_is_reached_by_a_verb(verbs: list[dict[str, Any]]) -> None:
    reached = {v["cameo"][:2] for v in verbs}
    assert reached >= ROOTS, sorted(ROOTS - reached)


def test_verb_examples_show_the_verb(verbs: list[dict[str, Any]]) -> None:
    missing = []
    for v in verbs:
        words = words_of(v["example"])
        if not inflections(v["lemma"]) & words:
            missing.append((_where(v), v["example"]))
        for key in ("particle", "prep"):
            if v[key] and v[key] not in words:
                missing.append((_where(v), f"{key} {v[key]!r} absent: {v['example']}"))
    assert not missing, missing[:20]


# -- nouns -----------------------------------------------------------------------------
def test_noun_entries_have_exactly_the_keys(nouns: list[dict[str, Any]]) -> None:
    assert len(nouns) >= 80
    bad = [(_where(n), sorted(set(n) ^ NOUN_KEYS)) for n in nouns if set(n) != NOUN_KEYS]
    assert not bad, bad[:10]


def test_noun_fields_are_well_formed(nouns: list[dict[str, Any]]) -> None:
    problems = []
    for n in nouns:
        w = _where(n)
        if not (isinstance(n["lemma"], str) and WORD.match(n["lemma"])):
            problems.append((w, "lemma must be one lower-case word"))
        if not (isinstance(n["cameo"], str) and CODE.match(n["cameo"])):
            problems.append((w, "cameo must be a 2-4 digit string"))
        elif n["cameo"][:2] not in ROOTS:
            problems.append((w, "cameo root outside 01..20"))
        for key in ("preps", "target_preps"):
            val = n[key]
            if not isinstance(val, list) or not all(
                isinstance(p, str) and WORD.match(p) for p in val
            ):
                problems.append((w, f"{key} must be a list of prepositions"))
        if isinstance(n["preps"], list) and not set(n["target_preps"]) <= set(n["preps"]):
            problems.append((w, "target_preps must be a subset of preps"))
        mods = n["modifiers"]
        if mods is not None and not (
            isinstance(mods, list) and mods and all(isinstance(m, str) and m for m in mods)
        ):
            problems.append((w, "modifiers must be null or a non-empty list"))
        if not isinstance(n["symmetric"], bool):
            problems.append((w, "symmetric must be a boolean"))
    assert not problems, problems[:20]


def test_no_duplicate_noun_keys(nouns: list[dict[str, Any]]) -> None:
    keys = Counter((n["lemma"], tuple(sorted(n["modifiers"] or ()))) for n in nouns)
    dups = [k for k, c in keys.items() if c > 1]
    assert not dups, dups[:10]


def test_unqualified_noun_entry_comes_first(nouns: list[dict[str, Any]]) -> None:
    """A reader that ignores modifiers keeps a lemma's first entry: make it the plain one."""
    first: dict[str, dict[str, Any]] = {}
    plain = {n["lemma"] for n in nouns if n["modifiers"] is None}
    for n in nouns:
        first.setdefault(n["lemma"], n)
    late = [lemma for lemma, n in first.items() if lemma in plain and n["modifiers"] is not None]
    assert not late, late


def test_noun_examples_show_the_noun(nouns: list[dict[str, Any]]) -> None:
    missing = [
        (_where(n), n["example"])
        for n in nouns
        if not inflections(n["lemma"]) & words_of(n["example"])
    ]
    assert not missing, missing[:20]


# -- codes -----------------------------------------------------------------------------
def _all_codes(verbs: list[dict[str, Any]], nouns: list[dict[str, Any]]) -> set[str]:
    return {str(r["cameo"]) for r in verbs} | {str(r["cameo"]) for r in nouns}


def test_codes_exist_in_the_cameo_reference(
    verbs: list[dict[str, Any]], nouns: list[dict[str, Any]]
) -> None:
    path = require_shared("reference", "cameo_eventtypes.csv")
    with open(path, encoding="utf-8") as fh:
        known = {row["code"].strip() for row in csv.DictReader(fh)}
    unknown = sorted(_all_codes(verbs, nouns) - known)
    assert not unknown, unknown


def test_codes_exist_in_the_packaged_cameo_table(
    verbs: list[dict[str, Any]], nouns: list[dict[str, Any]]
) -> None:
    path = DATA / "cameo.csv"
    if not path.exists():
        pytest.skip("src/herodotus/data/cameo.csv is not built")
    with open(path, encoding="utf-8") as fh:
        known = {row["code"].strip() for row in csv.DictReader(fh)}
    unknown = sorted(_all_codes(verbs, nouns) - known)
    assert not unknown, unknown


def test_converse_entries_name_their_doer(verbs: list[dict[str, Any]]) -> None:
    """A converse entry ("came under fire from X") needs the slot of its doer."""
    bad = [
        _where(v)
        for v in verbs
        if v.get("converse") and (v["target"] in (None, "dobj") or not v.get("target_required"))
    ]
    assert not bad, bad
