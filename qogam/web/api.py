"""The HTTP API: every table the downloads page offers, filtered like the pages, as a URL.

- `GET /api/v1/<table>.csv|.json|.parquet?<filters>` (filters: `qogam.web.api_params`);
- `GET /api/v1/observations/<obs_id>`: one figure, its citation and its line in the viewer;
- `GET /api/v1/openapi.json`: the OpenAPI 3.1 description (`qogam.web.openapi`).

The rows are what the download buttons hand out — `publish.exports.read_table` on the shared
read-only connection, bound parameters only — encoded by `publish.exports.encode`. CSV and
Parquet are streamed in slices, so the first bytes leave before the last are encoded; JSON is
paged. A CSV body is kept once sent (`CSV_BODIES`, bounded by bytes): a story's link sends many
readers to the same filtered CSV, which is then encoded once, not once per reader. Handlers
are plain functions, which Starlette runs in its thread pool, so a large export never blocks
the event loop that also serves the dashboard's websockets.
"""
from __future__ import annotations

import functools
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import polars as pl
import pyarrow.parquet as pq
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from conventions.text import normalise_for_search
from publish import citation, exports
from publish.exports import Column
from qogam import db, downloads, search
from qogam.byte_cache import ByteBudgetCache
from qogam.web import openapi
from qogam.web.api_http import (
    NotFound,
    document_response,
    endpoint,
    entity_tag,
    error_response,
    file_response,
    json_bytes,
    json_response,
    matches,
    not_modified,
    stream_response,
)
from qogam.web.api_params import (
    API_PREFIX,
    OPENAPI_PATH,
    QUERY,
    SEARCHABLE,
    ApiError,
    ApiQuery,
    Selection,
    Vocabulary,
    api_url,
    parse,
    query_parameters,
)

# Rows per streamed slice: large enough that per-slice overhead vanishes, small enough that a
# slice's text stays a few MB whatever the table.
STREAM_ROWS = 50_000
# Filtered tables kept for paging and repeated downloads. A 1,000x database's whole table is a
# few hundred MB, so few.
CACHED_SELECTIONS = 8
METHODS = ["GET", "HEAD", "OPTIONS"]
# Encoded CSV bodies kept after they were sent, by (database, selection, BOM); a body larger
# than the budget is streamed every time and never kept.
CSV_BODIES: ByteBudgetCache[bytes] = ByteBudgetCache(96 * 2**20, size=len)
CSV_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Catalog:
    """What parsing a request needs from the database: each table's columns, the known ids."""

    database: str
    columns: Mapping[str, Sequence[Column]]
    vocabulary: Vocabulary


@functools.lru_cache(maxsize=2)
def _catalog(database: str) -> Catalog:
    with db.cursor() as cursor:
        columns = {table: tuple(exports.table_columns(cursor, table)) for table in exports.TABLES}
        ids = exports.run_query(cursor, "api_vocabulary")
    known = {name: frozenset(ids.filter(pl.col("parameter") == name)["id"].to_list())
             for name in ("region", "indicator", "source")}
    return Catalog(database, columns, Vocabulary(known["region"], known["indicator"], known["source"]))


def catalog() -> Catalog:
    """The catalog of the database file the server reads now (rebuilt with the file)."""
    return _catalog(db.database_key())


def matching(rows: pl.DataFrame, table: str, q: str) -> pl.DataFrame:
    """Rows whose text contains every search term of `q`, normalised as evidence search does."""
    terms = search.query_terms(q)
    if terms.dropped:
        raise ApiError(QUERY, f"at most {search.MAX_TERMS} distinct words")
    if not terms.kept:
        return rows
    column = SEARCHABLE[table]
    text = pl.col(column)
    if column != "search_text":  # mentions store their normalised text; quotes are normalised here
        text = text.map_elements(normalise_for_search, return_dtype=pl.Utf8)
    return rows.filter(pl.all_horizontal(text.str.contains(term, literal=True) for term in terms.kept))


@functools.lru_cache(maxsize=CACHED_SELECTIONS)
def _rows(database: str, selection: Selection) -> pl.DataFrame:
    with db.cursor() as cursor:
        arrow = exports.read_table(cursor, selection.table, downloads.export_filter(selection.key))
    rows = pl.from_arrow(arrow)
    assert isinstance(rows, pl.DataFrame)
    return matching(rows, selection.table, selection.q) if selection.q else rows


def selected_rows(selection: Selection) -> pl.DataFrame:
    """The rows a selection keeps, in the exports' stable order (cached per database file)."""
    return _rows(db.database_key(), selection)


def csv_chunks(rows: pl.DataFrame, *, bom: bool) -> Iterator[bytes]:
    """The CSV of `rows` (as `exports.encode` writes it) slice by slice: the header and the
    BOM once, at the start."""
    for offset in range(0, max(rows.height, 1), STREAM_ROWS):
        body = exports.encode(rows.slice(offset, STREAM_ROWS), "csv", bom=bom and offset == 0)
        yield body if offset == 0 else body.split(b"\n", 1)[1]


