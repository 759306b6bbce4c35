"""Resident memory of the app process: after start, and after one session visited every page.

VmRSS (and the peak, VmHWM) of the `streamlit run` process from /proc/<pid>/status. Pages are
visited by URL in one browser session, each waited on until ready (`harness.browser.READY_JS`), so every
page's queries and caches are in memory when RSS is read. Measured on the shipped database
and, when given, on the 1,000× synthetic one. No target; reported for capacity planning.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench import OUT, built_db, report
from harness.browser import CHROMIUM, CHROMIUM_ARGS, ERROR_JS, READY_JS
from harness.pages import page_paths
from harness.processes import rss_mib
from harness.server import streamlit_server

READY_TIMEOUT_MS = 180_000
SETTLE_S = 1.0


def visit_all(page: Page, base_url: str) -> dict[str, float | str]:
    """Open every page in turn in one session: seconds until each was ready, or what went wrong
    ("not ready in N s", "exception shown"); the next page is opened anyway, so RSS counts all."""
    timings: dict[str, float | str] = {}
    for path in page_paths():
        started = time.perf_counter()
        page.goto(base_url + path)
        try:
            page.wait_for_function(READY_JS, timeout=READY_TIMEOUT_MS)
        except PlaywrightTimeout:
            timings[path] = f"not ready in {READY_TIMEOUT_MS // 1000} s"
            continue
        timings[path] = "exception shown" if page.evaluate(ERROR_JS) else time.perf_counter() - started
    return timings


def measure(db: Path) -> dict:
    """RSS of a fresh server against `db`, before any session and after visiting every page
    (read while the last page may still be running, if it was not ready in time)."""
    with streamlit_server(db, name="memory", log_dir=OUT) as server, sync_playwright() as playwright:
        time.sleep(SETTLE_S)
        idle_rss, _ = rss_mib(server.proc.pid)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            timings = visit_all(browser.new_page(), server.url)
        finally:
            browser.close()
        time.sleep(SETTLE_S)
        rss, peak = rss_mib(server.proc.pid)
    return {"db": str(db), "idle_rss_mib": idle_rss, "rss_after_pages_mib": rss, "peak_rss_mib": peak,
            "page_ready_s": timings}


def run(dbs: dict[str, Path] | None = None) -> dict:
    """Memory figures per labelled database (default: the shipped one only)."""
    return {label: measure(db) for label, db in (dbs or {"shipped": built_db()}).items()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", help="database(s) to measure (repeatable)")
    args = parser.parse_args()
    report(run({str(db): db for db in args.db} if args.db else None))
