"""The API's OpenAPI 3.1 description, generated from what the API actually accepts.

One operation per table and format, whose parameters are exactly `api_params.allowed_parameters`
for it and whose JSON rows are described column by column from the database catalog (types
and nullability) and docs/data-model.md (meanings, via `publish.dictionary`). So the document
cannot promise a parameter the API refuses, and schemathesis, fuzzing the live server from this
document, checks every answer against the schema of the table it came from.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from publish.citation import PROJECT_TITLE, public_url
from publish.dictionary import data_dictionary
from publish.exports import FORMATS, MIME_TYPES, TABLES, Column, Format
from qogam.search import MAX_TERMS
from qogam.web import api_params as ap

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1"
_JSON_TYPES = {"VARCHAR": "string", "INTEGER": "integer", "BIGINT": "integer", "DOUBLE": "number",
               "BOOLEAN": "boolean"}
# Whole numbers a URL may carry (`api_params.WHOLE_NUMBER`: at most 18 digits).
_WHOLE = {"type": "integer", "minimum": -(10**18 - 1), "maximum": 10**18 - 1}
ERROR = {"type": "object", "required": ["error"], "additionalProperties": False,
         "properties": {"error": {"type": "string", "description": "what is wrong, naming the parameter"}}}
_HEADERS = {
    "ETag": {"description": "version of this answer; send it back in If-None-Match", "schema": {"type": "string"}},
    "Cache-Control": {"description": "how long the answer may be reused", "schema": {"type": "string"}},
    "Access-Control-Allow-Origin": {"description": "always `*`: any page may read the API",
                                    "schema": {"type": "string", "const": "*"}},
}


def _response(description: str, content: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description, "headers": _HEADERS}
    if content:
        response["content"] = content
    return response


def _errors(*statuses: int) -> dict[str, Any]:
    why = {304: "not modified: the ETag in If-None-Match is current",
           400: "a parameter is refused; `error` names it",
           404: "no such item", 503: "the database is unavailable"}
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {str(s): _response(why[s], None if s == 304 else error) for s in statuses}


def value_schema(column: Column) -> dict[str, Any]:
    """The JSON Schema of one column's values, as the API's JSON writes them."""
    base = {"type": _JSON_TYPES[column.data_type.removesuffix("[]")]}
    schema: dict[str, Any] = {"type": "array", "items": base} if column.is_list else dict(base)
    if column.nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def row_schema(table: str, columns: Sequence[Column]) -> dict[str, Any]:
    """One row of `table`: every column, typed and described."""
    described = data_dictionary()[table].columns
    return {"type": "object", "description": data_dictionary()[table].description,
            "required": [c.name for c in columns], "additionalProperties": False,
            "properties": {c.name: {**value_schema(c), "description": described[c.name]} for c in columns}}


def _query(name: str, schema: dict[str, Any], description: str, *, required: bool = False,
           repeated: bool = False) -> dict[str, Any]:
    parameter = {"name": name, "in": "query", "required": required, "description": description,
                 "schema": schema}
    if repeated:
        parameter.update(style="form", explode=True)
    return parameter


def _ids(known: frozenset[str], *, one: bool = False) -> dict[str, Any]:
    """A comma-separated list of ids (an example from the database), or exactly one of them."""
    return {"type": "string", "enum": sorted(known)} if one else {"type": "string", "examples": sorted(known)[:1]}


def parameter(name: str, table: str, columns: Sequence[Column], vocabulary: ap.Vocabulary) -> dict[str, Any]:
    """The description of one parameter of `api_params.allowed_parameters`."""
    spec = TABLES[table]
    required = spec.required_filter is not None and ap.column_parameter(spec.required_filter) == name
    fixed = {
        ap.REGION: (_ids(vocabulary.regions),
                    "comma-separated region codes (ISO 3166-2, `KZ` for the country as a whole)"),
        ap.YEAR_FROM: ({"type": "integer", "minimum": ap.YEAR_MIN, "maximum": ap.YEAR_MAX},
                       "first year: rows whose years overlap from–to are kept"),
        ap.YEAR_TO: ({"type": "integer", "minimum": ap.YEAR_MIN, "maximum": ap.YEAR_MAX}, "last year"),
        ap.INDICATOR: (_ids(vocabulary.indicators), "comma-separated indicator ids"),
        ap.SOURCE: (_ids(vocabulary.sources, one=required),
                     "one source (document) id" if required else "comma-separated source (document) ids"),
        ap.QUERY: ({"type": "string"}, f"every word must occur in the text (at most {MAX_TERMS} distinct words); "
                                       "case, ё/е and digit grouping are ignored"),
        ap.BOM: ({"type": "integer", "enum": [0, 1]}, "1: start with the UTF-8 byte-order mark (for Excel)"),
        ap.OFFSET: ({"type": "integer", "minimum": 0, "maximum": ap.MAX_OFFSET}, "rows to skip (default 0)"),
        ap.LIMIT: ({"type": "integer", "minimum": 1, "maximum": ap.MAX_LIMIT},
                   f"rows per page (default {ap.DEFAULT_LIMIT})"),
    }
    if name in fixed:
        schema, description = fixed[name]
        return _query(name, schema, description, required=required)
    column = next(c for c in columns if c.name == name)
    item = {"type": _JSON_TYPES[column.data_type.removesuffix("[]")]}
    if item["type"] == "integer":
        item = dict(_WHOLE)
    meaning = data_dictionary()[table].columns[name]
    return _query(name, {"type": "array", "items": item},
                  f"keep rows whose {name} is (or, for a list, contains) one of these; repeat for several. {meaning}",
                  repeated=True)


def _content(table: str, fmt: Format) -> dict[str, Any]:
    if fmt == "json":
        page = {"type": "object", "required": ["rows", "total", "next"], "additionalProperties": False,
                "properties": {"rows": {"type": "array", "items": {"$ref": f"#/components/schemas/{table}"}},
                               "total": {"type": "integer", "minimum": 0},
                               "next": {"type": ["string", "null"], "description": "URL of the next page"}}}
        return {"application/json": {"schema": page}}
    media = "text/csv" if fmt == "csv" else MIME_TYPES[fmt]
    return {media: {"schema": {"type": "string"} if fmt == "csv" else {"type": "string", "format": "binary"}}}


def table_operation(table: str, fmt: Format, columns: Sequence[Column],
                    vocabulary: ap.Vocabulary) -> dict[str, Any]:
    """GET /api/v1/<table>.<fmt>."""
    names = ap.allowed_parameters(TABLES[table], columns, fmt)
    whole = "streamed whole" if fmt != "json" else "paged; `next` links the following page"
    return {"get": {
        "operationId": f"{table}_{fmt}", "tags": [table],
        "summary": f"{table} as {fmt.upper()} ({whole})",
        "description": data_dictionary()[table].description,
        "parameters": [parameter(name, table, columns, vocabulary) for name in names],
        "responses": {"200": _response(f"the rows, {whole}", _content(table, fmt)), **_errors(304, 400, 503)}}}


def observation_operation() -> dict[str, Any]:
    """GET /api/v1/observations/{obs_id}."""
    document = {"type": "object", "required": ["observation", "citation", "viewer_url"],
                "additionalProperties": False, "properties": {
                    "observation": {"$ref": "#/components/schemas/observations"},
                    "citation": {"type": "object", "required": ["plain", "bibtex"], "additionalProperties": False,
                                 "properties": {"plain": {"type": "string"}, "bibtex": {"type": "string"}}},
                    "viewer_url": {"type": "string", "description": "the quoted line in the document viewer"}}}
    return {"get": {
        "operationId": "observation", "tags": ["observations"],
        "summary": "one figure with its citation (plain text and BibTeX) and its line in the document viewer",
        "parameters": [{"name": "obs_id", "in": "path", "required": True, "schema": {"type": "string"},
                        "description": "the observation's id (column obs_id)"}],
        "responses": {"200": _response("the figure", {"application/json": {"schema": document}}),
                      **_errors(304, 404, 503)}}}


def document(columns: Mapping[str, Sequence[Column]], vocabulary: ap.Vocabulary) -> dict[str, Any]:
    """The whole OpenAPI document for the tables' `columns` and the ids a request may name
    (both from the database)."""
    paths: dict[str, Any] = {ap.OPENAPI_PATH: {"get": {
        "operationId": "openapi", "summary": "this description",
        "responses": {"200": _response("OpenAPI 3.1", {"application/json": {"schema": {"type": "object"}}}),
                      **_errors(304)}}}}
    paths[f"{ap.API_PREFIX}/observations/{{obs_id}}"] = observation_operation()
    for table in TABLES:
        for fmt in FORMATS:
            paths[ap.table_path(table, fmt)] = table_operation(table, fmt, columns[table], vocabulary)
    schemas = {table: row_schema(table, columns[table]) for table in TABLES}
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": f"{PROJECT_TITLE}: HTTP API", "version": API_VERSION,
                 "description": "Read-only access to every published table, filtered like the dashboard. "
                                "See docs/api.md in the repository for examples."},
        "servers": [{"url": public_url()}],
        "paths": paths,
        "components": {"schemas": {"Error": ERROR, **schemas}},
    }
