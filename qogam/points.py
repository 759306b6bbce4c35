"""The practices map: one clickable point per place over the region outlines, on the same
token-free basemap as the regional choropleth (`qogam.maps`); the outlines keep the map
readable when the basemap's tiles cannot load.

Several practices of one city share its coordinates, so a point stands for a place: its size
grows with the number of practices there, its tooltip lists them, and a click hands back the
place's practices for the page to select one. The selected practice's place is drawn in the
highlight colour.
"""
from __future__ import annotations

import polars as pl
import pydeck as pdk
import streamlit as st

from qogam import maps

LAYER_ID = "practices"
OUTLINE_ID = "practice-regions"
REGION_FILL = [236, 236, 236, 160]
REGION_LINE = [160, 160, 160, 255]
# The map sits in a column about 400 px wide: zoom 2.7 fits the country (46.5–87.3° E) into it.
VIEW = pdk.ViewState(latitude=48.0, longitude=67.0, zoom=2.7, min_zoom=2.2, max_zoom=9)
POINT_RGBA = [44, 127, 184, 210]
SELECTED_RGBA = [209, 73, 91, 235]
RADIUS_PIXELS = 7          # a place with one practice; each further practice adds STEP_PIXELS
STEP_PIXELS = 3
MAX_TITLES = 6             # titles spelled out in a tooltip before "…"
TOOLTIP = {"text": "{place}\n{titles_text}"}


def point_rows(places: pl.DataFrame, selected: str | None) -> list[dict]:
    """The layer's data: one dict per place (see `qogam.catalog.places`)."""
    out = []
    for row in places.iter_rows(named=True):
        titles = row["titles"][:MAX_TITLES] + (["…"] if row["n_practices"] > MAX_TITLES else [])
        out.append({
            "position": [row["lon"], row["lat"]],
            "place": row["place"] or "",
            "titles_text": "\n".join(f"• {title}" for title in titles),
            "practice_ids": list(row["practice_ids"]),
            "radius": RADIUS_PIXELS + STEP_PIXELS * (row["n_practices"] - 1),
            "fill": SELECTED_RGBA if selected in row["practice_ids"] else POINT_RGBA,
        })
    return out


def deck(rows: list[dict]) -> pdk.Deck:
    """Region outlines (not clickable) under a pickable point layer. pydeck reads a bare string
    as a data accessor, so the constant `pixels` is quoted."""
    layers = []
    geojson = maps.geometry()
    if geojson is not None:
        layers.append(pdk.Layer("GeoJsonLayer", id=OUTLINE_ID, data=geojson, pickable=False, stroked=True,
                                filled=True, get_fill_color=REGION_FILL, get_line_color=REGION_LINE,
                                line_width_units='"pixels"', get_line_width=1))
    layers.append(pdk.Layer(
        "ScatterplotLayer", id=LAYER_ID, data=rows, pickable=True, auto_highlight=True,
        get_position="position", get_fill_color="fill", get_radius="radius",
        radius_units='"pixels"', stroked=True, get_line_color=maps.OUTLINE, line_width_min_pixels=1,
    ))
    return pdk.Deck(layers=layers, initial_view_state=VIEW, map_provider="carto", map_style="light",
                    tooltip=TOOLTIP)


@st.cache_data(show_spinner=False, max_entries=128)
def deck_json(places: pl.DataFrame, selected: str | None) -> str:
    """The map's deck JSON (cached: serialising it is the slow part of a rerun)."""
    return maps.compact_json(deck(point_rows(places, selected)))


def picked_practices(selection: dict | None) -> list[str]:
    """The practice ids of the clicked place in a `st.pydeck_chart` selection (empty if none)."""
    objects = (selection or {}).get("objects") or {}
    picked = objects.get(LAYER_ID) or []
    return list(picked[0].get("practice_ids") or []) if picked else []
