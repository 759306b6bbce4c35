"""Server cost of one page view: a new websocket session asks for a page and reads it whole.

The load test's protocol visitor, one at a time, so that nothing queues: for every page, a warm
server answers `--visits` sequential visits; reported per page are the wall time of a visit
(median) and the server's CPU time per visit (its /proc CPU counter over the batch, divided by
the visits). Two servers are compared on the same database: as configured in
.streamlit/config.toml, and with Streamlit's default `runner.postScriptGC = true` (a full
`gc.collect()` after every script run), which this project switches off.

    python -m bench.page_views [--visits 15]
"""
from __future__ import annotations

import argparse
import asyncio
import time

from bench import OUT, Summary, built_db, report
from bench.load import protocol_pages, protocol_visit
from harness.processes import cpu_seconds
from harness.server import streamlit_server

SERVERS = {"as configured": (), "gc after every run (Streamlit default)": ("--runner.postScriptGC", "true")}


async def visits_per_page(port: int, pid: int, visits: int) -> dict[str, dict]:
    """Page → wall-time summary (ms) and server CPU ms per visit, after one warm-up visit each."""
    pages = protocol_pages()
    for page in pages:
        await protocol_visit(port, page)
    found = {}
    for page in pages:
        walls, cpu_before = [], cpu_seconds(pid)
        for _ in range(visits):
            started = time.perf_counter()
            await protocol_visit(port, page)
            walls.append((time.perf_counter() - started) * 1000)
        found[page or "(default page)"] = {"wall_ms": Summary.of(walls).as_dict(),
                                           "cpu_ms": (cpu_seconds(pid) - cpu_before) * 1000 / visits}
    return found


def run(visits: int = 15) -> dict:
    db = built_db()
    results = {}
    for label, options in SERVERS.items():
        with streamlit_server(db, "page_views", options, log_dir=OUT) as server:
            results[label] = asyncio.run(visits_per_page(server.port, server.proc.pid, visits))
    return {"visits_per_page": visits, "servers": results}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=15)
    report(run(parser.parse_args().visits))
