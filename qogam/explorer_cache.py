"""What the open-data explorer pages read through the logic modules that take a DuckDB connection
(`publish.exports`, `publish.citation`, `publish.datapackage`), cached per database file.

Each public function passes the current database's identity (`db.database_key`) to a cached
private one, so a new or replaced database file never answers from an old cache. Drawing is elsewhere
(`qogam.explorer_blocks`); nothing here calls Streamlit but its caches.
"""
from __future__ import annotations

from collections.abc import Collection, Iterator

import polars as pl
import pyarrow as pa
import streamlit as st

from publish import citation, datapackage, exports
from publish.citation import DatasetVersion, Passage
from qogam import db, downloads, observations
from qogam.byte_cache import ByteBudgetCache
from qogam.downloads import FilterKey

# Figures offered in the "cite a figure" list. The shipped data has fewer in all; past this a
# list is no way to find one (search is), and building it stalled every rerun.
MAX_FIGURE_CHOICES = 1_000


@st.cache_data(show_spinner=False, max_entries=8)
def _version(path: str) -> DatasetVersion:
    return db.with_cursor(citation.dataset_version)


def version() -> DatasetVersion:
    """The cited version of the database the app reads."""
    return _version(db.database_key())


@st.cache_data(show_spinner=False, max_entries=256)
def _passage(path: str, obs_id: str) -> Passage | None:
    try:
        return db.with_cursor(citation.observation_passage, obs_id)
    except KeyError:
        return None


def observation_passage(obs_id: str) -> Passage | None:
    """The passage an observation quotes; None for an unknown id."""
    return _passage(db.database_key(), obs_id)


