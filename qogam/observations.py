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
import streamlit as st

from conventions import formatting, i18n
from conventions.codes import PLACE_KINDS
from publish.exports import csv_bytes
from qogam import db

QUALIFIER_RANK = {"exact": 0, "approx": 1, "range": 2, "at_least": 3, "more_than": 3,
                  "up_to": 4, "less_than": 4, "missing": 9}
COUNT_UNITS = ("persons", "organizations", "groups", "hours", "events", "projects")
# Bounds ("more than 20,000") say nothing about how much a figure changed.
COMPARABLE_QUALIFIERS = ("exact", "approx")
EXPORT_COLUMNS = ["indicator_id", "indicator_name", "region_code", "region_name", "year_start",
                  "year_end", "category", "value", "value_high", "unit", "qualifier", "note",
                  "derived", "method", "source_id", "source_title", "line", "quote"]


def _labels(rows: pl.DataFrame, lang: str) -> dict[str, list[str]]:
    """Per-row texts that need the formatting rules of `lang`."""
    words = i18n.words(lang)
    out: dict[str, list[str]] = {"years_label": [], "value_label": [], "value_short": [],
                                 "unit_label": [], "qualifier_label": [], "category_label": []}
    for row in rows.iter_rows(named=True):
        out["years_label"].append(formatting.format_years(row["year_start"], row["year_end"]))
        figure = (row["value"], row["value_high"], row["unit"], row["qualifier"], lang, words)
        out["value_label"].append(formatting.format_value(*figure))
        out["value_short"].append(formatting.format_value(*figure, with_unit=False))
        out["unit_label"].append(words.get(f"unit.{row['unit']}", row["unit"]))
        out["qualifier_label"].append(i18n.t(f"qualifier.{row['qualifier']}", lang))
        out["category_label"].append(i18n.category_label(row["category"], lang))
    return out


def localize(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Add names and labels in `lang`, plus the rank used to choose among duplicates."""
    labels = _labels(rows, lang)
    return rows.with_columns(
        pl.col(f"indicator_{lang}").alias("indicator_name"),
        pl.col(f"region_{lang}").alias("region_name"),
        *(pl.Series(name, values, dtype=pl.Utf8) for name, values in labels.items()),
        pl.col("qualifier").replace_strict(QUALIFIER_RANK, default=5).alias("qualifier_rank"),
    )


# A shared resource rather than cache_data: the section models read this frame several times
# while they are built, and an unpickled copy per read cost seconds at 1,000x data. Nothing
# modifies it in place (polars frames are immutable unless assigned into).
@st.cache_resource(show_spinner=False, max_entries=32)
def _observations(path: str, topics: tuple[str, ...], year_from: int, year_to: int,
                  lang: str) -> pl.DataFrame:
    rows = db.query("observations", {"topics": list(topics), "year_from": year_from, "year_to": year_to})
    return localize(rows, lang)


def observations(topics: Sequence[str], year_from: int, year_to: int, lang: str) -> pl.DataFrame:
    """Localised figures of `topics` overlapping the years (all regions; pages filter)."""
    return _observations(db.database_key(), tuple(topics), year_from, year_to, lang)


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


def regional_indicators(rows: pl.DataFrame) -> pl.DataFrame:
    """(indicator, category) pairs with a published single-year value for at least one region.

    Counts come first (most regions first): a map of how many is the usual first question.
    """
    regional = single_years(rows).filter(
        pl.col("region_kind").is_in(PLACE_KINDS) & pl.col("value").is_not_null())
    return (regional.group_by(["indicator_id", "indicator_name", "category", "category_label", "unit"])
            .agg(pl.col("region_code").n_unique().alias("n_regions"),
                 pl.col("year_end").unique().sort().alias("years"))
            .with_columns(pl.col("unit").is_in(list(COUNT_UNITS)).alias("is_count"))
            .sort(["is_count", "n_regions", "indicator_id", "category"],
                  descending=[True, True, False, False], nulls_last=True)
            .drop("is_count"))


def regional_values(rows: pl.DataFrame, indicator_id: str, category: str | None, year: int) -> pl.DataFrame:
    """One value per region (published-as-missing included) for one indicator, category and year."""
    same_category = pl.col("category").is_null() if category is None else pl.col("category") == category
    found = single_years(rows).filter(
        (pl.col("indicator_id") == indicator_id) & same_category & (pl.col("year_end") == year)
        & pl.col("region_kind").is_in(PLACE_KINDS))
    return primary(found, ["region_code"])


def export_csv(rows: pl.DataFrame) -> bytes:
    """The rows behind a chart as CSV, UTF-8 with a BOM so Excel shows Cyrillic correctly (written
    like the full downloads, by `publish.exports.csv_bytes`)."""
    return csv_bytes(rows.select([c for c in EXPORT_COLUMNS if c in rows.columns]), bom=True)


def source_summary(rows: pl.DataFrame) -> list[tuple[str, list[int]]]:
    """(document title, sorted lines) for every document the rows quote."""
    grouped = rows.group_by("source_title", maintain_order=True).agg(pl.col("line").unique().sort())
    return [(title, lines) for title, lines in grouped.iter_rows()]


def categories_of(rows: pl.DataFrame, indicator_id: str) -> list[str]:
    """The breakdown categories an indicator is published with (e.g. the areas of activity)."""
    return of_indicator(rows, indicator_id, breakdown=True)["category"].unique().sort().to_list()


def with_categories(rows: pl.DataFrame, indicator_id: str, categories: Sequence[str]) -> pl.DataFrame:
    """Rows of other indicators, plus `indicator_id`'s breakdown rows limited to `categories`.

    Used where an indicator mixes kinds of breakdown (hours by area and hours per volunteer):
    only the categories another indicator defines as a set (areas) are drawn together.
    """
    is_other = pl.col("indicator_id") != indicator_id
    return rows.filter(is_other | pl.col("category").is_in(list(categories)))
