"""The whole dataset as one Frictionless Data Package: a zip of CSVs, datapackage.json, README.md.

Everything in the descriptor comes from somewhere that already holds it: field names, types,
nullability and keys from the database catalog, descriptions from docs/data-model.md (via
`publish.dictionary`), the documents and their terms of use from the `sources` table, and the
README's caveats from the data themselves (the documents' own coverage estimates, lost charts,
repaired text), so the package cannot drift from the database it was made from.

Licensing is stated in two parts on purpose. The documents' terms are recorded per source as
the documents state them (all "not stated" so far), and nothing here licenses them. CC-BY-4.0
is the Qogam project's own choice for its compilation (the tables, harmonised values and code
lists), which is all the `licenses` property covers.

CSV files inside the package are plain UTF-8 without a byte-order mark (the Table Schema
default), list columns joined by `LIST_SEPARATOR` and declared as `list` fields with that
delimiter (an empty list is an empty cell).
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

import duckdb

from conventions.formatting import format_value, format_years
from conventions.i18n import words
from publish.citation import (
    PROJECT_TITLE,
    DatasetVersion,
    dataset_bibtex,
    dataset_citation,
    dataset_version,
    public_url,
)
from publish.dictionary import data_dictionary
from publish.exports import LIST_SEPARATOR, PUBLISHED, Column, encode, read_table, run_query, table_columns

PACKAGE_NAME = "qogam"
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
DATA_DIR = "data"
COMPILATION_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "CC-BY-4.0 for the compilation: the Qogam project's own choice for its tables, harmonised "
             "values and code lists. It does not license the source documents or the passages quoted "
             "from them; their terms are listed per source.",
}
COVERAGE_INDICATOR = "rfo_data_coverage"
_FIELD_TYPES = {"VARCHAR": "string", "INTEGER": "integer", "BIGINT": "integer",
                "DOUBLE": "number", "BOOLEAN": "boolean"}
# Zip entries get a fixed timestamp so that the same database always gives the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _field_type(table: str, column: Column) -> dict[str, Any]:
    base = column.data_type.removesuffix("[]")
    if base not in _FIELD_TYPES:
        raise ValueError(f"{table}.{column.name}: no Table Schema type for {column.data_type}")
    if column.is_list:
        return {"type": "list", "delimiter": LIST_SEPARATOR, "itemType": _FIELD_TYPES[base]}
    return {"type": _FIELD_TYPES[base]}


def field_descriptor(table: str, column: Column) -> dict[str, Any]:
    """One Table Schema field: name, type, the data-model description, `required` if NOT NULL."""
    descriptor = {"name": column.name, **_field_type(table, column),
                  "description": data_dictionary()[table].columns[column.name]}
    if not column.nullable and not column.is_list:  # an empty list is written as an empty cell
        descriptor["constraints"] = {"required": True}
    return descriptor


def table_schema(con: duckdb.DuckDBPyConnection, table: str, columns: list[Column]) -> dict[str, Any]:
    """Fields, primary key and foreign keys of one table, from the database catalog."""
    schema: dict[str, Any] = {"fields": [field_descriptor(table, c) for c in columns]}
    foreign_keys = []
    for row in run_query(con, "export_constraints", {"table": table}).iter_rows(named=True):
        if row["constraint_type"] == "PRIMARY KEY":
            schema["primaryKey"] = row["columns"]
        else:
            foreign_keys.append({"fields": row["columns"], "reference": {
                "resource": row["referenced_table"], "fields": row["referenced_columns"]}})
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def resource_descriptor(con: duckdb.DuckDBPyConnection, table: str, data: bytes) -> dict[str, Any]:
    """The data resource for one table's CSV (`data` is the file's bytes: size and hash)."""
    return {
        "name": table, "path": f"{DATA_DIR}/{table}.csv", "$schema": RESOURCE_PROFILE, "type": "table",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "description": data_dictionary()[table].description,
        "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
        "schema": table_schema(con, table, table_columns(con, table)),
    }


def _sources(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return run_query(con, "export_caveat_documents").to_dicts()


def package_descriptor(con: duckdb.DuckDBPyConnection, resources: list[dict[str, Any]],
                       version: DatasetVersion) -> dict[str, Any]:
    """datapackage.json: the package, its licence for the compilation, and the documents' terms."""
    sources = _sources(con)
    terms = "; ".join(f"{s['title']}: terms {s['terms']}" for s in sources)
    descriptor: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE, "name": PACKAGE_NAME, "title": PROJECT_TITLE,
        "description": ("Statistics on NGOs, volunteering and state funding in Kazakhstan extracted from "
                        "published documents, each figure with its document, line and verbatim quote. "
                        f"Terms of use of the source documents, as they state them: {terms}. "
                        "See README.md for how to cite the data and for the coverage caveats."),
        "version": version.version, "homepage": public_url(),
        "licenses": [COMPILATION_LICENSE],
        "sources": [{"title": s["title"], "terms": s["terms"]} for s in sources],
        "resources": resources,
    }
    if version.built:
        descriptor["created"] = f"{version.built}T00:00:00Z"  # Frictionless wants a datetime
    return descriptor


