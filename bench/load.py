"""Load: concurrent sessions against a local Qogam server, bounded in time and count.

Two kinds of visitor, same server, same pages:

- `browser`: one headless Chromium, one browser context per session (own cookies, websocket and
  Streamlit session). A session opens the default page by URL, then keeps moving through the
  pages by clicking the sidebar navigation (a rerun in the same session, as a visitor does).
  A click is timed until its run's `script_finished` message has arrived on the page's
  websocket and `harness.browser.READY_JS` holds (title drawn, no skeleton, no "Stop" status),
  so it includes the browser's own rendering — on this 2-core machine the browser competes
  with the server for the CPU, which is why the other kind exists:
- `protocol`: Streamlit's own websocket protocol without a browser. Each visit opens
  `/_stcore/stream`, asks for a page (the BackMsg a browser sends when it opens a page URL) and
  reads every ForwardMsg until `script_finished`: the server-side page-ready time, all of the
  page delivered, none of it drawn.

Errors: a visit not ready within STEP_TIMEOUT_S, an exception element on the page, a script
that did not finish successfully, an uncaught page error or an HTTP status ≥ 400 (browser),
a failed connection (protocol).

Bounds: the server and all traffic are on 127.0.0.1; after an untimed warm-up visit of every
page, the sessions run until DURATION_S and are then stopped (visits still in flight are
counted as cut off, with how long they had waited, not timed); every session makes at most
MAX_STEPS visits. The server is started and stopped here.
Target: 0 errors and p95 page-ready ≤ 3 s with 30 sessions.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from playwright.async_api import Browser, Page, Response, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from bench import OUT, Summary, built_db, report
from harness.browser import CHROMIUM, CHROMIUM_ARGS, ERROR_JS, READY_JS
from harness.pages import page_paths
from harness.processes import descendants, rss_mib, tree_cpu_seconds
from harness.protocol import ScriptRuns, VisitError, protocol_visit
from harness.server import LOOPBACK, Server, streamlit_server

MODES = ("browser", "protocol")
DURATION_S = 60.0
MAX_STEPS = 200
STEP_TIMEOUT_S = 30.0
WARM_UP_TIMEOUT_S = 120.0
NAV_LINK = '[data-testid="stSidebarNavLink"]'


@dataclass
class Tally:
    """What all sessions measured."""

    first_load_s: list[float] = field(default_factory=list)
    navigation_s: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    in_flight: dict[str, float] = field(default_factory=dict)  # visit label → start time

    async def timed(self, label: str, visit: Callable[[], Awaitable[None]], sink: list[float]) -> bool:
        """Run one visit, bounded by STEP_TIMEOUT_S; record its time, or its error (False)."""
        started = self.in_flight[label] = time.perf_counter()
        try:
            await asyncio.wait_for(visit(), STEP_TIMEOUT_S)
        except (TimeoutError, PlaywrightTimeout):
            self.errors.append(f"{label}: not ready within {STEP_TIMEOUT_S:.0f} s")
            return False
        except (VisitError, OSError, websockets.WebSocketException) as error:
            self.errors.append(f"{label}: {error}")
            return False
        finally:
            self.in_flight.pop(label, None)
        sink.append(time.perf_counter() - started)
        return True


# ---------------------------------------------------------------- browser sessions


async def ready(page: Page) -> None:
    """Wait until the page is ready; an exception element on the page is an error."""
    await page.wait_for_function(READY_JS, timeout=STEP_TIMEOUT_S * 1000, polling=50)
    if await page.evaluate(ERROR_JS):
        raise VisitError("exception shown on the page")


def record_http_error(response: Response, label: str, tally: Tally) -> None:
    if response.status >= 400:
        tally.errors.append(f"{label}: HTTP {response.status} {response.url}")


async def browser_session(browser: Browser, url: str, index: int, tally: Tally, deadline: float) -> None:
    """One visitor in Chromium: open the app, then walk the sidebar pages until the deadline."""
    context = await browser.new_context()  # closed with the browser, after the CPU is read
    page = await context.new_page()
    label = f"browser session {index}"
    page.on("pageerror", lambda error: tally.errors.append(f"{label}: page error {error}"))
    page.on("response", lambda response: record_http_error(response, label, tally))
    runs = ScriptRuns()
    page.on("websocket", lambda socket: socket.on("framereceived", runs.on_frame))

    async def open_app() -> None:
        await page.goto(url)
        await ready(page)

    if not await tally.timed(f"{label} first load", open_app, tally.first_load_s):
        return
    n_pages = len(page_paths())
    for step in range(1, MAX_STEPS):
        if time.monotonic() >= deadline:
            return

        async def navigate(target: int = (index + step) % n_pages) -> None:
            before = runs.finished
            await page.locator(NAV_LINK).nth(target).click()
            await runs.wait_beyond(before)
            await ready(page)

        if not await tally.timed(f"{label} step {step}", navigate, tally.navigation_s):
            return


async def browser_warm_up(browser: Browser, url: str) -> None:
    context = await browser.new_context()
    try:
        page = await context.new_page()
        for path in page_paths():
            await page.goto(url + path)
            await page.wait_for_function(READY_JS, timeout=WARM_UP_TIMEOUT_S * 1000)
    finally:
        await context.close()


async def browser_load(server: Server, sessions: int, duration: float) -> Measured:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await browser_warm_up(browser, server.url)
            return await measure(server, lambda index, tally, deadline: browser_session(
                browser, server.url, index, tally, deadline), sessions, duration)
        finally:
            await browser.close()


# ---------------------------------------------------------------- protocol sessions


def protocol_pages() -> list[str]:
    """What a browser sends as page_name for each page: "" for the default (first) page, which
    is served at the root URL, else the page's URL path."""
    return ["", *page_paths()[1:]]


