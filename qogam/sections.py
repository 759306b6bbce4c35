"""Page sections built from the shared widgets: headline rows, indicator charts, the regional
map, what changed, the reports' caveats, period and citation tables, lost charts.

Each section decides what the data allow — a line over years, labelled bars for one year,
bars by category, a map — and says plainly when nothing was published for the selection.
"""
from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl
import streamlit as st

from qogam import charts, data, db, formatting, i18n, maps, shell
from qogam.charts import Heading
from qogam.shell import View
from qogam.widgets import (chart_block, headline_metric, indicator_name, map_legend, no_data,
                           practices_metric, quote_block, table_block)

TOTALS, BREAKDOWN = "totals", "breakdown"
MAX_HEADLINE_REGIONS = 4
METRICS_PER_ROW = 3
CAVEATS = Path(__file__).with_name("caveats.toml")
CAVEAT_REACH = 12          # lines either side of a match that a caveat paragraph may span
MAP_COLUMNS = ["region_code", "value", "value_label", "years_label", "source_title", "line"]


def headline_rows(rows: pl.DataFrame, indicator_ids: Sequence[str], view: View, key: str,
                  *, practices: bool = False) -> None:
    """Headline metrics for each selected region (the first four; the rest are in the charts)."""
    names = view.region_names()
    regions = view.filters.regions
    for region in regions[:MAX_HEADLINE_REGIONS]:
        if not view.filters.is_national:
            st.subheader(names.get(region, region), divider="gray")
        cells: list[Callable[[], None]] = [
            functools.partial(headline_metric, indicator_name(ind, view.lang), data.headline(rows, ind, region),
                              view.lang, f"{key}-{ind}-{region}") for ind in indicator_ids]
        if practices:
            cells.append(functools.partial(practices_metric, view, region, f"{key}-practices-{region}"))
        for start in range(0, len(cells), METRICS_PER_ROW):
            for column, cell in zip(st.columns(METRICS_PER_ROW), cells[start:start + METRICS_PER_ROW]):
                with column:
                    cell()
    if len(regions) > MAX_HEADLINE_REGIONS:
        st.caption(view.t("metric.more_regions", n=len(regions) - MAX_HEADLINE_REGIONS))


def _subtitle(unit_label: str, rows: pl.DataFrame) -> str:
    """Unit · place(s) · years shown (a period where figures cover several years)."""
    places = ", ".join(sorted(set(rows["region_name"].drop_nulls().to_list())))
    span = formatting.format_years(rows["year_start"].min(), rows["year_end"].max()) if rows.height else ""
    return " · ".join(part for part in (unit_label, places, span) if part)


def _totals_chart(rows: pl.DataFrame, indicator_id: str, view: View, key: str) -> None:
    """An indicator's single-year totals for the selected regions: a line over the years, or
    labelled bars when all figures are of one year (a lone dot on a time axis says little)."""
    shown = data.single_years(data.in_regions(data.of_indicator(rows, indicator_id), view.filters.regions))
    unit_label = charts.plot_scale(shown.filter(pl.col("value").is_not_null()), view.lang)[1]
    heading = Heading(indicator_name(indicator_id, view.lang), _subtitle(unit_label, shown))
    if shown["year_end"].n_unique() > 1:
        text = charts.describe(shown, "chart.kind_series", heading, view.lang,
                               label_fields=("region_name", "years_label", "source_title"))
        spec = charts.spec("series", shown, heading.title, heading.subtitle, text, view.lang)
        chart_block(spec, shown, text, view.lang, key)
        return
    labelled = shown.with_columns(pl.format("{} · {} · {}, {} {}", "region_name", "years_label", "source_id",
                                            pl.lit(view.t("field.line")), "line").alias("bar_row"))
    text = charts.describe(labelled, "chart.kind_bars", heading, view.lang, label_fields=("bar_row",))
    spec = charts.spec("bars", labelled, heading.title, heading.subtitle, text, view.lang, label_field="bar_row")
    chart_block(spec, labelled, text, view.lang, key)


def _breakdown_chart(rows: pl.DataFrame, indicator_id: str, view: View, key: str) -> None:
    """Shares (or amounts) by category, one bar per year, one panel per selected region."""
    shown = data.in_regions(data.of_indicator(rows, indicator_id, breakdown=True), view.filters.regions)
    shown = data.primary(shown, ["region_code", "year_start", "year_end", "category"]).sort(
        ["region_code", "category", "year_end"])
    unit_label = charts.plot_scale(shown, view.lang)[1]
    heading = Heading(indicator_name(indicator_id, view.lang), _subtitle(unit_label, shown))
    text = charts.describe(shown, "chart.kind_bars", heading, view.lang,
                           label_fields=("region_name", "category_label", "years_label"))
    spec = charts.spec("grouped_bars", shown, heading.title, heading.subtitle, text, view.lang)
    chart_block(spec, shown, text, view.lang, key)