def _coverage_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One bullet per coverage estimate the documents give, quoting them."""
    unit_words = words("en")
    lines = []
    for row in run_query(con, "export_caveat_coverage", {"indicator": COVERAGE_INDICATOR}).iter_rows(named=True):
        value = format_value(row["value"], row["value_high"], row["unit"], row["qualifier"], "en", unit_words)
        scope = f", {row['category']}" if row["category"] else ""
        note = f" ({row['note']})" if row["note"] else ""
        quote = " ".join(row["quote"].split())
        lines.append(f"- {format_years(row['year_start'], row['year_end'])}{scope}: {value}{note}. "
                     f"“{quote}” ({row['title']}, line {row['line']}).")
    return lines


def _document_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One bullet per document: what extraction lost or repaired, and its terms of use."""
    return [f"- {s['title']} (`{s['source_id']}`): {s['n_gaps']} charts with only the caption left, "
            f"{s['n_missing']} figures published as missing, {s['n_repaired_lines']} lines with repaired "
            f"text, {s['n_lost_chars']} characters lost for good; terms of use: {s['terms']}."
            for s in _sources(con)]


def readme(con: duckdb.DuckDBPyConnection, version: DatasetVersion, row_counts: Mapping[str, int]) -> str:
    """README.md of the package: what is in it, how to cite it, what to keep in mind."""
    tables = [f"| `{DATA_DIR}/{name}.csv` | {row_counts[name]} | {data_dictionary()[name].description} |"
              for name in row_counts]
    return "\n".join([
        f"# {PROJECT_TITLE}", "",
        f"Data package, version {version.version}" + (f", built {version.built}" if version.built else "") + ".",
        "Column descriptions, types and keys are in `datapackage.json` (Frictionless Data Package).", "",
        "## How to cite", "", dataset_citation(version), "", "```bibtex", dataset_bibtex(version), "```", "",
        "Cite a single figure to its document and line (every row of `observations` has `source_id`, "
        "`line` and the verbatim `quote`), then \"via Qogam\".", "",
        "## Tables", "", "| file | rows | what a row is |", "|---|---|---|", *tables, "",
        "## Licence and terms of use", "",
        COMPILATION_LICENSE["title"], "",
        "## Caveats", "",
        "The documents' own estimates of how much of the real activity their figures cover "
        f"(indicator `{COVERAGE_INDICATOR}`):", "", *_coverage_lines(con), "",
        "What text extraction could not keep, per document:", "", *_document_lines(con), "",
    ])


def datapackage_files(con: duckdb.DuckDBPyConnection) -> dict[str, bytes]:
    """Every file of the package by its path inside the zip."""
    version = dataset_version(con)
    files: dict[str, bytes] = {}
    resources, row_counts = [], {}
    for table in PUBLISHED:
        rows = read_table(con, table)
        data = encode(rows, "csv", bom=False)
        files[f"{DATA_DIR}/{table}.csv"] = data
        resources.append(resource_descriptor(con, table, data))
        row_counts[table] = rows.num_rows
    descriptor = package_descriptor(con, resources, version)
    files["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=2).encode("utf-8")
    files["README.md"] = readme(con, version, row_counts).encode("utf-8")
    return files


def zip_bytes(files: Mapping[str, bytes]) -> bytes:
    """The files as a deflated zip with fixed timestamps (same input, same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            archive.writestr(zipfile.ZipInfo(path, date_time=_ZIP_TIME), files[path],
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def build_datapackage(con: duckdb.DuckDBPyConnection) -> bytes:
    """The whole dataset as a zipped Frictionless Data Package."""
    return zip_bytes(datapackage_files(con))

