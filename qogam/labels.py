"""The per-row labels of observations (years, values, units, qualifiers, categories), a whole
column at once: `conventions.formatting`'s rules as polars expressions, the digits by DuckDB.

Formatting row by row in Python cost about 17 µs a row, seconds for the half-million figures a
page reads at 1,000x the shipped data. The rules stay `conventions.formatting`'s (its constants
are read from there); tests/app/test_labels.py checks that every label here is the one
`formatting.format_value` writes, on every figure of the shipped database and in every language.

The digits come from DuckDB's `format` (the fmt library), which like Python rounds the exact
binary value half to even (29.05 is 29.0500000000000007..., so "29.1"; 2.55 is 2.5499999999...,
so "2.5") — polars' own rounding works on the product by ten, which lands on .5 for both. It runs
on a cursor of the app's read-only, locked-down connection, the numbers registered as an Arrow
table (the app opens no other DuckDB, tests/unit/test_security.py). Words that depend on one
column only (unit, qualifier, category) are looked up once per distinct value.
"""
from __future__ import annotations

import duckdb
import polars as pl

from conventions import formatting, i18n
from publish.exports import query_text
from qogam import db

LABEL_COLUMNS = ("years_label", "value_label", "value_short", "unit_label", "qualifier_label", "category_label")
_PERCENT_UNITS = ("percent", "percent_change")
_NBSP = "\u00a0"
_TEXTS = {"value": "_value_text", "value_high": "_high_text"}   # each number's text, while labelling
def _format_on(cursor: duckdb.DuckDBPyConnection, numbers: pl.DataFrame,
               thresholds: dict[str, float]) -> pl.DataFrame:
    cursor.register("numbers", numbers.to_arrow())
    try:
        return cursor.sql(query_text("format_numbers"), params=thresholds).pl()
    finally:
        cursor.unregister("numbers")


def _digits(numbers: pl.DataFrame) -> pl.DataFrame:
    """(digits, divisor) of every row of `numbers` (position, n, money, whole), by
    queries/format_numbers.sql, on a cursor of the app's read-only, locked-down connection
    (the numbers go in as a registered Arrow table: nothing is written to the database)."""
    thresholds = {f"t{i}": float(threshold) for i, (threshold, _key) in enumerate(formatting.MONEY_SCALES, 1)}
    return db.with_cursor(_format_on, numbers, thresholds)


def _number_text(rows: pl.DataFrame, column: str, lang: str) -> pl.Series:
    """The text of `column` (value or value_high) of every row as `format_value` writes one number:
    grouped digits in `lang`'s marks and, for large money, the scale word (`2,6 млрд`)."""
    words = i18n.words(lang)
    unit = pl.col("unit")
    numbers = rows.with_row_index("position").select(
        "position", pl.col(column).alias("n"), unit.is_in(list(formatting.MONEY_UNITS)).alias("money"),
        unit.is_in(list(formatting.WHOLE_UNITS)).alias("whole"))
    found = _digits(numbers)
    digits = pl.col("digits")
    if lang != "en":
        digits = (digits.str.replace_all(",", "\x00", literal=True).str.replace_all(".", ",", literal=True)
                  .str.replace_all("\x00", formatting.NARROW_NBSP, literal=True))
    scale_words = {float(threshold): _NBSP + words[key] for threshold, key in formatting.MONEY_SCALES}
    word = pl.col("divisor").replace_strict(scale_words, default="", return_dtype=pl.Utf8)
    return found.select(pl.concat_str([digits, word])).to_series()


def _mapped(column: str, mapping: dict) -> pl.Expr:
    return pl.col(column).replace_strict(mapping, return_dtype=pl.Utf8)


def _value_labels(rows: pl.DataFrame, lang: str) -> tuple[pl.Expr, pl.Expr]:
    """Expressions of `format_value(...)` and `format_value(..., with_unit=False)` for each row,
    once the numbers' texts (`_TEXTS`) are columns."""
    words = i18n.words(lang)
    value, high, unit, qualifier = pl.col("value"), pl.col("value_high"), pl.col("unit"), pl.col("qualifier")
    value_text, high_text = pl.col(_TEXTS["value"]), pl.col(_TEXTS["value_high"])
    number = (pl.when(high.is_not_null())
              .then(pl.concat_str([value_text, pl.lit(formatting.EN_DASH), high_text]))
              .otherwise(value_text))
    sign = qualifier.replace_strict(formatting.QUALIFIER_SIGNS, default="", return_dtype=pl.Utf8)
    plus = pl.when((unit == "percent_change") & (value > 0)).then(pl.lit("+")).otherwise(pl.lit(""))
    percent = pl.concat_str([sign, plus, number, pl.lit("%" if lang == "en" else _NBSP + "%")])
    unit_word = _mapped("unit", {u: words.get(f"unit.{u}", u) for u in rows["unit"].unique().to_list()})
    with_word = pl.concat_str([sign, number, pl.lit(_NBSP), unit_word]).str.strip_chars_end(_NBSP)
    missing = value.is_null() | value.is_nan()
    full = (pl.when(missing).then(pl.lit(words["value.missing"]))
            .when(unit.is_in(_PERCENT_UNITS)).then(percent).otherwise(with_word))
    short = (pl.when(missing).then(pl.lit(words["value.missing"]))
             .when(unit.is_in(_PERCENT_UNITS)).then(percent)
             .when(~unit.is_in(list(formatting.MONEY_UNITS))).then(pl.concat_str([sign, number]))
             .otherwise(with_word))
    return full, short


def with_labels(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """`rows` (value, value_high, unit, qualifier, year_start, year_end, category) with the
    columns of `LABEL_COLUMNS` in `lang`."""
    words = i18n.words(lang)
    years = (pl.when(pl.col("year_start") == pl.col("year_end")).then(pl.col("year_start").cast(pl.Utf8))
             .otherwise(pl.concat_str([pl.col("year_start"), pl.lit(formatting.EN_DASH), pl.col("year_end")])))
    full, short = _value_labels(rows, lang)
    units = {u: words.get(f"unit.{u}", u) for u in rows["unit"].unique().to_list()}
    qualifiers = {q: i18n.t(f"qualifier.{q}", lang) for q in rows["qualifier"].unique().to_list()}
    categories = {c: i18n.category_label(c, lang) for c in rows["category"].unique().to_list() if c is not None}
    category = (pl.when(pl.col("category").is_null()).then(pl.lit(i18n.category_label(None, lang)))
                .otherwise(pl.col("category").replace_strict(categories, default=None, return_dtype=pl.Utf8)))
    exprs = [years, full, short, _mapped("unit", units), _mapped("qualifier", qualifiers), category]
    texts = [_number_text(rows, column, lang).alias(name) for column, name in _TEXTS.items()]
    labelled = rows.with_columns(texts).with_columns(
        expr.alias(name) for expr, name in zip(exprs, LABEL_COLUMNS, strict=True))
    return labelled.drop(_TEXTS.values())
