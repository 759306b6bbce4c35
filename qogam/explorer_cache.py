"""What the open-data explorer pages read through the logic modules that take a DuckDB connection
(`publish.exports`, `publish.citation`, `publish.datapackage`), cached per database file.

Each public function passes the current database's identity (`db.database_key`) to a cached
private one, so a new or replaced database file never answers from an old cache. Drawing is elsewhere
(`qogam.explorer_blocks`); nothing here calls Streamlit but its caches.
"""
from __future__ import annotations

import polars as pl
import pyarrow as pa
import streamlit as st

from publish import citation, datapackage, exports
from publish.citation import DatasetVersion, Passage
from qogam import db, downloads, observations
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


@st.cache_resource(show_spinner=False, max_entries=2)
def _observation_ids(path: str) -> frozenset[str]:
    return frozenset(db.query("observation_ids")["obs_id"].to_list())


def observation_ids() -> frozenset[str]:
    """Every observation id: what an `?obs=` link may name (shared, built once per database)."""
    return _observation_ids(db.database_key())


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


# A resource, not data: an Arrow table is immutable, and cache_data would unpickle a copy of
# up to a whole table on every rerun. Entries are whole filtered tables, hence few of them.
@st.cache_resource(show_spinner=False, max_entries=16)
def _table(path: str, table: str, key: FilterKey) -> pa.Table:
    return db.with_cursor(exports.read_table, table, downloads.export_filter(key))


def table_rows(table: str, key: FilterKey) -> pa.Table:
    """The rows of an exportable table that pass the filter (cached, shared)."""
    return _table(db.database_key(), table, key)


@st.cache_data(show_spinner=False, max_entries=64)
def _pickable(path: str, table: str, key: FilterKey) -> dict[str, list]:
    rows = pl.from_arrow(table_rows(table, key))
    assert isinstance(rows, pl.DataFrame)
    return downloads.pickable_columns(rows, table_columns(table), exports.table_spec(table))


def pickable_columns(table: str, key: FilterKey) -> dict[str, list]:
    """Column → values a reader can pick to filter the table's `key` rows by (cached)."""
    return _pickable(db.database_key(), table, key)


@st.cache_data(show_spinner=False, max_entries=64)
def _encoded(path: str, table: str, key: FilterKey, fmt: exports.Format, bom: bool) -> bytes:
    return exports.encode(table_rows(table, key), fmt, bom=bom)


def encoded(table: str, key: FilterKey, fmt: exports.Format, bom: bool) -> bytes:
    """The filtered rows as a file's bytes (built when a download button is clicked)."""
    return _encoded(db.database_key(), table, key, fmt, bom)


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
