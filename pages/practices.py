"""Practices: every document's initiatives, searchable and faceted (theme, sub-theme, target
group, scope, source), beside a map of those with a place; "my region and my theme" peers; the
chosen practice's profile with its passages, figures and peers.

Filters and the chosen practice are in the URL
(`?practice=<id>&theme=…&focus=…&group=…&scope=…&source=…&text=…&near=…&near_theme=…`).
"""
from __future__ import annotations

import polars as pl
import streamlit as st

from conventions import formatting
from qogam import catalog, catalog_views, db, explorer_blocks, maps, params, points, practice_tables, urlstate
from qogam.page_frame import View
from qogam.practice_blocks import KEY_PRACTICE, select
from qogam.practice_profile import near_me_results, profile
from qogam.selectable_table import selectable_table

KEY_TEXT, MAP_KEY = "pr_text", "pr_map"
KEY_NEAR, KEY_NEAR_THEME, KEY_NEAR_OPEN = "pr_near", "pr_near_theme", "pr_near_open"
# (URL parameter, widget key, vocabulary section or None for the documents, column, label key,
# field of `catalog.Facets`).
FACETS = ((params.THEME, "pr_theme", catalog.THEME, "themes", "initiatives.themes", "themes"),
          (params.GROUP, "pr_group", catalog.TARGET, "target_groups", "practices.target_groups", "groups"),
          (params.SCOPE, "pr_scope", catalog.SCOPE, "scope", "practices.scope", "scopes"),
          (params.SOURCE, "pr_source", None, "source_ids", "initiatives.source", "sources"),
          (params.FOCUS, "pr_focus", catalog.FOCUS, "focus_areas", "practices.focus", "focus"))
# Three facets a row: five in one row left a picked term's tag so little room that the field's
# input shrank below WCAG 2.2's 24 px target size.
FACETS_PER_ROW = 3
LIST_HEIGHT = 360          # px of the table of practices without a point, beside the map, when it scrolls
LIST_ROWS = 8              # rows that table shows without scrolling


def _on_map_select() -> None:
    """A click on a place selects its first practice, or the next one at that place."""
    ids = points.picked_practices(st.session_state[MAP_KEY].get("selection"))
    if ids:
        select(catalog.next_at_place(ids, st.session_state.get(KEY_PRACTICE)))


def facet_terms(section: str | None, documents: dict[str, str]) -> list[str]:
    return list(documents) if section is None else list(catalog.vocabulary()[section])


def facet_label(section: str | None, term: str, documents: dict[str, str], lang: str) -> str:
    return documents.get(term, term) if section is None else catalog.label(section, term, lang)


def read_url(view: View, practices: pl.DataFrame, documents: dict[str, str]) -> None:
    """Seed the facets, the peer search and the chosen practice from the URL; warn about what was ignored."""
    ids = practices["practice_id"].to_list()
    issues = urlstate.read(params.PRACTICE, KEY_PRACTICE, lambda v: params.parse_choice(v, params.PRACTICE, ids))
    issues += urlstate.read(params.TEXT, KEY_TEXT, lambda v: params.parse_text(v, params.TEXT))
    for param, key, section, *_rest in FACETS:
        known = facet_terms(section, documents)
        issues += urlstate.read(param, key, lambda v, p=param, k=known: params.parse_choices(v, p, k))
    regions = practice_tables.peer_regions()
    if urlstate.brings(params.NEAR, KEY_NEAR) or urlstate.brings(params.NEAR_THEME, KEY_NEAR_THEME):
        st.session_state[KEY_NEAR_OPEN] = True      # a link to the peer search opens it
    issues += urlstate.read(params.NEAR, KEY_NEAR, lambda v: params.parse_choice(v, params.NEAR, regions))
    themes = list(catalog.vocabulary()[catalog.THEME])
    issues += urlstate.read(params.NEAR_THEME, KEY_NEAR_THEME,
                            lambda v: params.parse_choice(v, params.NEAR_THEME, themes))
    urlstate.show_issues(issues, view.lang)


def facet_widgets(view: View, documents: dict[str, str]) -> catalog.Facets:
    """Text search and the facets; their state goes back to the URL. Returns what is picked."""
    st.text_input(view.t("practices.search"), key=KEY_TEXT, placeholder=view.t("practices.search_hint"),
                  max_chars=params.MAX_TEXT_LENGTH, icon=":material/search:")
    columns = [column for _row in range(0, len(FACETS), FACETS_PER_ROW) for column in st.columns(FACETS_PER_ROW)]
    for column, (param, key, section, values_column, title, _field) in zip(columns, FACETS):
        options = practice_tables.facet_options(values_column, facet_terms(section, documents))
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
        with column:
            st.multiselect(view.t(title), options, key=key, placeholder=view.t("practices.any"),
                           format_func=lambda term, s=section: facet_label(s, term, documents, view.lang))
        urlstate.write(param, key, st.session_state[key])
    urlstate.write(params.TEXT, KEY_TEXT, [st.session_state[KEY_TEXT]])
    return catalog.Facets(**{field: tuple(st.session_state[key]) for _param, key, *_rest, field in FACETS})


