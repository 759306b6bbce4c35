"""What the downloads page filters: global filters only where a table has what they filter on
and only when they narrow the view; pick lists only for columns with a few distinct values."""
from __future__ import annotations

import polars as pl

from publish.exports import TABLES, Column
from qogam.downloads import (
    MAX_CHOICES,
    GlobalScope,
    download_name,
    export_filter,
    filter_key,
    global_scope,
    pickable_columns,
)
from qogam.filters import Bounds, Filters

BOUNDS = Bounds(("KZ", "KZ-75", "KZ-19"), 1991, 2025)


def view(regions: tuple[str, ...] = ("KZ",), years: tuple[int, int] = (1991, 2025)) -> Filters:
    return Filters(regions, years[0], years[1], "en")


def test_the_default_view_narrows_nothing() -> None:
    for spec in TABLES.values():
        assert global_scope(spec, view(), BOUNDS) == GlobalScope()


def test_regions_and_years_apply_where_the_table_has_them() -> None:
    narrowed = view(("KZ-75",), (2021, 2023))
    assert global_scope(TABLES["observations"], narrowed, BOUNDS) == GlobalScope(("KZ-75",), 2021, 2023)
    assert global_scope(TABLES["mentions"], narrowed, BOUNDS) == GlobalScope(("KZ-75",))
    assert global_scope(TABLES["sources"], narrowed, BOUNDS) == GlobalScope((), 2021, 2023)
    assert global_scope(TABLES["indicators"], narrowed, BOUNDS) == GlobalScope()
    assert not GlobalScope().narrows and GlobalScope((), 2021, 2023).narrows


def test_pick_lists_skip_global_filter_columns_and_columns_with_too_many_values() -> None:
    rows = pl.DataFrame({
        "region_code": ["KZ", "KZ-75", "KZ"], "year_start": [2021, 2022, 2023], "year_end": [2021, 2022, 2023],
        "unit": ["persons", "KZT", "persons"], "note": ["a", None, "b"], "value": [1.0, 2.0, 3.0],
        "topics": [["ngos", "funding"], ["ngos"], []], "source_id": ["x", "x", "x"],
    })
    columns = [Column("region_code", "VARCHAR", False), Column("year_start", "INTEGER", False),
               Column("year_end", "INTEGER", False), Column("unit", "VARCHAR", False),
               Column("note", "VARCHAR", True), Column("value", "DOUBLE", True),
               Column("topics", "VARCHAR[]", False), Column("source_id", "VARCHAR", False)]
    picks = pickable_columns(rows, columns, TABLES["observations"])
    assert picks == {"unit": ["KZT", "persons"], "note": ["a", "b"], "topics": ["funding", "ngos"]}
    many = pl.DataFrame({"unit": [f"u{i}" for i in range(MAX_CHOICES + 1)]})
    assert pickable_columns(many, [Column("unit", "VARCHAR", False)], TABLES["indicators"]) == {}


def test_filter_key_is_hashable_leaves_out_empty_picks_and_round_trips() -> None:
    key = filter_key(GlobalScope(("KZ-75",), 2021, None), {"unit": ["persons"], "note": [], "topics": ("ngos",)})
    assert hash(key)
    assert key == (("KZ-75",), 2021, None, (("topics", ("ngos",)), ("unit", ("persons",))))
    flt = export_filter(key)
    assert flt.region_codes == ("KZ-75",) and flt.year_from == 2021 and flt.year_to is None
    assert dict(flt.equals) == {"topics": ("ngos",), "unit": ("persons",)}


def test_download_names_say_when_rows_were_filtered() -> None:
    assert download_name("observations", "csv", filtered=False) == "qogam-observations.csv"
    assert download_name("observations", "parquet", filtered=True) == "qogam-observations-filtered.parquet"