def indicator_sections(rows: pl.DataFrame, indicator_ids: Sequence[str], view: View, key: str,
                       *, parts: Sequence[str] = (TOTALS,)) -> None:
    """For each indicator, the charts of `parts` that have figures for the selection (totals
    over single years, breakdown by category); then one line naming the indicators without any,
    and one naming those published only for multi-year periods (listed in the period table)."""
    selected = data.in_regions(rows, view.filters.regions).filter(pl.col("value").is_not_null())
    empty, periods_only = [], []
    for indicator_id in indicator_ids:
        totals = data.of_indicator(selected, indicator_id)
        drawn = False
        if TOTALS in parts and not data.single_years(totals).is_empty():
            _totals_chart(rows, indicator_id, view, f"{key}-{indicator_id}")
            drawn = True
        if BREAKDOWN in parts and not data.of_indicator(selected, indicator_id, breakdown=True).is_empty():
            _breakdown_chart(rows, indicator_id, view, f"{key}-{indicator_id}-by")
            drawn = True
        if not drawn:
            (periods_only if totals.height else empty).append(indicator_name(indicator_id, view.lang))
    if periods_only:
        st.caption(view.t("chart.periods_only", names="; ".join(periods_only)))
    if empty:
        st.caption(view.t("chart.not_published_for_selection", names="; ".join(empty)))


def _option_label(option: dict) -> str:
    """"Indicator — category" of a regional indicator option."""
    if option["category"] is None:
        return option["indicator_name"]
    return f"{option['indicator_name']} — {option['category_label']}"


def _on_map_select(map_key: str) -> None:
    """A click on the map makes the clicked region the region filter."""
    code = maps.picked_region(st.session_state[map_key].get("selection"))
    if code:
        shell.select_region(code)


def _with_all_regions(values: pl.DataFrame, view: View) -> pl.DataFrame:
    """Every region (not the country) with its value, or nulls where nothing was published."""
    regions = view.regions.filter(pl.col("kind") != "country").select(
        "region_code", pl.col(f"name_{view.lang}").alias("region_name"))
    return regions.join(values.drop("region_name"), on="region_code", how="left")


def new_regions_note(view: View) -> str | None:
    """Which regions exist only since some year (from regions.created_year)."""
    created = view.regions.filter(pl.col("created_year").is_not_null())
    sentences = [view.t("regional.new_regions", names=", ".join(group[f"name_{view.lang}"].to_list()), year=year)
                 for (year,), group in created.group_by(["created_year"], maintain_order=True)]
    return " ".join(sentences) or None


def regional_section(rows: pl.DataFrame, view: View, key: str) -> None:
    """Choropleth of the regions for any indicator with regional values, with a sorted bar chart
    beside it; regions without a published value are "no data", never zero."""
    options = data.regional_indicators(rows)
    if options.is_empty():
        no_data(view.lang, view.t("regional.figures"))
        return
    by_id = {f"{o['indicator_id']}|{o['category'] or ''}": o for o in options.iter_rows(named=True)}
    picked = st.selectbox(view.t("regional.indicator"), list(by_id), key=f"{key}-indicator",
                          format_func=lambda option_id: _option_label(by_id[option_id]))
    option = by_id[picked]
    years = list(option["years"])
    year = st.segmented_control(view.t("regional.year"), years, default=years[-1], required=True,
                                key=f"{key}-year-{picked}") or years[-1]
    values = data.regional_values(rows, option["indicator_id"], option["category"], year)
    shown = _with_all_regions(values, view)
    unit_label = charts.plot_scale(values.filter(pl.col("value").is_not_null()), view.lang)[1]
    heading = Heading(_option_label(option).replace(" — ", "\n"),
                      f"{unit_label} · {year} · {view.t('regional.n_regions', n=values.height)}")
    text = charts.describe(shown.sort("value", descending=True, nulls_last=True), "chart.kind_regions",
                           heading, view.lang, label_fields=("region_name",))
    highlight = () if view.filters.is_national else view.filters.regions
    map_column, bar_column = st.columns([3, 2], gap="medium")
    with map_column:
        if maps.geometry() is None:
            st.info(view.t("regional.no_geometry"))
        else:
            deck_json, breaks = maps.choropleth(values.select(MAP_COLUMNS), view.region_names(), highlight,
                                                view.lang)
            map_key = f"{key}-map"
            st.pydeck_chart(maps.SerializedDeck(deck_json), on_select=functools.partial(_on_map_select, map_key),
                            selection_mode="single-object", key=map_key, height=440, alt=text[:300])
            legend = map_legend(breaks, unit_label, view.lang, whole=option["unit"] in formatting.WHOLE_UNITS)
            st.markdown(legend, unsafe_allow_html=True)
            st.caption(view.t("regional.click_hint"))
    with bar_column:
        spec = charts.spec("bars", shown, heading.title, heading.subtitle, text, view.lang,
                           label_field="region_name", highlight=highlight)
        chart_block(spec, shown, text, view.lang, f"{key}-bars")
    note = new_regions_note(view)
    if note:
        st.caption(note)


