"""Best practices: the compendium's catalog, searchable and faceted, beside a map of where the
practices work; the chosen practice's profile, key numbers, links, citation and peers.

Filters and the chosen practice are in the URL (`?practice=<id>&focus=…&group=…&scope=…&text=…`).
"""
from __future__ import annotations

import polars as pl
import streamlit as st

from conventions import formatting
from qogam import (
    catalog,
    catalog_views,
    db,
    explorer_blocks,
    figure_views,
    maps,
    observations,
    params,
    points,
    urlstate,
)
from qogam.catalog_views import term_labels
from qogam.figure_blocks import citation_popover
from qogam.page_frame import View
from qogam.selectable_table import selectable_table

KEY_PRACTICE, KEY_TEXT = "pr_practice", "pr_text"
MAP_KEY = "pr_map"
# (URL parameter, widget key, vocabulary section, column, label key) of each facet.
FACETS = ((params.FOCUS, "pr_focus", catalog.FOCUS, "focus_areas", "practices.focus"),
          (params.GROUP, "pr_group", catalog.TARGET, "target_groups", "practices.target_groups"),
          (params.SCOPE, "pr_scope", catalog.SCOPE, "scope", "practices.scope"))
METRICS_PER_ROW = 3
MAX_LISTED = 12          # nationwide practices listed as buttons under the map; the rest are in the table


def select(practice_id: str | None) -> None:
    st.session_state[KEY_PRACTICE] = practice_id


def _on_map_select() -> None:
    """A click on a place selects its first practice, or the next one at that place."""
    ids = points.picked_practices(st.session_state[MAP_KEY].get("selection"))
    if ids:
        select(catalog.next_at_place(ids, st.session_state.get(KEY_PRACTICE)))


def read_url(view: View, practices: pl.DataFrame) -> None:
    """Seed the facets and the chosen practice from the URL; warn about what was ignored."""
    ids = practices["practice_id"].to_list()
    issues = urlstate.read(params.PRACTICE, KEY_PRACTICE, lambda v: params.parse_choice(v, params.PRACTICE, ids))
    issues += urlstate.read(params.TEXT, KEY_TEXT, lambda v: params.parse_text(v, params.TEXT))
    for param, key, section, _column, _title in FACETS:
        known = list(catalog.vocabulary()[section])
        issues += urlstate.read(param, key, lambda v, p=param, k=known: params.parse_choices(v, p, k))
    urlstate.show_issues(issues, view.lang)


def facet_widgets(view: View, practices: pl.DataFrame) -> None:
    """Text search and the three facets; their state goes back to the URL."""
    st.text_input(view.t("practices.search"), key=KEY_TEXT, placeholder=view.t("practices.search_hint"),
                  max_chars=params.MAX_TEXT_LENGTH, icon=":material/search:")
    for column, (param, key, section, values_column, title) in zip(st.columns(len(FACETS)), FACETS):
        options = catalog.facet_values(practices, values_column, section)
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
        with column:
            st.multiselect(view.t(title), options, key=key, placeholder=view.t("practices.any"),
                           format_func=lambda term, s=section: catalog.label(s, term, view.lang))
        urlstate.write(param, key, st.session_state[key])
    urlstate.write(params.TEXT, KEY_TEXT, [st.session_state[KEY_TEXT]])


def place_label(row: dict, view: View) -> str:
    """Where the practice works, in the page's language (see `catalog_views.place_label`)."""
    return catalog_views.place_label(row, view.region_names(), view.lang)


