"""What each section of a figures page shows, computed once per view and shared by all sessions.

A rerun — a widget touched, a popover opened, another visitor with the same filters — must not
redo the polars filters, the Altair validation and the Arrow serialisation behind a page: they
depend only on the view. So they are built here, keyed by a small hashable `Scope` (filters
and database file), and kept in a process-wide LRU cache: one shared copy for every session.
`st.cache_data` would unpickle a fresh copy on every call (at 1,000x data that copy cost more
than drawing the page), and Streamlit's cache keys hash every argument field by field, which
cost a shipped-data rerun more than its drawing; a frozen dataclass hashes in a microsecond.
Every model is frozen and its frames are never modified in place, which makes sharing safe.

Nothing here draws: `qogam.figure_sections` and `qogam.figure_blocks` lay the models out.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl
import pyarrow as pa

from conventions import formatting, i18n
from conventions.codes import PLACE_KINDS
from qogam import byte_cache, charts, db, maps, observations
from qogam.charts import Heading
from qogam.filters import Filters

TOTALS, BREAKDOWN = "totals", "breakdown"
MAX_HEADLINE_REGIONS = 4
# Bytes of models kept per kind of model (`byte_cache.memoize`): an entry holds a view's frames,
# whose size grows with the data, so the bound is on what they hold, not on how many.
VIEW_BYTES = 48 * 2**20
# Rows of a citation table sent to the page. The shipped data never comes near it; a selection
# at 1,000x would send 150,000 rows on every rerun, more than anyone reads in a grid.
MAX_TABLE_ROWS = 2_000
MAX_CITED = 10             # citations spelled out in a popover; the rest are counted
MAP_COLUMNS = ["region_code", "value", "value_label", "years_label", "source_title", "line"]
# Columns of a citation table and the translation keys of their headings.
CITATION_COLUMNS = {"indicator_name": "field.indicator", "region_name": "field.region",
                    "years_label": "field.year", "category_label": "field.category",
                    "value_label": "field.value", "qualifier_label": "field.qualifier",
                    "basis_label": "disagree.basis_column", "disagree_label": "disagree.column",
                    "source_title": "field.source", "line": "field.line", "quote": "field.quote"}

cached = byte_cache.memoize(VIEW_BYTES)


def _current_db() -> str:
    return db.database_key()


@dataclass(frozen=True)
class Scope:
    """The figures a section is computed from: topics, filters and, where an indicator mixes
    kinds of breakdown, which indicator's categories it is limited to (`observations.with_categories`).
    The database file is part of the key, so a scope never answers from another database."""

    topics: tuple[str, ...]
    filters: Filters
    categories_like: tuple[str, str] | None = None   # (indicator limited, indicator defining the set)
    database: str = field(default_factory=_current_db)

    @property
    def lang(self) -> str:
        return self.filters.lang

    def selected(self) -> pl.DataFrame:
        """The figures of the topics in the years for the selected regions (DuckDB reads only those)."""
        filters = self.filters
        rows = observations.observations(self.topics, filters.year_from, filters.year_to, self.lang, filters.regions)
        if self.categories_like is None:
            return rows
        limited, defining = self.categories_like
        categories = observations.breakdown_categories(defining, filters.year_from, filters.year_to)
        return observations.with_categories(rows, limited, categories)


@dataclass(frozen=True)
class Table:
    """Figures with their citations: `arrow` is what the page shows (headings in the page's
    language; Arrow so Streamlit sends it without a pandas round trip; the first
    `MAX_TABLE_ROWS`), `rows` what the CSV holds (all of them)."""

    arrow: pa.Table
    rows: pl.DataFrame

    @property
    def cut(self) -> bool:
        return self.arrow.num_rows < self.rows.height


@dataclass(frozen=True)
class Chart:
    """A chart and everything said about it: Vega-Lite spec (data as Arrow), text alternative,
    source line, the years published as missing, and the cited rows."""

    spec: dict
    text: str
    source: str
    missing_years: str | None
    table: Table


@dataclass(frozen=True)
class IndicatorCharts:
    """The charts of a list of indicators, and the names of those that could not be drawn."""

    charts: tuple[tuple[str, Chart], ...]      # (key suffix, chart)
    periods_only: tuple[str, ...]
    empty: tuple[str, ...]


@dataclass(frozen=True)
class HeadlineCard:
    """A headline figure and the Markdown of its citations."""

    headline: observations.Headline
    citations: str
    disagreement: str | None = None  # the disagreeing values with their basis, when there are any


@dataclass(frozen=True)
class RegionalMap:
    """One indicator's values by region for one year: map, bars beside it, legend."""

    deck: maps.SerializedDeck | None
    breaks: tuple[float, ...]
    unit_label: str
    whole_numbers: bool
    bars: Chart


