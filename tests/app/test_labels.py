"""The vectorised labels of `qogam.labels` are the ones `conventions.formatting` writes row by row:
on every observation of the built database, and on awkward values the shipped data may not hold
(money at each scale, ranges, bounds, negative changes, fractions below one, rounding ties)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from conventions import formatting, i18n
from conventions.i18n import LANGS
from qogam import labels

COLUMNS = "value, value_high, unit, qualifier, year_start, year_end, category"


def row_by_row(rows: pl.DataFrame, lang: str) -> dict[str, list[str]]:
    """The labels as the app wrote them before they were vectorised: one Python call per row."""
    words = i18n.words(lang)
    out: dict[str, list[str]] = {name: [] for name in labels.LABEL_COLUMNS}
    for row in rows.iter_rows(named=True):
        figure = (row["value"], row["value_high"], row["unit"], row["qualifier"], lang, words)
        out["years_label"].append(formatting.format_years(row["year_start"], row["year_end"]))
        out["value_label"].append(formatting.format_value(*figure))
        out["value_short"].append(formatting.format_value(*figure, with_unit=False))
        out["unit_label"].append(words.get(f"unit.{row['unit']}", row["unit"]))
        out["qualifier_label"].append(i18n.t(f"qualifier.{row['qualifier']}", lang))
        out["category_label"].append(i18n.category_label(row["category"], lang))
    return out


def vectorised(rows: pl.DataFrame, lang: str) -> dict[str, list[str]]:
    return labels.with_labels(rows, lang).select(labels.LABEL_COLUMNS).to_dict(as_series=False)


def assert_same_labels(rows: pl.DataFrame, lang: str) -> None:
    expected, found = row_by_row(rows, lang), vectorised(rows, lang)
    for name in labels.LABEL_COLUMNS:
        wrong = [(row, want, got) for row, want, got in zip(rows.iter_rows(named=True), expected[name], found[name],
                                                              strict=True) if want != got]
        assert not wrong, f"{name}: {len(wrong)} of {rows.height} differ, e.g. {wrong[:3]}"


@pytest.fixture(scope="module")
def shipped_rows(built_db: Path) -> pl.DataFrame:
    with duckdb.connect(str(built_db), read_only=True) as con:
        return con.sql(f"SELECT {COLUMNS} FROM observations").pl()


def awkward_rows(shipped: pl.DataFrame) -> pl.DataFrame:
    """Values chosen to break a formatter, in the units and categories the database uses."""
    values = [0.0, 0.004, 0.125, 0.5, 0.995, 1.0, 1.05, 2.5, 42.35, 999.95, 1_000.0, 139_671.0, 520.856,
              999_999.0, 2_600_000.0, 1_000_000_000.0, 2.55e9, 7.25e12, -9.1, -1_234.56]
    units = shipped["unit"].unique().to_list()
    categories = [*shipped["category"].drop_nulls().unique().head(3).to_list(), None]
    records = [{"value": min(v, 100.0) if unit == "percent" else v,
                "value_high": (v * 1.5 if unit != "percent" else 100.0) if qualifier == "range" else None,
                "unit": unit, "qualifier": qualifier, "year_start": 2020, "year_end": 2020 + i % 3,
                "category": categories[i % len(categories)]}
               for i, v in enumerate(values) for unit in units
               for qualifier in ("exact", "approx", "at_least", "more_than", "up_to", "less_than", "range")]
    records += [{"value": None, "value_high": None, "unit": unit, "qualifier": "missing", "year_start": 2021,
                 "year_end": 2021, "category": None} for unit in units]
    return pl.DataFrame(records, schema=shipped.schema)


@pytest.mark.parametrize("lang", LANGS)
def test_labels_of_every_shipped_figure_match_the_row_by_row_formatting(shipped_rows: pl.DataFrame,
                                                                        lang: str) -> None:
    assert shipped_rows.height > 0
    assert_same_labels(shipped_rows, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_labels_of_awkward_values_match_the_row_by_row_formatting(shipped_rows: pl.DataFrame, lang: str) -> None:
    assert_same_labels(awkward_rows(shipped_rows), lang)
