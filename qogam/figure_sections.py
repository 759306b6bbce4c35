"""Page sections built from the shared widgets: headline rows, indicator charts, the regional
map, what changed, the reports' caveats, period and citation tables, lost charts.

What a section shows is decided in `qogam.figure_views` (a line over years, labelled bars for one
year, bars by category, a map), once per view; here it is laid out, and a section says plainly
when nothing was published for the selection.
"""
from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl
import streamlit as st

from conventions import formatting, i18n
from qogam import byte_cache, db, figure_views, maps, observations, page_frame
from qogam.figure_blocks import chart_block, headline_metric, map_legend, no_data, practices_metric, table_block
from qogam.figure_views import TOTALS, Scope
from qogam.page_frame import View

MAX_HEADLINE_REGIONS = figure_views.MAX_HEADLINE_REGIONS
METRICS_PER_ROW = 3
CAVEATS = Path(__file__).with_name("caveats.toml")
CAVEAT_REACH = 12          # lines either side of a match that a caveat paragraph may span


def headline_rows(scope: Scope, indicator_ids: Sequence[str], view: View, key: str,
                  *, practices: bool = False) -> None:
    """Headline metrics for each selected region (the first four; the rest are in the charts)."""
    names = view.region_names()
    regions = view.filters.regions
    found = figure_views.headlines(scope, tuple(indicator_ids))
    for region in regions[:MAX_HEADLINE_REGIONS]:
        if not view.filters.is_national:
            st.subheader(names.get(region, region), divider="gray")
        cells: list[Callable[[], None]] = [
            functools.partial(headline_metric, figure_views.indicator_name(ind, view.lang), found[(region, ind)],
                              view.lang, f"{key}-{ind}-{region}") for ind in indicator_ids]
        if practices:
            cells.append(functools.partial(practices_metric, view, region, f"{key}-practices-{region}"))
        for start in range(0, len(cells), METRICS_PER_ROW):
            for column, cell in zip(st.columns(METRICS_PER_ROW), cells[start:start + METRICS_PER_ROW]):
                with column:
                    cell()
    if len(regions) > MAX_HEADLINE_REGIONS:
        st.caption(view.t("metric.more_regions", n=len(regions) - MAX_HEADLINE_REGIONS))


def indicator_sections(scope: Scope, indicator_ids: Sequence[str], view: View, key: str,
                       *, parts: Sequence[str] = (TOTALS,)) -> None:
    """For each indicator, the charts of `parts` that have figures for the selection (totals
    over single years, breakdown by category); then one line naming the indicators without any,
    and one naming those published only for multi-year periods (listed in the period table)."""
    found = figure_views.indicator_charts(scope, tuple(indicator_ids), tuple(parts))
    for suffix, chart in found.charts:
        chart_block(chart, view.lang, f"{key}-{suffix}")
    if found.periods_only:
        st.caption(view.t("chart.periods_only", names="; ".join(found.periods_only)))
    if found.empty:
        st.caption(view.t("chart.not_published_for_selection", names="; ".join(found.empty)))


def _on_map_select(map_key: str) -> None:
    """A click on the map makes the clicked region the region filter."""
    code = maps.picked_region(st.session_state[map_key].get("selection"))
    if code:
        page_frame.select_region(code)


def new_regions_note(view: View) -> str | None:
    """Which regions exist only since some year (from regions.created_year)."""
    return _new_regions_note(db.database_key(), view.lang) or None


@byte_cache.memoize(2**20)
def _new_regions_note(database: str, lang: str) -> str:
    created = db.query("regions").filter(pl.col("created_year").is_not_null())
    return " ".join(i18n.t("regional.new_regions", lang, names=", ".join(group[f"name_{lang}"].to_list()), year=year)
                    for (year,), group in created.group_by(["created_year"], maintain_order=True))


