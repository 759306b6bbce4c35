"""Security headers on every HTTP response Qogam serves, the dashboard's included.

- `X-Content-Type-Options: nosniff`: a download or an API body is never run as a script or
  page because a browser guessed its type.
- `Referrer-Policy: same-origin`: no address of a filtered view leaves the site (the map's
  basemap requests go to CARTO without one).
- `Content-Security-Policy`: scripts only from the site itself plus the few inline scripts it
  ships, allowed one by one by their sha256 hashes — Streamlit's index.html sets a flag inline,
  and `qogam.pagelang` sets `<html lang>`. So text a document or a link smuggles into a page
  cannot run even if some rendering path failed to escape it. What the dashboard needs beyond
  'self' (checked in Chromium by tests/browser/test_csp.py):
  - style-src 'unsafe-inline': the front end (Emotion) and the pages' `st.html` style blocks;
  - blob: workers and images: the basemap renderer (MapLibre) starts its workers from blobs;
  - CARTO's basemap hosts for the map's style, tiles, glyphs and sprites;
  - Google's icon font host for images: Streamlit draws a Material-icon `page_icon` as the
    tab's favicon from fonts.gstatic.com;
  - 'wasm-unsafe-eval' (WebAssembly only): the front end's 64-bit integer library (long.js,
    in Streamlit's protobuf bundle) compiles a tiny WebAssembly module on every page load;
    it would fall back to JavaScript, but each page would report a violation;
  - no 'unsafe-eval': Streamlit draws Vega charts with its CSP-safe expression interpreter,
    and deck.gl compiles shaders, not JavaScript.

Websocket handshakes pass untouched (no document is rendered from them). A header a route set
itself is kept, so a route may send a stricter policy of its own.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from streamlit import file_util

from qogam import pagelang
from qogam.web.guard import ASGIApp, Message, Receive, Scope, Send

INDEX_HTML = Path(file_util.get_static_dir()) / "index.html"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
BASEMAP_HOSTS = "https://basemaps.cartocdn.com https://*.basemaps.cartocdn.com"
FAVICON_HOST = "https://fonts.gstatic.com"


def script_hash(text: str) -> str:
    """The CSP source that allows exactly one inline script whose text is `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts() -> list[str]:
    """Every inline script the dashboard runs: those of the installed Streamlit's index.html
    (read, not copied, so an upgrade that changes them keeps its page working) and ours."""
    return [*INLINE_SCRIPT.findall(INDEX_HTML.read_text(encoding="utf-8")), *pagelang.SCRIPTS.values()]


def content_security_policy() -> str:
    hashes = " ".join(script_hash(script) for script in inline_scripts())
    directives = (
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {hashes}",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: blob: {BASEMAP_HOSTS} {FAVICON_HOST}",
        "font-src 'self' data:",
        f"connect-src 'self' {BASEMAP_HOSTS}",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    )
    return "; ".join(directives)


def security_headers() -> list[tuple[bytes, bytes]]:
    return [(b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"content-security-policy", content_security_policy().encode("ascii"))]


class SecurityHeaders:
    """ASGI middleware: add `security_headers()` to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = security_headers()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _value in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(header for header in self.headers if header[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)