def catalog_table(view: View, shown: pl.DataFrame, selected: str | None) -> None:
    """The filtered practices (the first `figure_views.MAX_TABLE_ROWS`); picking a row selects it."""
    listed = shown.head(figure_views.MAX_TABLE_ROWS)
    ids = listed["practice_id"].to_list()
    names = view.region_names()
    table = pl.DataFrame({
        view.t("practices.practice"): listed["title"],
        view.t("practices.organization"): listed["organization"].fill_null(""),
        view.t("practices.place"): [catalog_views.place_label(row, names, view.lang)
                                    for row in listed.iter_rows(named=True)],
        view.t("practices.focus"): [term_labels(r, catalog.FOCUS, view.lang) for r in listed["focus_areas"]],
    })
    selectable_table(table, ids, selected, "pr_table", select)
    if listed.height < shown.height:
        st.caption(view.t("practices.table_cut", shown=formatting.format_number(listed.height, view.lang),
                          total=formatting.format_number(shown.height, view.lang)))
    st.caption(view.t("practices.table_hint"))


def practice_map(view: View, shown: pl.DataFrame, selected: str | None) -> None:
    """Points of the located practices; nationwide and online ones listed under the map."""
    places = catalog.places(shown)
    if places.height:
        st.pydeck_chart(maps.SerializedDeck(points.deck_json(places, selected), tooltip=points.TOOLTIP),
                        on_select=_on_map_select, selection_mode="single-object", key=MAP_KEY, height=420,
                        alt=view.t("practices.map_alt", n=places.height))
        st.caption(view.t("practices.map_hint"))
    else:
        st.caption(view.t("practices.no_points"))
    elsewhere = catalog.unlocated(shown)
    if elsewhere.height:
        st.markdown(f"**{view.t('practices.nationwide')}**")
        for row in elsewhere.head(MAX_LISTED).iter_rows(named=True):
            practice_button(view, row, catalog.label(catalog.SCOPE, row["scope"], view.lang),
                            f"pr_nat_{row['practice_id']}", ":material/public:")
        if elsewhere.height > MAX_LISTED:
            st.caption(view.t("practices.more_nationwide", n=elsewhere.height - MAX_LISTED))


def key_numbers(view: View, practice_id: str) -> None:
    """The profile's figures as metrics, each citing its line."""
    figures = db.query("practice_numbers", {"practice_id": practice_id})
    if figures.is_empty():
        st.caption(view.t("practices.no_numbers"))
        return
    rows = observations.localize(figures, view.lang).to_dicts()
    for start in range(0, len(rows), METRICS_PER_ROW):
        for column, row in zip(st.columns(METRICS_PER_ROW), rows[start:start + METRICS_PER_ROW]):
            with column:
                st.metric(formatting.md_escape(row["category_label"]), row["value_short"], border=True)
                st.caption(explorer_blocks.line_link(row["source_id"], row["line"], view.lang))
                citation_popover(figure_views.citations_markdown([row], view.lang), view.lang,
                                 key=f"pr_cite_{row['obs_id']}")


def public_links(view: View, links: list[str]) -> None:
    if not links:
        st.caption(view.t("practices.no_links"))
        return
    st.markdown("\n".join(f"- [{formatting.md_escape(url)}]({url})" if catalog.safe_url(url)
                          else f"- {formatting.md_escape(url)}" for url in links))


def source_citation(view: View, practice: dict) -> None:
    """Where the compendium describes the practice: catalog entry and long profile."""
    parts = [f"{view.t('practices.catalog_entry')}: "
             f"{explorer_blocks.line_link(practice['source_id'], practice['line'], view.lang)}"]
    if practice["profile_line"]:
        parts.append(f"{view.t('practices.profile')}: "
                     f"{explorer_blocks.line_link(practice['source_id'], practice['profile_line'], view.lang)}")
    st.markdown(f"*{formatting.md_escape(practice['source_title'])}* ({practice['year_published']}) — "
                + " · ".join(parts))


def practice_button(view: View, row: dict, note: str, key: str, icon: str) -> None:
    """A practice's title (and a note) as a button that opens its profile."""
    st.button(formatting.md_escape(f"{row['title']} · {note}"), key=key, on_click=select, args=(row["practice_id"],),
              type="tertiary", icon=icon)


