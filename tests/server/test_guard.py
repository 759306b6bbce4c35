"""Only the endpoints the dashboard uses answer (issue 12, findings 1 and 7).

The probe opened a session, read its XSRF cookie and PUT 40 MB files to Streamlit's upload
endpoint, which Qogam never uses; each was held in the server's memory. Here the same attack
is made against the real server, and so are other requests a read-only site never needs.
"""
from __future__ import annotations

import asyncio
import uuid

import pytest
import requests
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness.processes import rss_mib
from harness.server import Server
from qogam.web import guard
from tests.server import wire

UPLOAD_BYTES = 8 * 1024 * 1024
UPLOADS = 5
# The server may grow a little for its own reasons while the requests are answered; five
# accepted uploads would add at least UPLOADS * UPLOAD_BYTES.
MAX_GROWTH_MIB = UPLOADS * UPLOAD_BYTES / 2**20 / 2


def open_session(server: Server) -> tuple[requests.Session, str]:
    """A visitor's HTTP session (with the XSRF cookie the server hands out) and a live app
    session id on the websocket, kept open while the caller uses them."""
    http = requests.Session()
    http.get(server.url + "_stcore/health", timeout=10).raise_for_status()
    return http, http.cookies.get("_streamlit_xsrf", "")


def _upload(http: requests.Session, url: str, xsrf: str) -> int | str:
    """The upload's status, or "reset" when the server answered before the body was sent and
    closed the connection (the client may then lose the answer: the refusal is the same)."""
    try:
        return http.put(url, files={"file": ("x.bin", b"\0" * UPLOAD_BYTES)},
                        headers={"X-Xsrftoken": xsrf}, timeout=30).status_code
    except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError):
        return "reset"


async def _upload_while_connected(server: Server) -> tuple[list[int | str], float]:
    """Statuses of the uploads, and how much the server grew from the end of the page run
    (whose first run in a process imports the libraries) to after the uploads."""
    http, xsrf = open_session(server)
    cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    async with wire.connect(server.port, cookie) as socket:
        await socket.send(wire.rerun().SerializeToString())
        run = await wire.read_run(socket)
        before, _ = rss_mib(server.proc.pid)
        statuses = []
        for _ in range(UPLOADS):
            url = f"{server.url}_stcore/upload_file/{run.session_id}/{uuid.uuid4()}"
            statuses.append(await asyncio.to_thread(_upload, http, url, xsrf))
        after, _ = rss_mib(server.proc.pid)
        return statuses, after - before


def test_upload_endpoint_refuses_files_and_keeps_no_memory(served: Server) -> None:
    statuses, growth_mib = wire.run(_upload_while_connected(served))
    assert all(status in (404, "reset") for status in statuses), statuses
    assert growth_mib < MAX_GROWTH_MIB, f"server grew {growth_mib:.0f} MiB"


def test_methods_with_a_body_are_refused(served: Server) -> None:
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        response = requests.request(method, served.url + "overview", data=b"x" * 1024, timeout=10)
        assert response.status_code == 405, (method, response.status_code)
        assert "<html" not in response.text.lower()
    response = requests.get(served.url, data=b"x" * 1024, timeout=10)
    assert response.status_code == 413


def test_refusals_carry_the_security_headers(served: Server) -> None:
    refused = [requests.post(served.url + "overview", data=b"x", timeout=10),
               requests.get(served.url + "_stcore/upload_file/x/y", timeout=10),
               requests.get(served.url, data=b"x" * 1024, timeout=10)]
    for response in refused:
        assert response.status_code in (404, 405, 413), response.status_code
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert "default-src 'self'" in response.headers["content-security-policy"]


def test_writes_to_the_api_are_refused_in_json(served: Server) -> None:
    for method, path in (("POST", "api/v1/observations.csv"), ("DELETE", "api/v1/regions.json"),
                         ("PUT", "api")):
        response = requests.request(method, served.url + path, data=b"{}", timeout=10)
        assert response.status_code == 405, (method, path, response.status_code)
        assert response.headers["content-type"] == "application/json"
        assert response.headers["access-control-allow-origin"] == "*"
        assert "read-only" in response.json()["error"]