def kept_while_sent(chunks: Iterator[bytes], key: tuple) -> Iterator[bytes]:
    """`chunks` as they come; once the last is sent, the whole body is kept in `CSV_BODIES`
    unless it outgrew the budget (then collecting stops at once)."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size <= CSV_BODIES.budget:
            parts.append(chunk)
        else:
            parts.clear()
        yield chunk
    if size <= CSV_BODIES.budget:
        CSV_BODIES.put(key, b"".join(parts))


class _Pipe(io.RawIOBase):
    """A write-only file that hands its bytes on: what Parquet's writer has written so far
    (it counts the position itself, so the footer's offsets stay right)."""

    def __init__(self) -> None:
        super().__init__()
        self.position = 0
        self.pending: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        chunk = bytes(data)
        self.pending.append(chunk)
        self.position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        out = b"".join(self.pending)
        self.pending.clear()
        return out


def parquet_chunks(rows: pl.DataFrame) -> Iterator[bytes]:
    """A Parquet file of `rows`, one row group per slice, sent as each group is written."""
    arrow = rows.to_arrow()
    pipe = _Pipe()
    with pq.ParquetWriter(pipe, arrow.schema) as writer:
        for batch in arrow.to_batches(max_chunksize=STREAM_ROWS):
            writer.write_batch(batch)
            yield pipe.take()
    yield pipe.take()


def json_page(query: ApiQuery, rows: pl.DataFrame) -> bytes:
    """`{"rows": [...], "total": N, "next": URL or null}`: `limit` rows from `offset`."""
    page = rows.slice(query.offset, query.limit) if query.offset < rows.height else rows.clear()
    following = query.offset + query.limit
    more = following < rows.height
    following_url = api_url(ApiQuery(query.selection, "json", offset=following, limit=query.limit))
    tail = json_bytes({"total": rows.height, "next": following_url if more else None})
    return b'{"rows":' + exports.encode(page, "json") + b"," + tail[1:]


def _multi(request: Request) -> dict[str, list[str]]:
    return {name: request.query_params.getlist(name) for name in request.query_params}


@endpoint
def table_endpoint(request: Request) -> Response:
    """GET /api/v1/<table>.<format>."""
    found = catalog()
    table, fmt = request.path_params["table"], request.path_params["fmt"]
    query = parse(table, fmt, _multi(request), found.columns.get(table, ()), found.vocabulary)
    etag = entity_tag(found.database, citation.public_url(), request.url.path, repr(query_parameters(query)))
    if matches(request, etag):
        return not_modified(etag)
    name = downloads.download_name(query.selection.table, query.fmt, filtered=bool(query_parameters(query)))
    if query.fmt == "csv":
        key = (found.database, query.selection, query.bom)
        if (body := CSV_BODIES.get(key)) is not None:
            return file_response(body, etag, CSV_TYPE, name)
        chunks = csv_chunks(selected_rows(query.selection), bom=query.bom)
        return stream_response(kept_while_sent(chunks, key), etag, CSV_TYPE, name)
    rows = selected_rows(query.selection)
    if query.fmt == "parquet":
        return stream_response(parquet_chunks(rows), etag, exports.MIME_TYPES["parquet"], name)
    return json_response(json_page(query, rows), etag)


@endpoint
def missing_format(request: Request) -> Response:
    """GET /api/v1/<table> without a format: say how to ask."""
    raise ApiError("format", f"add one of {', '.join('.' + f for f in exports.FORMATS)} to the table name")


def observation_document(obs_id: str) -> bytes:
    """One figure: its row, its citation (plain and BibTeX) and its line in the viewer."""
    with db.cursor() as cursor:
        rows = exports.read_table(cursor, "observations", exports.ExportFilter(equals={"obs_id": obs_id}))
        if rows.num_rows == 0:
            raise NotFound(f"obs_id: no observation {obs_id!r}")
        passage = citation.observation_passage(cursor, obs_id)
        version = citation.dataset_version(cursor)
    row = exports.encode(rows, "json")[1:-1]  # the one record of a one-element list
    tail = json_bytes({
        "citation": {"plain": citation.passage_citation(passage, version),
                     "bibtex": citation.passage_bibtex(passage, version)},
        "viewer_url": citation.viewer_url(passage.source_id, passage.line)})
    return b'{"observation":' + row + b"," + tail[1:]


@endpoint
def observation_endpoint(request: Request) -> Response:
    """GET /api/v1/observations/<obs_id>."""
    obs_id = request.path_params["obs_id"]
    etag = entity_tag(db.database_key(), citation.public_url(), "observation", obs_id)
    return document_response(request, etag, lambda: observation_document(obs_id))


@functools.lru_cache(maxsize=2)
def _openapi(database: str) -> bytes:
    found = catalog()
    return json_bytes(openapi.document(found.columns, found.vocabulary))


@endpoint
def openapi_endpoint(request: Request) -> Response:
    """GET /api/v1/openapi.json."""
    database = db.database_key()
    etag = entity_tag(database, citation.public_url(), "openapi")
    return document_response(request, etag, lambda: _openapi(database))


@endpoint
def unknown_endpoint(request: Request) -> Response:
    """Anything else under /api: a JSON 404 (never the dashboard's HTML)."""
    return error_response(404, f"path: no API endpoint {request.url.path!r}; see {OPENAPI_PATH}")


ROUTES: list[BaseRoute] = [
    Route(OPENAPI_PATH, openapi_endpoint, methods=METHODS),
    Route(f"{API_PREFIX}/observations/{{obs_id}}", observation_endpoint, methods=METHODS),
    Route(f"{API_PREFIX}/{{table}}.{{fmt}}", table_endpoint, methods=METHODS),
    Route(f"{API_PREFIX}/{{table}}", missing_format, methods=METHODS),
    Route("/api", unknown_endpoint, methods=METHODS),
    Route("/api/{rest:path}", unknown_endpoint, methods=METHODS),
]
"""The API's routes, for `st.App(routes=...)` in serve.py (most specific first)."""
