"""Shared page parts: headline metric with its citation popover, chart with source line, text
alternative and CSV download, tables of cited figures, the map legend.

Nothing here knows which page it is on; `qogam.sections` composes these into page sections.
"""
from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import streamlit as st

from qogam import data, db, formatting, i18n, maps
from qogam.shell import View

# Columns of a citation table and the translation keys of their headings.
CITATION_COLUMNS = {"indicator_name": "field.indicator", "region_name": "field.region",
                    "years_label": "field.year", "category_label": "field.category",
                    "value_label": "field.value", "qualifier_label": "field.qualifier",
                    "source_title": "field.source", "line": "field.line", "quote": "field.quote"}


def indicator_name(indicator_id: str, lang: str) -> str:
    """The indicator's name in `lang` (from the database)."""
    names = db.query("indicator_names", {"indicator_id": indicator_id})
    return names[f"name_{lang}"][0] if names.height else indicator_id


def quote_block(quote: str) -> str:
    """A verbatim quote as a Markdown blockquote, shown literally (escaped, line by line)."""
    return "\n".join(f"> {formatting.md_escape(line)}" if line.strip() else ">" for line in quote.split("\n"))


def citation_markdown(row: dict, lang: str) -> str:
    """Document title and line, the figure as read, the verbatim quote, note and method."""
    figure = f"{row['value_label']} · {row['years_label']} · {row['qualifier_label']}"
    if row.get("category"):
        figure += f" · {row['category_label']}"
    parts = [f"**{formatting.md_escape(row['source_title'])}**, {i18n.t('field.line', lang)} {row['line']}",
             figure, quote_block(row["quote"])]
    if row.get("note"):
        parts.append(f"*{formatting.md_escape(row['note'])}*")
    if row.get("derived"):
        parts.append(f"*{i18n.t('cite.derived', lang)}: {formatting.md_escape(row['method'])}*")
    return "\n\n".join(parts)


def citation_popover(rows: Sequence[dict], lang: str, key: str) -> None:
    """A "Source" button opening every citation behind a figure."""
    with st.popover(i18n.t("cite.button", lang), icon=":material/format_quote:", key=key):
        st.markdown("\n\n---\n\n".join(citation_markdown(row, lang) for row in rows))


def not_published_metric(label: str, lang: str) -> None:
    st.metric(label, "—", border=True)
    st.caption(i18n.t("metric.not_published", lang))


def headline_metric(label: str, headline: data.Headline | None, lang: str, key: str) -> None:
    """A big number with unit, year and qualifier, the change since the earliest year in range,
    and a popover citing every document behind it; "not published" when there is none."""
    if headline is None:
        not_published_metric(label, lang)
        return
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
    cited = [latest, *headline.same_year] + ([headline.earliest] if headline.earliest else [])
    citation_popover(cited, lang, key=f"cite-{key}")


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
    citation_popover(cited, view.lang, key=f"cite-{key}")


def source_caption(rows: pl.DataFrame, lang: str) -> str:
    """"Source: title, lines 72, 313; other title, line 5" for the rows shown."""
    parts = []
    for title, lines in data.source_summary(rows.filter(pl.col("source_title").is_not_null())):
        word = i18n.t("field.line" if len(lines) == 1 else "field.lines", lang)
        parts.append(f"{formatting.md_escape(title)}, {word} {', '.join(map(str, lines))}")
    return f"{i18n.t('chart.source', lang)}: " + "; ".join(parts)


def citation_table(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The rows with their citations, column headings in `lang`."""
    return rows.select(list(CITATION_COLUMNS)).rename(
        {column: i18n.t(key, lang) for column, key in CITATION_COLUMNS.items()})


def csv_button(rows: pl.DataFrame, lang: str, key: str) -> None:
    """Download of the rows as CSV for Excel (no rerun on click)."""
    st.download_button(i18n.t("chart.download_csv", lang), data=data.export_csv(rows),
                       file_name=f"qogam-{key}.csv", mime="text/csv", on_click="ignore",
                       icon=":material/download:", key=f"csv-{key}")


def chart_block(spec: dict, rows: pl.DataFrame, alt_text: str, lang: str, key: str) -> None:
    """A chart with its source line, a text alternative with the cited rows, and a CSV download.

    `spec` is a Vega-Lite dict (see `charts.spec`); its `description` already carries
    `alt_text` as the chart's accessible name.
    """
    st.vega_lite_chart(spec, width="stretch", key=f"chart-{key}")
    st.caption(source_caption(rows, lang))
    missing = rows.filter(pl.col("qualifier") == "missing")
    if missing.height:
        years = ", ".join(sorted(set(missing["years_label"].to_list())))
        st.caption(i18n.t("chart.published_missing", lang, years=years))
    with st.expander(i18n.t("chart.as_text", lang), icon=":material/table_view:"):
        st.markdown(formatting.md_escape(alt_text))
        st.dataframe(citation_table(rows, lang), hide_index=True, width="stretch")
    csv_button(rows, lang, key)


def table_block(rows: pl.DataFrame, view: View, key: str, title_key: str, explain_key: str) -> None:
    """A titled table of figures with their citations and a CSV download (nothing if empty)."""
    if rows.is_empty():
        return
    st.subheader(view.t(title_key))
    st.caption(view.t(explain_key))
    st.dataframe(citation_table(rows, view.lang), hide_index=True, width="stretch", key=f"table-{key}")
    csv_button(rows, view.lang, key)


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
