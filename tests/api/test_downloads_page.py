"""The downloads page shows the API URL of what is on screen, and that URL returns those rows.

The page is driven in AppTest (region from the URL, a column pick), its copyable URL is read
from the page and fetched from the live server: the rows it returns are the rows the page
previews. The URL is built on the public address; the test server's own address stands in.
"""
from __future__ import annotations

import csv
import io

from publish.citation import public_url
from qogam.web.api_params import OPENAPI_PATH
from tests.api.support import Api
from tests.app.support import open_direct

BOM = b"\xef\xbb\xbf"


def api_urls(at) -> list[str]:
    return [c.value for c in at.code if c.value.startswith(public_url() + "/api/v1/")]


def test_the_page_url_returns_the_rows_on_screen(api: Api) -> None:
    at = open_direct("downloads", {"region": "KZ-75"})
    at.multiselect(key="dl_pick_observations").select("qualifier").run()
    at.multiselect(key="dl_values_observations_qualifier").select("exact").run()
    assert not at.exception, [e.value for e in at.exception]
    [url] = api_urls(at)
    assert url == f"{public_url()}/api/v1/observations.csv?region=KZ-75&qualifier=exact&bom=1"
    on_screen = at.dataframe[-1].value
    response = api.get(url.removeprefix(public_url()))
    assert response.status_code == 200 and response.content.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(response.content[len(BOM):].decode("utf-8"))))
    assert [row["obs_id"] for row in rows] == on_screen["obs_id"].to_list()
    assert OPENAPI_PATH in "".join(c.value for c in at.caption)


def test_the_url_follows_the_table_the_years_and_the_byte_order_mark() -> None:
    """The dashboard's own `from`/`to` are the API's: the years carry over as they are."""
    at = open_direct("downloads", {"table": "sources", "from": "2022", "to": "2023"})
    at.checkbox(key="dl_bom").uncheck().run()
    assert not at.exception, [e.value for e in at.exception]
    assert api_urls(at) == [f"{public_url()}/api/v1/sources.csv?from=2022&to=2023"]