def neighbours(view: View, practice: dict, practices: pl.DataFrame) -> None:
    """The other practices at the same point of the map (a click on it opens only one)."""
    here = catalog.same_place(practices, practice)
    if here.height:
        st.markdown(f"##### {view.t('practices.also_here', place=place_label(practice, view))}")
        for row in here.iter_rows(named=True):
            practice_button(view, row, term_labels(row["focus_areas"], catalog.FOCUS, view.lang),
                            f"pr_here_{row['practice_id']}", ":material/location_on:")


def peers(view: View, practice_id: str, practices: pl.DataFrame) -> None:
    """The most similar other practices (shared focus areas and target groups, nearer first)."""
    found = catalog_views.peers(practice_id, practices)
    if not found:
        st.caption(view.t("practices.no_peers"))
        return
    st.caption(view.t("practices.peers_explain"))
    for peer in found:
        if peer.distance_km is None:
            where = place_label(peer.practice, view)
        elif peer.distance_km < 1:
            where = view.t("practices.same_place")
        else:
            where = view.t("practices.km", km=formatting.format_number(round(peer.distance_km), view.lang))
        practice_button(view, peer.practice, f"{view.t('practices.shared', n=peer.shared)} · {where}",
                        f"pr_peer_{peer.practice['practice_id']}", ":material/arrow_forward:")


def detail(view: View, practice: dict, practices: pl.DataFrame) -> None:
    """Everything about one practice."""
    with st.container(border=True):
        head, close = st.columns([6, 1], vertical_alignment="center")
        with head:
            st.subheader(formatting.md_escape(practice["title"]))
        with close:
            st.button(view.t("practices.close"), key="pr_close", on_click=select, args=(None,),
                      icon=":material/close:", type="tertiary")
        facts = [practice["organization"], place_label(practice, view),
                 catalog.label(catalog.SCOPE, practice["scope"], view.lang),
                 view.t("practices.started", year=practice["year_started"]) if practice["year_started"] else None,
                 view.t("practices.lead", name=practice["lead"]) if practice["lead"] else None]
        st.caption(" · ".join(formatting.md_escape(f) for f in facts if f))
        st.markdown(f"**{view.t('practices.focus')}:** "
                    f"{formatting.md_escape(term_labels(practice['focus_areas'], catalog.FOCUS, view.lang))}  \n"
                    f"**{view.t('practices.target_groups')}:** "
                    f"{formatting.md_escape(term_labels(practice['target_groups'], catalog.TARGET, view.lang))}")
        st.markdown(formatting.md_escape(practice["summary"]))
        st.markdown(f"##### {view.t('practices.key_numbers')}")
        key_numbers(view, practice["practice_id"])
        links_column, peers_column = st.columns(2, gap="large")
        with links_column:
            st.markdown(f"##### {view.t('practices.links')}")
            public_links(view, practice["links"])
            st.markdown(f"##### {view.t('practices.source')}")
            source_citation(view, practice)
        with peers_column:
            neighbours(view, practice, practices)
            st.markdown(f"##### {view.t('practices.peers')}")
            peers(view, practice["practice_id"], practices)


view = explorer_blocks.page_opening("practices")
practices = db.query("practices")
read_url(view, practices)
facet_widgets(view, practices)
selected = urlstate.write_choice(params.PRACTICE, KEY_PRACTICE)
in_range = catalog_views.published_within(practices, view.filters.year_from, view.filters.year_to)
focus, groups, scopes = (st.session_state[key] for _param, key, *_rest in FACETS)
shown = catalog.filter_practices(in_range, view.filters.regions, focus, groups, scopes, st.session_state[KEY_TEXT])
if in_range.is_empty():
    years = ", ".join(str(y) for y in catalog_views.published_years(practices))
    st.info(view.t("practices.outside_years", years=years), icon=":material/event_busy:")
else:
    st.caption(view.t("practices.count", n=shown.height, total=practices.height))
    table_column, map_column = st.columns([5, 4], gap="medium")
    with table_column:
        catalog_table(view, shown, selected)
    with map_column:
        practice_map(view, shown, selected)
if selected:
    detail(view, practices.filter(pl.col("practice_id") == selected).row(0, named=True), practices)