def _documents(headline: data.Headline) -> str:
    """The documents a change compares: one id, or "earlier → later"."""
    first, last = headline.earliest["source_id"], headline.latest["source_id"]
    return first if first == last else f"{first} → {last}"


def changes_table(rows: pl.DataFrame, indicator_ids: Sequence[str], view: View) -> None:
    """What changed between the earliest and the latest year in range, per indicator and region."""
    names = view.region_names()
    records = []
    for region in view.filters.regions:
        for indicator_id in indicator_ids:
            found = data.headline(rows, indicator_id, region)
            if found is None or found.earliest is None:
                continue
            change = found.change_percent
            records.append({
                view.t("field.indicator"): indicator_name(indicator_id, view.lang),
                view.t("field.region"): names.get(region, region),
                view.t("changes.from"): f"{found.earliest['years_label']}: {found.earliest['value_label']}",
                view.t("changes.to"): f"{found.latest['years_label']}: {found.latest['value_label']}",
                view.t("changes.change"): "" if change is None else formatting.format_change(change, view.lang),
                view.t("changes.documents"): _documents(found),
            })
    if not records:
        st.caption(view.t("changes.none"))
        return
    st.dataframe(pl.DataFrame(records), hide_index=True, width="stretch")
    st.caption(view.t("changes.explain"))


@functools.cache
def caveat_patterns() -> list[dict]:
    """The caveat locators of qogam/caveats.toml."""
    with CAVEATS.open("rb") as fh:
        return tomllib.load(fh)["caveat"]


def caveats_section(view: View) -> None:
    """The reports' own warnings about their figures, quoted from source_lines."""
    for caveat in caveat_patterns():
        found = db.query("caveat_paragraphs", {"pattern": caveat["pattern"], "reach": CAVEAT_REACH})
        if found.is_empty():
            continue
        st.markdown(f"**{view.t('caveat.' + caveat['id'])}**")
        for row in found.iter_rows(named=True):
            first, last = row["first_line"], row["last_line"]
            where = f"{view.t('field.line')} {first}" if first == last else f"{view.t('field.lines')} {first}–{last}"
            st.markdown(quote_block(row["paragraph"]))
            st.caption(f"{formatting.md_escape(row['source_title'])}, {where}")


def period_table(rows: pl.DataFrame, view: View, key: str) -> None:
    """Figures that cover several years (e.g. 2003–2021 totals): a year axis would misplace them."""
    periods = data.in_regions(rows, view.filters.regions).filter(pl.col("year_start") != pl.col("year_end"))
    table_block(periods, view, f"{key}-periods", "periods.title", "periods.explain")


def all_figures_table(rows: pl.DataFrame, view: View, key: str) -> None:
    """Every figure of the page's topics for the selected regions and years, with citations."""
    table_block(data.in_regions(rows, view.filters.regions), view, f"{key}-all", "figures.title",
                "figures.explain")


def gaps_section(topics: Sequence[str], lang: str) -> None:
    """Charts lost in extraction: caption, what the series would show, and the plain statement
    that it was not published as text — never a guessed series."""
    gaps = db.query("gaps", {"topics": list(topics)})
    if gaps.is_empty():
        return
    st.subheader(i18n.t("gaps.title", lang))
    st.caption(i18n.t("gaps.explain", lang))
    items = [f"- **{formatting.md_inline(row['caption'])}** — "
             f"{i18n.t('gaps.not_published', lang, what=formatting.md_inline(row['would_show']))} "
             f"*{formatting.md_inline(row['source_title'])}, {i18n.t('field.line', lang)} {row['line']}*"
             for row in gaps.iter_rows(named=True)]
    st.markdown("\n".join(items))
