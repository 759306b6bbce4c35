"""qogam.web.headers on its own: what it adds, what it keeps, what it leaves alone.

The browser tests (tests/browser/test_csp.py) check the policy against the real dashboard;
these drive the middleware around small real Starlette responses, one ASGI call each.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from starlette.responses import PlainTextResponse

from qogam import pagelang
from qogam.web import headers
from qogam.web.guard import ASGIApp, Message, Receive, Scope, Send

HTTP_SCOPE = {"type": "http", "method": "GET", "path": "/", "headers": []}


def call(app: ASGIApp, scope: Scope) -> list[Message]:
    """Run one ASGI call of `headers.SecurityHeaders(app)`; returns what it sent."""
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    # A thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, headers.SecurityHeaders(app)(scope, receive, send)).result()
    return sent


def response_headers(sent: list[Message]) -> dict[bytes, list[bytes]]:
    start = next(m for m in sent if m["type"] == "http.response.start")
    found: dict[bytes, list[bytes]] = {}
    for name, value in start["headers"]:
        found.setdefault(name, []).append(value)
    return found


def test_every_http_response_gets_the_three_headers() -> None:
    got = response_headers(call(PlainTextResponse("ok"), HTTP_SCOPE))
    assert got[b"x-content-type-options"] == [b"nosniff"]
    assert got[b"referrer-policy"] == [b"same-origin"]
    assert got[b"content-security-policy"] == [headers.content_security_policy().encode()]


def test_a_route_s_own_policy_is_kept_not_doubled() -> None:
    own = PlainTextResponse("ok", headers={"Content-Security-Policy": "default-src 'none'"})
    got = response_headers(call(own, HTTP_SCOPE))
    assert got[b"content-security-policy"] == [b"default-src 'none'"]
    assert got[b"x-content-type-options"] == [b"nosniff"]


def test_websocket_messages_pass_untouched() -> None:
    accept = {"type": "websocket.accept", "headers": [(b"x-from-app", b"1")]}

    async def websocket_app(scope: Scope, receive: Receive, send: Send) -> None:
        await send(dict(accept))

    assert call(websocket_app, {"type": "websocket", "path": "/_stcore/stream", "headers": []}) == [accept]


def test_script_hash_is_the_csp_sha256_source() -> None:
    # sha256 of the empty string, base64: the value every CSP reference quotes
    assert headers.script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_policy_allows_streamlit_s_and_our_inline_scripts_by_hash_only() -> None:
    scripts = headers.inline_scripts()
    assert len(scripts) > len(pagelang.SCRIPTS), "no inline script found in Streamlit's index.html"
    script_src = next(d for d in headers.content_security_policy().split("; ") if d.startswith("script-src "))
    for script in scripts:
        assert headers.script_hash(script) in script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
