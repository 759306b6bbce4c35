"""Read-only access to the Qogam DuckDB file.

One read-only connection per database file is shared by all sessions (`st.cache_resource`);
each query runs on its own cursor, because a DuckDB connection is not safe to share between
threads while a cursor is. SQL lives in `queries/<name>.sql` and takes bound parameters only
(`$name`), and results are cached per (file, query, parameters) with `st.cache_data`.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
DB_ENV = "QOGAM_DB"
DEFAULT_DB = ROOT / "data" / "civic.duckdb"


def db_path() -> Path:
    """The database file: `$QOGAM_DB`, or data/civic.duckdb (relative paths from the repo root)."""
    path = Path(os.environ.get(DB_ENV) or DEFAULT_DB)
    return path if path.is_absolute() else ROOT / path


@st.cache_resource(show_spinner=False)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to `path` (opened once per process)."""
    return duckdb.connect(path, read_only=True)


@functools.cache
def sql(name: str) -> str:
    """The text of `queries/<name>.sql`."""
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


@st.cache_data(show_spinner=False, max_entries=512)
def _run(path: str, name: str, params: tuple[tuple[str, Any], ...]) -> pl.DataFrame:
    cursor = connection(path).cursor()
    try:
        return cursor.sql(sql(name), params=dict(params)).pl()
    finally:
        cursor.close()


def query(name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """Rows of `queries/<name>.sql` with `$name` parameters bound from `params`."""
    return _run(str(db_path()), name, tuple(sorted((params or {}).items())))