@cached
def indicator_names(lang: str, database: str) -> dict[str, str]:
    """Indicator id → name in `lang` (`database` keys the cache)."""
    return dict(db.query("indicator_names").select("indicator_id", f"name_{lang}").iter_rows())


def indicator_name(indicator_id: str, lang: str) -> str:
    return indicator_names(lang, _current_db()).get(indicator_id, indicator_id)


@cached
def region_names(lang: str, database: str) -> dict[str, str]:
    """Region code → name in `lang` (`database` keys the cache)."""
    return dict(db.query("regions").select("region_code", f"name_{lang}").iter_rows())


def with_basis(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """`basis_label` (how each figure was counted) and `disagree_label` (a marker on figures that
    belong to a disagreement, see the disagreements table) in `lang`."""
    if "basis_label" in rows.columns or f"basis_{lang}" not in rows.columns:
        return rows
    marker = i18n.t("disagree.marker", lang)
    return rows.with_columns(pl.col(f"basis_{lang}").alias("basis_label"),
                             pl.when(pl.col("disagreement").is_not_null()).then(pl.lit(marker))
                             .otherwise(pl.lit("")).alias("disagree_label"))


def citation_table(rows: pl.DataFrame, lang: str) -> Table:
    """The rows with their citations, column headings in `lang`."""
    rows = with_basis(rows, lang)
    shown = rows.select([c for c in CITATION_COLUMNS if c in rows.columns]).rename(
        {column: i18n.t(key, lang) for column, key in CITATION_COLUMNS.items() if column in rows.columns})
    return Table(shown.head(MAX_TABLE_ROWS).to_arrow(), rows)


def source_caption(rows: pl.DataFrame, lang: str) -> str:
    """"Source: title, lines 72, 313; other title, line 5" for the rows shown."""
    parts = []
    for title, lines in observations.source_summary(rows.filter(pl.col("source_title").is_not_null())):
        word = i18n.t("field.line" if len(lines) == 1 else "field.lines", lang)
        parts.append(f"{formatting.md_escape(title)}, {word} {', '.join(map(str, lines))}")
    return f"{i18n.t('chart.source', lang)}: " + "; ".join(parts)


def chart(kind: str, rows: pl.DataFrame, heading: Heading, text: str, lang: str, **options: object) -> Chart:
    """A chart of `rows` with its source line, text alternative and citation table."""
    missing = rows.filter(pl.col("qualifier") == "missing")
    missing_years = ", ".join(sorted(set(missing["years_label"].to_list()))) if missing.height else None
    rows = with_basis(rows, lang)
    return Chart(charts.spec(kind, rows, heading.title, heading.subtitle, text, lang, **options), text,
                 source_caption(rows, lang), missing_years, citation_table(rows, lang))


def citation_markdown(row: dict, lang: str) -> str:
    """Document title and line, the figure as read, the verbatim quote, note and method."""
    figure = f"{row['value_label']} · {row['years_label']} · {row['qualifier_label']}"
    if row.get("category"):
        figure += f" · {row['category_label']}"
    if row.get(f"basis_{lang}"):
        figure += f" · {row[f'basis_{lang}']}"
    parts = [f"**{formatting.md_escape(row['source_title'])}**, {i18n.t('field.line', lang)} {row['line']}",
             figure, formatting.quote_block(row["quote"])]
    if row.get("disagreement"):
        parts.insert(1, f":material/warning: **{i18n.t('disagree.marker', lang)}**")
    if row.get("note"):
        parts.append(f"*{formatting.md_escape(row['note'])}*")
    if row.get("derived"):
        parts.append(f"*{i18n.t('cite.derived', lang)}: {formatting.md_escape(row['method'])}*")
    return "\n\n".join(parts)


def citations_markdown(rows: Sequence[dict], lang: str) -> str:
    """The citations of `rows`, the first `MAX_CITED` spelled out and the rest counted: a figure
    published many times is cited in full in the table of figures and its CSV."""
    shown = [citation_markdown(row, lang) for row in rows[:MAX_CITED]]
    if len(rows) > MAX_CITED:
        shown.append(i18n.t("cite.more", lang, n=len(rows) - MAX_CITED))
    return "\n\n---\n\n".join(shown)


def _subtitle(unit_label: str, rows: pl.DataFrame) -> str:
    """Unit · place(s) · years shown (a period where figures cover several years)."""
    places = ", ".join(sorted(set(rows["region_name"].drop_nulls().to_list())))
    span = formatting.format_years(rows["year_start"].min(), rows["year_end"].max()) if rows.height else ""
    return " · ".join(part for part in (unit_label, places, span) if part)


def _totals_chart(scope: Scope, indicator_id: str) -> Chart:
    """An indicator's single-year totals for the selected regions: a line over the years, or
    labelled bars when all figures are of one year (a lone dot on a time axis says little)."""
    lang = scope.lang
    shown = observations.single_years(observations.of_indicator(scope.selected(), indicator_id))
    unit_label = charts.plot_scale(shown.filter(pl.col("value").is_not_null()), lang)[1]
    heading = Heading(indicator_name(indicator_id, lang), _subtitle(unit_label, shown))
    if shown["year_end"].n_unique() > 1:
        text = charts.describe(shown, "chart.kind_series", heading, lang,
                               label_fields=("region_name", "years_label", "source_title"))
        return chart("series", shown, heading, text, lang)
    labelled = shown.with_columns(pl.format("{} · {} · {}, {} {}", "region_name", "years_label", "source_id",
                                            pl.lit(i18n.t("field.line", lang)), "line").alias("bar_row"))
    text = charts.describe(labelled, "chart.kind_bars", heading, lang, label_fields=("bar_row",))
    return chart("bars", labelled, heading, text, lang, label_field="bar_row")


def _breakdown_chart(scope: Scope, indicator_id: str) -> Chart:
    """Shares (or amounts) by category, one bar per year, one panel per selected region."""
    lang = scope.lang
    shown = observations.of_indicator(scope.selected(), indicator_id, breakdown=True)
    shown = observations.primary(shown, ["region_code", "year_start", "year_end", "category"]).sort(
        ["region_code", "category", "year_end"])
    unit_label = charts.plot_scale(shown, lang)[1]
    heading = Heading(indicator_name(indicator_id, lang), _subtitle(unit_label, shown))
    text = charts.describe(shown, "chart.kind_bars", heading, lang,
                           label_fields=("region_name", "category_label", "years_label"))
    return chart("grouped_bars", shown, heading, text, lang)


@cached
def indicator_charts(scope: Scope, indicator_ids: tuple[str, ...], parts: tuple[str, ...]) -> IndicatorCharts:
    """For each indicator, the charts of `parts` that have figures for the selection (totals
    over single years, breakdown by category), and the indicators without any — split into
    those published only for multi-year periods (listed in the period table) and the rest."""
    selected = scope.selected().filter(pl.col("value").is_not_null())
    drawn: list[tuple[str, Chart]] = []
    empty, periods_only = [], []
    for indicator_id in indicator_ids:
        totals = observations.of_indicator(selected, indicator_id)
        found = False
        if TOTALS in parts and not observations.single_years(totals).is_empty():
            drawn.append((indicator_id, _totals_chart(scope, indicator_id)))
            found = True
        if BREAKDOWN in parts and not observations.of_indicator(selected, indicator_id, breakdown=True).is_empty():
            drawn.append((f"{indicator_id}-by", _breakdown_chart(scope, indicator_id)))
            found = True
        if not found:
            (periods_only if totals.height else empty).append(indicator_name(indicator_id, scope.lang))
    return IndicatorCharts(tuple(drawn), tuple(periods_only), tuple(empty))


def headline_card(rows: pl.DataFrame, indicator_id: str, region: str, lang: str) -> HeadlineCard | None:
    """The headline of an indicator in a region with its citations (latest, same year, earliest)."""
    headline = observations.headline(rows, indicator_id, region)
    if headline is None:
        return None
    cited = [headline.latest, *headline.same_year] + ([headline.earliest] if headline.earliest else [])
    return HeadlineCard(headline, citations_markdown(cited, lang), disagreeing_values(
        [headline.latest, *headline.same_year], lang))


def disagreeing_values(rows: Sequence[dict], lang: str) -> str | None:
    """"217 391 (regional front-office count) · at least 240 000 (expert estimate)" for the rows
    that belong to a disagreement, or None when none does."""
    members = [r for r in rows if r.get("disagreement")]
    if not members:
        return None
    return " · ".join(f"{r['value_label']} ({r[f'basis_{lang}']})" for r in members)


@cached
def headlines(scope: Scope, indicator_ids: tuple[str, ...]) -> dict[tuple[str, str], HeadlineCard | None]:
    """(region, indicator) → headline card, for the first regions shown with headlines."""
    rows = scope.selected()
    return {(region, indicator_id): headline_card(rows, indicator_id, region, scope.lang)
            for region in scope.filters.regions[:MAX_HEADLINE_REGIONS] for indicator_id in indicator_ids}


@cached
def changes(scope: Scope, indicator_ids: tuple[str, ...]) -> tuple[tuple[str, str, observations.Headline], ...]:
    """(indicator, region, headline) for every headline with an earlier year to compare with."""
    rows = scope.selected()
    found = ((indicator_id, region, observations.headline(rows, indicator_id, region))
             for region in scope.filters.regions for indicator_id in indicator_ids)
    return tuple((ind, region, head) for ind, region, head in found if head is not None and head.earliest)


@cached
def figures_table(scope: Scope, periods: bool) -> Table | None:
    """The selection's figures covering several years (`periods`), or all of them; None if none."""
    rows = scope.selected()
    if periods:
        rows = rows.filter(pl.col("year_start") != pl.col("year_end"))
    return citation_table(rows, scope.lang) if rows.height else None


def option_label(option: dict) -> str:
    """"Indicator — category" of a regional indicator option."""
    if option["category"] is None:
        return option["indicator_name"]
    return f"{option['indicator_name']} — {option['category_label']}"


@cached
def regional_options(scope: Scope) -> dict[str, dict]:
    """Option id ("indicator|category") → indicator, category, unit and years with regional values."""
    filters = scope.filters
    options = observations.regional_options(scope.topics, filters.year_from, filters.year_to, scope.lang)
    return {f"{o['indicator_id']}|{o['category'] or ''}": {**o, "years": list(o["years"])}
            for o in options.iter_rows(named=True)}


def _with_all_regions(values: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Every region and city with its value, or nulls where nothing was published (neither the
    country nor the pseudo-regions INT and ZZ, which are no place on the map)."""
    regions = db.query("regions").filter(pl.col("kind").is_in(PLACE_KINDS)).select(
        "region_code", pl.col(f"name_{lang}").alias("region_name"))
    return regions.join(values.drop("region_name"), on="region_code", how="left")


@cached
def regional_map(scope: Scope, option_id: str, year: int) -> RegionalMap:
    """The map and bars of one regional option and year; regions without a value are "no data"."""
    lang, option = scope.lang, regional_options(scope)[option_id]
    values = observations.regional_values(scope.topics, option["indicator_id"], option["category"], year, lang)
    shown = _with_all_regions(values, lang)
    unit_label = charts.plot_scale(values.filter(pl.col("value").is_not_null()), lang)[1]
    heading = Heading(option_label(option).replace(" — ", "\n"),
                      f"{unit_label} · {year} · {i18n.t('regional.n_regions', lang, n=values.height)}")
    text = charts.describe(shown.sort("value", descending=True, nulls_last=True), "chart.kind_regions",
                           heading, lang, label_fields=("region_name",))
    highlight = () if scope.filters.is_national else scope.filters.regions
    deck, breaks = None, []
    if maps.geometry() is not None:
        deck_json, breaks = maps.choropleth(values.select(MAP_COLUMNS), region_names(lang, scope.database),
                                            highlight, lang)
        deck = maps.SerializedDeck(deck_json)
    bars = chart("bars", shown, heading, text, lang, label_field="region_name", highlight=highlight)
    return RegionalMap(deck, tuple(breaks), unit_label, option["unit"] in formatting.WHOLE_UNITS, bars)

