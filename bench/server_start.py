"""Server start to first render: `streamlit run app.py` until the first page is drawn in Chromium.

Chromium is launched before the clock starts (a visitor's browser is already open). The clock
starts when the server process is spawned; the health endpoint is polled until it answers,
then a fresh browser context opens the root URL and waits until the default page is ready
(`harness.browser.READY_JS`: script finished, title drawn, no skeleton, no "Stop"). The first session of
a fresh process pays for the imports and the first queries, which is what a visitor meets
after a deploy. Target: ≤ 5 s.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench import OUT, Summary, built_db, report
from harness.browser import CHROMIUM, CHROMIUM_ARGS, ERROR_JS, READY_JS
from harness.server import LOOPBACK, free_port, start_streamlit, stop, wait_http

READY_TIMEOUT_S = 120


def one_start(browser: Browser, db: Path) -> tuple[float, float]:
    """(seconds to a healthy server, seconds to the first rendered page), both from spawn."""
    port = free_port()
    started = time.perf_counter()
    proc = start_streamlit(db, port, OUT / "server_start.log")
    try:
        url = f"http://{LOOPBACK}:{port}/"
        wait_http(url + "_stcore/health", timeout=READY_TIMEOUT_S, proc=proc)
        healthy = time.perf_counter() - started
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(url)
            page.wait_for_function(READY_JS, timeout=READY_TIMEOUT_S * 1000)
            rendered = time.perf_counter() - started
            if page.evaluate(ERROR_JS):
                raise RuntimeError("the first page rendered an exception")
        finally:
            context.close()
    finally:
        stop(proc)
    return healthy, rendered


def run(runs: int = 7, db: Path | None = None) -> dict:
    """`runs` cold starts against `db` (default: the freshly built shipped database)."""
    db = db or built_db()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            samples = [one_start(browser, db) for _ in range(runs)]
        finally:
            browser.close()
    return {"healthy_s": Summary.of([s[0] for s in samples]).as_dict(),
            "first_render_s": Summary.of([s[1] for s in samples]).as_dict()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    report(run(args.runs, args.db))
