"""Over-long links: trimmed to the parameters Qogam reads, with the page told so.

Streamlit ignores a query string of more than `CLIENT_STATE_QUERY_STRING_MAX_FIELDS` (1,000)
parameters as a whole, silently: a shared link padded with junk opened the default view with
no word about the region or years it asked for. The page request is the one place the whole
query string is seen, so a link past that limit is redirected here to the same path with only
the parameters the app reads (the global filters and the pages' own), plus `trimmed=N`, the
number of parameters left out, which the page turns into a warning (`qogam.page_frame`).
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from streamlit.runtime.state.query_params import CLIENT_STATE_QUERY_STRING_MAX_FIELDS

from qogam import filters, params
from qogam.web.guard import ASGIApp, Receive, Scope, Send, is_page_request

KNOWN = frozenset({filters.PARAM_REGION, filters.PARAM_FROM, filters.PARAM_TO, filters.PARAM_LANG,
                   *(name for names in params.PAGE_PARAMS.values() for name in names)})


def trimmed_location(path: str, query: str) -> str | None:
    """Where an over-long link is sent instead (None for a link Streamlit reads whole)."""
    if query.count("&") + 1 <= CLIENT_STATE_QUERY_STRING_MAX_FIELDS:
        return None
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if name in KNOWN][: CLIENT_STATE_QUERY_STRING_MAX_FIELDS - 1]
    return f"{path}?{urlencode([*kept, (params.TRIMMED, str(len(pairs) - len(kept)))])}"


class OverlongLinks:
    """ASGI middleware: redirect a page request whose link Streamlit would ignore whole."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_page_request(scope):
            location = trimmed_location(scope["path"], scope.get("query_string", b"").decode("latin-1"))
            if location is not None:
                await send({"type": "http.response.start", "status": 303,
                            "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0"),
                                        (b"cache-control", b"no-store")]})
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)
