"""What every response of the API and the metadata documents carries, and how they fail.

Every answer — data, 304, error — has `Access-Control-Allow-Origin: *` (the API is read-only
GET, so any page may script it), an `ETag` and a `Cache-Control`. A data response's ETag is a
digest of the database file's identity and the request's canonical form, so it is known before
any row is read: a revalidation (`If-None-Match`) is answered 304 without touching the data,
and a rebuilt database changes every tag. Errors are JSON `{"error": "..."}` naming the
parameter at fault; they are never cached, and never carry a server path or a traceback.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from qogam import db
from qogam.web.api_params import ApiError

log = logging.getLogger(__name__)

# Data change only when the database is rebuilt, which changes every ETag; a client may reuse
# an answer for five minutes, then revalidates (a 304 costs no query).
CACHE_DATA = "public, max-age=300"
CACHE_ERROR = "no-store"
JSON_TYPE = "application/json"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
UNAVAILABLE = "the database is unavailable; try again later"
Endpoint = Callable[[Request], Response]


class NotFound(LookupError):
    """A well-formed request for something that does not exist (a 404 naming it)."""


def entity_tag(*parts: str) -> str:
    """A strong ETag: a digest of what determines the response's bytes."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f'"{digest}"'


def common_headers(etag: str, cache: str = CACHE_DATA) -> dict[str, str]:
    return {"Access-Control-Allow-Origin": "*", "ETag": etag, "Cache-Control": cache}


def matches(request: Request, etag: str) -> bool:
    """Whether `If-None-Match` names `etag` (weak or strong) or is `*`."""
    header = request.headers.get("if-none-match", "")
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag in tags


def not_modified(etag: str, cache: str = CACHE_DATA) -> Response:
    return Response(status_code=304, headers=common_headers(etag, cache))


def json_bytes(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def json_response(body: bytes, etag: str, media_type: str = JSON_TYPE, cache: str = CACHE_DATA) -> Response:
    return Response(body, media_type=media_type, headers=common_headers(etag, cache))


def document_response(request: Request, etag: str, build: Callable[[], bytes], media_type: str = JSON_TYPE,
                      cache: str = CACHE_DATA) -> Response:
    """A whole document (built only when the client does not already hold this version)."""
    if matches(request, etag):
        return not_modified(etag, cache)
    return json_response(build(), etag, media_type, cache)


def stream_response(chunks: Iterable[bytes], etag: str, media_type: str, file_name: str) -> Response:
    """A streamed file (CSV, Parquet): sent as it is encoded, offered under `file_name`."""
    headers = {**common_headers(etag), "Content-Disposition": f'attachment; filename="{file_name}"'}
    return StreamingResponse(iter(chunks), media_type=media_type, headers=headers)


def file_response(body: bytes, etag: str, media_type: str, file_name: str) -> Response:
    """A file already encoded (a cached CSV body), offered under `file_name`."""
    headers = {**common_headers(etag), "Content-Disposition": f'attachment; filename="{file_name}"'}
    return Response(body, media_type=media_type, headers=headers)


def error_response(status: int, message: str) -> Response:
    return Response(json_bytes({"error": message}), status_code=status, media_type=JSON_TYPE,
                    headers=common_headers(entity_tag(str(status), message), CACHE_ERROR))


def preflight() -> Response:
    """The answer to OPTIONS: which methods, from any origin (nothing to send but GET)."""
    return Response(status_code=204, headers={
        **common_headers(entity_tag("options")), "Allow": ALLOWED_METHODS,
        "Access-Control-Allow-Methods": ALLOWED_METHODS, "Access-Control-Allow-Headers": "If-None-Match",
        "Access-Control-Max-Age": "86400"})


def endpoint(handler: Endpoint) -> Endpoint:
    """A route handler with the API's failure contract: a refused parameter is a 400, a missing
    or broken database a 503, anything unforeseen a JSON 500 (logged here, never shown)."""
    @functools.wraps(handler)
    def handle(request: Request) -> Response:
        if request.method == "OPTIONS":
            return preflight()
        try:
            return handler(request)
        except ApiError as error:
            return error_response(400, str(error))
        except NotFound as error:
            return error_response(404, str(error))
        except db.DatabaseUnavailable:
            log.warning("API request while the database is unavailable", exc_info=True)
            return error_response(503, UNAVAILABLE)
        except Exception:  # the contract: JSON, never a traceback
            log.exception("API request failed: %s", request.url.path)
            return error_response(500, "internal error")
    return handle
