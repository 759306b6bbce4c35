"""The pipeline as a whole: reproducible, all-or-nothing, loud about changed sources."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.data.support import run_etl, table_contents


def test_build_lists_five_sources_and_21_regions(built_db: Path) -> None:
    con = duckdb.connect(str(built_db), read_only=True)
    assert con.execute("SELECT count(*) FROM sources").fetchone() == (5,)
    assert con.execute("SELECT count(*) FROM regions").fetchone() == (23,)
    assert con.execute("SELECT count(*) FROM regions WHERE kind IN ('region', 'city')").fetchone() == (20,)
    assert con.execute("SELECT region_code FROM regions WHERE lat IS NULL ORDER BY 1").fetchall() == [
        ("INT",), ("ZZ",)]
    lines = dict(con.execute("SELECT source_id, count(*) FROM source_lines GROUP BY 1").fetchall())
    assert lines == dict(con.execute("SELECT source_id, n_lines FROM sources").fetchall())


def test_second_build_gives_identical_tables(built_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.duckdb"
    result = run_etl(again)
    assert result.returncode == 0, result.stderr
    assert table_contents(again) == table_contents(built_db)


def test_changed_byte_fails_naming_file_and_keeps_database(built_db: Path, project_copy: Path,
                                                            tmp_path: Path) -> None:
    target = tmp_path / "kept.duckdb"
    shutil.copyfile(built_db, target)
    before = target.read_bytes()
    raw = project_copy / "data" / "raw" / "volunteering-2022.txt"
    data = bytearray(raw.read_bytes())
    data[5000] = ord("X") if data[5000] != ord("X") else ord("Y")
    raw.write_bytes(bytes(data))

    result = run_etl(target, project_copy)

    assert result.returncode != 0
    assert "volunteering-2022.txt" in result.stderr
    assert "snapshot-sha256" in result.stderr
    assert target.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
