"""The practices map: one clickable point per place over the region outlines, on the same
token-free basemap as the regional choropleth (`qogam.maps`); the outlines keep the map
readable when the basemap's tiles cannot load.

Several practices of one city share its coordinates, so a point stands for a place: its size
grows with the number of practices there, its tooltip lists them, and a click hands back the
place's practices for the page to select one. The selected practice's place is drawn in the
highlight colour.
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping

import polars as pl
import pydeck as pdk

from qogam import catalog, maps
from qogam.byte_cache import ByteBudgetCache

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
    """The layer's data: one dict per place (see `qogam.catalog.places`), built a column at a
    time (33,000 places at 1,000x data took 0.7-2 s row by row)."""
    bullets = pl.col("titles").list.head(MAX_TITLES).list.eval(pl.lit("• ") + pl.element()).list.join("\n")
    rows = places.select(
        pl.concat_list("lon", "lat").alias("position"),
        pl.col("place").fill_null(""),
        (bullets + pl.when(pl.col("n_practices") > MAX_TITLES).then(pl.lit("\n• …")).otherwise(pl.lit("")))
        .alias("titles_text"),
        pl.col("practice_ids"),
        (RADIUS_PIXELS + STEP_PIXELS * (pl.col("n_practices").cast(pl.Int64) - 1)).alias("radius"),
    ).to_dicts()
    held = places["practice_ids"].list.contains(selected).to_list() if selected else [False] * len(rows)
    for row, has_selected in zip(rows, held):
        row["fill"] = SELECTED_RGBA if has_selected else POINT_RGBA
    return rows


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


def deck_json(places: pl.DataFrame, selected: str | None) -> str:
    """The map's deck JSON (built once per view and selection: see `place_map`)."""
    return maps.compact_json(deck(point_rows(places, selected)))


# The map of a view shared by all sessions within a budget of bytes (`qogam.byte_cache`), keyed by
# the view rather than by its frame: st.cache_data hashed the whole places frame on every rerun,
# and the page regrouped every shown practice into places before asking (issue 17). Only the JSON
# is kept (9 MB at 1,000x data); a new selection groups the places again.
MAP_BYTES = 64 * 2**20
_MAPS: ByteBudgetCache[tuple[int, str]] = ByteBudgetCache(MAP_BYTES)


def place_map(view_key: Hashable, shown: pl.DataFrame, region_names: Mapping[str, str],
              selected: str | None) -> tuple[int, str]:
    """(number of places, deck JSON) of the map of the `shown` practices; `view_key` names all
    that `shown` and `region_names` depend on (database, filters, facets, search, language)."""
    def drawn() -> tuple[int, str]:
        places = catalog.places(shown, region_names)
        return places.height, deck_json(places, selected) if places.height else ""

    return _MAPS.get_or_compute((view_key, selected), drawn)


def picked_practices(selection: dict | None) -> list[str]:
    """The practice ids of the clicked place in a `st.pydeck_chart` selection (empty if none)."""
    objects = (selection or {}).get("objects") or {}
    picked = objects.get(LAYER_ID) or []
    return list(picked[0].get("practice_ids") or []) if picked else []
