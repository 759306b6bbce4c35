"""Observations as the pages need them: localised, filtered, and reduced to what a chart shows.

Loading goes through `qogam.db` (cached); everything else is a pure function on polars frames,
so the rules — which figure heads a metric, how a change is computed, what "no data" means —
are unit-testable. Several documents often publish the same figure differently; these
functions never drop the others: they choose one to draw and keep the rest for the citations.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from conventions import formatting, i18n
from conventions.codes import PLACE_KINDS
from publish.exports import csv_bytes
from qogam import db, labels
from qogam.byte_cache import ByteBudgetCache

QUALIFIER_RANK = {"exact": 0, "approx": 1, "range": 2, "at_least": 3, "more_than": 3,
                  "up_to": 4, "less_than": 4, "missing": 9}
COUNT_UNITS = ("persons", "organizations", "groups", "hours", "events", "projects")
# Bounds ("more than 20,000") say nothing about how much a figure changed.
COMPARABLE_QUALIFIERS = ("exact", "approx")
EXPORT_COLUMNS = ["indicator_id", "indicator_name", "region_code", "region_name", "year_start",
                  "year_end", "category", "value", "value_high", "unit", "qualifier", "note",
                  "derived", "method", "basis", "disagreement", "source_id", "source_title", "line", "quote"]


def localize(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Add names and labels in `lang` (`qogam.labels`, whole columns at once), plus the rank
    used to choose among duplicates."""
    return labels.with_labels(rows, lang).with_columns(
        pl.col(f"indicator_{lang}").alias("indicator_name"),
        pl.col(f"region_{lang}").alias("region_name"),
        pl.col("qualifier").replace_strict(QUALIFIER_RANK, default=5).alias("qualifier_rank"),
    )


# Localised frames kept for all sessions, within a budget of bytes (`qogam.byte_cache`): not
# cache_data, which pickled each frame on the way in and unpickled a copy per read (seconds at
# 1,000x data); not a count of entries, which let 32 of them take the server past 4 GiB. Nothing
# modifies a frame in place (polars frames are immutable unless assigned into).
CACHE_BYTES = 128 * 2**20    # four national views at 1,000x data (about 27 MiB each)
_FRAMES: ByteBudgetCache[pl.DataFrame] = ByteBudgetCache(CACHE_BYTES)


def observations(topics: Sequence[str], year_from: int, year_to: int, lang: str,
                 regions: Sequence[str] = ()) -> pl.DataFrame:
    """Localised figures of `topics` overlapping the years, of `regions` (empty: all regions)."""
    return _read(topics, year_from, year_to, lang, regions)


def _read(topics: Sequence[str], year_from: int, year_to: int, lang: str, regions: Sequence[str] = (),
          one: tuple[str, str | None, int] | None = None) -> pl.DataFrame:
    """queries/observations.sql localised and kept in `_FRAMES`; `one` = (indicator, category,
    year) narrows it to that indicator's figures of one category in one single year."""
    indicator_id, category, year = one or (None, None, None)
    params = {"topics": sorted(topics), "year_from": year_from, "year_to": year_to, "regions": sorted(regions),
              "indicator_id": indicator_id, "category": category, "year": year}
    key = (db.database_key(), tuple(params["topics"]), year_from, year_to, tuple(params["regions"]), one, lang)
    return _FRAMES.get_or_compute(key, lambda: localize(db.read("observations", params), lang))


def in_regions(rows: pl.DataFrame, regions: Sequence[str]) -> pl.DataFrame:
    return rows.filter(pl.col("region_code").is_in(list(regions)))


def of_indicator(rows: pl.DataFrame, indicator_id: str, *, breakdown: bool = False) -> pl.DataFrame:
    """Totals (`category` NULL) of an indicator, or its breakdown rows when `breakdown`."""
    category = pl.col("category").is_not_null() if breakdown else pl.col("category").is_null()
    return rows.filter((pl.col("indicator_id") == indicator_id) & category)


def single_years(rows: pl.DataFrame) -> pl.DataFrame:
    """Figures for one calendar year: the only ones a year axis can place honestly."""
    return rows.filter(pl.col("year_start") == pl.col("year_end"))


def preferred_first(rows: pl.DataFrame) -> pl.DataFrame:
    """Order rows so the one to draw comes first: newest document, then exact before estimates."""
    return rows.sort(["year_published", "qualifier_rank", "source_id", "line"],
                     descending=[True, False, False, False])


def primary(rows: pl.DataFrame, keys: Sequence[str]) -> pl.DataFrame:
    """One published value per `keys` group (see `preferred_first`); missing values lose to real ones."""
    with_value = rows.with_columns(pl.col("value").is_null().alias("_missing"))
    ordered = preferred_first(with_value).sort("_missing", maintain_order=True)
    return ordered.group_by(list(keys), maintain_order=True).first().drop("_missing")


