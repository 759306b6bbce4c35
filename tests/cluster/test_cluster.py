"""The cluster `make cluster` starts (deploy/cluster.py): replicas of the served app behind HAProxy.

Each test talks to a real cluster on free loopback ports: real `streamlit run serve.py`
replicas, Debian's HAProxy with the rendered `deploy/haproxy.cfg.template`, real Chromium.

- Through the balancer: what the app's guard refuses is refused by HAProxy itself (the response
  says `X-Qogam-Replica: balancer`, so no replica ever saw the request); every other response
  names the replica that made it; the sticky cookie keeps a visitor on one replica; bundles are
  cached by the balancer and the dashboard's HTML is not; the websocket works at /_stcore/stream.
- Failover: fresh browser visitors spread over both replicas; one replica is killed by its PID;
  HAProxy's health check takes it out, new visitors are served by the other with no error, and a
  visitor of the killed replica gets its view back from the URL on the survivor.
"""
from __future__ import annotations

import asyncio
import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
import requests
import websockets
from playwright.sync_api import Browser, BrowserContext, Page, WebSocket, expect

from conventions import i18n
from deploy.cluster import Cluster, running_cluster
from harness.protocol import ScriptRuns, protocol_visit
from harness.server import free_port
from tests.browser.support import ACTIVE_NAV, CYRILLIC, EXTERNAL, MAIN, SIDEBAR, assert_no_error, url_params, wait_idle
from tests.support import app_pages

REPLICAS = 2
REPLICA = "X-Qogam-Replica"
COOKIE = "QOGAM_REPLICA"
WAIT_S = 45.0            # bound of every wait below (a loaded CI machine); nothing is timed
MAX_VISITORS = 8         # fresh visitors opened until both replicas have been seen
DEEP = next(p for p in app_pages() if not p.default)
WAIT_MS = int(WAIT_S * 1000)
POLL_S = 0.1


@pytest.fixture(scope="module")
def cluster(built_db) -> Iterator[Cluster]:
    """A two-replica cluster for the tests that leave it intact."""
    with running_cluster(built_db, free_port(), REPLICAS) as running:
        yield running


def get(cluster: Cluster, path: str, **kwargs) -> requests.Response:
    return requests.get(cluster.url + path.lstrip("/"), timeout=WAIT_S, allow_redirects=False, **kwargs)


def refused_by_balancer(response: requests.Response, status: int) -> None:
    assert (response.status_code, response.headers.get(REPLICA)) == (status, "balancer"), \
        (response.status_code, response.headers.get(REPLICA), response.text[:200])


def eventually(condition: Callable[[], bool], what: str, page: Page | None = None) -> None:
    """Poll `condition` until it holds, for at most WAIT_S (a bound, not a measurement). With a
    `page`, wait through Playwright, so that its events (websocket frames) keep arriving."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {WAIT_S:.0f} s")
        if page is None:
            time.sleep(POLL_S)
        else:
            page.wait_for_timeout(POLL_S * 1000)


# ---------------------------------------------------------------- refused at the balancer


def test_upload_refused_before_any_replica_reads_it(cluster: Cluster) -> None:
    """The probe's attack (issue 12): open a session, send a body to the upload endpoint with the
    session's XSRF token. HAProxy answers 404 itself; the body never reaches a replica."""
    session = requests.Session()
    session.get(cluster.url + "_stcore/health", timeout=WAIT_S)
    xsrf = session.cookies.get("_streamlit_xsrf")
    assert xsrf, "a visitor gets Streamlit's XSRF cookie"
    response = session.put(cluster.url + "_stcore/upload_file/session/0123", data=b"x" * 1_000_000,
                           headers={"X-Xsrftoken": xsrf}, timeout=WAIT_S)
    refused_by_balancer(response, 404)


@pytest.mark.parametrize("path", ["_stcore/metrics", "_stcore/upload_file/a/b", "_stcore/stream",
                                  "_stcore/message", "component/x/index.html", "auth/login",
                                  "oauth2callback"])
