"""A practice's profile on the practices page, and the results of "my region and my theme".

The profile shows what the documents say about the practice: facts, themes, its summary (the
document's own sentences), every passage describing it (links into the document viewer), its
figures, its public links, the other practices at its place and its peers (`qogam.peers`).
"""
from __future__ import annotations

import polars as pl
import streamlit as st

from conventions import formatting
from qogam import catalog, catalog_views, db
from qogam.catalog_views import term_labels
from qogam.page_frame import View
from qogam.practice_blocks import figures, passages, peer_buttons, peers_for, peers_of, practice_button, select


def public_links(view: View, links: list[str]) -> None:
    if not links:
        st.caption(view.t("initiatives.no_links"))
        return
    st.markdown("\n".join(f"- [{formatting.md_escape(url)}]({url})" if catalog.safe_url(url)
                          else f"- {formatting.md_escape(url)}" for url in links))


def neighbours(view: View, practice: dict, practices: pl.DataFrame) -> None:
    """The other practices at the same point of the map (a click on it opens only one)."""
    here = catalog.same_place(practices, practice)
    if here.height:
        place = catalog_views.place_label(practice, view.region_names(), view.lang)
        st.markdown(f"##### {view.t('practices.also_here', place=formatting.md_escape(place))}")
        for row in here.iter_rows(named=True):
            practice_button(row, term_labels(row["themes"], catalog.THEME, view.lang),
                            f"pr_here_{row['practice_id']}", ":material/location_on:")


def similar(view: View, practice_id: str, practices: pl.DataFrame) -> None:
    """The most similar other practices (shared themes and target groups, nearer first)."""
    found = catalog_views.with_rows(peers_of(practice_id), practices)
    if not found:
        st.caption(view.t("practices.no_peers"))
        return
    st.caption(view.t("practices.peers_explain"))
    peer_buttons(view, found, "pr_peer")


def facts(view: View, practice: dict) -> str:
    """Organisation, place, scope, start year and lead, as one caption line."""
    items = [practice["organization"], catalog_views.place_label(practice, view.region_names(), view.lang),
             catalog.label(catalog.SCOPE, practice["scope"], view.lang),
             view.t("practices.started", year=practice["year_started"]) if practice["year_started"] else None,
             view.t("practices.lead", name=practice["lead"]) if practice["lead"] else None]
    return " · ".join(formatting.md_escape(item) for item in items if item)


def classification(view: View, practice: dict) -> str:
    """Themes, sub-themes (where any) and target groups, as labelled lines."""
    rows = [("initiatives.themes", practice["themes"], catalog.THEME),
            ("practices.focus", practice["focus_areas"], catalog.FOCUS),
            ("practices.target_groups", practice["target_groups"], catalog.TARGET)]
    return "  \n".join(f"**{view.t(title)}:** {formatting.md_escape(term_labels(terms, section, view.lang))}"
                       for title, terms, section in rows if terms)


def profile(view: View, practice: dict, practices: pl.DataFrame) -> None:
    """Everything about one practice."""
    with st.container(border=True):
        head, close = st.columns([6, 1], vertical_alignment="center")
        with head:
            st.subheader(formatting.md_escape(practice["title"]))
        with close:
            st.button(view.t("practices.close"), key="pr_close", on_click=select, args=(None,),
                      icon=":material/close:", type="tertiary")
        st.caption(facts(view, practice))
        st.markdown(classification(view, practice))
        st.markdown(formatting.md_escape(practice["summary"]))
        st.markdown(f"##### {view.t('initiatives.passages')}")
        passages(view, practice["practice_id"])
        st.markdown(f"##### {view.t('practices.key_numbers')}")
        numbers = db.query("practice_numbers", {"practice_id": practice["practice_id"]})
        if numbers.is_empty():
            st.caption(view.t("practices.no_numbers"))
        else:
            figures(view, numbers, "pr_cite")
        links_column, peers_column = st.columns(2, gap="large")
        with links_column:
            st.markdown(f"##### {view.t('practices.links')}")
            public_links(view, practice["links"])
        with peers_column:
            neighbours(view, practice, practices)
            st.markdown(f"##### {view.t('practices.peers')}")
            similar(view, practice["practice_id"], practices)


def near_me_results(view: View, practices: pl.DataFrame, region: str, theme: str) -> None:
    """The initiatives on `theme` nearest to `region`; when the region has none, how far away
    the nearest is."""
    found = catalog_views.near_me(peers_for(region, theme), practices)
    names = view.region_names()
    theme_label = catalog.label(catalog.THEME, theme, view.lang)
    if not found.peers:
        st.info(view.t("initiatives.near_none", theme=theme_label), icon=":material/search_off:")
        return
    if found.in_region:
        st.caption(view.t("initiatives.near_found", n=found.in_region, region=names.get(region, region),
                          theme=theme_label))
    else:
        where = (view.t("initiatives.near_km", km=formatting.format_number(round(found.nearest_km), view.lang))
                 if found.nearest_km is not None else view.t("initiatives.near_elsewhere"))
        st.info(view.t("initiatives.near_not_here", region=names.get(region, region), theme=theme_label,
                       nearest=where), icon=":material/near_me:")
    peer_buttons(view, found.peers, "pr_near")
