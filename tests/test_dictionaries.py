"""User dictionaries: PETRARCH/TABARI actor and agent files, and custom CSV/YAML actors.

The Phoenix and PETR.Validate dictionaries are read from ../shared/petrarch at test
time (skipped when absent); the small synthetic files are written here to tmp_path.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from herodotus.actors.dictionaries import load_dictionaries, load_dictionary, split_code
from herodotus.actors.kb import Entry, KnowledgeBase
from herodotus.errors import DataError
from herodotus.model import Event
from herodotus.pipeline import Pipeline
from herodotus.settings import Settings
from tests.conftest import require_shared

PHOENIX = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
)
SENTENCE = "{} criticised the European Union."
Tokenize = Callable[[str], Sequence[str]]


def phoenix_paths() -> list[Path]:
    return [require_shared("petrarch", name) for name in PHOENIX]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def by_alias(pairs: Sequence[tuple[str, Entry]]) -> dict[str, Entry]:
    return {alias.lower(): entry for alias, entry in pairs}


def source_of(pipeline: Pipeline, name: str, day: str) -> Event:
    events = pipeline.extract_text(SENTENCE.format(name), date=day)
    assert events, f"no event for {name} on {day}"
    return events[0]


@pytest.fixture(scope="module")
def tokenize(pipeline: Pipeline) -> Tokenize:
    """The real model's tokenizer, as the pipeline builds its knowledge base with."""
    tok = pipeline.nlp.tokenizer
    return lambda s: [t.text for t in tok(s)]


@pytest.fixture(scope="module")
def phoenix_kb(tokenize: Tokenize) -> KnowledgeBase:
    return KnowledgeBase.load(tokenize, extra=load_dictionaries(phoenix_paths()))


@pytest.fixture(scope="module")
def phoenix_pipeline(pipeline: Pipeline, phoenix_kb: KnowledgeBase) -> Pipeline:
    return Pipeline(Settings(), nlp=pipeline.nlp, kb=phoenix_kb)


# -- the Phoenix dictionaries -----------------------------------------------------------
def test_phoenix_dictionaries_load_quickly() -> None:
    paths = phoenix_paths()
    start = time.perf_counter()
    pairs = load_dictionaries(paths)
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0, f"loading the Phoenix dictionaries took {elapsed:.1f}s"
    kinds = {entry.kind for _, entry in pairs}
    assert {"country", "org", "person", "agent"} <= kinds
    assert len(pairs) > 30_000
    sources = {entry.source.split(":")[0] for _, entry in pairs}
    assert sources == set(PHOENIX)


def test_phoenix_putin_roles_follow_the_dates(phoenix_kb: KnowledgeBase) -> None:
    entries = phoenix_kb.lookup(("vladimir", "putin"))
    assert entries, "Vladimir Putin is not in the Phoenix knowledge base"
    (putin,) = entries
    assert putin.kind == "person"
    assert putin.source.startswith("Phoenix.Countries.actors.txt:")
    early, late = putin.role_on(dt.date(1995, 6, 1)), putin.role_on(dt.date(2009, 6, 1))
    assert early is not None and early.code == "RUSELI"
    assert early.country == "RUS" and early.sector == "ELI"
    assert late is not None and late.code == "RUSGOV"
    # "PUTIN_" is one word: a surname, carrying the same roles.
    (surname,) = phoenix_kb.lookup(("putin",))
    assert surname.kind == "surname" and surname.roles == putin.roles


@pytest.mark.parametrize(("day", "code"), [("1995-06-01", "RUSELI"), ("2009-06-01", "RUSGOV")])
def test_phoenix_putin_end_to_end(phoenix_pipeline: Pipeline, day: str, code: str) -> None:
    event = source_of(phoenix_pipeline, "Vladimir Putin", day)
    assert event.source.code == code
    # A role held on the day (the packaged data would give "person-former" in 1995).
    assert event.source.rule == "person:vladimir-putin"
    assert event.target is not None and event.target.code == "IGOEUREEC"


def test_phoenix_kinds(phoenix_kb: KnowledgeBase) -> None:
    # Several dictionary entries may share an alias; all are kept, in file order.
    afghanistan = phoenix_kb.lookup(("afghanistan",))[0]
    assert (afghanistan.kind, afghanistan.code, afghanistan.country) == ("country", "AFG", "AFG")
    un = phoenix_kb.lookup(("united", "nations"))[0]
    assert (un.kind, un.code, un.country, un.sector) == ("org", "IGOUNO", None, "IGO")
    agent = phoenix_kb.lookup(("foreign", "ministers"))[0]
    assert (agent.kind, agent.sector) == ("agent", "GOV")


