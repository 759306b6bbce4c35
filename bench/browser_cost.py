"""What one page costs the browser, against what it costs the server.

For the load test's reading: on this machine the visitors' browsers run on the same cores as the
server. For every page, a fresh browser context (a new visitor) opens it by URL; measured are
the CPU seconds the Chromium processes use until the page is ready (`harness.browser.READY_JS`), the CPU
seconds they keep using over `IDLE_S` seconds while the page just sits there, and the server's
CPU seconds for the same visit. Chromium runs headless with software rendering (no GPU here),
as in the load test.

    python -m bench.browser_cost
"""
from __future__ import annotations

import asyncio
import os
import time

from playwright.async_api import async_playwright

from bench import OUT, built_db, report
from harness.browser import CHROMIUM, CHROMIUM_ARGS, READY_JS
from harness.pages import app_pages, section_views
from harness.processes import cpu_seconds, descendants, tree_cpu_seconds
from harness.server import streamlit_server

IDLE_S = 5.0
READY_TIMEOUT_MS = 60_000


def visited_paths() -> list[str]:
    """Every page's URL path, and each section a link opens (`?section=`) on pages with sections."""
    return [path for script, _title, _icon, url in app_pages()
            for path in (url, *(f"{url}?section={section}" for section in section_views(script)))]


async def page_costs(url: str, server_pid: int) -> dict[str, dict]:
    """Page → browser CPU to ready, browser CPU per idle second, server CPU, seconds to ready."""
    found = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for path in visited_paths():
                context = await browser.new_context()
                page = await context.new_page()
                browser_before, server_before = tree_cpu_seconds(descendants(os.getpid())), cpu_seconds(server_pid)
                started = time.perf_counter()
                await page.goto(url + path)
                await page.wait_for_function(READY_JS, timeout=READY_TIMEOUT_MS, polling=50)
                ready_s = time.perf_counter() - started
                browser_ready, server_ready = tree_cpu_seconds(descendants(os.getpid())), cpu_seconds(server_pid)
                await asyncio.sleep(IDLE_S)
                browser_idle = tree_cpu_seconds(descendants(os.getpid())) - browser_ready
                found[path or "(default page)"] = {
                    "ready_s": ready_s, "browser_cpu_to_ready_s": browser_ready - browser_before,
                    "browser_cpu_per_idle_s": browser_idle / IDLE_S, "server_cpu_s": server_ready - server_before}
                await context.close()
        finally:
            await browser.close()
    return found


def run() -> dict:
    with streamlit_server(built_db(), "browser_cost", log_dir=OUT) as server:
        warm = asyncio.run(page_costs(server.url, server.proc.pid))        # fills the server's caches
        measured = asyncio.run(page_costs(server.url, server.proc.pid))
    return {"idle_s": IDLE_S, "warm_up_pages": len(warm), "pages": measured}


if __name__ == "__main__":
    report(run())