def catalog_table(view: View, shown: pl.DataFrame, selected: str | None, view_key: tuple) -> None:
    """The filtered practices (the first `figure_views.MAX_TABLE_ROWS`); picking a row selects it."""
    listed = practice_tables.catalog_table(view_key, view, shown)
    selectable_table(listed.arrow, listed.ids, selected, "pr_table", select)
    if listed.more:
        st.caption(view.t("practices.table_cut", shown=formatting.format_number(len(listed.ids), view.lang),
                          total=formatting.format_number(shown.height, view.lang)))
    st.caption(view.t("practices.table_hint"))


def practice_map(view: View, shown: pl.DataFrame, selected: str | None, view_key: tuple) -> None:
    """Points of the practices with a place; those without one (nationwide, online, in several
    countries) in a table beside the map, by scope. Both are kept per `view_key`."""
    n_places, deck_json = points.place_map(view_key, shown, view.region_names(), selected)
    if n_places:
        st.pydeck_chart(maps.SerializedDeck(deck_json, tooltip=points.TOOLTIP),
                        on_select=_on_map_select, selection_mode="single-object", key=MAP_KEY, height=420,
                        alt=view.t("practices.map_alt", n=n_places))
        st.caption(view.t("practices.map_hint"))
    else:
        st.caption(view.t("practices.no_points"))
    unlocated = practice_tables.unlocated_table(view_key, view, shown)
    if unlocated is not None:
        st.markdown(f"**{view.t('practices.nationwide')}**")
        # One table, not a button per practice: sixty buttons were a third of the page's rerun.
        selectable_table(unlocated.arrow, unlocated.ids, selected, "pr_nat", select,
                         height=LIST_HEIGHT if len(unlocated.ids) > LIST_ROWS else "auto")
        if unlocated.more:
            st.caption(view.t("practices.more_nationwide", n=unlocated.more))


def peer_search(view: View, practices: pl.DataFrame) -> None:
    """"My region and my theme": the initiatives on that theme, nearest first, with the distance.

    Drawn only while its expander is open; a link with `?near=` or `?near_theme=` opens it, and
    closing it takes them out of the URL (a link then reproduces the closed view).
    """
    names = view.region_names()
    box = st.expander(view.t("initiatives.near_title"), icon=":material/travel_explore:", key=KEY_NEAR_OPEN,
                      on_change="rerun")
    if not box.open:
        urlstate.write(params.NEAR, KEY_NEAR, [])
        urlstate.write(params.NEAR_THEME, KEY_NEAR_THEME, [])
        return
    with box:
        region_column, theme_column = st.columns(2)
        with region_column:
            st.selectbox(view.t("initiatives.near_region"), practice_tables.peer_regions(), key=KEY_NEAR,
                         format_func=lambda code: names.get(code, code), placeholder=view.t("initiatives.pick"))
        with theme_column:
            st.selectbox(view.t("initiatives.near_theme"), list(catalog.vocabulary()[catalog.THEME]),
                         key=KEY_NEAR_THEME, format_func=lambda term: catalog.label(catalog.THEME, term, view.lang),
                         placeholder=view.t("initiatives.pick"))
        region, theme = (urlstate.write_choice(params.NEAR, KEY_NEAR),
                         urlstate.write_choice(params.NEAR_THEME, KEY_NEAR_THEME))
        if region and theme:
            near_me_results(view, practices, region, theme)
        else:
            st.caption(view.t("initiatives.near_hint"))


view = explorer_blocks.page_opening("practices")
practices = db.query("practices")
documents = catalog_views.document_labels(db.query("sources"), practices)
read_url(view, practices, documents)
picked = facet_widgets(view, documents)
selected = urlstate.write_choice(params.PRACTICE, KEY_PRACTICE)
in_range = catalog_views.published_within(practices, view.filters.year_from, view.filters.year_to)
shown = catalog.filter_practices(in_range, view.filters.regions, picked, st.session_state[KEY_TEXT])
if in_range.is_empty():
    years = ", ".join(str(y) for y in catalog_views.published_years(practices))
    st.info(view.t("practices.outside_years", years=years), icon=":material/event_busy:")
elif shown.is_empty():
    st.info(view.t("initiatives.none_match", total=in_range.height), icon=":material/filter_alt_off:")
else:
    st.caption(view.t("practices.count", n=shown.height, total=practices.height))
    view_key = (db.database_key(), view.filters, picked, st.session_state[KEY_TEXT])
    table_column, map_column = st.columns([5, 4], gap="medium")
    with table_column:
        catalog_table(view, shown, selected, view_key)
    with map_column:
        practice_map(view, shown, selected, view_key)
peer_search(view, practices)
if selected:
    profile(view, practices.filter(pl.col("practice_id") == selected).row(0, named=True), practices)
