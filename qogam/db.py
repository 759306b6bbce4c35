"""Read-only access to the Qogam DuckDB file.

One read-only connection per database file is shared by all sessions (`st.cache_resource`);
each query runs on its own cursor, because a DuckDB connection is not safe to share between
threads while a cursor is. SQL lives in `queries/<name>.sql` and takes bound parameters only
(`$name`), and results are cached per (file, query, parameters) with `st.cache_data`.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from conventions.paths import DEFAULT_DB, ROOT
from publish.exports import query_text

DB_ENV = "QOGAM_DB"


def db_path() -> Path:
    """The database file: `$QOGAM_DB`, or data/civic.duckdb (relative paths from the repo root)."""
    path = Path(os.environ.get(DB_ENV) or DEFAULT_DB)
    return path if path.is_absolute() else ROOT / path


@st.cache_resource(show_spinner=False)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to `path` (opened once per process)."""
    return duckdb.connect(path, read_only=True)


@st.cache_data(show_spinner=False, max_entries=512)
def _run(path: str, name: str, params: tuple[tuple[str, Any], ...]) -> pl.DataFrame:
    cursor = connection(path).cursor()
    try:
        return cursor.sql(query_text(name), params=dict(params)).pl()
    finally:
        cursor.close()


def query(name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """Rows of `queries/<name>.sql` with `$name` parameters bound from `params`."""
    return _run(str(db_path()), name, tuple(sorted((params or {}).items())))
