"""Checks on the actor knowledge files in ``herodotus/data``.

countries.jsonl, organisations.jsonl, people.jsonl, agents.jsonl and sectors.json are
read with nothing but ``json`` and ``importlib.resources``, so that a broken line is
reported here and not as a strange coding error later.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import Any

import pytest

DATA = resources.files("herodotus") / "data"

ISO3 = re.compile(r"^[A-Z]{3}$")
ISO2 = re.compile(r"^[A-Z]{2}$")
QID = re.compile(r"^Q[1-9][0-9]*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CAMEO_CODE = re.compile(r"^(?:[A-Z]{3}){1,5}$")

COUNTRY_STATUSES = {
    "state",
    "observer",
    "partially_recognised",
    "disputed",
    "dependency",
    "uninhabited",
    "historical",
}
ORG_KINDS = {
    "igo",
    "igo_organ",
    "un_agency",
    "peacekeeping_mission",
    "military_mission",
    "court",
    "ngo",
    "intelligence_agency",
    "police",
    "legislature",
    "ministry",
    "armed_forces",
    "military_coalition",
    "government_body",
    "ruling_party",
    "political_party",
    "state_media",
    "news_agency",
    "broadcaster",
    "newspaper",
    "armed_group",
    "militia",
    "separatist_movement",
    "movement",
    "criminal_group",
    "private_military_company",
}


def _lines(name: str) -> list[dict[str, Any]]:
    rows = []
    text = (DATA / name).read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), 1):
        assert line.strip(), f"{name}:{lineno}: blank line"
        obj = json.loads(line)
        assert isinstance(obj, dict), f"{name}:{lineno}: not a JSON object"
        rows.append(obj)
    return rows


@cache
def countries() -> list[dict[str, Any]]:
    return _lines("countries.jsonl")


@cache
def organisations() -> list[dict[str, Any]]:
    return _lines("organisations.jsonl")


@cache
def people() -> list[dict[str, Any]]:
    return _lines("people.jsonl")


@cache
def agents() -> list[dict[str, Any]]:
    return _lines("agents.jsonl")


@cache
def sectors() -> dict[str, str]:
    obj = json.loads((DATA / "sectors.json").read_text(encoding="utf-8"))
    assert isinstance(obj, dict)
    return obj


@cache
def iso3_codes() -> frozenset[str]:
    return frozenset(c["iso3"] for c in countries())


def _strings(value: Any, where: str, *, allow_empty_list: bool = True) -> list[str]:
    assert isinstance(value, list), f"{where}: expected a list"
    if not allow_empty_list:
        assert value, f"{where}: empty list"
    for s in value:
        assert isinstance(s, str) and s.strip() and s == s.strip(), f"{where}: bad string {s!r}"
    assert len(set(value)) == len(value), f"{where}: duplicates in {value}"
    return value


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    assert isinstance(value, str) and DATE.match(value), (
        f"{where}: date {value!r} is not YYYY-MM-DD"
    )
    return dt.date.fromisoformat(value)


def _by_id(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        assert r[key] not in out, f"duplicate {key} {r[key]!r}"
        out[r[key]] = r
    return out


# ----------------------------------------------------------------------------- sectors


def test_sectors_are_three_letter_codes_with_descriptions() -> None:
    s = sectors()
    assert len(s) >= 20
    for code, desc in s.items():
        assert re.match(r"^[A-Z]{3}$", code), code
        assert isinstance(desc, str) and desc.strip(), code
    for needed in (
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "REB",
        "INS",
        "OPP",
        "MED",
        "BUS",
        "CVL",
        "REF",
        "EDU",
        "HLH",
        "LAB",
        "ELI",
        "SPY",
        "CRM",
        "IGO",
        "NGO",
    ):
        assert needed in s, needed


# ----------------------------------------------------------------------------- countries

COUNTRY_KEYS = {
    "iso3",
    "code",
    "name",
    "formal",
    "aliases",
    "contextual_aliases",
    "adjectives",
    "demonyms",
    "capital",
    "metonyms",
    "wikidata",
}
# Capitals deliberately not used as metonyms: Brussels stands for the EU, Victoria is too
# ambiguous, East Jerusalem is not the seat of the Palestinian government (Ramallah is).
CAPITAL_NOT_METONYM = {"BEL", "SYC", "PSE"}


def test_countries_required_keys_and_codes() -> None:
    rows = countries()
    by = _by_id(rows, "iso3")
    for r in rows:
        where = f"countries.jsonl {r.get('iso3')}"
        assert r.keys() >= COUNTRY_KEYS, f"{where}: missing {COUNTRY_KEYS - r.keys()}"
        assert ISO3.match(r["iso3"]), where
        assert r["code"] == r["iso3"], f"{where}: code must be the ISO alpha-3 code"
        assert r.get("iso2") is None or ISO2.match(r["iso2"]), where
        assert r.get("status") in COUNTRY_STATUSES, where
        assert isinstance(r["name"], str) and r["name"].strip(), where
        assert isinstance(r["formal"], str) and r["formal"].strip(), where
        for key in ("aliases", "contextual_aliases", "adjectives", "demonyms", "metonyms"):
            _strings(r[key], f"{where} {key}")
        assert r["wikidata"] is None or QID.match(r["wikidata"]), where
        if r.get("parent") is not None:
            assert r["parent"] in by and r["parent"] != r["iso3"], where
        for metonym, sector in r.get("metonym_sectors", {}).items():
            assert metonym in r["metonyms"], f"{where}: {metonym} has a sector but is no metonym"
            assert sector in sectors(), f"{where}: {metonym} sector {sector}"
        if r["status"] == "historical":
            start, end = _date(r.get("valid_from"), where), _date(r.get("valid_to"), where)
            assert start and end and start < end, where
            for s in r.get("successors", []):
                assert s in by, f"{where}: successor {s}"


def test_every_iso_country_is_present() -> None:
    rows = [r for r in countries() if r["status"] != "historical"]
    assert len(rows) >= 249
    iso3 = {r["iso3"] for r in rows}
    for code in (
        "USA",
        "GBR",
        "FRA",
        "RUS",
        "CHN",
        "PRK",
        "KOR",
        "COG",
        "COD",
        "CIV",
        "MMR",
        "CZE",
        "TUR",
        "NLD",
        "PSE",
        "TWN",
        "XKX",
        "VAT",
        "ATA",
        "HKG",
        "SSD",
        "ESH",
    ):
        assert code in iso3, code
    assert "ANT" not in iso3 and "SCG" not in iso3, "dissolved states must be marked historical"


def test_states_have_adjectives_and_capital_metonyms() -> None:
    for r in countries():
        if r["status"] not in ("state", "observer", "partially_recognised"):
            continue
        assert r["adjectives"], f"{r['iso3']} has no adjective"
        assert r["demonyms"] or r["iso3"] == "VAT", f"{r['iso3']} has no demonym"
        assert r["capital"], f"{r['iso3']} has no capital"
        if r["iso3"] not in CAPITAL_NOT_METONYM:
            assert r["capital"] in r["metonyms"], (
                f"{r['iso3']}: capital {r['capital']} not a metonym"
            )


def test_country_names_do_not_collide() -> None:
    """A name, alias or metonym may stand for one country only (contextual aliases may repeat)."""
    owner: dict[str, str] = {}
    for r in countries():
        for alias in [r["name"], *r["aliases"], *r["metonyms"]]:
            key = alias.lower()
            assert owner.setdefault(key, r["iso3"]) == r["iso3"], (
                f"{alias!r} names both {owner[key]} and {r['iso3']}"
            )


def test_adjective_collisions_are_the_known_ones() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for r in countries():
        for a in [*r["adjectives"], *r["demonyms"]]:
            seen[a].add(r["iso3"])
    shared = {a: c for a, c in seen.items() if len(c) > 1}
    assert shared.keys() <= {"Congolese", "Dominican", "Dominicans"}, shared


def _country(iso3: str) -> dict[str, Any]:
    return next(r for r in countries() if r["iso3"] == iso3)


@pytest.mark.parametrize(
    ("iso3", "field", "value"),
    [
        ("USA", "aliases", "US"),
        ("USA", "aliases", "U.S."),
        ("USA", "aliases", "America"),
        ("USA", "aliases", "the United States"),
        ("USA", "metonyms", "the White House"),
        ("USA", "metonyms", "the Pentagon"),
        ("GBR", "aliases", "Britain"),
        ("GBR", "aliases", "U.K."),
        ("GBR", "metonyms", "Downing Street"),
        ("PRK", "aliases", "DPRK"),
        ("PRK", "contextual_aliases", "the North"),
        ("PRK", "metonyms", "Pyongyang"),
        ("KOR", "aliases", "ROK"),
        ("KOR", "contextual_aliases", "the South"),
        ("RUS", "aliases", "Russian Federation"),
        ("RUS", "metonyms", "the Kremlin"),
        ("IRN", "aliases", "Islamic Republic"),
        ("CIV", "aliases", "Cote d'Ivoire"),
        ("MMR", "aliases", "Burma"),
        ("CZE", "aliases", "Czechia"),
        ("TUR", "aliases", "Türkiye"),
        ("NLD", "aliases", "Holland"),
        ("PSE", "aliases", "Gaza"),
        ("PSE", "aliases", "West Bank"),
        ("PSE", "metonyms", "Ramallah"),
        ("UKR", "metonyms", "Kyiv"),
        ("UKR", "metonyms", "Kiev"),
        ("ISR", "contextual_aliases", "the Jewish state"),
        ("ARE", "adjectives", "Emirati"),
        ("SAU", "adjectives", "Saudi"),
        ("AFG", "adjectives", "Afghan"),
        ("FRA", "metonyms", "the Elysee"),
    ],
)
def test_country_spot_checks(iso3: str, field: str, value: str) -> None:
    assert value in _country(iso3)[field]


def test_pentagon_is_military_and_kosovo_uses_xkx() -> None:
    assert _country("USA")["metonym_sectors"]["the Pentagon"] == "MIL"
    assert _country("XKX")["code"] == "XKX"
    assert _country("COG")["name"] != _country("COD")["name"]


# ----------------------------------------------------------------------------- organisations

ORG_KEYS = {"id", "name", "aliases", "code", "country", "sector", "kind", "wikidata"}


def test_organisations_required_keys_and_codes() -> None:
    rows = organisations()
    assert len(rows) >= 80
    by = _by_id(rows, "id")
    iso3 = iso3_codes()
    for r in rows:
        where = f"organisations.jsonl {r.get('id')}"
        assert r.keys() >= ORG_KEYS, f"{where}: missing {ORG_KEYS - r.keys()}"
        assert SLUG.match(r["id"]), where
        assert isinstance(r["name"], str) and r["name"].strip(), where
        _strings(r["aliases"], f"{where} aliases")
        _strings(r.get("contextual_aliases", []), f"{where} contextual_aliases")
        _strings(r.get("metonyms", []), f"{where} metonyms")
        assert CAMEO_CODE.match(r["code"]), f"{where}: code {r['code']!r}"
        assert r["sector"] in sectors(), f"{where}: sector {r['sector']}"
        assert r["kind"] in ORG_KINDS, f"{where}: kind {r['kind']}"
        assert r["wikidata"] is None or QID.match(r["wikidata"]), where
        if r["country"] is None:
            assert r["code"][:3] in ("IGO", "NGO", "IMG"), (
                f"{where}: no country but code {r['code']}"
            )
        else:
            assert r["country"] in iso3, where
            assert r["code"].startswith(r["country"]), f"{where}: code does not start with country"
        if "parent" in r:
            assert r["parent"] in by, f"{where}: parent {r['parent']}"
        for a in r.get("area", []):
            assert a in iso3, f"{where}: area {a}"
        last_end: dt.date | None = None
        for role in r.get("roles", []):
            assert CAMEO_CODE.match(role["code"]) and role["sector"] in sectors(), where
            start, end = _date(role["start"], where), _date(role["end"], where)
            assert start is None or end is None or start < end, where
            if last_end is not None:
                assert start is not None and start >= last_end, f"{where}: roles overlap"
            last_end = end


def test_organisation_aliases_do_not_collide() -> None:
    owner: dict[str, str] = {}
    for r in organisations():
        for alias in [r["name"], *r["aliases"]]:
            key = alias.lower()
            assert owner.setdefault(key, r["code"]) == r["code"], (
                f"{alias!r} names both {owner[key]} and {r['code']} ({r['id']})"
            )


@pytest.mark.parametrize(
    ("org_id", "code", "country"),
    [
        ("un", "IGOUNO", None),
        ("un-security-council", "IGOUNO", None),
        ("eu", "IGOEUREEC", None),
        ("nato", "IGOWSTNAT", None),
        ("au", "IGOAFRAFU", None),
        ("taliban", "AFGREB", "AFG"),
        ("islamic-state", "IMGMUSISI", None),
        ("al-qaeda", "IMGMUSALQ", None),
        ("hezbollah", "LBNREB", "LBN"),
        ("hamas", "PSEREBHMS", "PSE"),
        ("houthis", "YEMREB", "YEM"),
        ("icrc", "NGOHLHIRC", None),
        ("amnesty", "NGOHRIAMN", None),
        ("kcna", "PRKMED", "PRK"),
    ],
)
def test_organisation_spot_checks(org_id: str, code: str, country: str | None) -> None:
    r = next(o for o in organisations() if o["id"] == org_id)
    assert (r["code"], r["country"]) == (code, country)


# ----------------------------------------------------------------------------- agents


def test_agents() -> None:
    rows = agents()
    assert len(rows) >= 150
    seen: set[str] = set()
    for r in rows:
        where = f"agents.jsonl {r.get('term')}"
        assert r.keys() >= {"term", "sector", "plural", "example"}, where
        term = r["term"]
        assert isinstance(term, str) and term == term.strip().lower() and term, where
        assert term not in seen, f"{where}: duplicate"
        seen.add(term)
        assert r["sector"] in sectors(), f"{where}: sector {r['sector']}"
        assert r["plural"] is None or (isinstance(r["plural"], str) and r["plural"].strip()), where
        ex = r["example"]
        assert isinstance(ex, str) and ex.strip().endswith((".", "!", "?")), where
        forms = [term] + ([r["plural"]] if r["plural"] else [])
        assert any(f in ex.lower() for f in forms), f"{where}: example does not use the term"
    used = {r["sector"] for r in rows}
    for needed in (
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "REB",
        "INS",
        "OPP",
        "MED",
        "BUS",
        "CVL",
        "REF",
        "EDU",
        "HLH",
        "LAB",
        "ELI",
        "SPY",
        "CRM",
    ):
        assert needed in used, needed


# ----------------------------------------------------------------------------- people

# Offices that several people hold at once; every other (country or code, title) pair
# must have non-overlapping terms.
SHARED_TITLES = {
    "Senator",
    "opposition leader",
    "opposition politician",
    "Deputy Prime Minister",
    "First Deputy Prime Minister",
    "senior Hamas leader",
    "opposition presidential candidate",
    "self-declared interim president",
}
# Disputed presidencies where two people claimed the office at once.
DISPUTED = {("CIV", "President")}


def test_people_required_keys_and_roles() -> None:
    rows = people()
    assert len(rows) >= 250
    _by_id(rows, "id")
    org_ids = {o["id"] for o in organisations()}
    iso3 = iso3_codes()
    for p in rows:
        where = f"people.jsonl {p.get('id')}"
        assert p.keys() >= {"id", "name", "aliases", "roles", "wikidata"}, where
        assert SLUG.match(p["id"]), where
        assert isinstance(p["name"], str) and p["name"].strip(), where
        _strings(p["aliases"], f"{where} aliases")
        assert p["name"] not in p["aliases"], f"{where}: name repeated as alias"
        assert p["wikidata"] is None or QID.match(p["wikidata"]), where
        assert isinstance(p["roles"], list) and p["roles"], f"{where}: no roles"
        for role in p["roles"]:
            assert role.keys() >= {"country", "sector", "title", "start", "end"}, where
            assert role["sector"] in sectors(), f"{where}: sector {role['sector']}"
            assert isinstance(role["title"], str) and role["title"].strip(), where
            if role["country"] is None:
                assert CAMEO_CODE.match(role.get("code", "")), (
                    f"{where}: role needs a country or a code"
                )
            else:
                assert role["country"] in iso3, f"{where}: country {role['country']}"
                if "code" in role:
                    assert role["code"].startswith(role["country"]), where
            if "code" in role:
                assert CAMEO_CODE.match(role["code"]), where
            if "org" in role:
                assert role["org"] in org_ids, f"{where}: org {role['org']}"
            start, end = _date(role["start"], where), _date(role["end"], where)
            assert start is None or end is None or start < end, f"{where}: {role}"
            assert start is None or start <= dt.date.today(), f"{where}: role starts in the future"


def test_unique_offices_do_not_overlap() -> None:
    terms: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for p in people():
        for role in p["roles"]:
            if role["title"] in SHARED_TITLES or role["start"] is None:
                continue
            office = (role["country"] or role["code"], role["title"])
            end = dt.date.fromisoformat(role["end"]) if role["end"] else dt.date.max
            terms[office].append((dt.date.fromisoformat(role["start"]), end, p["id"]))
    for office, spans in terms.items():
        if office in DISPUTED:
            continue
        spans.sort()
        for (_, end1, who1), (start2, _, who2) in itertools.pairwise(spans):
            assert start2 >= end1, f"{office}: {who1} and {who2} overlap"


@pytest.mark.parametrize(
    ("person_id", "day", "country", "sector", "title"),
    [
        ("donald-trump", "2019-06-01", "USA", "GOV", "President"),
        ("donald-trump", "2025-06-01", "USA", "GOV", "President"),
        ("vladimir-putin", "2010-01-01", "RUS", "GOV", "Prime Minister"),
        ("vladimir-putin", "2020-01-01", "RUS", "GOV", "President"),
        ("kim-jong-un", "2019-04-25", "PRK", "GOV", "Supreme Leader"),
    ],
)
def test_person_role_on_a_day(
    person_id: str, day: str, country: str, sector: str, title: str
) -> None:
    p = next(x for x in people() if x["id"] == person_id)
    d = dt.date.fromisoformat(day)
    held = [
        r
        for r in p["roles"]
        if (r["start"] is None or dt.date.fromisoformat(r["start"]) <= d)
        and (r["end"] is None or d < dt.date.fromisoformat(r["end"]))
    ]
    assert any((r["country"], r["sector"], r["title"]) == (country, sector, title) for r in held)


def test_trump_out_of_office_between_terms_and_putin_not_gov_before_1999() -> None:
    trump = next(x for x in people() if x["id"] == "donald-trump")
    mid = dt.date(2023, 1, 1)
    assert not any(
        dt.date.fromisoformat(r["start"]) <= mid < dt.date.fromisoformat(r["end"] or "9999-12-31")
        for r in trump["roles"]
    )
    putin = next(x for x in people() if x["id"] == "vladimir-putin")
    early = [r for r in putin["roles"] if r["start"] and r["start"] < "1999-08-09"]
    assert early and all(r["sector"] != "GOV" for r in early)


def test_un_secretaries_general_use_igo_code() -> None:
    sgs = [
        r
        for p in people()
        for r in p["roles"]
        if r["title"] == "Secretary-General of the United Nations"
    ]
    assert len(sgs) >= 3
    assert all(r["country"] is None and r["code"] == "IGOUNO" and r["sector"] == "IGO" for r in sgs)
