"""What the downloads page offers for a table: which of the global filters apply to it, which of
its own columns can be filtered by picking values, and the hashable filter the cached export
calls take (see `qogam.explorer_cache.FilterKey`).

Pure functions (no Streamlit). The global filters apply only where a table has what they
filter on (`exports.TableSpec`: a region column, year columns), and only when they narrow the
view: Kazakhstan as a whole keeps every region, the full span of years keeps rows without a year.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from publish.exports import Column, ExportFilter, Format, TableSpec, file_name
from qogam.filters import Bounds, Filters

MAX_CHOICES = 60           # a column with more distinct values is not offered as a pick list
PICKABLE_TYPES = ("VARCHAR", "BOOLEAN", "INTEGER", "BIGINT")

FilterKey = tuple[tuple[str, ...], int | None, int | None, tuple[tuple[str, tuple], ...]]


@dataclass(frozen=True)
class GlobalScope:
    """The part of the global filters that applies to a table."""

    regions: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None

    @property
    def narrows(self) -> bool:
        return bool(self.regions) or self.year_from is not None


def global_scope(spec: TableSpec, view_filters: Filters, bounds: Bounds) -> GlobalScope:
    """Regions and years of the view that narrow this table (nothing it cannot filter on)."""
    regions = () if view_filters.is_national or spec.region_column is None else view_filters.regions
    full_span = (view_filters.year_from, view_filters.year_to) == (bounds.year_min, bounds.year_max)
    if full_span or spec.year_columns is None:
        return GlobalScope(regions)
    return GlobalScope(regions, view_filters.year_from, view_filters.year_to)


def pickable_columns(rows: pl.DataFrame, columns: Sequence[Column], spec: TableSpec) -> dict[str, list]:
    """Column → its values, for the columns a reader can filter by picking values: short lists
    of distinct values (list columns by their items), not the columns the global filters cover."""
    skip = {spec.region_column, *(spec.year_columns or ())}
    out: dict[str, list] = {}
    for column in columns:
        if column.name in skip or column.data_type.removesuffix("[]") not in PICKABLE_TYPES:
            continue
        values = rows[column.name].explode() if column.is_list else rows[column.name]
        distinct = values.drop_nulls().unique().sort().to_list()
        if 1 < len(distinct) <= MAX_CHOICES:
            out[column.name] = distinct
    return out


def filter_key(scope: GlobalScope, equals: Mapping[str, Sequence]) -> FilterKey:
    """The hashable form of an `exports.ExportFilter` (columns without picked values left out)."""
    picked = tuple(sorted((name, tuple(values)) for name, values in equals.items() if values))
    return scope.regions, scope.year_from, scope.year_to, picked


def export_filter(key: FilterKey) -> ExportFilter:
    """The `ExportFilter` a `filter_key` stands for."""
    regions, year_from, year_to, equals = key
    return ExportFilter(regions, year_from, year_to, dict(equals))


def download_name(table: str, fmt: Format, *, filtered: bool) -> str:
    """`qogam-observations.csv`, or `qogam-observations-filtered.csv` for a filtered download."""
    name = file_name(table, fmt)
    return name.replace(f".{fmt}", f"-filtered.{fmt}") if filtered else name