async def protocol_session(port: int, index: int, tally: Tally, deadline: float) -> None:
    """One visitor without a browser: open page after page (a new session each) until the deadline."""
    pages = protocol_pages()
    for step in range(MAX_STEPS):
        if time.monotonic() >= deadline:
            return
        page_name = pages[(index + step) % len(pages)]
        sink = tally.first_load_s if step == 0 else tally.navigation_s
        if not await tally.timed(f"protocol session {index} step {step}",
                                 lambda page_name=page_name: protocol_visit(port, page_name), sink):
            return


async def protocol_load(server: Server, sessions: int, duration: float) -> Measured:
    for page_name in protocol_pages():
        await asyncio.wait_for(protocol_visit(server.port, page_name), WARM_UP_TIMEOUT_S)
    return await measure(server, lambda index, tally, deadline: protocol_session(
        server.port, index, tally, deadline), sessions, duration)


# ---------------------------------------------------------------- both


@dataclass
class Measured:
    """A load run's tally, the CPU seconds server and clients used, and how long each visit
    still in flight at the stop had waited (a lower bound of its page-ready time)."""

    tally: Tally
    cpu_s: dict[str, float]
    cut_off_s: list[float]


def cpu_by_process(server_pid: int) -> dict[str, dict[int, float]]:
    """CPU seconds so far of the server's processes and of the clients' (this Python process
    and everything it started that is not the server, i.e. the browser)."""
    server = {server_pid, *descendants(server_pid)}
    clients = [os.getpid(), *(pid for pid in descendants(os.getpid()) if pid not in server)]
    return {"server": {pid: tree_cpu_seconds([pid]) for pid in server},
            "clients": {pid: tree_cpu_seconds([pid]) for pid in clients}}


def cpu_used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float]:
    """CPU seconds each side used between two snapshots (processes born meanwhile count whole)."""
    return {side: sum(cpu - before[side].get(pid, 0.0) for pid, cpu in after[side].items()) for side in after}


SessionFactory = Callable[[int, Tally, float], Awaitable[None]]


async def measure(server: Server, session: SessionFactory, sessions: int, duration: float) -> Measured:
    """Run `sessions` concurrent sessions for at most `duration` seconds, then stop them."""
    tally = Tally()
    before = cpu_by_process(server.proc.pid)
    deadline = time.monotonic() + duration
    tasks = [asyncio.create_task(session(index, tally, deadline)) for index in range(sessions)]
    done, pending = await asyncio.wait(tasks, timeout=duration)
    cpu = cpu_used(before, cpu_by_process(server.proc.pid))
    stopped = time.perf_counter()
    cut_off = [stopped - started for started in tally.in_flight.values()]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    tally.errors += [f"session crashed: {task.exception()!r}" for task in done if task.exception() is not None]
    return Measured(tally, cpu, cut_off)


def summary(sample: list[float]) -> dict | None:
    return Summary.of(sample).as_dict() if sample else None


def run(sessions: int = 30, mode: str = "browser", duration: float = DURATION_S, db: Path | None = None) -> dict:
    """Start a server on the shipped database (or `db`), load it, report times, errors and RSS."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if not 0 < duration <= DURATION_S:
        raise ValueError(f"duration must be within (0, {DURATION_S:.0f}] seconds")
    with streamlit_server(db or built_db(), name=f"load-{mode}", log_dir=OUT) as server:
        if not server.url.startswith(f"http://{LOOPBACK}:"):
            raise ValueError(f"load is only ever sent to {LOOPBACK}: {server.url}")
        load = browser_load if mode == "browser" else protocol_load
        measured = asyncio.run(load(server, sessions, duration))
        rss, peak = rss_mib(server.proc.pid)
    tally = measured.tally
    ready_s = tally.first_load_s + tally.navigation_s
    return {"mode": mode, "sessions": sessions, "duration_s": duration,
            "visits_timed": len(ready_s), "errors": len(tally.errors), "error_samples": tally.errors[:10],
            "visits_cut_off": len(measured.cut_off_s), "cut_off_waited_max_s": max(measured.cut_off_s, default=None),
            "page_ready_s": summary(ready_s), "first_visit_s": summary(tally.first_load_s),
            "later_visits_s": summary(tally.navigation_s),
            "server_rss_mib": rss, "server_peak_rss_mib": peak,
            "cpu_s": {side: round(seconds, 1) for side, seconds in measured.cpu_s.items()},
            "cpu_capacity_s": duration * (os.cpu_count() or 1)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--mode", choices=MODES, default="browser")
    parser.add_argument("--duration", type=float, default=DURATION_S, help=f"at most {DURATION_S:.0f} s")
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    report(run(args.sessions, args.mode, args.duration, args.db))