@dataclass(frozen=True)
class Headline:
    """A headline figure: the latest value in the years, the others published for that year,
    and the value of the earliest year in range to compare with (if any)."""

    latest: dict
    same_year: list[dict]
    earliest: dict | None

    @property
    def change_percent(self) -> float | None:
        """Relative change since `earliest`; None for shares, bounds, mixed units or qualifiers."""
        if self.earliest is None or self.earliest["unit"] != self.latest["unit"]:
            return None
        if self.latest["unit"] in ("percent", "percent_change"):
            return None
        comparable = self.latest["qualifier"] in COMPARABLE_QUALIFIERS
        if not comparable or self.earliest["qualifier"] != self.latest["qualifier"]:
            return None
        return formatting.percent_change(self.earliest["value"], self.latest["value"])


def headline(rows: pl.DataFrame, indicator_id: str, region: str) -> Headline | None:
    """The headline of an indicator's total in one region, or None when nothing was published.

    The comparison value is the earliest single year in range, preferring a figure with the
    same qualifier as the latest (an exact count is not compared with an estimate if avoidable).
    """
    found = of_indicator(rows, indicator_id).filter(
        (pl.col("region_code") == region) & pl.col("value").is_not_null())
    if found.is_empty():
        return None
    latest_end = found["year_end"].max()
    latest_rows = found.filter(pl.col("year_end") == latest_end)
    latest_rows = latest_rows.filter(pl.col("year_start") == latest_rows["year_start"].max())
    ordered = preferred_first(latest_rows).to_dicts()
    earlier = single_years(found.filter(pl.col("year_end") < latest_end))
    alike = earlier.filter(pl.col("qualifier") == ordered[0]["qualifier"])
    earlier = alike if not alike.is_empty() else earlier
    earliest = None
    if not earlier.is_empty():
        first_year = earlier["year_end"].min()
        earliest = preferred_first(earlier.filter(pl.col("year_end") == first_year)).to_dicts()[0]
    return Headline(ordered[0], ordered[1:], earliest)


def order_regional(options: pl.DataFrame) -> pl.DataFrame:
    """Regional options with counts first (most regions first): a map of how many is the usual
    first question."""
    return (options.with_columns(pl.col("unit").is_in(list(COUNT_UNITS)).alias("is_count"))
            .sort(["is_count", "n_regions", "indicator_id", "category"],
                  descending=[True, True, False, False], nulls_last=True)
            .drop("is_count"))


def regional_options(topics: Sequence[str], year_from: int, year_to: int, lang: str) -> pl.DataFrame:
    """(indicator, category) pairs of `topics` with a published single-year value for at least one
    region in the years (`order_regional`), aggregated by DuckDB: indicator and category names in
    `lang`, unit, number of regions, years."""
    params = {"topics": sorted(topics), "year_from": year_from, "year_to": year_to, "kinds": list(PLACE_KINDS)}
    options = db.query("regional_options", params)
    categories = {c: i18n.category_label(c, lang) for c in options["category"].unique().to_list() if c is not None}
    named = options.select(
        "indicator_id", pl.col(f"indicator_{lang}").alias("indicator_name"), "category",
        pl.when(pl.col("category").is_null()).then(pl.lit(i18n.category_label(None, lang)))
        .otherwise(pl.col("category").replace_strict(categories, default=None, return_dtype=pl.Utf8))
        .alias("category_label"),
        "unit", "n_regions", "years")
    return order_regional(named)


def regional_values(topics: Sequence[str], indicator_id: str, category: str | None, year: int,
                    lang: str) -> pl.DataFrame:
    """One localised value per region (published-as-missing included) for one indicator of
    `topics`, one category and one year: DuckDB reads only those figures, `primary` chooses."""
    found = _read(topics, year, year, lang, one=(indicator_id, category, year))
    return primary(found.filter(pl.col("region_kind").is_in(PLACE_KINDS)), ["region_code"])


def breakdown_categories(indicator_id: str, year_from: int, year_to: int) -> list[str]:
    """The breakdown categories an indicator is published with in the years (e.g. the areas of
    activity), read without its figures."""
    params = {"indicator_id": indicator_id, "year_from": year_from, "year_to": year_to}
    return db.query("indicator_categories", params)["category"].to_list()


def export_csv(rows: pl.DataFrame) -> bytes:
    """The rows behind a chart as CSV, UTF-8 with a BOM so Excel shows Cyrillic correctly (written
    like the full downloads, by `publish.exports.csv_bytes`)."""
    return csv_bytes(rows.select([c for c in EXPORT_COLUMNS if c in rows.columns]), bom=True)


def source_summary(rows: pl.DataFrame) -> list[tuple[str, list[int]]]:
    """(document title, sorted lines) for every document the rows quote."""
    grouped = rows.group_by("source_title", maintain_order=True).agg(pl.col("line").unique().sort())
    return [(title, lines) for title, lines in grouped.iter_rows()]


def with_categories(rows: pl.DataFrame, indicator_id: str, categories: Sequence[str]) -> pl.DataFrame:
    """Rows of other indicators, plus `indicator_id`'s breakdown rows limited to `categories`.

    Used where an indicator mixes kinds of breakdown (hours by area and hours per volunteer):
    only the categories another indicator defines as a set (areas) are drawn together.
    """
    is_other = pl.col("indicator_id") != indicator_id
    return rows.filter(is_other | pl.col("category").is_in(list(categories)))
