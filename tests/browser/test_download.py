"""A chart's CSV, downloaded through its button in a real browser, opens correctly in Excel:
UTF-8 with a byte-order mark, a header row, Cyrillic intact, and every row true to the database."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page

from tests.browser.support import CYRILLIC, MAIN, open_app

pytestmark = pytest.mark.browser

BOM = b"\xef\xbb\xbf"
REQUIRED = ["indicator_id", "indicator_name", "region_code", "region_name", "year_start", "year_end",
            "value", "unit", "qualifier", "source_title", "line", "quote"]


def test_chart_csv_in_russian(page: Page, server: str, built_db: Path) -> None:
    open_app(page, server, "volunteers", "lang=ru")
    with page.expect_download() as download:
        page.locator(f'{MAIN} [data-testid="stDownloadButton"] button').first.click()
    assert download.value.suggested_filename.endswith(".csv")
    data = Path(download.value.path()).read_bytes()

    assert data.startswith(BOM)
    text = data[len(BOM):].decode("utf-8")
    header = text.split("\n", 1)[0].strip().split(",")
    assert set(REQUIRED) <= set(header), header
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows, "the CSV has a header but no rows"
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        names = dict(con.execute("SELECT indicator_id, name_ru FROM indicators").fetchall())
        regions = dict(con.execute("SELECT region_code, name_ru FROM regions").fetchall())
        quotes = set(con.execute("SELECT indicator_id, region_code, line, quote FROM observations").fetchall())
    finally:
        con.close()
    for row in rows:
        assert CYRILLIC.search(row["indicator_name"]), row
        assert row["indicator_name"] == names[row["indicator_id"]]
        assert row["region_name"] == regions[row["region_code"]]
        assert (row["indicator_id"], row["region_code"], int(row["line"]), row["quote"]) in quotes, row