def test_internal_endpoints_refused(cluster: Cluster, path: str) -> None:
    """Metrics too, although the request comes from this machine: through the balancer nobody is
    the local operator."""
    refused_by_balancer(get(cluster, path), 404)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_writing_methods_refused(cluster: Cluster, method: str) -> None:
    response = requests.request(method, cluster.url, timeout=WAIT_S)
    refused_by_balancer(response, 405)


@pytest.mark.parametrize("how", ["content-length", "chunked"])
def test_request_body_refused(cluster: Cluster, how: str) -> None:
    body = b"x" * 4096
    data = body if how == "content-length" else iter([body])
    refused_by_balancer(requests.request("GET", cluster.url, data=data, timeout=WAIT_S), 413)


def test_websocket_only_at_the_stream(cluster: Cluster) -> None:
    async def handshake() -> int:
        with pytest.raises(websockets.InvalidStatus) as refused:
            async with websockets.connect(cluster.url.replace("http", "ws") + "overview"):
                pass
        return refused.value.response.status_code

    assert asyncio.run(handshake()) == 404


# ---------------------------------------------------------------- served through the balancer


def test_page_runs_over_the_websocket_through_the_balancer(cluster: Cluster) -> None:
    """Streamlit's own protocol (bench.load's visitor): the default page runs to
    script_finished through HAProxy's websocket tunnel; an exception on the page would raise."""
    asyncio.run(asyncio.wait_for(protocol_visit(cluster.port, ""), WAIT_S))


def test_every_response_names_its_replica_and_sticks(cluster: Cluster) -> None:
    first = get(cluster, "")
    replica = first.headers.get(REPLICA)
    assert first.status_code == 200 and replica in {str(n) for n in range(1, REPLICAS + 1)}, first.headers
    assert first.cookies.get(COOKIE) == replica, "the sticky cookie names the replica that answered"
    cookies = {COOKIE: replica}
    for path in ("", DEEP.url, "_stcore/health", "_stcore/host-config"):
        assert get(cluster, path, cookies=cookies).headers.get(REPLICA) == replica, path


def test_websocket_follows_the_sticky_cookie(cluster: Cluster) -> None:
    async def replica_of_stream(replica: int) -> str | None:
        async with websockets.connect(cluster.url.replace("http", "ws") + "_stcore/stream",
                                      subprotocols=["streamlit"],
                                      additional_headers={"Cookie": f"{COOKIE}={replica}"}) as socket:
            return socket.response.headers.get(REPLICA)

    assert [asyncio.run(replica_of_stream(n)) for n in range(1, REPLICAS + 1)] == \
        [str(n) for n in range(1, REPLICAS + 1)]


def test_new_visitors_spread_over_all_replicas(cluster: Cluster) -> None:
    seen = {get(cluster, "").headers.get(REPLICA) for _visitor in range(2 * REPLICAS)}
    assert seen == {str(n) for n in range(1, REPLICAS + 1)}


def test_bundles_cached_by_the_balancer_and_pages_not(cluster: Cluster) -> None:
    page = get(cluster, "")
    bundle = re.search(r'src="\.?/?(static/js/[^"]+\.js)"', page.text)
    assert bundle, "the dashboard's HTML loads a script bundle"
    first, second = get(cluster, bundle[1]), get(cluster, bundle[1])
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.headers.get("X-Cache-Status") == "HIT", second.headers
    assert second.content == first.content
    assert second.headers.get(REPLICA) in {str(n) for n in range(1, REPLICAS + 1)}
    again = get(cluster, "")
    assert "X-Cache-Status" not in again.headers, "the dashboard's HTML is never cached"


# ---------------------------------------------------------------- browsers and a dying replica


@dataclass
class Watched:
    """What a tab's websockets did: how many it opened, how many script runs they reported."""

    sockets: int = 0
    runs: ScriptRuns = field(default_factory=ScriptRuns)

    def on_socket(self, socket: WebSocket) -> None:
        self.sockets += 1
        socket.on("framereceived", self.runs.on_frame)


