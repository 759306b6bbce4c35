"""Bad requests get a JSON 400 naming the parameter; unknown things a JSON 404; a missing database
a JSON 503 without a server path — never a 500, never the dashboard's HTML."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.api.support import TIMEOUT, Api, served

BAD = [
    # (path, parameters, the parameter the error must name)
    ("/api/v1/observations.csv", {"region": "KZ-99"}, "region"),
    ("/api/v1/observations.json", {"region": "KZ-75,nowhere"}, "region"),
    ("/api/v1/observations.csv", {"from": "2023", "to": "2021"}, "from"),
    ("/api/v1/observations.csv", {"from": "twenty"}, "from"),
    ("/api/v1/observations.parquet", {"to": "2021.5"}, "to"),
    ("/api/v1/observations.csv", {"from": "99999999999999999999999"}, "from"),
    ("/api/v1/observations.csv", {"line": "forty"}, "line"),
    ("/api/v1/observations.csv", {"derived": "maybe"}, "derived"),
    ("/api/v1/observations.csv", {"indicator": "no_such_indicator"}, "indicator"),
    ("/api/v1/observations.csv", {"source": "no-such-document"}, "source"),
    ("/api/v1/observations.csv", {"regions": "KZ-75"}, "regions"),
    ("/api/v1/observations.csv", {"bom": "yes"}, "bom"),
    ("/api/v1/observations.json", {"limit": "0"}, "limit"),
    ("/api/v1/observations.json", {"limit": "1000000"}, "limit"),
    ("/api/v1/observations.json", {"offset": "-1"}, "offset"),
    ("/api/v1/observations.csv", {"offset": "10"}, "offset"),
    ("/api/v1/observations.json", {"from": ["2020", "2021"]}, "from"),
    ("/api/v1/indicators.csv", {"region": "KZ-75"}, "region"),
    ("/api/v1/regions.csv", {"q": "almaty"}, "q"),
    ("/api/v1/mentions.csv", {"q": " ".join(f"word{i}" for i in range(11))}, "q"),
    ("/api/v1/source_lines.csv", {}, "source"),
    ("/api/v1/no_such_table.csv", {}, "table"),
    ("/api/v1/observations.xlsx", {}, "format"),
    ("/api/v1/observations", {}, "format"),
]


@pytest.mark.parametrize(("path", "params", "parameter"), BAD, ids=[f"{p}-{n}" for p, _, n in BAD])
def test_bad_parameter_is_a_json_400_naming_it(api: Api, path: str, params: dict, parameter: str) -> None:
    response = api.get(path, params=params)
    assert response.status_code == 400, response.text[:200]
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error.startswith(f"{parameter}: "), error


@pytest.mark.parametrize("path", ["/api/v1/observations/no-such-figure", "/api/v1/nothing/here", "/api/v2/x.csv",
                                  "/api/", "/api", "/api/v1/observations.csv/"])
def test_unknown_paths_are_json_404s_not_the_dashboard(api: Api, path: str) -> None:
    response = api.get(path, allow_redirects=False)
    assert response.status_code == 404, response.text[:200]
    assert response.headers["content-type"] == "application/json"
    assert "<html" not in response.text.lower() and response.json()["error"]


def test_missing_database_is_a_503_without_the_path(tmp_path: Path) -> None:
    """The file the server was told to read is gone: every API route says so, naming no path."""
    missing = tmp_path / "gone" / "civic.duckdb"
    with served(missing, "api-tests-no-database") as base:
        for path in ("/api/v1/observations.csv", "/api/v1/observations.json?region=KZ-75",
                     "/api/v1/observations/any", "/api/v1/openapi.json", "/datapackage.json", "/catalog.jsonld"):
            response = requests.get(base + path, timeout=TIMEOUT)
            assert response.status_code == 503, (path, response.text[:200])
            assert response.headers["access-control-allow-origin"] == "*"
            assert str(tmp_path) not in response.text and "duckdb" not in response.text
            assert response.json()["error"]
        home = requests.get(base + "/", timeout=TIMEOUT)
        assert home.status_code == 200 and "<html" in home.text.lower()
