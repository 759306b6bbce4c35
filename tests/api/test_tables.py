"""Every table of the downloads page over real HTTP: every format returns the database's rows.

Row counts are checked against SQL written here on an independent connection (`oracle`), for
whole tables and for the pages' filters; JSON is walked page by page through its `next` links
until `null`, and must reach `total`; CSV is parsed as CSV (quoted newlines and all); Parquet
is read back with pyarrow. A filtered CSV with `bom=1` must open in Excel with Cyrillic
intact: the byte-order mark, then exactly the database's UTF-8 bytes.
"""
from __future__ import annotations

import csv
import io

import duckdb
import pyarrow.parquet as pq
import pytest

from publish.exports import TABLES
from tests.api.support import Api
from tests.support import FIRST_SOURCE

BOM = b"\xef\xbb\xbf"
SMALL_PAGE = 97   # a page size that divides no table evenly, so the last page is partial


def csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


def parquet_rows(body: bytes) -> int:
    return pq.read_table(io.BytesIO(body)).num_rows


def walk_pages(api: Api, path: str, params: dict, limit: int = SMALL_PAGE) -> tuple[list[dict], int, int]:
    """Every row of a JSON listing, following `next`; (rows, total, pages fetched)."""
    response = api.get(path, params={**params, "limit": limit})
    rows, pages = [], 0
    while True:
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["rows"]) <= limit
        rows += page["rows"]
        pages += 1
        if page["next"] is None:
            return rows, page["total"], pages
        assert page["next"].startswith(api.base + path + "?")
        assert pages < 1_000, "pagination does not end"
        response = api.http.get(page["next"], timeout=60)


def whole_table_params(table: str) -> dict[str, str]:
    """`source_lines` is only served one document at a time; everything else whole."""
    return {"source": FIRST_SOURCE} if TABLES[table].required_filter else {}


def oracle_count(oracle: duckdb.DuckDBPyConnection, table: str) -> int:
    if TABLES[table].required_filter:
        return oracle.execute(f"SELECT count(*) FROM {table} WHERE source_id = ?", [FIRST_SOURCE]).fetchone()[0]
    return oracle.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("table", list(TABLES))
