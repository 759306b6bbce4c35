"""Every API and metadata response is readable from any origin, tagged and cacheable; a client
that sends the tag back gets a 304 with no body; another filter or format is another tag."""
from __future__ import annotations

import pytest

from tests.api.support import Api

RESPONSES = [
    "/api/v1/observations.csv?region=KZ-75", "/api/v1/observations.json?limit=3", "/api/v1/regions.parquet",
    "/api/v1/openapi.json", "/datapackage.json", "/catalog.jsonld", "/robots.txt", "/sitemap.xml", "/",
    "/api/v1/observations.csv?region=XX", "/api/v1/observations/no-such-figure", "/api/v1/nowhere",
]
REVALIDATED = RESPONSES[:9]


def observation_path(api: Api) -> str:
    first = api.get("/api/v1/observations.json", params={"limit": 1}).json()["rows"][0]
    return f"/api/v1/observations/{first['obs_id']}"


@pytest.mark.parametrize("path", RESPONSES)
def test_every_response_has_cors_etag_and_cache_control(api: Api, path: str) -> None:
    response = api.get(path)
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["etag"].startswith('"') and response.headers["etag"].endswith('"')
    assert response.headers["cache-control"]
    if response.status_code >= 400:
        assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", REVALIDATED)
def test_if_none_match_gives_304(api: Api, path: str) -> None:
    first = api.get(path)
    assert first.status_code == 200
    again = api.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["access-control-allow-origin"] == "*" and again.headers["cache-control"]
    weak = api.get(path, headers={"If-None-Match": f'"other", W/{first.headers["etag"]}'})
    assert weak.status_code == 304
    stale = api.get(path, headers={"If-None-Match": '"not-this-version"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_observation_revalidates(api: Api) -> None:
    path = observation_path(api)
    first = api.get(path)
    assert first.status_code == 200
    assert api.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304


def test_tags_differ_by_rows_and_format(api: Api) -> None:
    tags = {api.get(path).headers["etag"] for path in (
        "/api/v1/observations.csv", "/api/v1/observations.csv?region=KZ-75", "/api/v1/observations.csv?bom=1",
        "/api/v1/observations.json", "/api/v1/observations.json?offset=1000", "/api/v1/observations.parquet")}
    assert len(tags) == 6


def test_preflight_allows_get_from_any_origin(api: Api) -> None:
    response = api.http.options(api.base + "/api/v1/observations.csv",
                                headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
                                timeout=30)
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]


def test_files_are_offered_under_their_names(api: Api) -> None:
    whole = api.get("/api/v1/observations.csv")
    filtered = api.get("/api/v1/observations.parquet", params={"region": "KZ-75"})
    assert whole.headers["content-disposition"] == 'attachment; filename="qogam-observations.csv"'
    assert filtered.headers["content-disposition"] == 'attachment; filename="qogam-observations-filtered.parquet"'
    assert filtered.headers["content-type"] == "application/vnd.apache.parquet"
