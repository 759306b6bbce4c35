"""The metadata at stable URLs, read the way portals and crawlers read them.

- `/datapackage.json` validates with frictionless *from its URL*: frictionless fetches every
  resource from the API over HTTP and checks its bytes, sha256 and rows against the schema.
- The home page's HTML (as sent, before any JavaScript) carries a schema.org `Dataset` that
  pyld expands, with the fields Google Dataset Search reads; its coverage is the database's.
- `/catalog.jsonld` expands with pyld into a DCAT catalog with the dataset, its distributions,
  publisher, licence, rights statement and coverage.
- robots.txt names the sitemap; the sitemap lists every page in every language.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import duckdb
import frictionless
import pytest
from pyld import jsonld

from conventions.i18n import LANGS
from publish.exports import PUBLISHED
from tests.api.support import Api
from tests.support import app_pages

SDO = "https://schema.org/"
DCAT, DCT = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"
DATASET_FIELDS = ("name", "description", "creator", "license", "distribution", "temporalCoverage",
                  "spatialCoverage", "variableMeasured")


def refuse_remote(url: str, options: dict | None = None) -> dict:
    """pyld's loader here: a document that needs a remote context is a failure, not a fetch."""
    raise AssertionError(f"JSON-LD needs a remote context: {url}")


class JsonLdBlocks(HTMLParser):
    """The texts of every `<script type="application/ld+json">` in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def expand(document) -> list[dict]:
    return jsonld.expand(document, {"documentLoader": refuse_remote})


def values(node: dict, iri: str) -> list:
    return [v.get("@value", v.get("@id", v)) for v in node.get(iri, [])]


@pytest.fixture(scope="module")
def years(oracle: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    return oracle.execute("SELECT min(year_start), max(year_end) FROM observations "
                          "WHERE value IS NOT NULL AND practice_id IS NULL").fetchone()


def test_data_package_validates_from_its_url(api: Api) -> None:
    descriptor = api.get("/datapackage.json").json()
    assert [r["name"] for r in descriptor["resources"]] == list(PUBLISHED)
    assert all(r["path"] == f"{api.base}/api/v1/{r['name']}.csv" for r in descriptor["resources"])
    report = frictionless.validate(f"{api.base}/datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]
    assert {task.name for task in report.tasks} == set(PUBLISHED)


def test_home_page_html_carries_a_schema_org_dataset(api: Api, oracle: duckdb.DuckDBPyConnection,
                                                     years: tuple[int, int]) -> None:
    response = api.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    parser = JsonLdBlocks()
    parser.feed(response.text)
    assert len(parser.blocks) == 1
    assert response.text.index("application/ld+json") < response.text.index("</head>")
    [dataset] = expand(json.loads(parser.blocks[0]))
    assert dataset["@type"] == [SDO + "Dataset"]
    for field in DATASET_FIELDS:
        assert dataset.get(SDO + field), f"Dataset has no {field}"
    assert values(dataset, SDO + "temporalCoverage") == [f"{years[0]}/{years[1]}"]
    n_indicators = oracle.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert len(dataset[SDO + "variableMeasured"]) == n_indicators
    downloads = {values(d, SDO + "contentUrl")[0] for d in dataset[SDO + "distribution"]}
    assert downloads == {f"{api.base}/api/v1/{table}.csv" for table in PUBLISHED}
    country = oracle.execute("SELECT name_en FROM regions WHERE kind = 'country'").fetchone()[0]
    assert values(dataset[SDO + "spatialCoverage"][0], SDO + "name") == [country]
    assert "not stated" in values(dataset, SDO + "usageInfo")[0]


def test_other_pages_are_streamlit_as_usual(api: Api) -> None:
    """Only `/` carries the block; every page still gets Streamlit's own HTML."""
    home, other = api.get("/"), api.get("/downloads")
    assert other.status_code == 200 and "application/ld+json" not in other.text
    assert home.text.replace(home.text[home.text.index("<script type=\"application/ld+json\">"):
                                       home.text.index("</head>")], "") == other.text


def test_dcat_catalog_parses_as_json_ld(api: Api, years: tuple[int, int]) -> None:
    response = api.get("/catalog.jsonld")
    assert response.headers["content-type"].startswith("application/ld+json")
    nodes = jsonld.flatten(response.json(), None, {"documentLoader": refuse_remote})
    by_type: dict[str, list[dict]] = {}
    for node in nodes:
        for kind in node.get("@type", []):
            by_type.setdefault(kind, []).append(node)
    [catalog] = by_type[DCAT + "Catalog"]
    [dataset] = by_type[DCAT + "Dataset"]
    assert values(catalog, DCAT + "dataset") == [dataset["@id"]]
    for iri in (DCT + "title", DCT + "description", DCT + "publisher", DCT + "license", DCT + "rights",
                DCT + "temporal", DCT + "spatial", DCAT + "distribution"):
        assert dataset.get(iri), f"dataset has no {iri}"
    [period] = by_type[DCT + "PeriodOfTime"]
    assert values(period, DCAT + "startDate") == [str(years[0])]
    assert values(period, DCAT + "endDate") == [str(years[1])]
    [rights] = by_type[DCT + "RightsStatement"]
    assert "not stated" in values(rights, "http://www.w3.org/2000/01/rdf-schema#label")[0]
    urls = {values(d, DCAT + "downloadURL")[0] for d in by_type[DCAT + "Distribution"]}
    assert {f"{api.base}/api/v1/{table}.csv" for table in PUBLISHED} <= urls
    assert f"{api.base}/datapackage.json" in urls
    [service] = by_type[DCAT + "DataService"]
    assert values(service, DCAT + "endpointDescription") == [f"{api.base}/api/v1/openapi.json"]


def test_robots_and_sitemap(api: Api) -> None:
    robots = api.get("/robots.txt")
    assert robots.headers["content-type"].startswith("text/plain")
    assert f"Sitemap: {api.base}/sitemap.xml" in robots.text.splitlines()
    sitemap = ET.fromstring(api.get("/sitemap.xml").content)
    locations = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for page in app_pages():
        for lang in LANGS:
            query = "" if lang == "en" else f"?lang={lang}"
            assert f"{api.base}/{page.url}{query}" in locations
    for url in locations:
        assert api.get(url.removeprefix(api.base)).status_code == 200