def test_internal_endpoints_not_used_by_the_dashboard_are_not_found(served: Server) -> None:
    for path in ("_stcore/agent/openapi.json", "_stcore/bidi-components/x", "component/x/index.html"):
        response = requests.get(served.url + path, timeout=10)
        assert response.status_code == 404, (path, response.status_code)


def test_metrics_are_not_served_to_visitors(served: Server) -> None:
    proxied = requests.get(served.url + "_stcore/metrics", headers={"X-Forwarded-For": "203.0.113.9"},
                           timeout=10)
    assert proxied.status_code == 404
    operator = requests.get(served.url + "_stcore/metrics", timeout=10)
    assert operator.status_code == 200


def test_pages_health_and_assets_still_answer(served: Server) -> None:
    for path in ("", "overview", "_stcore/health", "_stcore/host-config"):
        response = requests.get(served.url + path, timeout=10)
        assert response.status_code == 200, (path, response.status_code)
    index = requests.get(served.url, timeout=10).text
    asset = next(part.split('"')[0] for part in index.split('src="')[1:] if part.startswith("./static/"))
    assert requests.get(served.url + asset[2:], timeout=10).status_code == 200


def test_a_session_still_runs_a_page_over_the_websocket(served: Server) -> None:
    async def visit() -> wire.Run:
        async with wire.connect(served.port) as socket:
            await socket.send(wire.rerun().SerializeToString())
            return await wire.read_run(socket)
    run = wire.run(visit())
    assert run.exceptions == []
    assert run.widget_ids, "the page drew no widgets"


def developer_request(kind: str) -> BackMsg:
    request = BackMsg()
    setattr(request, kind, True)
    return request


@pytest.mark.parametrize("kind", sorted(guard.DROPPED_REQUESTS))
def test_developer_requests_are_recognised(kind: str) -> None:
    message = {"type": "websocket.receive", "bytes": developer_request(kind).SerializeToString()}
    assert guard.dropped_request(message) == kind
    assert guard.dropped_request({"type": "websocket.receive", "bytes": wire.rerun().SerializeToString()}) is None


def test_a_visitor_cannot_switch_on_run_on_save(served: Server) -> None:
    """Streamlit answers `set_run_on_save` with a session status saying run-on-save is on.
    Requests are handled in order, so once the heartbeat's answer is back, no status saying so
    has come: the request was dropped (a cache clear sent with it has no answer to check)."""
    async def ask() -> list[bool]:
        async with wire.connect(served.port) as socket:
            await socket.send(wire.rerun().SerializeToString())
            await wire.read_run(socket)
            for request in (developer_request("set_run_on_save"), developer_request("clear_cache")):
                await socket.send(request.SerializeToString())
            heartbeat = BackMsg()
            heartbeat.app_heartbeat = True
            await socket.send(heartbeat.SerializeToString())
            run_on_save: list[bool] = []
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(socket.recv(), wire.RUN_TIMEOUT_S))
                kind = message.WhichOneof("type")
                if kind == "heartbeat_ack":
                    return run_on_save
                if kind == "session_status_changed":
                    run_on_save.append(message.session_status_changed.run_on_save)
    assert not any(wire.run(ask()))


def test_an_oversized_websocket_message_closes_the_connection(served: Server) -> None:
    async def send_oversized() -> bool:
        async with wire.connect(served.port) as socket:
            await socket.send(wire.rerun().SerializeToString())
            await wire.read_run(socket)
            await socket.send(b"\0" * (2 * guard.MAX_WEBSOCKET_MESSAGE))
            try:
                while True:
                    await asyncio.wait_for(socket.recv(), wire.RUN_TIMEOUT_S)
            except websockets.ConnectionClosed:
                return True
    assert wire.run(send_oversized())
