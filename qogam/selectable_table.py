"""A table whose rows pick one item (a practice, an organisation), as the explorer pages use it.

Picking a row calls `select(id)`, clearing the pick calls `select(None)`. The widget key
carries the selected id and a checksum of the listed ids, so a new selection or a new filter
result gets a fresh widget whose default selection is the selected row (Streamlit keeps a
widget's own selection across reruns otherwise, and it would point at a row that moved).
"""
from __future__ import annotations

import functools
import zlib
from collections.abc import Callable

import polars as pl
import pyarrow as pa
import streamlit as st

Select = Callable[[str | None], None]


def _on_select(key: str, ids: list[str], select: Select) -> None:
    rows = st.session_state[key]["selection"]["rows"]
    select(ids[rows[0]] if rows else None)


def selectable_table(table: pl.DataFrame | pa.Table, ids: list[str], selected: str | None, key_prefix: str,
                     select: Select, height: int | str = "auto") -> None:
    """`table` (one row per id in `ids`, same order) with single-row selection bound to `select`."""
    key = f"{key_prefix}_{selected}_{zlib.crc32(','.join(ids).encode())}"
    default = {"selection": {"rows": [ids.index(selected)]}} if selected in ids else None
    # As Arrow: a polars frame goes through pandas in Streamlit, which cost a long table's rerun ms.
    arrow = table.to_arrow() if isinstance(table, pl.DataFrame) else table
    st.dataframe(arrow, hide_index=True, width="stretch", height=height, key=key,
                 selection_mode="single-row", on_select=functools.partial(_on_select, key, ids, select),
                 selection_default=default)
