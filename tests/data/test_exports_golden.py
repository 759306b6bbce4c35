"""CSV downloads of the real database, byte for byte against files in tests/data/golden/.

Any byte difference fails: a changed BOM, header, quoting, number format or row order is a
change to what users download and must be looked at. When the change is intended, regenerate
the files explicitly and review the diff:

    .venv/bin/python -m tests.data.test_exports_golden --regenerate
"""
from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from publish.exports import ExportFilter, export_table

GOLDEN = Path(__file__).parent / "golden"
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Case:
    file: str
    table: str
    flt: ExportFilter
    bom: bool = True


CASES = (
    Case("observations_rfo_data_coverage.csv", "observations",
         ExportFilter(equals={"indicator_id": "rfo_data_coverage"})),
    Case("mentions_volunteering_2023_line_247.csv", "mentions",
         ExportFilter(equals={"source_id": "volunteering-2023", "line": 247})),
    Case("regions_almaty_plain.csv", "regions", ExportFilter(region_codes=["KZ", "KZ-75"]), bom=False),
    Case("sources.csv", "sources", ExportFilter()),
)


def export(con: duckdb.DuckDBPyConnection, case: Case) -> bytes:
    return export_table(con, case.table, case.flt, "csv", bom=case.bom)


@pytest.fixture(scope="module")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(built_db), read_only=True)


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_csv_export_matches_golden_bytes(con: duckdb.DuckDBPyConnection, case: Case) -> None:
    expected = (GOLDEN / case.file).read_bytes()
    assert export(con, case) == expected, "regenerate with: python -m tests.data.test_exports_golden --regenerate"


def test_bom_only_where_asked(con: duckdb.DuckDBPyConnection) -> None:
    assert all(export(con, c).startswith(BOM) == c.bom for c in CASES)


def test_golden_volunteer_count_row(con: duckdb.DuckDBPyConnection) -> None:
    lines = export(con, CASES[1]).decode("utf-8-sig").split("\n")
    assert lines[0] == "source_id,line,text,lang,numbers,number_texts,topics,region_codes,search_text"
    assert lines[1].startswith("volunteering-2023,247,Согласно сводным данным «Волонтёрство в цифрах»")
    assert ",ru,2023; 217391,2023; 217 391,volunteers,KZ," in lines[1]
    assert lines[2:] == [""]


def test_golden_coverage_rows_keep_multiline_quotes(con: duckdb.DuckDBPyConnection) -> None:
    text = export(con, CASES[0]).decode("utf-8-sig")
    assert text.startswith("obs_id,indicator_id,region_code,year_start,year_end,category,value,value_high,")
    assert ',rfo_data_coverage,KZ,2021,2023,,40,60,percent,range,volunteering-2023,229,"' in text
    assert "\n2021-2023 год, не превышают 40%-60% реального охвата\"" in text


def test_golden_regions_are_plain_utf8(con: duckdb.DuckDBPyConnection) -> None:
    lines = export(con, CASES[2]).decode("utf-8").split("\n")
    assert lines[0] == "region_code,name_en,name_ru,name_kk,kind,lat,lon,created_year,carved_from"
    assert [line.split(",")[0] for line in lines[1:-1]] == ["KZ", "KZ-75"]


def regenerate(db: Path | None) -> None:
    """Rewrite every golden file from `db`, or from a fresh build when no database is given."""
    from etl.build import build

    with tempfile.TemporaryDirectory() as tmp:
        if db is None:
            db = Path(tmp) / "civic.duckdb"
            build(db)
        con = duckdb.connect(str(db), read_only=True)
        GOLDEN.mkdir(exist_ok=True)
        for case in CASES:
            (GOLDEN / case.file).write_bytes(export(con, case))
            print(f"wrote {GOLDEN / case.file}")
        con.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--regenerate", action="store_true", required=True, help="rewrite the golden files")
    parser.add_argument("--db", type=Path, help="database to export from (default: a fresh build)")
    regenerate(parser.parse_args().db)