def test_every_format_returns_every_row(api: Api, oracle: duckdb.DuckDBPyConnection, table: str) -> None:
    expected = oracle_count(oracle, table)
    params = whole_table_params(table)
    body = api.get(f"/api/v1/{table}.csv", params=params).content
    assert len(csv_rows(body)) == expected
    assert parquet_rows(api.get(f"/api/v1/{table}.parquet", params=params).content) == expected
    rows, total, pages = walk_pages(api, f"/api/v1/{table}.json", params)
    assert total == expected and len(rows) == expected
    assert pages == max(1, -(-expected // SMALL_PAGE))


def test_json_pages_are_the_csv_rows_in_order(api: Api) -> None:
    """Paging neither skips nor repeats a row: the pages joined are the CSV's rows."""
    rows, _, _ = walk_pages(api, "/api/v1/observations.json", {})
    from_csv = [row["obs_id"] for row in csv_rows(api.get("/api/v1/observations.csv").content)]
    assert [row["obs_id"] for row in rows] == from_csv
    assert len(set(from_csv)) == len(from_csv)


def test_pages_end_exactly_at_the_last_row(api: Api, oracle: duckdb.DuckDBPyConnection) -> None:
    """One row left is one more page; none left is no `next`."""
    total = oracle_count(oracle, "observations")
    assert total > 3
    for limit in (total - 1, total, total + 1, total // 2 + 1, total // 3):
        rows, reported, fetched = walk_pages(api, "/api/v1/observations.json", {}, limit)
        assert (len(rows), reported, fetched) == (total, total, -(-total // limit)), limit
    past_the_end = api.get("/api/v1/observations.json", params={"offset": total}).json()
    assert past_the_end == {"rows": [], "total": total, "next": None}


FILTERED = [
    # (table, parameters, SQL count on the oracle, its bound values)
    ("observations", {"region": "KZ-75,KZ-71", "from": "2021", "to": "2022"},
     "SELECT count(*) FROM observations WHERE region_code IN ('KZ-75', 'KZ-71') AND year_end >= 2021 "
     "AND year_start <= 2022"),
    ("observations", {"indicator": "volunteer_events_share", "source": "volunteering-2023"},
     "SELECT count(*) FROM observations WHERE indicator_id = 'volunteer_events_share' "
     "AND source_id = 'volunteering-2023'"),
    ("observations", {"from": "2023"}, "SELECT count(*) FROM observations WHERE year_end >= 2023"),
    ("observations", {"derived": "true"}, "SELECT count(*) FROM observations WHERE derived"),
    ("mentions", {"region": "KZ-75"}, "SELECT count(*) FROM mentions WHERE list_contains(region_codes, 'KZ-75')"),
    ("mentions", {"q": "Волонтёров 2023"},
     "SELECT count(*) FROM mentions WHERE contains(search_text, 'волонтеров') AND contains(search_text, '2023')"),
    ("mentions", {"topics": "funding", "source": "volunteering-2023"},
     "SELECT count(*) FROM mentions WHERE list_contains(topics, 'funding') AND source_id = 'volunteering-2023'"),
    ("practices", {"region": "KZ-75"}, "SELECT count(*) FROM practices WHERE region_code = 'KZ-75'"),
    ("sources", {"from": "2025", "to": "2025"}, "SELECT count(*) FROM sources WHERE year_published = 2025"),
    ("source_lines", {"source": "volunteering-2023", "repaired": "false"},
     "SELECT count(*) FROM source_lines WHERE source_id = 'volunteering-2023' AND NOT repaired"),
]


@pytest.mark.parametrize(("table", "params", "sql"), FILTERED,
                         ids=[f"{t}-{'-'.join(p)}" for t, p, _ in FILTERED])
def test_filtered_rows_match_the_database(api: Api, oracle: duckdb.DuckDBPyConnection, table: str,
                                          params: dict, sql: str) -> None:
    expected = oracle.execute(sql).fetchone()[0]
    assert expected > 0, "an oracle that selects nothing cannot tell a filter from a broken one"
    assert len(csv_rows(api.get(f"/api/v1/{table}.csv", params=params).content)) == expected
    assert parquet_rows(api.get(f"/api/v1/{table}.parquet", params=params).content) == expected
    rows, total, _ = walk_pages(api, f"/api/v1/{table}.json", params)
    assert total == len(rows) == expected


def test_search_matches_figures_quotes_like_the_search_page(api: Api, oracle: duckdb.DuckDBPyConnection) -> None:
    """`q` on observations matches the quote case-insensitively, every word."""
    quotes = [q for (q,) in oracle.execute("SELECT quote FROM observations").fetchall()]
    expected = sum(1 for quote in quotes if "volunteers" in quote.casefold() and "2022" in quote)
    assert expected > 0
    body = api.get("/api/v1/observations.csv", params={"q": "VOLUNTEERS 2022"}).content
    assert len(csv_rows(body)) == expected


def test_bom_csv_keeps_cyrillic_bytes(api: Api, oracle: duckdb.DuckDBPyConnection) -> None:
    params = {"source": "volunteering-2023", "region": "KZ-75"}
    with_bom = api.get("/api/v1/mentions.csv", params={**params, "bom": "1"})
    assert with_bom.headers["content-type"].startswith("text/csv")
    assert with_bom.content.startswith(BOM) and not with_bom.content[3:].startswith(BOM)
    text = with_bom.content[len(BOM):].decode("utf-8", errors="strict")
    cyrillic = [t for (t,) in oracle.execute(
        "SELECT text FROM mentions WHERE source_id = 'volunteering-2023' AND list_contains(region_codes, 'KZ-75') "
        "AND regexp_matches(text, '[А-Яа-яЁё]') ORDER BY line").fetchall()]
    assert cyrillic, "the filter must select Russian sentences for this test to mean anything"
    rows = csv_rows(with_bom.content[len(BOM):])
    assert sorted(r["text"] for r in rows if r["text"] in cyrillic) == sorted(cyrillic)
    assert all(sentence.encode("utf-8") in with_bom.content for sentence in cyrillic if "\"" not in sentence)
    without = api.get("/api/v1/mentions.csv", params=params).content
    assert not without.startswith(BOM) and without == with_bom.content[len(BOM):]
    assert text.encode("utf-8") == without


def test_a_csv_sent_again_is_the_same_file_from_the_kept_body(api: Api) -> None:
    """The first request streams the CSV (no length known in advance); the server keeps the body,
    so the next request for the same filter gets the same bytes whole, with their length, and a
    request with the BOM is a file of its own."""
    params = {"region": "KZ-75,KZ-19", "from": "2021", "to": "2023"}   # asked for by no other test
    plain = {"Accept-Encoding": "identity"}   # else the server gzips, and the length is the gzip's
    first = api.get("/api/v1/observations.csv", params=params, headers=plain)
    again = api.get("/api/v1/observations.csv", params=params, headers=plain)
    assert first.status_code == again.status_code == 200
    assert "content-length" not in first.headers
    assert again.headers["content-length"] == str(len(again.content))
    assert again.content == first.content and len(csv_rows(again.content)) > 0
    assert again.headers["content-disposition"] == first.headers["content-disposition"]
    assert again.headers["etag"] == first.headers["etag"]
    with_bom = api.get("/api/v1/observations.csv", params={**params, "bom": "1"})
    assert with_bom.content == BOM + first.content
    compressed = api.get("/api/v1/observations.csv", params=params)
    assert compressed.headers.get("content-encoding") == "gzip" and compressed.content == first.content
