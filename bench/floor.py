"""The floor of a rerun: a one-widget Streamlit page with one DuckDB query, through AppTest.

Issue 17 asks every page's rerun p95 to stay within 3x this floor measured in the same run,
so that the ratio says what the app adds over Streamlit and DuckDB themselves, whatever the
machine's load. The floor page is run exactly as `bench.page_reruns` runs the app's pages
(one session, a first run, then `--runs` reruns, timed around `AppTest.run`), and both are
measured here back to back against the same database.

    python -m bench.floor [--runs 20]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from bench import Summary, built_db, page_reruns, report

TIMEOUT_S = 120


def floor_page() -> None:
    """One selectbox and one query on a shared read-only connection (AppTest runs this alone,
    so everything it uses is imported inside)."""
    import os

    import duckdb
    import streamlit as st

    @st.cache_resource
    def connection(path: str) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(path, read_only=True)

    kind = st.selectbox("Region kind", ["country", "region", "city"])
    rows = connection(os.environ["QOGAM_DB"]).cursor().execute(
        "SELECT count(*) FROM regions WHERE kind = $kind", {"kind": kind}).fetchall()
    st.write(rows[0][0])


def floor_times(runs: int) -> tuple[float, list[float]]:
    """(seconds of the first run, seconds of each of `runs` reruns) of the floor page."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(floor_page, default_timeout=TIMEOUT_S)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"the floor page raised: {at.exception[0].value}")
    return first, times


def run(runs: int = 20, db: Path | None = None) -> dict:
    """The floor and every page's reruns in one run, and each page's p95 over the floor's."""
    os.environ["QOGAM_DB"] = str(db or built_db())
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    _first, times = floor_times(runs)
    floor = Summary.of([t * 1000 for t in times])
    pages = {}
    for page in page_reruns.page_files():
        for view, params in page_reruns.VIEWS.items():
            first, page_times = page_reruns.rerun_times(page, params, runs)
            summary = Summary.of([t * 1000 for t in page_times])
            pages[f"{page} [{view}]"] = {"first_render_ms": round(first * 1000),
                                         "median_ms": round(summary.median), "p95_ms": round(summary.p95),
                                         "p95_over_floor": round(summary.p95 / floor.p95, 2)}
    return {"db": os.environ["QOGAM_DB"], "runs": runs, "load_before": load_before,
            "load_after": Path("/proc/loadavg").read_text().split()[:3],
            "floor_ms": {k: round(v, 1) for k, v in floor.as_dict().items()}, "pages": pages}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, help="database to measure (default: the shipped one, built in bench/out)")
    args = parser.parse_args()
    report(run(args.runs, args.db))
