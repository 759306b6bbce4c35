"""An allow-list in front of Streamlit's routes: only what the dashboard uses is answered.

Streamlit mounts endpoints Qogam never uses — file upload (`/_stcore/upload_file/…`, which
accepted any body with a session's XSRF cookie and held it in memory), the agent and auth
routes, the process metrics. The middleware answers only:

- `GET`/`HEAD`/`OPTIONS` requests without a body, to the dashboard's own paths, the front end's
  assets, media (downloads, charts), the static exports, the health check and Qogam's routes;
- the websocket at `/_stcore/stream`, whose incoming messages are bounded in size, and whose
  developer-menu requests (clearing every cache, run-on-save, debug) are dropped;
- `/_stcore/metrics` only from the machine itself when no proxy forwarded the request
  (an operator's `curl` on the host; the balancer's visitors never reach it).

Everything else gets a small 404/405/413 (JSON under /api/, plain text elsewhere) before
Streamlit sees it, so nothing it would have buffered is ever read.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from google.protobuf.message import DecodeError
from streamlit.proto.BackMsg_pb2 import BackMsg

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WEBSOCKET_PATH = "/_stcore/stream"
METRICS_PATH = "/_stcore/metrics"
# Streamlit's internal endpoints the front end needs, by exact path or by prefix.
CORE_PATHS = frozenset({"/_stcore/health", "/_stcore/host-config", "/_stcore/script-health-check"})
# Front-end assets, media files (download buttons, images), the static exports.
ASSET_PREFIXES = ("/static/", "/media/", "/app/static/")
# Prefixes no dashboard page lives under: Streamlit's internals other than the ones above.
INTERNAL_PREFIXES = ("/_stcore/", "/component/", "/auth/", "/oauth2callback")
# A browser's websocket messages are widget states and page requests (a few kB); the largest a
# visitor can legitimately send is a long multiselect, far below this.
MAX_WEBSOCKET_MESSAGE = 256 * 1024
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
API_PREFIX = "/api/"
# Websocket requests no visitor may make (see `dropped_request`).
DROPPED_REQUESTS = frozenset({"clear_cache", "set_run_on_save", "load_git_info",
                              "debug_disconnect_websocket", "debug_shutdown_runtime"})
log = logging.getLogger(__name__)


def _is_internal(path: str) -> bool:
    return path.startswith(INTERNAL_PREFIXES) or path in {p.rstrip("/") for p in INTERNAL_PREFIXES}


def is_page_request(scope: Scope) -> bool:
    """A GET of a dashboard page (not an asset, an internal endpoint or an API route)."""
    path = scope.get("path", "")
    return (scope.get("method") in ("GET", "HEAD") and not _is_internal(path)
            and not path.startswith((*ASSET_PREFIXES, API_PREFIX)) and "." not in path.rsplit("/", 1)[-1])


def _headers(scope: Scope) -> dict[bytes, bytes]:
    return {key.lower(): value for key, value in scope.get("headers", [])}


def _has_body(headers: dict[bytes, bytes]) -> bool:
    length = headers.get(b"content-length", b"0").strip() or b"0"
    return b"transfer-encoding" in headers or not length.isdigit() or int(length) > 0


def _local_operator(scope: Scope, headers: dict[bytes, bytes]) -> bool:
    """A request from this machine that no proxy forwarded."""
    client = scope.get("client") or ("", 0)
    return client[0] in LOOPBACK_HOSTS and b"x-forwarded-for" not in headers


def refusal(scope: Scope) -> tuple[int, str] | None:
    """(status, reason) when the request is not one the dashboard answers; None when it is."""
    path = scope.get("path", "")
    headers = _headers(scope)
    if scope["type"] == "websocket":
        return None if path == WEBSOCKET_PATH else (404, "not found")
    if path == METRICS_PATH:
        return None if _local_operator(scope, headers) else (404, "not found")
    if _is_internal(path) and path not in CORE_PATHS:
        return (404, "not found")
    if scope.get("method", "GET") not in SAFE_METHODS:
        return (405, "method not allowed: this site is read-only")
    if _has_body(headers):
        return (413, "request body not accepted: this site is read-only")
    return None


async def _refuse(send: Send, scope: Scope, status: int, reason: str) -> None:
    """A small refusal: JSON `{"error": ...}` under /api/ (what the API's clients parse, with the
    API's open CORS header), plain text elsewhere."""
    if f'{scope.get("path", "")}/'.startswith(API_PREFIX):
        body = json.dumps({"error": reason}).encode()
        kind = [(b"content-type", b"application/json"), (b"access-control-allow-origin", b"*")]
    else:
        body = f"{status} {reason}\n".encode()
        kind = [(b"content-type", b"text/plain; charset=utf-8")]
    await send({"type": "http.response.start", "status": status,
                "headers": [*kind,
                            (b"content-length", str(len(body)).encode()),
                            (b"cache-control", b"no-store"),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def dropped_request(message: Message) -> str | None:
    """The kind of a websocket message the server must not act on for a visitor, else None.

    Streamlit's front end sends these only from its developer menu, which a public dashboard
    does not show, but any client can send them: `clear_cache` empties every visitor's caches
    at once (the database connection included), `set_run_on_save` and the `debug_*` requests
    change or stop the server for everyone, `load_git_info` reads the repository.
    """
    data = message.get("bytes")
    if not data:
        return None
    request = BackMsg()
    try:
        request.ParseFromString(data)
    except DecodeError:
        return None          # Streamlit answers a malformed message itself
    kind = request.WhichOneof("type")
    return kind if kind in DROPPED_REQUESTS else None


def _bounded(receive: Receive, limit: int) -> Receive:
    """`receive` for a websocket that turns an over-long message into a disconnect and skips
    the requests `dropped_request` names."""
    async def bounded_receive() -> Message:
        while True:
            message = await receive()
            if message["type"] != "websocket.receive":
                return message
            size = len(message.get("bytes") or b"") + len(message.get("text") or "")
            if size > limit:
                return {"type": "websocket.disconnect", "code": 1009}
            kind = dropped_request(message)
            if kind is None:
                return message
            log.warning("dropped a %s request from a client", kind)
    return bounded_receive


class RequestGuard:
    """ASGI middleware: refuse what `refusal` names, bound websocket messages, pass the rest."""

    def __init__(self, app: ASGIApp, max_websocket_message: int = MAX_WEBSOCKET_MESSAGE) -> None:
        self.app = app
        self.max_websocket_message = max_websocket_message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        refused = refusal(scope)
        if refused is not None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            else:
                await _refuse(send, scope, *refused)
            return
        if scope["type"] == "websocket":
            receive = _bounded(receive, self.max_websocket_message)
        await self.app(scope, receive, send)
