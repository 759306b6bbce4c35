"""Descriptions of the dataset for machines: a Frictionless data package, a DCAT 3 catalog and a
schema.org `Dataset`, each built from the one data package descriptor.

`publish.datapackage` already states everything once — title, description with the documents'
terms, the compilation's licence, version, every table's schema — so the data package served at
`/datapackage.json` is that descriptor with each resource pointing at the API's CSV URL instead
of a file in the zip (the bytes are the same: `bytes` and `hash` still hold). The DCAT catalog
and the schema.org block restate it in their vocabularies, adding what the database says about
coverage: the years with published values (`queries/bounds.sql`), the country (the `regions`
table's `country` row) and the indicators measured.

Licensing is stated as honestly as in the package: CC-BY-4.0 covers only Qogam's compilation;
the source documents' own terms are given as recorded (so far "not stated") and licensed by
nobody here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import polars as pl

from publish import datapackage, exports
from publish.citation import PROJECT, public_url
from publish.datapackage import COMPILATION_LICENSE
from publish.exports import FORMATS, MIME_TYPES, PUBLISHED
from qogam import db
from qogam.web.api_params import API_PREFIX, OPENAPI_PATH, table_path

DATAPACKAGE_PATH, CATALOG_PATH = "/datapackage.json", "/catalog.jsonld"
IANA = "https://www.iana.org/assignments/media-types/"
# The vocabulary inline rather than the URL of schema.org's context document: the block then
# means the same to every JSON-LD processor without a network fetch.
SCHEMA_ORG_CONTEXT = {"@vocab": "https://schema.org/"}
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Facts:
    """Everything the three descriptions say, read once per database file."""

    package: dict[str, Any]
    year_min: int
    year_max: int
    country: dict[str, Any]
    indicators: list[dict[str, Any]]


def api_csv_url(table: str) -> str:
    return public_url() + table_path(table, "csv")


def served_package(files: dict[str, bytes]) -> dict[str, Any]:
    """The zip's datapackage.json with each resource at its API URL instead of `data/<t>.csv`."""
    descriptor = json.loads(files["datapackage.json"])
    for resource in descriptor["resources"]:
        resource["path"] = api_csv_url(resource["name"])
    return descriptor


def read_facts() -> Facts:
    """The data package and the coverage of the current database."""
    with db.cursor() as cursor:
        package = served_package(datapackage.datapackage_files(cursor))
        bounds = exports.run_query(cursor, "bounds").row(0, named=True)
        country = exports.run_query(cursor, "regions").filter(pl.col("kind") == "country").row(0, named=True)
        indicators = pl.from_arrow(exports.read_table(cursor, "indicators"))
    assert isinstance(indicators, pl.DataFrame)
    return Facts(package, bounds["year_min"], bounds["year_max"], country, indicators.to_dicts())


def source_terms(facts: Facts) -> str:
    """The documents' terms as recorded, and that nothing here licenses them."""
    terms = "; ".join(f"{s['title']}: {s['terms']}" for s in facts.package["sources"])
    return (f"Terms of use of the source documents, as they state them: {terms}. "
            f"{COMPILATION_LICENSE['title']}")


def _distributions_dcat(facts: Facts) -> list[dict[str, Any]]:
    out = []
    for table in PUBLISHED:
        for fmt in FORMATS:
            url = public_url() + table_path(table, fmt)
            out.append({"@type": "dcat:Distribution", "dct:title": f"{table} ({fmt.upper()})",
                        "dcat:accessURL": {"@id": url}, "dcat:downloadURL": {"@id": url},
                        "dcat:mediaType": {"@id": IANA + MIME_TYPES[fmt]},
                        "dct:license": {"@id": COMPILATION_LICENSE["path"]},
                        "dcat:accessService": {"@id": public_url() + API_PREFIX}})
    out.append({"@type": "dcat:Distribution", "dct:title": "Frictionless Data Package descriptor",
                "dcat:accessURL": {"@id": public_url() + DATAPACKAGE_PATH},
                "dcat:downloadURL": {"@id": public_url() + DATAPACKAGE_PATH},
                "dcat:mediaType": {"@id": IANA + "application/json"},
                "dct:conformsTo": {"@id": datapackage.PACKAGE_PROFILE}})
    return out


