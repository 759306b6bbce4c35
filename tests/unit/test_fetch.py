"""`etl fetch` against a real HTTP server on loopback: every way a download can go.

The server runs in a thread of this test process on 127.0.0.1 and serves fixtures by
path; timeouts and backoff are shrunk so the failure cases stay fast.
"""
from __future__ import annotations

import hashlib
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from conventions.errors import EtlError
from etl.__main__ import main
from etl.fetch import STATE_FILE, FetchPolicy, _check_length, exit_code, fetch, load_state

SOURCE_ID = "volunteering-2022"   # a real id, so review names its real spec and table module
FILE = "report.txt"
SNAPSHOT = b"Report 2022\nThe network counted 1 234 volunteers.\n"
NEW_EDITION = b"Report 2022 (corrected)\nThe network counted 1 243 volunteers.\n"
ETAG = '"v1"'
LAST_MODIFIED = "Mon, 06 Jan 2025 10:00:00 GMT"
FAST = FetchPolicy(timeout=0.3, retries=2, backoff=0.01)
SLOW_SECONDS = 5.0   # the slow route waits this long (or until the server stops): far past FAST.timeout


@dataclass
class Server:
    """What the handler serves and what it saw."""

    base_url: str
    hits: Counter = field(default_factory=Counter)
    headers: list[dict[str, str]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


class Handler(BaseHTTPRequestHandler):
    """Routes: /conditional (ETag, honours If-None-Match), /same (always 200), /changed,
    /missing (404), /slow (never answers in time), /truncated (announces more bytes than it
    sends), /flaky (503 once, then the snapshot)."""

    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        state: Server = self.server.state  # type: ignore[attr-defined]
        state.hits[self.path] += 1
        state.headers.append(dict(self.headers))
        if self.path == "/conditional" and self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.end_headers()
        elif self.path in ("/conditional", "/same") or (self.path == "/flaky" and state.hits["/flaky"] > 1):
            self._send(SNAPSHOT)
        elif self.path == "/changed":
            self._send(NEW_EDITION)
        elif self.path == "/flaky":
            self.send_error(503)
        elif self.path == "/slow":
            state.stop.wait(SLOW_SECONDS)
        elif self.path == "/truncated":
            self._send(SNAPSHOT, announced=len(SNAPSHOT) + 100)
        else:
            self.send_error(404)

    def _send(self, body: bytes, announced: int | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(announced or len(body)))
        self.send_header("ETag", ETAG)
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.state = Server(base_url=f"http://127.0.0.1:{httpd.server_address[1]}")  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield httpd.state  # type: ignore[attr-defined]
    finally:
        httpd.state.stop.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def make_project(root: Path, url: str, *, with_snapshot: bool = True) -> Path:
    """A project folder whose manifest has one source at `url`, pinned to SNAPSHOT."""
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    if with_snapshot:
        (raw / FILE).write_bytes(SNAPSHOT)
    (raw / "manifest.toml").write_text(f'''[[source]]
source_id = "{SOURCE_ID}"
file = "{FILE}"
title = "Test report"
publisher = "Test"
year_published = 2022
language = "en"
data_years = "2022"
terms = "not stated"
original = "report.txt"
sha256 = "{hashlib.sha256(SNAPSHOT).hexdigest()}"
url = "{url}"
''', encoding="utf-8")
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Every file under data/raw with its bytes: 'untouched' means this is equal before and after."""
    raw = root / "data" / "raw"
    return {str(p.relative_to(raw)): p.read_bytes() for p in sorted(raw.rglob("*")) if p.is_file()}


def test_200_with_the_same_bytes_is_unchanged_and_keeps_the_validators(server: Server, tmp_path: Path) -> None:
    root = make_project(tmp_path, f"{server.base_url}/same")
    [outcome] = fetch(root, [], FAST)
    assert (outcome.status, outcome.message) == ("unchanged", "same bytes as the snapshot")
    assert (root / "data" / "raw" / FILE).read_bytes() == SNAPSHOT
    assert not (root / "data" / "raw" / "incoming").exists()
    assert load_state(root / "data" / "raw") == {SOURCE_ID: {
        "sha256": hashlib.sha256(SNAPSHOT).hexdigest(), "etag": ETAG, "last_modified": LAST_MODIFIED}}
    assert sorted(tree(root)) == sorted([STATE_FILE, FILE, "manifest.toml"])  # no temporary file left behind


def test_second_fetch_is_conditional_and_304_means_unchanged(server: Server, tmp_path: Path) -> None:
    root = make_project(tmp_path, f"{server.base_url}/conditional")
    assert [o.status for o in fetch(root, [SOURCE_ID], FAST)] == ["unchanged"]
    assert "If-None-Match" not in server.headers[0]
    before = tree(root)
    [outcome] = fetch(root, [SOURCE_ID], FAST)
    assert (outcome.status, outcome.message) == ("unchanged", "not modified since the snapshot (304)")
    assert server.headers[1]["If-None-Match"] == ETAG
    assert server.headers[1]["If-Modified-Since"] == LAST_MODIFIED
    assert tree(root) == before


def test_changed_document_is_kept_beside_the_snapshot_and_names_what_to_review(server: Server,
                                                                               tmp_path: Path) -> None:
    root = make_project(tmp_path, f"{server.base_url}/changed")
    before = tree(root)
    outcomes = fetch(root, [], FAST)
    [outcome] = outcomes
    assert outcome.status == "changed" and exit_code(outcomes) == 3
    assert outcome.review == ["etl/sources/volunteering_2022/spec.toml", "etl/sources/volunteering_2022/tables.py"]
    assert hashlib.sha256(NEW_EDITION).hexdigest() in outcome.message
    after = tree(root)
    assert after.pop("incoming/report.txt") == NEW_EDITION
    assert after == before  # snapshot, manifest (and no validators of the new bytes) unchanged


def test_404_fails_at_once_and_leaves_the_snapshots_untouched(server: Server, tmp_path: Path) -> None:
    root = make_project(tmp_path, f"{server.base_url}/gone")
    before = tree(root)
    outcomes = fetch(root, [], FAST)
    assert [o.status for o in outcomes] == ["failed"] and exit_code(outcomes) == 1
    assert "[fetch-http] HTTP 404" in outcomes[0].message
    assert server.hits["/gone"] == 1  # a 404 is not retried
    assert tree(root) == before


def test_slow_server_times_out_is_retried_and_fails_cleanly(server: Server, tmp_path: Path) -> None:
    root = make_project(tmp_path, f"{server.base_url}/slow")
    before = tree(root)
    [outcome] = fetch(root, [], FAST)
    assert outcome.status == "failed"
    assert "[fetch-network]" in outcome.message and "gave up after 3 attempts" in outcome.message
    assert server.hits["/slow"] == 1 + FAST.retries
    assert tree(root) == before


def test_truncated_body_is_an_error_and_the_snapshot_stays(server: Server, tmp_path: Path) -> None:
    root = make_project(tmp_path, f"{server.base_url}/truncated")
    before = tree(root)
    [outcome] = fetch(root, [], FAST)
    assert outcome.status == "failed" and "[fetch-truncated]" in outcome.message
    assert server.hits["/truncated"] == 1 + FAST.retries
    assert tree(root) == before


def test_short_body_fails_even_where_urllib3_does_not_notice() -> None:
    """urllib3 1.26 (which requests accepts) hands over a short body without complaint."""
    response = requests.Response()
    response.headers["Content-Length"] = "150"
    with pytest.raises(EtlError, match=r"\[fetch-truncated\] received 50 of 150 announced bytes"):
        _check_length("http://127.0.0.1/report.txt", response, 50)
    response.headers["Content-Encoding"] = "gzip"  # the announced length is the encoded one
    _check_length("http://127.0.0.1/report.txt", response, 50)


def test_server_error_is_retried_until_the_document_arrives(server: Server, tmp_path: Path) -> None:
    root = make_project(tmp_path, f"{server.base_url}/flaky")
    assert [o.status for o in fetch(root, [], FAST)] == ["unchanged"]
    assert server.hits["/flaky"] == 2


def test_refused_connection_fails_cleanly(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = make_project(tmp_path, f"http://127.0.0.1:{port}/report.txt")
    before = tree(root)
    [outcome] = fetch(root, [], FAST)
    assert outcome.status == "failed" and "[fetch-network] ConnectionError" in outcome.message
    assert tree(root) == before


def test_missing_snapshot_is_restored_only_with_the_pinned_bytes(server: Server, tmp_path: Path) -> None:
    root = make_project(tmp_path, f"{server.base_url}/same", with_snapshot=False)
    [outcome] = fetch(root, [], FAST)
    assert outcome.status == "restored"
    assert (root / "data" / "raw" / FILE).read_bytes() == SNAPSHOT


def test_naming_an_unknown_source_is_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path, "http://127.0.0.1:9/unused")
    with pytest.raises(EtlError, match=r"\[fetch-source\] no source nope"):
        fetch(root, ["nope"], FAST)


def test_command_line_reports_and_exits_by_outcome(server: Server, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--timeout", "0.3", "--retries", "0"]
    changed = make_project(tmp_path / "changed", f"{server.base_url}/changed")
    assert main(["fetch", "--root", str(changed), *args, SOURCE_ID]) == 3
    out = capsys.readouterr().out
    assert f"{SOURCE_ID}: CHANGED:" in out and "etl/sources/volunteering_2022/spec.toml" in out
    gone = make_project(tmp_path / "gone", f"{server.base_url}/gone")
    assert main(["fetch", "--root", str(gone), *args]) == 1
    assert "HTTP 404" in capsys.readouterr().err