def test_user_csv_overrides_phoenix_and_builtin(
    tmp_path: Path, tokenize: Tokenize, pipeline: Pipeline
) -> None:
    csv_path = write(
        tmp_path,
        "mine.csv",
        "name,aliases,code,country,sector,start,end\n"
        "Vladimir Putin,Putin|Mr Putin,RUSSPY,,,1975-01-01,1991-08-20\n"
        "Vladimir Putin,,,RUS,GOV,2000-05-07,\n",
    )
    paths = [*phoenix_paths(), csv_path]
    kb = KnowledgeBase.load(tokenize, extra=load_dictionaries(paths))
    (putin,) = kb.lookup(("vladimir", "putin"))
    assert putin.kind == "person" and putin.source == "mine.csv:2"
    assert [r.code for r in putin.roles] == ["RUSSPY", "RUSGOV"]
    custom = Pipeline(Settings(), nlp=pipeline.nlp, kb=kb)
    assert source_of(custom, "Vladimir Putin", "1985-06-01").source.code == "RUSSPY"
    assert source_of(custom, "Vladimir Putin", "2005-06-01").source.code == "RUSGOV"
    # Order matters: the Phoenix entry wins when it comes last.
    kb_reversed = KnowledgeBase.load(tokenize, extra=load_dictionaries(paths[::-1]))
    (phoenix_putin,) = kb_reversed.lookup(("vladimir", "putin"))
    assert phoenix_putin.source.startswith("Phoenix.Countries")


def test_user_yaml_remaps_a_builtin_person(
    tmp_path: Path, tokenize: Tokenize, pipeline: Pipeline
) -> None:
    yaml_path = write(
        tmp_path,
        "mine.yaml",
        "- name: Barack Obama\n"
        "  kind: person\n"
        "  aliases: [Obama, Senator Obama]\n"
        "  roles:\n"
        "    - {code: USAEDU, start: 1992-01-01, end: 2004-11-02, title: Lecturer}\n"
        "    - {country: USA, sector: GOV, start: 2009-01-20, end: 2017-01-20}\n",
    )
    builtin = pipeline.extract_text(SENTENCE.format("Barack Obama"), date="2000-06-01")
    assert builtin and builtin[0].source.code != "USAEDU"
    kb = KnowledgeBase.load(tokenize, extra=load_dictionary(yaml_path))
    custom = Pipeline(Settings(), nlp=pipeline.nlp, kb=kb)
    event = source_of(custom, "Barack Obama", "2000-06-01")
    assert event.source.code == "USAEDU" and event.source.sector == "EDU"
    assert source_of(custom, "Barack Obama", "2010-06-01").source.code == "USAGOV"


# -- the PETR.Validate samples ----------------------------------------------------------
def test_validate_actors_load() -> None:
    pairs = by_alias(load_dictionary(require_shared("petrarch", "PETR.Validate.actors.txt")))
    assert pairs["afghanistan"].kind == "country"
    assert pairs["united states"].code == "USA"
    assert pairs["u.s."].code == "USA"  # a synonym
    assert pairs["al-qaeda"].kind == "org" and pairs["al-qaeda"].sector == "IMG"
    assert pairs["european union"].code == "IGOEEU"
    gollum = pairs["smeagol"]  # dated codes: a person; one word: a surname
    assert gollum.kind == "surname" and gollum.name == "Gollum"
    codes = {d: gollum.role_on(dt.date.fromisoformat(d)) for d in ("1994-01-01", "1997-01-01")}
    assert {d: r.code if r else None for d, r in codes.items()} == {
        "1994-01-01": "HOB",
        "1997-01-01": "HOBGOV",
    }
    hobreb = gollum.role_on(dt.date(2001, 1, 1))
    assert hobreb is not None and hobreb.code == "HOBREB"
    assert "boromir" not in pairs  # the null code [---] names no actor
    hamas = pairs["hamas"]
    assert (hamas.kind, hamas.code, hamas.country, hamas.sector) == (
        "org",
        "PSEREBHMS",
        "PSE",
        "REB",
    )


def test_validate_agents_load() -> None:
    pairs = by_alias(load_dictionary(require_shared("petrarch", "PETR.Validate.agents.txt")))
    assert all(e.kind == "agent" for e in pairs.values())
    assert pairs["president"].sector == "GOV"
    assert pairs["presidents"].sector == "GOV"  # regular plural
    assert pairs["attorneys general"].sector == "GOV"  # {ATTORNEYS_GENERAL}
    assert "attorney generals" not in pairs
    assert pairs["golden geese"].sector == "GGS"
    assert "official medias" not in pairs  # {} means no plural
    assert pairs["congresswomen"].sector == "LEG"  # !PERSON! substitution
    assert pairs["ministries of silly walks"].sector == "GOV"
    assert pairs["human rights body"].sector == "NGO"  # NGO~
    assert pairs["police"].sector == "COP"