def figure_labels(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Observation rows with names and labels in `lang` plus `figure_label`:
    "indicator — category · region · years · value"."""
    if rows.is_empty():
        return rows.with_columns(pl.lit("").alias("figure_label"))
    labelled = observations.localize(rows, lang)
    category = pl.when(pl.col("category").is_null()).then(pl.lit("")).otherwise(
        pl.lit(" — ") + pl.col("category_label"))
    return labelled.with_columns(pl.concat_str(
        [pl.col("indicator_name"), category, pl.lit(" · "), pl.col("region_name"), pl.lit(" · "),
         pl.col("years_label"), pl.lit(" · "), pl.col("value_label")]).alias("figure_label"))


class ObservationIds(Collection[str]):
    """Every observation id of the current database, as what an `?obs=` link may name: asked
    one id at a time (`in`), never read whole (at 1,000x data the set of ids cost seconds and
    tens of MB per database)."""

    def __contains__(self, obs_id: object) -> bool:
        return isinstance(obs_id, str) and db.query("observation_exists", {"obs_id": obs_id}).height > 0

    def __iter__(self) -> Iterator[str]:
        return iter(db.read("observation_ids")["obs_id"].to_list())

    def __len__(self) -> int:
        return db.read("observation_ids").height


def observation_ids() -> ObservationIds:
    """Every observation id: what an `?obs=` link may name."""
    return ObservationIds()


@st.cache_data(show_spinner=False, max_entries=64)
def _figure_choices(path: str, regions: tuple[str, ...], year_from: int, year_to: int, obs_id: str | None,
                    lang: str) -> tuple[dict[str, str], int]:
    rows = db.query("observation_choices", {"regions": list(regions), "year_from": year_from,
                                            "year_to": year_to, "obs_id": obs_id, "limit": MAX_FIGURE_CHOICES})
    labels = figure_labels(rows, lang).select(
        "obs_id", pl.concat_str([pl.col("figure_label"), pl.lit(" — "), pl.col("source_id"), pl.lit(":"),
                                 pl.col("line").cast(pl.Utf8)]))
    return dict(labels.iter_rows()), int(rows["n_selected"][0]) if rows.height else 0


def figure_choices(regions: tuple[str, ...], year_from: int, year_to: int, obs_id: str | None,
                   lang: str) -> tuple[dict[str, str], int]:
    """(obs_id → label of the first `MAX_FIGURE_CHOICES` figures of the selection, plus the
    linked one; how many figures the selection has). `regions` empty means all."""
    return _figure_choices(db.database_key(), regions, year_from, year_to, obs_id, lang)


# Whole filtered tables and their files' bytes, shared by all sessions within budgets of bytes
# (`qogam.byte_cache`): an entry is up to a whole table, a thousand times larger at 1,000x data,
# so a count of entries bounded nothing. An Arrow table is immutable; nothing copies it.
TABLE_BYTES = 192 * 2**20
FILE_BYTES = 128 * 2**20
_TABLES: ByteBudgetCache[pa.Table] = ByteBudgetCache(TABLE_BYTES)
_FILES: ByteBudgetCache[bytes] = ByteBudgetCache(FILE_BYTES, len)


def table_rows(table: str, key: FilterKey) -> pa.Table:
    """The rows of an exportable table that pass the filter (cached, shared)."""
    cache_key = (db.database_key(), table, key)
    return _TABLES.get_or_compute(
        cache_key, lambda: db.with_cursor(exports.read_table, table, downloads.export_filter(key)))


def _selection(table: str, key: FilterKey) -> tuple[str, dict]:
    """The export's SELECT of the filtered rows (`exports.select_statement`), with its parameters."""
    return exports.select_statement(exports.table_spec(table), table_columns(table), downloads.export_filter(key))


def _read_over(table: str, key: FilterKey, outer: str, *, ordered: bool = True, **extra: object) -> pa.Table:
    """`outer` (with `{rows}` for the filtered SELECT) run on the current database, as Arrow.
    `ordered=False` drops the export's ORDER BY ALL where the outer query does not need the
    order (a count, distinct values): DuckDB sorted every row of the table for it."""
    sql, params = _selection(table, key)
    if not ordered:
        sql = sql.removesuffix(" ORDER BY ALL")
    return db.with_cursor(exports.fetch_arrow, outer.format(rows=sql), {**params, **extra})


def table_preview(table: str, key: FilterKey, limit: int) -> tuple[pa.Table, int]:
    """(the first `limit` filtered rows in the export's order, how many rows pass the filter):
    DuckDB keeps only the first rows and counts the rest, rather than the page reading them all."""
    cache_key = (db.database_key(), table, key, "preview", limit)
    return _TABLES.get_or_compute(cache_key, lambda: (
        _read_over(table, key, "SELECT * FROM ({rows}) LIMIT $limit", limit=limit),
        row_count(table, key)))


def row_count(table: str, key: FilterKey) -> int:
    """How many rows of the table pass the filter (cached)."""
    cache_key = (db.database_key(), table, key, "count")
    return _TABLES.get_or_compute(cache_key, lambda: int(
        _read_over(table, key, "SELECT count(*) AS n FROM ({rows})", ordered=False).column("n")[0].as_py()))


@st.cache_data(show_spinner=False, max_entries=64)
def _pickable(path: str, table: str, key: FilterKey) -> dict[str, list]:
    spec, columns = exports.table_spec(table), table_columns(table)
    skip = {spec.region_column, *(spec.year_columns or ())}
    candidates = [c for c in columns
                  if c.name not in skip and c.data_type.removesuffix("[]") in downloads.PICKABLE_TYPES]
    if not candidates:
        return {}
    # Two scans for every column at once: an estimate of how many distinct values each has (long
    # texts and ids have far too many to offer), then the values of the few that may qualify.
    estimates = _read_over(table, key, "SELECT " + ", ".join(
        f'approx_count_distinct("{c.name}") AS c{i}' for i, c in enumerate(candidates) if not c.is_list)
        + " FROM ({rows})", ordered=False) if any(not c.is_list for c in candidates) else None
    few = [i for i, c in enumerate(candidates)
           if c.is_list or estimates is None or estimates.column(f"c{i}")[0].as_py() <= 2 * downloads.MAX_CHOICES]
    cells = [(f'list_distinct(flatten(list("{candidates[i].name}")))' if candidates[i].is_list
              else f'list(DISTINCT "{candidates[i].name}")') + f" AS c{i}" for i in few]
    found = _read_over(table, key, f"SELECT {', '.join(cells)} FROM ({{rows}})", ordered=False) if few else None
    picks: dict[str, list] = {}
    for index in few:
        column = candidates[index]
        values = found.column(f"c{index}")[0].as_py() or [] if found is not None else []
        frame = pl.DataFrame({column.name: [[v] for v in values] if column.is_list else values})
        picks |= downloads.pickable_columns(frame, [column], spec)
    return picks


def pickable_columns(table: str, key: FilterKey) -> dict[str, list]:
    """Column → values a reader can pick to filter the table's `key` rows by (cached): DuckDB
    reads each column's first distinct values, `downloads.pickable_columns` decides."""
    return _pickable(db.database_key(), table, key)


def encoded(table: str, key: FilterKey, fmt: exports.Format, bom: bool) -> bytes:
    """The filtered rows as a file's bytes (built when a download button is clicked)."""
    cache_key = (db.database_key(), table, key, fmt, bom)
    return _FILES.get_or_compute(cache_key, lambda: exports.encode(table_rows(table, key), fmt, bom=bom))


@st.cache_data(show_spinner=False, max_entries=2)
def _package(path: str) -> bytes:
    return db.with_cursor(datapackage.build_datapackage)


def data_package() -> bytes:
    """The zipped data package of the whole database (built once per database file)."""
    return _package(db.database_key())


@st.cache_data(show_spinner=False, max_entries=32)
def _columns(path: str, table: str) -> list[exports.Column]:
    return db.with_cursor(exports.table_columns, table)


def table_columns(table: str) -> list[exports.Column]:
    """The columns of an exportable table, from the database catalog (cached)."""
    return _columns(db.database_key(), table)
