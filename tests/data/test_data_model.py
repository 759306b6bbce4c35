"""The documented data model and the built database describe the same tables and columns."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from conventions.paths import ROOT


def documented_columns() -> dict[str, set[str]]:
    """Table -> columns, read from the '## table' sections and their markdown tables."""
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    tables: dict[str, set[str]] = {}
    for section in re.split(r"^## ", doc, flags=re.M)[1:]:
        name, _, body = section.partition("\n")
        columns = set()
        for cell in re.findall(r"^\| ([a-z_0-9, ]+) \|", body, flags=re.M):
            columns.update(c.strip() for c in cell.split(","))
        columns.discard("column")
        tables[name.strip()] = columns
    return tables


def test_every_table_and_column_is_documented(built_db: Path) -> None:
    con = duckdb.connect(str(built_db), read_only=True)
    actual: dict[str, set[str]] = {}
    for table, column in con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'").fetchall():
        actual.setdefault(table, set()).add(column)
    assert documented_columns() == actual


def test_indicator_units_and_names_complete(built_db: Path) -> None:
    con = duckdb.connect(str(built_db), read_only=True)
    incomplete = con.execute("""
        SELECT indicator_id FROM indicators
        WHERE trim(name_en) = '' OR trim(name_ru) = '' OR trim(name_kk) = '' OR trim(description) = ''
    """).fetchall()
    assert incomplete == []
    mismatched = con.execute("""
        SELECT o.obs_id FROM observations o JOIN indicators i USING (indicator_id) WHERE o.unit <> i.unit
    """).fetchall()
    assert mismatched == []