# -- synthetic PETRARCH files -----------------------------------------------------------
ACTORS = """\
# a comment line
<!-- an XML comment
     over two lines -->
FRANCE_  [FRA]
+FRENCH_
+PARIS_ +LUTECE_

THE_ACME_COMPANY_ [FRABUS]  # country + sector, undated: an org
HUMAN_RIGHTS_WATCH [NGOHRI]
JEAN_DUPONT_  ; TABARI comment
DUPONT_
+PRESIDENT_DUPONT
\t[FRAELI <991231]
\t[FRAGOV 000101-000131]
\t[FRAGOV >300101]
\t[FRAELI]
MARIE_CURIE_ [FRAELI]
NOBODY_ [---]
SOMEONE_
\t[FRAGOV 9008223-911221]
\t[FRAGOV 310101-320101]
---STOP---
IGNORED_ [FRA]
"""


def test_petrarch_actor_records(tmp_path: Path) -> None:
    pairs = by_alias(load_dictionary(write(tmp_path, "mine.actors.txt", ACTORS)))
    assert {"france", "french", "paris", "lutece"} <= pairs.keys()
    france = pairs["french"]
    assert (france.kind, france.code, france.country, france.name) == (
        "country",
        "FRA",
        "FRA",
        "France",
    )
    acme = pairs["acme company"]  # "THE_" dropped, as the packaged aliases are matched
    assert (acme.kind, acme.code, acme.country, acme.sector) == ("org", "FRABUS", "FRA", "BUS")
    hrw = pairs["human rights watch"]
    assert (hrw.kind, hrw.country, hrw.sector) == ("org", None, "NGO")
    # Primary phrases without codes run on into one record.
    dupont = pairs["jean dupont"]
    assert dupont.kind == "person" and dupont.source == "mine.actors.txt:10"
    assert pairs["dupont"].kind == "surname" and pairs["president dupont"] is dupont

    def code_on(day: dt.date) -> str | None:
        role = dupont.role_on(day)
        return role.code if role else None

    assert code_on(dt.date(1999, 12, 31)) == "FRAELI"  # "<" includes its date
    assert code_on(dt.date(2000, 1, 31)) == "FRAGOV"  # so does a range's end
    assert code_on(dt.date(2000, 2, 1)) == "FRAELI"  # the default again
    assert code_on(dt.date(2030, 1, 1)) == "FRAGOV"  # 30 is 2030 ...
    assert pairs["marie curie"].kind == "person"  # an elite code names a person
    assert "nobody" not in pairs and "ignored" not in pairs
    someone = pairs["someone"].roles  # the unreadable date is dropped, 31 is 1931
    assert [(r.start, r.end) for r in someone] == [(dt.date(1931, 1, 1), dt.date(1932, 1, 2))]


