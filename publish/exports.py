"""Downloads of the published tables: filtered, and encoded as CSV, Parquet or JSON bytes.

Every function takes an open DuckDB connection (the app's shared read-only one) and runs each
query on its own cursor, because a connection is not safe to share between threads while a
cursor is. Filters are bound parameters; the only identifiers put into SQL text are a table
name from `TABLES` and column names that exist in that table (read from the catalog), so a
value from the UI can never become SQL.

CSV is what most people open in Excel: it carries a UTF-8 byte-order mark by default, without
which Excel shows Cyrillic as mojibake, and list columns (`focus_areas`, `numbers`) become
one cell with the items joined by `LIST_SEPARATOR`. Parquet and JSON keep lists as lists.
"""
from __future__ import annotations

import functools
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb
import polars as pl
import pyarrow as pa

from conventions.paths import QUERIES_DIR, ROOT

# Full downloads written by `python -m etl.exports` after each build; Streamlit serves
# ./static at app/static/ when `server.enableStaticServing` is on.
STATIC_DIR = ROOT / "static" / "exports"
STATIC_URL = "app/static/exports"
DATAPACKAGE_FILE = "qogam-datapackage.zip"
LIST_SEPARATOR = "; "
Format = Literal["csv", "parquet", "json"]
FORMATS: tuple[Format, ...] = ("csv", "parquet", "json")
MIME_TYPES: dict[Format, str] = {
    "csv": "text/csv", "parquet": "application/vnd.apache.parquet", "json": "application/json"}
Scalar = str | int | float | bool


@dataclass(frozen=True)
class TableSpec:
    """How the common filters apply to one table.

    `region_column` is what a region filter matches (a list column matches when it names any of
    the regions); `year_columns` is the (first, last) year of a row, and a row is kept when that
    span overlaps the filter (rows with no year are dropped when a year filter is set);
    `required_filter` is a column that must carry an equality filter before the table may be
    exported at all (`source_lines` is the full text of the documents, whose terms are not stated,
    so it is only handed out one document at a time, never as one dump).
    """

    name: str
    region_column: str | None = None
    year_columns: tuple[str, str] | None = None
    required_filter: str | None = None


TABLES: dict[str, TableSpec] = {spec.name: spec for spec in (
    TableSpec("observations", "region_code", ("year_start", "year_end")),
    TableSpec("indicators"),
    TableSpec("bases"),
    TableSpec("disagreements"),
    TableSpec("regions", "region_code"),
    TableSpec("region_aliases", "region_code"),
    TableSpec("sources", year_columns=("year_published", "year_published")),
    TableSpec("practices", "region_code", ("year_started", "year_started")),
    TableSpec("practice_mentions"),
    TableSpec("organizations", "region_code", ("founded", "founded")),
    TableSpec("organization_mentions"),
    TableSpec("region_visits", "region_code"),
    TableSpec("region_visit_points"),
    TableSpec("mentions", "region_codes"),
    TableSpec("gaps"),
    TableSpec("source_lines", required_filter="source_id"),
)}
# What the data package and the static downloads contain: every table that can go out whole.
PUBLISHED: tuple[str, ...] = tuple(name for name, spec in TABLES.items() if spec.required_filter is None)


@dataclass(frozen=True)
class ExportFilter:
    """The rows to export. Empty means "no constraint" throughout, like an empty multiselect.

    `equals` maps a column to a value or a list of accepted values; on a list column it keeps the
    rows whose list contains any of them (e.g. `{"topics": ["funding"]}` on mentions).
    """

    region_codes: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None
    equals: Mapping[str, Scalar | Sequence[Scalar]] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    """A column as the catalog describes it (`data_type` like `VARCHAR` or `DOUBLE[]`)."""

    name: str
    data_type: str
    nullable: bool

    @property
    def is_list(self) -> bool:
        return self.data_type.endswith("[]")


