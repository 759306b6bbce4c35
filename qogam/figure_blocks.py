"""Shared page parts: headline metric with its citation popover, chart with source line, text
alternative and CSV download, tables of cited figures, the map legend.

Nothing here knows which page it is on; `qogam.figure_sections` composes these into page sections.
"""
from __future__ import annotations

import functools

import polars as pl
import streamlit as st

from conventions import formatting, i18n
from qogam import db, figure_views, maps, observations
from qogam.figure_views import Chart, HeadlineCard, Table
from qogam.page_frame import View


def citation_popover(citations: str, lang: str, key: str) -> None:
    """A "Source" button opening the citations behind a figure (see `figure_views.citations_markdown`)."""
    with st.popover(i18n.t("cite.button", lang), icon=":material/format_quote:", key=key):
        st.markdown(citations)


def not_published_metric(label: str, lang: str) -> None:
    st.metric(label, "—", border=True)
    st.caption(i18n.t("metric.not_published", lang))


def headline_metric(label: str, card: HeadlineCard | None, lang: str, key: str) -> None:
    """A big number with unit, year and qualifier, the change since the earliest year in range,
    and a popover citing every document behind it; "not published" when there is none."""
    if card is None:
        not_published_metric(label, lang)
        return
    headline = card.headline
    latest = headline.latest
    change = headline.change_percent
    st.metric(label, latest["value_short"], border=True, help=latest.get("note"),
              delta=None if change is None else formatting.format_change(change, lang),
              delta_description=None if change is None else
              i18n.t("metric.since", lang, year=headline.earliest["years_label"]))
    caption = " · ".join(part for part in (latest["unit_label"], latest["years_label"],
                                           latest["qualifier_label"]) if part)
    if headline.same_year:
        caption += " · " + i18n.t("metric.other_values", lang, n=len(headline.same_year))
    st.caption(caption)
    if card.disagreement:
        st.caption(f":material/warning: {i18n.t('disagree.headline', lang, values=card.disagreement)}")
    citation_popover(card.citations, lang, key=f"cite-{key}")


def practices_metric(view: View, region: str, key: str) -> None:
    """How many best practices the compendium catalogues (in the region, for the years)."""
    found = db.query("practices_summary", {"region": region, "year_from": view.filters.year_from,
                                           "year_to": view.filters.year_to})
    label = view.t("overview.practices")
    if found.is_empty():
        not_published_metric(label, view.lang)
        return
    qualifier = view.t("overview.practices_qualifier")
    st.metric(label, formatting.format_number(int(found["n_practices"].sum()), view.lang), border=True)
    st.caption(f"{found['year_published'][0]} · {qualifier}")
    cited = [{"source_title": r["source_title"], "line": r["first_line"], "quote": r["quote"],
              "value_label": view.t("overview.practices_count", n=r["n_practices"]),
              "years_label": str(r["year_published"]), "qualifier_label": qualifier}
             for r in found.iter_rows(named=True)]
    citation_popover(figure_views.citations_markdown(cited, view.lang), view.lang, key=f"cite-{key}")


def csv_button(rows: pl.DataFrame, lang: str, key: str) -> None:
    """Download of the rows as CSV for Excel, written only when clicked (no rerun on click)."""
    st.download_button(i18n.t("chart.download_csv", lang), data=functools.partial(observations.export_csv, rows),
                       file_name=f"qogam-{key}.csv", mime="text/csv", on_click="ignore",
                       icon=":material/download:", key=f"csv-{key}")


def show_table(table: Table, lang: str, key: str | None = None) -> None:
    """A citation table, saying so when it shows only the first rows (the CSV has them all)."""
    st.dataframe(table.arrow, hide_index=True, width="stretch", key=key)
    if table.cut:
        st.caption(i18n.t("chart.table_cut", lang, shown=formatting.format_number(table.arrow.num_rows, lang),
                          total=formatting.format_number(table.rows.height, lang)))


def chart_block(chart: Chart, lang: str, key: str) -> None:
    """A chart with its source line, a text alternative with the cited rows, and a CSV download.

    The spec's `description` already carries the text alternative as the chart's accessible
    name; the expander repeats it with the table of cited rows, drawn only while it is open
    (a page has a dozen charts, and sending every table on every rerun was most of its cost).
    """
    st.vega_lite_chart(chart.spec, width="stretch", key=f"chart-{key}")
    st.caption(chart.source)
    if chart.missing_years:
        st.caption(i18n.t("chart.published_missing", lang, years=chart.missing_years))
    text = st.expander(i18n.t("chart.as_text", lang), icon=":material/table_view:", key=f"text-{key}",
                       on_change="rerun")
    if text.open:
        with text:
            st.markdown(formatting.md_escape(chart.text))
            show_table(chart.table, lang)
    csv_button(chart.table.rows, lang, key)


def table_block(table: Table | None, view: View, key: str, title_key: str, explain_key: str) -> None:
    """A titled table of figures with their citations and a CSV download (nothing if empty)."""
    if table is None:
        return
    st.subheader(view.t(title_key))
    st.caption(view.t(explain_key))
    show_table(table, view.lang, key=f"table-{key}")
    csv_button(table.rows, view.lang, key)


def no_data(lang: str, what: str) -> None:
    st.info(i18n.t("chart.no_data", lang, what=what), icon=":material/search_off:")


def map_legend(breaks: list[float], unit_label: str, lang: str, *, whole: bool) -> str:
    """HTML legend of the choropleth classes plus the "no data" swatch (our numbers only);
    `whole` rounds the class bounds of counted things to whole numbers."""
    decimals = 0 if whole else None
    items = [(maps.colour(bound, breaks), f"≤ {formatting.format_number(bound, lang, decimals)}")
             for bound in breaks]
    items.append((maps.NO_DATA_RGBA, i18n.t("value.no_data", lang)))
    swatches = "".join(
        '<span style="display:inline-flex;align-items:center;margin-right:12px">'
        f'<span style="width:14px;height:14px;background:rgb({",".join(map(str, rgba[:3]))});'
        f'border:1px solid #888;margin-right:4px;display:inline-block"></span>{label}</span>'
        for rgba, label in items)
    return f'<div style="font-size:0.8rem;line-height:1.8">{unit_label}: {swatches}</div>'
