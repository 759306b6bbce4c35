"""The regional choropleth: geometry loaded once, coloured by a published indicator.

Geometry is data/reference/kz-regions.geojson (properties `region_code`, `name_en`). Regions
without a published value are drawn grey and labelled "no data" — never as zero. The basemap
is Carto's (no token needed); the polygons render even when its tiles cannot load.
"""
from __future__ import annotations

import copy
import json

import polars as pl
import pydeck as pdk
import streamlit as st

from conventions import i18n
from conventions.paths import REFERENCE_DIR

GEOJSON = REFERENCE_DIR / "kz-regions.geojson"
LAYER_ID = "regions"
# ColorBrewer YlGnBu (the five darker of its seven classes, so the lightest class still stands
# out from a white basemap): sequential, colour-blind safe, light = few, dark = many.
PALETTE = ((199, 233, 180), (127, 205, 187), (65, 182, 196), (44, 127, 184), (37, 52, 148))
NO_DATA_RGBA = [200, 200, 200, 200]
OUTLINE = [255, 255, 255, 255]
SELECTED_OUTLINE = [209, 73, 91, 255]
# Zoom 3.2 fits the country (46.5–87.3° E) into a map about 550 px wide.
VIEW = pdk.ViewState(latitude=48.0, longitude=67.0, zoom=3.2, min_zoom=2.5, max_zoom=8)


@st.cache_resource(show_spinner=False)
def _load(path: str, mtime: float) -> dict:
    """Parsed GeoJSON; `mtime` makes a regenerated file replace the cached one."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def geometry() -> dict | None:
    """The regions' GeoJSON FeatureCollection, or None while the file does not exist."""
    if not GEOJSON.exists():
        return None
    return _load(str(GEOJSON), GEOJSON.stat().st_mtime)


def class_breaks(values: list[float], n_classes: int = len(PALETTE)) -> list[float]:
    """Upper bounds of up to `n_classes` quantile classes (fewer when values repeat)."""
    ordered = sorted(values)
    if not ordered:
        return []
    breaks = [ordered[min(len(ordered) - 1, (len(ordered) * k) // n_classes)] for k in range(1, n_classes)]
    return sorted(set(breaks + [ordered[-1]]))


def colour(value: float | None, breaks: list[float]) -> list[int]:
    """RGBA of a value: the first class whose upper bound it does not exceed; grey for None."""
    if value is None:
        return NO_DATA_RGBA
    index = next((i for i, bound in enumerate(breaks) if value <= bound), len(breaks) - 1)
    step = (len(PALETTE) - 1) / max(len(breaks) - 1, 1)
    return [*PALETTE[round(index * step)], 225]


def features(geojson: dict, values: pl.DataFrame, names: dict[str, str], selected: tuple[str, ...],
             lang: str) -> tuple[list[dict], list[float]]:
    """Features with display properties (name, value, year, source, colours) and the class breaks."""
    by_code = {row["region_code"]: row for row in values.iter_rows(named=True)}
    breaks = class_breaks([r["value"] for r in by_code.values() if r["value"] is not None])
    no_data = i18n.t("value.no_data", lang)
    out = []
    for feature in geojson["features"]:
        code = feature["properties"]["region_code"]
        row = by_code.get(code)
        has_value = row is not None and row["value"] is not None
        item = copy.copy(feature)
        item["properties"] = {
            "region_code": code,
            "name": names.get(code, feature["properties"].get("name_en", code)),
            "value_label": row["value_label"] if has_value else no_data,
            "year": row["years_label"] if row is not None else "",
            "source": f"{row['source_title']}, {i18n.t('field.line', lang)} {row['line']}" if row else "",
            "fill": colour(row["value"] if has_value else None, breaks),
            "outline": SELECTED_OUTLINE if code in selected else OUTLINE,
            "outline_width": 3 if code in selected else 1,
        }
        out.append(item)
    return out, breaks


TOOLTIP = {"text": "{name}\n{value_label}  {year}\n{source}"}


def deck(feature_list: list[dict]) -> pdk.Deck:
    """A pickable GeoJSON layer over Carto's light basemap (no API token required)."""
    layer = pdk.Layer(
        "GeoJsonLayer", id=LAYER_ID, data=feature_list, pickable=True, auto_highlight=True,
        stroked=True, filled=True, get_fill_color="properties.fill",
        get_line_color="properties.outline", get_line_width="properties.outline_width",
        line_width_units='"pixels"', line_joint_rounded=True, line_miter_limit=2,
    )
    return pdk.Deck(layers=[layer], initial_view_state=VIEW, map_provider="carto", map_style="light",
                    tooltip=TOOLTIP)


def compact_json(deck_spec: pdk.Deck) -> str:
    """The deck's JSON, compact. pydeck indents its JSON, which made the regions map 746 KB
    instead of 135 KB on every page view, and its indented (pure-Python) encoding of the
    geometry was half the cost of a filter change: the layers' data are left out of pydeck's
    encoding and put back by the C encoder."""
    data = [layer.data for layer in deck_spec.layers]
    for layer in deck_spec.layers:
        layer.data = []
    try:
        spec = json.loads(deck_spec.to_json())
    finally:
        for layer, rows in zip(deck_spec.layers, data):
            layer.data = rows
    for layer, rows in zip(spec["layers"], data):
        layer["data"] = rows
    return json.dumps(spec, separators=(",", ":"), ensure_ascii=False)


class SerializedDeck(pdk.Deck):
    """A Deck whose JSON was built beforehand (and cached): `st.pydeck_chart` asks a Deck for
    `to_json()`, its tooltip and its layers, and serialising 20 region outlines anew on every
    rerun is the slowest part of a page."""

    def __init__(self, json_text: str, tooltip: dict = TOOLTIP) -> None:
        # Not `Deck.__init__`: it tries to import pydeck's Jupyter widget on every call (a failed
        # import is not cached, 0.5 ms a map a rerun), and everything it sets is in the JSON.
        # These are what `st.pydeck_chart` reads besides `to_json()`.
        self.layers: list = []
        self._tooltip = tooltip
        self.deck_widget = None
        self.mapbox_key = None
        self.width = None
        self._json_text = json_text

    def to_json(self) -> str:
        return self._json_text


def choropleth(values: pl.DataFrame, names: dict[str, str], selected: tuple[str, ...],
               lang: str) -> tuple[str, list[float]]:
    """(deck JSON, class breaks) of the map of one indicator, category and year."""
    geojson = geometry()
    if geojson is None:
        raise FileNotFoundError(GEOJSON)
    feature_list, breaks = features(geojson, values, names, selected, lang)
    return compact_json(deck(feature_list)), breaks


def picked_region(selection: dict | None) -> str | None:
    """The region code of the clicked feature in a `st.pydeck_chart` selection, if any."""
    objects = (selection or {}).get("objects") or {}
    picked = objects.get(LAYER_ID) or []
    if not picked:
        return None
    first = picked[0]
    return (first.get("properties") or first).get("region_code")