def _publisher() -> dict[str, Any]:
    return {"@type": "foaf:Agent", "foaf:name": PROJECT, "foaf:homepage": {"@id": public_url()}}


def dcat_catalog(facts: Facts) -> dict[str, Any]:
    """The DCAT 3 catalog (JSON-LD): one dataset, its distributions and the API as a data service."""
    package = facts.package
    dataset = {
        "@id": public_url() + "/#dataset", "@type": "dcat:Dataset",
        "dct:identifier": package["name"], "dct:title": package["title"], "dct:description": package["description"],
        "dcat:version": package["version"], "dct:publisher": _publisher(), "dct:creator": _publisher(),
        "dcat:landingPage": {"@id": public_url()},
        "dct:license": {"@id": COMPILATION_LICENSE["path"]},
        "dct:rights": {"@type": "dct:RightsStatement", "rdfs:label": source_terms(facts)},
        "dct:temporal": {"@type": "dct:PeriodOfTime",
                         "dcat:startDate": {"@value": str(facts.year_min), "@type": "xsd:gYear"},
                         "dcat:endDate": {"@value": str(facts.year_max), "@type": "xsd:gYear"}},
        "dct:spatial": {"@type": "dct:Location", "skos:notation": facts.country["region_code"],
                        "skos:prefLabel": facts.country["name_en"]},
        "dcat:keyword": sorted({row["topic"] for row in facts.indicators}),
        "dcat:distribution": _distributions_dcat(facts),
    }
    if "created" in package:
        dataset["dct:issued"] = {"@value": package["created"], "@type": "xsd:dateTime"}
    service = {"@id": public_url() + API_PREFIX, "@type": "dcat:DataService", "dct:title": f"{PROJECT} HTTP API",
               "dcat:endpointURL": {"@id": public_url() + API_PREFIX},
               "dcat:endpointDescription": {"@id": public_url() + OPENAPI_PATH},
               "dcat:servesDataset": {"@id": dataset["@id"]}}
    return {"@context": DCAT_CONTEXT, "@id": public_url() + CATALOG_PATH, "@type": "dcat:Catalog",
            "dct:title": package["title"], "dct:description": package["description"],
            "dct:publisher": _publisher(), "foaf:homepage": {"@id": public_url()},
            "dcat:dataset": dataset, "dcat:service": service}


def schema_org_dataset(facts: Facts) -> dict[str, Any]:
    """The schema.org `Dataset` (JSON-LD) that Google Dataset Search reads from the home page."""
    package = facts.package
    creator = {"@type": "Organization", "name": PROJECT, "url": public_url()}
    document = {
        "@context": SCHEMA_ORG_CONTEXT, "@type": "Dataset", "@id": public_url() + "/#dataset",
        "name": package["title"], "description": package["description"], "url": public_url(),
        "version": package["version"], "creator": creator, "publisher": creator,
        "license": COMPILATION_LICENSE["path"], "isAccessibleForFree": True,
        "usageInfo": source_terms(facts),
        "temporalCoverage": f"{facts.year_min}/{facts.year_max}",
        "spatialCoverage": {"@type": "Place", "name": facts.country["name_en"],
                            "identifier": facts.country["region_code"]},
        "variableMeasured": [{"@type": "PropertyValue", "propertyID": row["indicator_id"], "name": row["name_en"],
                              "description": row["description"], "unitText": row["unit"]}
                             for row in facts.indicators],
        "distribution": [{"@type": "DataDownload", "name": f"{table} (CSV)", "encodingFormat": MIME_TYPES["csv"],
                          "contentUrl": api_csv_url(table)} for table in PUBLISHED],
        "subjectOf": {"@type": "DigitalDocument", "name": "Frictionless Data Package",
                      "url": public_url() + DATAPACKAGE_PATH, "encodingFormat": "application/json"},
    }
    if "created" in package:
        document["dateModified"] = package["created"]
    return document
