"""Exports on a tiny database with the real schema: filters, whitelists and the file formats."""
from __future__ import annotations

import io
import json

import duckdb
import polars as pl
import pytest

from publish.exports import (
    PUBLISHED,
    TABLES,
    ExportFilter,
    encode,
    export_table,
    file_name,
    read_table,
    select_statement,
    table_columns,
    table_spec,
)

BOM = b"\xef\xbb\xbf"


def csv_rows(data: bytes) -> pl.DataFrame:
    return pl.read_csv(io.BytesIO(data.removeprefix(BOM)), infer_schema=False)


def test_csv_starts_with_bom_by_default_and_plain_utf8_on_request(con: duckdb.DuckDBPyConnection) -> None:
    with_bom = export_table(con, "sources")
    plain = export_table(con, "sources", bom=False)
    assert with_bom.startswith(BOM + b"source_id,title,")
    assert plain.startswith(b"source_id,title,")
    assert with_bom == BOM + plain
    assert "Доклад".encode() in plain


def test_list_columns_become_one_cell_and_whole_numbers_lose_the_point(con: duckdb.DuckDBPyConnection) -> None:
    rows = csv_rows(export_table(con, "mentions", ExportFilter(equals={"line": 2})))
    assert rows.row(0, named=True)["numbers"] == "2023; 217391"
    assert rows.row(0, named=True)["number_texts"] == "2023; 217 391"
    assert rows.row(0, named=True)["topics"] == "volunteers"


def test_list_item_holding_the_separator_is_refused() -> None:
    with pytest.raises(ValueError, match="contains '; '"):
        encode(pl.DataFrame({"links": [["https://a.kz", "x; y"]]}), "csv")


def test_empty_list_and_null_are_empty_cells(con: duckdb.DuckDBPyConnection) -> None:
    rows = csv_rows(export_table(con, "mentions", ExportFilter(equals={"line": 3})))
    assert rows.row(0, named=True)["region_codes"] in ("", None)


def test_quotes_and_commas_survive_a_csv_round_trip(con: duckdb.DuckDBPyConnection) -> None:
    rows = csv_rows(export_table(con, "observations", ExportFilter(equals={"obs_id": "o1"})))
    assert rows["quote"].to_list() == ['деятельность 217 391 волонтёра, "всего"']
    assert rows["value"].to_list() == ["217391"]


def test_json_is_utf8_records_with_lists_kept(con: duckdb.DuckDBPyConnection) -> None:
    data = export_table(con, "mentions", fmt="json")
    assert "волонтёра".encode() in data  # not \\u-escaped
    records = json.loads(data)
    assert [r["line"] for r in records] == [2, 3]
    assert records[0]["number_texts"] == ["2023", "217 391"]


def test_parquet_round_trips_types_and_lists(con: duckdb.DuckDBPyConnection) -> None:
    frame = pl.read_parquet(io.BytesIO(export_table(con, "mentions", fmt="parquet")))
    assert frame.schema["numbers"] == pl.List(pl.Float64)
    assert frame["numbers"][0].to_list() == [2023.0, 217391.0]


def test_region_filter_on_scalar_and_list_columns(con: duckdb.DuckDBPyConnection) -> None:
    assert read_table(con, "observations", ExportFilter(region_codes=["KZ-75"]))["obs_id"].to_pylist() == ["o2"]
    assert read_table(con, "mentions", ExportFilter(region_codes=["KZ"]))["line"].to_pylist() == [2]


def test_year_filter_keeps_overlapping_periods(con: duckdb.DuckDBPyConnection) -> None:
    def ids(year_from: int | None, year_to: int | None) -> list[str]:
        return read_table(con, "observations", ExportFilter(year_from=year_from, year_to=year_to))["obs_id"].to_pylist()
    assert ids(2022, 2022) == ["o2"]
    assert ids(2022, None) == ["o1", "o2"]
    assert ids(None, 2021) == ["o2"]
    assert ids(2024, 2030) == []


def test_equality_filter_accepts_lists_and_matches_inside_list_columns(con: duckdb.DuckDBPyConnection) -> None:
    assert read_table(con, "observations", ExportFilter(equals={"obs_id": ["o1", "o2"]})).num_rows == 2
    assert read_table(con, "mentions", ExportFilter(equals={"topics": "volunteers"}))["line"].to_pylist() == [2]
    assert read_table(con, "observations", ExportFilter(equals={"obs_id": []})).num_rows == 2  # empty = any


def test_values_are_bound_never_spliced_into_sql(con: duckdb.DuckDBPyConnection) -> None:
    hostile = "x' OR 1=1; DROP TABLE sources; --"
    spec = table_spec("observations")
    sql, params = select_statement(spec, table_columns(con, "observations"),
                                   ExportFilter(region_codes=[hostile], equals={"source_id": hostile}))
    assert hostile not in sql
    assert hostile in params["regions"] and params["eq0"] == [hostile]
    assert read_table(con, "observations", ExportFilter(equals={"source_id": hostile})).num_rows == 0
    assert read_table(con, "sources").num_rows == 1


@pytest.mark.parametrize("table", ["build_info", "sources; DROP TABLE sources", 'sources"', "SOURCES"])
def test_only_whitelisted_tables(con: duckdb.DuckDBPyConnection, table: str) -> None:
    with pytest.raises(ValueError, match="not an exportable table"):
        export_table(con, table)


def test_only_existing_columns(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="no column"):
        export_table(con, "sources", ExportFilter(equals={'title" OR 1=1 --': "x"}))


def test_filters_that_do_not_apply_are_refused(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="no year"):
        export_table(con, "mentions", ExportFilter(year_from=2022))
    with pytest.raises(ValueError, match="no region"):
        export_table(con, "sources", ExportFilter(region_codes=["KZ"]))


def test_document_text_goes_out_one_document_at_a_time(con: duckdb.DuckDBPyConnection) -> None:
    assert "source_lines" not in PUBLISHED and set(PUBLISHED) < set(TABLES)
    with pytest.raises(ValueError, match="source_id filter"):
        export_table(con, "source_lines")
    with pytest.raises(ValueError, match="source_id filter"):
        export_table(con, "source_lines", ExportFilter(equals={"source_id": []}))
    assert read_table(con, "source_lines", ExportFilter(equals={"source_id": "doc"})).num_rows == 1


def test_empty_table_exports_header_only(con: duckdb.DuckDBPyConnection) -> None:
    assert export_table(con, "practices", bom=False).split(b"\n")[0].startswith(b"practice_id,title,")
    assert json.loads(export_table(con, "practices", fmt="json")) == []


def test_unknown_format_and_file_names(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        encode(read_table(con, "sources"), "xlsx")  # type: ignore[arg-type]
    assert file_name("observations", "parquet") == "qogam-observations.parquet"
