"""The app's connection to the database: locked down, checked, and following rebuilds
(issue 12, findings 3, 4 and 7), in process against real database files."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from qogam import db


@pytest.fixture
def live(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the real database that the app reads; the tests replace it."""
    path = tmp_path / "civic.duckdb"
    shutil.copyfile(built_db, path)
    monkeypatch.setenv(db.DB_ENV, str(path))
    yield path


@pytest.mark.parametrize("statement", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "COPY (SELECT 1) TO '{tmp}/leak.csv'",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "SELECT * FROM read_parquet('{tmp}/x.parquet')",
])
def test_no_query_reaches_the_file_system(live: Path, statement: str) -> None:
    with db.cursor() as con, pytest.raises(duckdb.PermissionException):
        con.execute(statement.format(tmp=live.parent))
    assert not (live.parent / "leak.csv").exists()


@pytest.mark.parametrize("statement", ["SET enable_external_access = true", "SET lock_configuration = false",
                                       "RESET enable_external_access"])
def test_the_configuration_cannot_be_unlocked(live: Path, statement: str) -> None:
    with db.cursor() as con, pytest.raises(duckdb.Error, match="configuration"):
        con.execute(statement)


def test_the_expected_schema_is_what_duckdb_reads_in_schema_sql() -> None:
    with duckdb.connect(":memory:") as con:
        con.execute(db.SCHEMA.read_text(encoding="utf-8"))
        reference = frozenset(con.execute(
            "SELECT table_name, column_name FROM information_schema.columns").fetchall())
    assert db.expected_columns() == reference


def _replace(live: Path, source: Path) -> None:
    staged = live.with_name("staged.duckdb")
    shutil.copyfile(source, staged)
    os.replace(staged, live)


def test_a_replaced_file_is_read_and_the_old_one_released(live: Path) -> None:
    before = db.read("sources")["title"].to_list()
    rebuilt = live.with_name("rebuilt.duckdb")
    shutil.copyfile(live, rebuilt)
    with duckdb.connect(str(rebuilt)) as con:
        con.execute("UPDATE sources SET title = title || ' (rebuilt)'")
    key_before = db.database_key()
    _replace(live, rebuilt)
    assert db.database_key() != key_before
    assert db.read("sources")["title"].to_list() == [f"{title} (rebuilt)" for title in before]
    deleted = [os.readlink(fd) for fd in Path("/proc/self/fd").iterdir()
               if os.path.exists(fd) and os.readlink(fd).endswith("(deleted)") and str(live) in os.readlink(fd)]
    assert deleted == []


def test_a_query_inside_a_query_keeps_its_connection_across_a_rebuild(live: Path) -> None:
    with db.cursor() as outer:
        _replace(live, live)
        assert db.read("regions").height == outer.execute("SELECT count(*) FROM regions").fetchone()[0]


@pytest.mark.parametrize("damage", ["zero", "garbage", "no_observations", "missing_table"])
def test_a_damaged_file_is_unavailable_with_a_reason_and_no_path(live: Path, damage: str) -> None:
    if damage == "zero":
        live.write_bytes(b"")
    elif damage == "garbage":
        live.write_bytes(b"not a database\\n" * 1000)
    else:
        with duckdb.connect(str(live)) as con:
            con.execute("DELETE FROM disagreements WHERE true; DELETE FROM observations WHERE true"
                        if damage == "no_observations"
                        else "DROP TABLE mentions")
    with pytest.raises(db.DatabaseUnavailable) as raised:
        db.read("regions")
    assert str(live) not in str(raised.value) and raised.value.reason
    assert str(live) in raised.value.detail


def test_a_missing_file_and_a_directory_are_unavailable(live: Path) -> None:
    live.unlink()
    with pytest.raises(db.DatabaseUnavailable, match="missing"):
        db.database_key()
    live.mkdir()
    with pytest.raises(db.DatabaseUnavailable, match="unreadable"):
        db.database_key()