def regional_section(scope: Scope, view: View, key: str) -> None:
    """Choropleth of the regions for any indicator with regional values, with a sorted bar chart
    beside it; regions without a published value are "no data", never zero."""
    options = figure_views.regional_options(scope)
    if not options:
        no_data(view.lang, view.t("regional.figures"))
        return
    picked = st.selectbox(view.t("regional.indicator"), list(options), key=f"{key}-indicator",
                          format_func=lambda option_id: figure_views.option_label(options[option_id]))
    years = options[picked]["years"]
    year = st.segmented_control(view.t("regional.year"), years, default=years[-1], required=True,
                                key=f"{key}-year-{picked}") or years[-1]
    regional = figure_views.regional_map(scope, picked, year)
    map_column, bar_column = st.columns([3, 2], gap="medium")
    with map_column:
        if regional.deck is None:
            st.info(view.t("regional.no_geometry"))
        else:
            map_key = f"{key}-map"
            st.pydeck_chart(regional.deck, key=map_key, height=440,
                            on_select=functools.partial(_on_map_select, map_key),
                            selection_mode="single-object", alt=regional.bars.text[:300])
            legend = map_legend(list(regional.breaks), regional.unit_label, view.lang,
                                whole=regional.whole_numbers)
            st.markdown(legend, unsafe_allow_html=True)
            st.caption(view.t("regional.click_hint"))
    with bar_column:
        chart_block(regional.bars, view.lang, f"{key}-bars")
    note = new_regions_note(view)
    if note:
        st.caption(note)


def _documents(headline: observations.Headline) -> str:
    """The documents a change compares: one id, or "earlier → later"."""
    first, last = headline.earliest["source_id"], headline.latest["source_id"]
    return first if first == last else f"{first} → {last}"


def changes_table(scope: Scope, indicator_ids: Sequence[str], view: View) -> None:
    """What changed between the earliest and the latest year in range, per indicator and region."""
    names = view.region_names()
    records = []
    for indicator_id, region, found in figure_views.changes(scope, tuple(indicator_ids)):
        change = found.change_percent
        records.append({
            view.t("field.indicator"): figure_views.indicator_name(indicator_id, view.lang),
            view.t("field.region"): names.get(region, region),
            view.t("changes.from"): f"{found.earliest['years_label']}: {found.earliest['value_label']}",
            view.t("changes.to"): f"{found.latest['years_label']}: {found.latest['value_label']}",
            view.t("changes.change"): "" if change is None else formatting.format_change(change, view.lang),
            view.t("changes.documents"): _documents(found),
        })
    if not records:
        st.caption(view.t("changes.none"))
        return
    st.dataframe(pl.DataFrame(records).to_arrow(), hide_index=True, width="stretch")
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
            st.markdown(formatting.quote_block(row["paragraph"]))
            st.caption(f"{formatting.md_escape(row['source_title'])}, {where}")


def period_table(scope: Scope, view: View, key: str) -> None:
    """Figures that cover several years (e.g. 2003–2021 totals): a year axis would misplace them."""
    table_block(figure_views.figures_table(scope, periods=True), view, f"{key}-periods", "periods.title",
                "periods.explain")


def all_figures_table(scope: Scope, view: View, key: str) -> None:
    """Every figure of the page's topics for the selected regions and years, with citations."""
    table_block(figure_views.figures_table(scope, periods=False), view, f"{key}-all", "figures.title",
                "figures.explain")


def gaps_section(topics: Sequence[str], lang: str) -> None:
    """Charts lost in extraction: caption, what the series would show, and the plain statement
    that it was not published as text — never a guessed series."""
    items = gap_items(db.database_key(), tuple(topics), lang)
    if not items:
        return
    st.subheader(i18n.t("gaps.title", lang))
    st.caption(i18n.t("gaps.explain", lang))
    st.markdown(items)


@byte_cache.memoize(2**20)
def gap_items(database: str, topics: tuple[str, ...], lang: str) -> str:
    """The lost charts of `topics` as a Markdown list ("" if none), each citing its line (kept
    per database)."""
    gaps = db.query("gaps", {"topics": list(topics)})
    return "\n".join(f"- **{formatting.md_inline(row['caption'])}** — "
                     f"{i18n.t('gaps.not_published', lang, what=formatting.md_inline(row['would_show']))} "
                     f"*{formatting.md_inline(row['source_title'])}, {i18n.t('field.line', lang)} {row['line']}*"
                     for row in gaps.iter_rows(named=True))
