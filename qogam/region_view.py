"""A region's view (the overview with one or more regions picked): the initiatives the
documents place in the region, the organisations they place there, and what the national team
found when it visited the region (the 2023 report's visit sections, `region_visits`).

Each part says plainly when the documents have nothing for the region. Initiatives and
organisations link to their pages; the visit's observations and recommendations link to their
lines in the document viewer.
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import streamlit as st

from conventions import formatting
from qogam import catalog, catalog_views, db, explorer_blocks, figure_views, params, practice_blocks
from qogam.byte_cache import ByteBudgetCache
from qogam.catalog_views import term_labels
from qogam.page_frame import View

PARTS = ("visit", "leadership_meeting", "seminar", "focus_group")
KINDS = ("observation", "recommendation")
MAX_LISTED = 200           # initiatives listed in a region's view; the practices page has them all


Block = tuple[str, str]   # (st function: "markdown" or "caption", its text)
BLOCK_BYTES = 16 * 2**20


@dataclass(frozen=True)
class RegionTexts:
    """One region's three parts as Markdown blocks, built once per database, region and view
    (each rerun of a region's overview rebuilt a hundred links and list items from the frames)."""

    n_initiatives: int
    initiatives: list[Block]
    n_organizations: int
    organizations: list[Block]
    visits: list[Block]


_TEXTS: ByteBudgetCache[RegionTexts] = ByteBudgetCache(BLOCK_BYTES)


def initiatives(view: View, practices: pl.DataFrame) -> list[Block]:
    if practices.is_empty():
        return [("caption", view.t("region_view.no_initiatives"))]
    blocks = [("markdown", "\n".join(f"- {practice_blocks.practice_link(view, row)} · "
                                     f"{formatting.md_escape(term_labels(row['themes'], catalog.THEME, view.lang))}"
                                     for row in practices.head(MAX_LISTED).iter_rows(named=True)))]
    if practices.height > MAX_LISTED:   # at 1,000x data, 24,000 links cost seconds on every rerun
        blocks.append(("caption", view.t("region_view.initiatives_cut", n=practices.height - MAX_LISTED)))
    return blocks


def organizations(view: View, rows: pl.DataFrame) -> list[Block]:
    if rows.is_empty():
        return [("caption", view.t("region_view.no_organizations"))]
    links = (practice_blocks.page_link(view, row["name"], "organizations", params.ORG, row["org_id"])
             for row in rows.iter_rows(named=True))
    return [("markdown", "\n".join(f"- {link}" for link in links))]


def point_item(view: View, row: dict) -> str:
    link = explorer_blocks.line_link(row["source_id"], row["line"], view.lang)
    return f"- {formatting.md_inline(row['text'])} ({link})"


def visit(view: View, row: dict, points: pl.DataFrame) -> list[Block]:
    """One visit: its heading (a link to it), its dates, whom it met, then its points by part and kind."""
    heading = explorer_blocks.viewer_link(row["heading"], row["source_id"], row["line"], view.lang)
    blocks = [("markdown", f"**{heading}** — *{formatting.md_escape(row['source_title'])}* ({row['year_published']})")]
    dates = ", ".join(row["dates"]) or row["visit_date"]
    blocks.append(("caption", f"{view.t('region_view.visit_date')}: {formatting.md_escape(dates)}"))
    if row["met"]:
        blocks.append(("markdown", f"**{view.t('region_view.met')}**\n\n"
                       + "\n".join(f"- {formatting.md_inline(who)}" for who in row["met"])))
    mine = points.filter(pl.col("visit_id") == row["visit_id"])
    for kind in KINDS:
        chosen = mine.filter(pl.col("kind") == kind)
        if chosen.is_empty():
            continue
        blocks.append(("markdown", f"**{view.t(f'region_view.{kind}s')}**"))
        for part in PARTS:
            in_part = chosen.filter(pl.col("part") == part)
            if in_part.height:
                blocks.append(("markdown", f"*{view.t(f'region_view.part_{part}')}*\n\n"
                               + "\n".join(point_item(view, p) for p in in_part.iter_rows(named=True))))
    return blocks


def visit_report(view: View, region: str) -> list[Block]:
    visits = db.query("region_visits", {"region": region})
    if visits.is_empty():
        return [("caption", view.t("region_view.no_visit"))]
    points = db.query("region_visit_points", {"region": region})
    return [block for row in visits.iter_rows(named=True) for block in visit(view, row, points)]


def region_texts(view: View, region: str) -> RegionTexts:
    """The region's parts for this view (cached per database, region, filters and language:
    the links carry the reader's filters)."""
    def build() -> RegionTexts:
        here = catalog_views.in_region(db.query("practices"), region)
        found = catalog_views.in_region(db.query("organizations"), region)
        return RegionTexts(here.height, initiatives(view, here), found.height, organizations(view, found),
                           visit_report(view, region))
    return _TEXTS.get_or_compute((db.database_key(), region, view.filters), build)


def draw(blocks: list[Block]) -> None:
    for function, text in blocks:
        getattr(st, function)(text)


def region_sections(view: View) -> None:
    """For each picked region (the first `MAX_HEADLINE_REGIONS`): its initiatives, organisations
    and visit report, each in an expander so the figures above stay in view."""
    names = view.region_names()
    for region in view.filters.regions[:figure_views.MAX_HEADLINE_REGIONS]:
        texts = region_texts(view, region)
        st.subheader(view.t("region_view.title", region=names.get(region, region)), divider="gray")
        with st.expander(view.t("region_view.initiatives", n=texts.n_initiatives), icon=":material/diversity_3:"):
            draw(texts.initiatives)
        with st.expander(view.t("region_view.organizations", n=texts.n_organizations), icon=":material/groups:"):
            draw(texts.organizations)
        with st.expander(view.t("region_view.visit"), icon=":material/travel_explore:"):
            draw(texts.visits)