def visit(browser: Browser, base: str, query: str, watched: Watched | None = None) -> tuple[BrowserContext, Page, str]:
    """A fresh visitor (its own cookies) opens the deep page; (its context, its tab, the replica
    that served the page)."""
    context = browser.new_context(locale="en-US")
    context.route(EXTERNAL, lambda route: route.abort())
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    if watched is not None:
        page.on("websocket", watched.on_socket)
    response = page.goto(f"{base}{DEEP.url}?{query}")
    wait_idle(page)
    assert_no_error(page)
    return context, page, response.headers[REPLICA.lower()]


def choose_language(page: Page, lang: str) -> None:
    page.locator(SIDEBAR).get_by_role("radio", name=i18n.LANGUAGE_NAMES[lang]).click()


def url_lang(page: Page) -> str:
    return url_params(page)["lang"][0]


def sticky_replica(context: BrowserContext) -> str | None:
    return next((c["value"] for c in context.cookies() if c["name"] == COOKIE), None)


def shows_view(page: Page, lang: str) -> None:
    """The deep page, in `lang`, with no error: the view the visitor's URL names."""
    assert_no_error(page)
    expect(page.locator(ACTIVE_NAV)).to_contain_text(i18n.t(DEEP.title_key, lang))
    expect(page.locator(f"{MAIN} h1").first).to_have_text(CYRILLIC)


@pytest.mark.browser
def test_killed_replica_visitors_move_and_new_ones_are_served(built_db, browser: Browser) -> None:
    with running_cluster(built_db, free_port(), REPLICAS) as doomed:
        base = doomed.url
        visitors: dict[str, tuple[BrowserContext, Page]] = {}
        watched: dict[Page, Watched] = {}
        for _visitor in range(MAX_VISITORS):
            watch = Watched()
            context, page, replica = visit(browser, base, "lang=ru", watch)
            watched[page] = watch
            assert sticky_replica(context) == replica, "the page's replica is the one its websocket sticks to"
            if replica in visitors:
                context.close()
            else:
                visitors[replica] = (context, page)
            if len(visitors) == REPLICAS:
                break
        assert set(visitors) == {str(n) for n in range(1, REPLICAS + 1)}, "fresh visitors reach every replica"

        victim = doomed.replicas[0]
        survivor = str(doomed.replicas[1].number)
        os.kill(victim.proc.pid, signal.SIGKILL)
        victim.proc.wait()
        eventually(lambda: doomed.server_states()[victim.number].startswith("DOWN"),
                   "HAProxy's health check marks the killed replica down")

        for _visitor in range(2 * REPLICAS):
            context, page, replica = visit(browser, base, "lang=ru")
            assert replica == survivor, "no new visitor is sent to the dead replica"
            shows_view(page, "ru")
            context.close()

        # The killed replica's visitor: its tab reconnects by itself, and its next action runs
        # on the survivor — a new session there, which starts from the URL (page and language).
        context, page = visitors[str(victim.number)]
        watch = watched[page]
        eventually(lambda: watch.sockets > 1, "the tab opens a new websocket", page)
        assert sticky_replica(context) == survivor, "the balancer moved the tab to the survivor"
        before = watch.runs.finished
        choose_language(page, "kk")
        eventually(lambda: watch.runs.finished > before, "the action runs the page on the survivor", page)
        wait_idle(page)
        shows_view(page, url_lang(page))
        if url_lang(page) != "kk":   # the new session took the language from the URL: choose again
            choose_language(page, "kk")
        page.wait_for_url(re.compile(r"[?&]lang=kk(&|$)"))
        wait_idle(page)
        shows_view(page, "kk")
        reloaded = page.reload()
        wait_idle(page)
        assert reloaded.headers[REPLICA.lower()] == survivor
        shows_view(page, "kk")
        for context, _page in visitors.values():
            context.close()
