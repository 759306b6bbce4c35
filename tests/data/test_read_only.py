"""The app cannot change its data: the connection helper in `qogam/db.py` refuses writes.

Tried on a copy of the real built database through the app's own shared connection (the
static half of this check, that nothing opens DuckDB another way, is tests/unit/test_security.py).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest


@pytest.fixture
def app_connection(built_db: Path, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the app's shared connection (qogam.db.cursor) to a copy of the real database."""
    from qogam import db

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(built_db, copy)
    monkeypatch.setenv(db.DB_ENV, str(copy))
    with db.cursor() as con:
        yield con


@pytest.mark.parametrize("statement", [
    "INSERT INTO build_info VALUES ('planted', 'x')",
    "UPDATE observations SET value = 0",
    "DELETE FROM sources",
    "DROP TABLE source_lines",
    "CREATE TABLE planted (x INTEGER)",
])
def test_app_connection_refuses_writes(app_connection: duckdb.DuckDBPyConnection, statement: str) -> None:
    before = app_connection.execute("SELECT count(*) FROM sources").fetchone()
    with pytest.raises(duckdb.Error, match="read-only"):
        app_connection.execute(statement)
    assert app_connection.execute("SELECT count(*) FROM sources").fetchone() == before