def test_split_code() -> None:
    assert split_code("RUSGOV") == ("RUS", "GOV")
    assert split_code("AFG") == ("AFG", None)
    assert split_code("IGOUNOKID") == (None, "IGO")
    assert split_code("MEAREB") == (None, "REB")
    assert split_code("ELI") == (None, "ELI")


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("a.txt", "# header\n+ORPHAN_SYNONYM\n", 2),
        ("a.txt", "RUSSIA_ [RUS]\nMOSCOW_ [RUS\n", 2),
        ("a.txt", "RUSSIA_ []\n", 1),
        ("a.txt", "RUSSIA_ [RU$]\n", 1),
        ("a.txt", "\t[RUS]\nRUSSIA_\n", 1),
        ("a.txt", "RUSSIA_ [RUS]\n\nPOLICE [~COP]\n", 3),
        ("b.txt", "!PERSON! = MAN, MEN\nFIRE!PERSONS! [~GOV]\n", 2),
        ("b.txt", "TROOP {TROOPS [~MIL]\n", 1),
        ("b.txt", "PRESIDENT [~GOV]\nGOVERNOR [GOV]\n", 2),
        ("b.txt", "PRESIDENT [~GOV\n", 1),
        ("c.csv", "name,code\nRuritania,RUR\n,RURGOV\n", 3),
        ("c.csv", "name,code,start\nKing Rudolf,RURGOV,1894-13-01\n", 2),
        ("c.csv", "name,code,colour\nRuritania,RUR,red\n", 1),
        ("c.csv", "name,aliases\nRuritania,Strelsau\n", 2),
        ("c.csv", "name,code,kind\nRuritania,RUR,planet\n", 2),
        ("c.csv", "name,code,start,end\nKing Rudolf,RURGOV,1900-01-01,1899-01-01\n", 2),
        ("c.csv", "name,code,kind\nKing Rudolf,~GOV,person\n", 2),
        ("d.yaml", "- name: Ruritania\n  code: RUR\n- name: a: b\n", 3),
        ("d.yaml", "- name: Ruritania\n  code: RUR\n- code: RURGOV\n", 3),
        ("d.yaml", "- name: Ruritania\n  code: RUR\n  colour: red\n", 1),
        ("d.yaml", "- name: Rudolf\n  roles:\n    - {code: RURGOV}\n    - {cod: RURMIL}\n", 4),
        ("d.yaml", "name: Ruritania\n", 1),
    ],
)
def test_malformed_files_raise_with_line(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(DataError) as info:
        load_dictionary(path)
    assert f"{path}:{line}:" in str(info.value)


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        load_dictionaries([tmp_path / "absent.csv"])


# -- custom CSV and YAML ----------------------------------------------------------------
def test_csv_kinds(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.csv",
        "name,aliases,code,country,sector,start,end,kind,title\n"
        "King Rudolf,Rudolf|Rudolf V,,RUR,GOV,1894-01-01,1898-01-01,,King\n"
        "King Rudolf,,RURELI,,,1898-01-01,,,\n"
        "Acme Mining,Acme,,ZAF,BUS,,,,\n"
        "Ruritania,Ruritanian|Strelsau,RUR,,,,,country,\n"
        "Kenya,,KEN,,,,,,\n"
        "Ann Smith,,GBRMED,,,,,person,\n"
        "junta spokesman,junta spokesmen,~MIL,,,,,,\n",
    )
    pairs = by_alias(load_dictionary(path))
    rudolf = pairs["king rudolf"]
    assert rudolf.kind == "person" and pairs["rudolf"].kind == "surname"
    assert pairs["rudolf v"] is rudolf
    assert [(r.code, r.country, r.sector, r.title) for r in rudolf.roles] == [
        ("RURGOV", "RUR", "GOV", "King"),
        ("RURELI", None, "ELI", None),  # RUR is no country we know
    ]
    reign = rudolf.role_on(dt.date(1895, 1, 1))
    assert reign is not None and reign.code == "RURGOV"
    acme = pairs["acme"]
    assert (acme.kind, acme.code, acme.country, acme.sector) == ("org", "ZAFBUS", "ZAF", "BUS")
    assert pairs["strelsau"].kind == "country" and pairs["strelsau"].code == "RUR"
    assert pairs["kenya"].kind == "country"  # a bare country code
    smith = pairs["ann smith"]
    assert smith.kind == "person" and smith.role_on(dt.date(2020, 1, 1)) is not None
    spokesman = pairs["junta spokesmen"]
    assert (spokesman.kind, spokesman.sector) == ("agent", "MIL")


def test_yaml_forms(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "mine.yml",
        "# user actors\n"
        "- name: Acme Mining\n"
        "  aliases: Acme|ACME Ltd\n"
        "  code: ZAFBUS\n"
        "- name: Ruritania\n"
        "  kind: country\n"
        "  code: RUR\n"
        "- name: Colonel Sapt\n"
        "  roles:\n"
        "    - {country: RUR, sector: MIL, start: 1890-01-01, end: '1899-01-01'}\n"
        "- name: border guard\n"
        "  kind: agent\n"
        "  sector: MIL\n",
    )
    pairs = by_alias(load_dictionary(path))
    assert pairs["acme ltd"].code == "ZAFBUS" and pairs["acme ltd"].source == "mine.yml:2"
    assert pairs["ruritania"].kind == "country"
    sapt = pairs["colonel sapt"]
    assert sapt.kind == "person"
    assert sapt.roles[0].code == "RURMIL" and sapt.roles[0].end == dt.date(1899, 1, 1)
    assert pairs["border guard"].sector == "MIL"


def test_empty_files(tmp_path: Path) -> None:
    assert load_dictionary(write(tmp_path, "e.yaml", "# nothing yet\n")) == []
    assert load_dictionary(write(tmp_path, "e.csv", "name,code\n")) == []
    assert load_dictionary(write(tmp_path, "f.csv", "")) == []
    assert load_dictionary(write(tmp_path, "e.txt", "# nothing yet\n")) == []