@functools.cache
@functools.cache
def query_text(name: str) -> str:
    """The text of `queries/<name>.sql` (read once per process; the app and the exports share it)."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


def fetch_arrow(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, Any] | None = None) -> pa.Table:
    """Run `sql` with bound `$name` parameters on `con`; the rows as Arrow.

    `con` is used as given: the app hands each call a cursor of its own (`qogam.db.cursor`),
    which holds the connection open for exactly that call; the export command, one thread,
    passes its connection."""
    return con.sql(sql, params=dict(params or {})).to_arrow_table()


def run_query(con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """Rows of `queries/<name>.sql` as a polars frame."""
    frame = pl.from_arrow(fetch_arrow(con, query_text(name), params))
    assert isinstance(frame, pl.DataFrame)
    return frame


def table_spec(table: str) -> TableSpec:
    """The spec of an exportable table; ValueError for any other name (the identifier whitelist)."""
    if table not in TABLES:
        raise ValueError(f"{table!r} is not an exportable table; choose one of {', '.join(TABLES)}")
    return TABLES[table]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[Column]:
    """The columns of an exportable table, in table order, from the database catalog."""
    rows = run_query(con, "export_columns", {"table": table_spec(table).name})
    return [Column(r["column_name"], r["data_type"], r["is_nullable"] == "YES") for r in rows.iter_rows(named=True)]


def _values(value: Scalar | Sequence[Scalar]) -> list[Scalar]:
    return [value] if isinstance(value, (str, int, float, bool)) else list(value)


def _membership(column: Column, param: str) -> str:
    """SQL keeping rows whose column equals (or, for a list column, contains) any of `$param`."""
    if column.is_list:
        return f'list_has_any("{column.name}", ${param})'
    return f'"{column.name}" IN (SELECT unnest(${param}))'


def select_statement(spec: TableSpec, columns: Sequence[Column], flt: ExportFilter) -> tuple[str, dict[str, Any]]:
    """The SELECT for `flt` on a whitelisted table, with its bound parameters."""
    by_name = {c.name: c for c in columns}
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if spec.required_filter and not _values(flt.equals.get(spec.required_filter, ())):
        raise ValueError(f"{spec.name} is exported only with a {spec.required_filter} filter")
    if flt.region_codes:
        if spec.region_column is None:
            raise ValueError(f"{spec.name} has no region to filter on")
        conditions.append(_membership(by_name[spec.region_column], "regions"))
        params["regions"] = list(flt.region_codes)
    if flt.year_from is not None or flt.year_to is not None:
        if spec.year_columns is None:
            raise ValueError(f"{spec.name} has no year to filter on")
        first, last = spec.year_columns
        if flt.year_from is not None:
            conditions.append(f'"{last}" >= $year_from')
            params["year_from"] = flt.year_from
        if flt.year_to is not None:
            conditions.append(f'"{first}" <= $year_to')
            params["year_to"] = flt.year_to
    for index, (name, value) in enumerate(flt.equals.items()):
        if name not in by_name:
            raise ValueError(f"{spec.name} has no column {name!r}")
        if values := _values(value):
            conditions.append(_membership(by_name[name], f"eq{index}"))
            params[f"eq{index}"] = values
    where = " AND ".join(conditions) or "true"
    column_list = ", ".join(f'"{c.name}"' for c in columns)
    return f'SELECT {column_list} FROM "{spec.name}" WHERE {where} ORDER BY ALL', params


def read_table(con: duckdb.DuckDBPyConnection, table: str, flt: ExportFilter = ExportFilter()) -> pa.Table:
    """The rows of `table` that pass `flt`, in a stable order (by every column, left to right)."""
    spec = table_spec(table)
    sql, params = select_statement(spec, table_columns(con, table), flt)
    return fetch_arrow(con, sql, params)


def _list_as_text(frame: pl.DataFrame, name: str) -> pl.Expr:
    """A list column as one CSV cell: items joined by LIST_SEPARATOR, whole numbers without `.0`."""
    item = pl.element()
    dtype = frame.schema[name]
    assert isinstance(dtype, pl.List)
    if dtype.inner.is_float():
        item = pl.when(item == item.round()).then(item.cast(pl.Int64).cast(pl.Utf8)).otherwise(item.cast(pl.Utf8))
    return pl.col(name).list.eval(item.cast(pl.Utf8)).list.join(LIST_SEPARATOR)


def csv_bytes(frame: pl.DataFrame, *, bom: bool = True) -> bytes:
    """CSV in UTF-8 (with a byte-order mark when `bom`), list columns flattened to text."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    for name in lists:  # an item holding the separator could not be split back
        if frame[name].explode().cast(pl.Utf8).str.contains(LIST_SEPARATOR, literal=True).any():
            raise ValueError(f"an item of list column {name!r} contains {LIST_SEPARATOR!r}")
    flat = frame.with_columns(_list_as_text(frame, name) for name in lists)
    buffer = io.BytesIO()
    flat.write_csv(buffer, include_bom=bom, float_scientific=False)
    return buffer.getvalue()


def encode(table: pa.Table | pl.DataFrame, fmt: Format = "csv", *, bom: bool = True) -> bytes:
    """Rows as a downloadable file: CSV (`bom` adds the UTF-8 BOM), Parquet, or JSON records."""
    frame = table if isinstance(table, pl.DataFrame) else pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    if fmt == "csv":
        return csv_bytes(frame, bom=bom)
    if fmt == "parquet":
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(frame.to_dicts(), ensure_ascii=False).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export_table(con: duckdb.DuckDBPyConnection, table: str, flt: ExportFilter = ExportFilter(),
                 fmt: Format = "csv", *, bom: bool = True) -> bytes:
    """The rows of `table` passing `flt`, as the bytes of a `fmt` file."""
    return encode(read_table(con, table, flt), fmt, bom=bom)


def file_name(table: str, fmt: Format) -> str:
    """Download file name, e.g. `qogam-observations.csv`."""
    return f"qogam-{table_spec(table).name}.{fmt}"


def static_url(name: str) -> str:
    """Relative URL of a pre-built download (`file_name(...)` or `DATAPACKAGE_FILE`)."""
    return f"{STATIC_URL}/{name}"
