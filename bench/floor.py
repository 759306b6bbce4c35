"""The floor of a rerun: a one-widget Streamlit page with one DuckDB query, through AppTest.

Issue 17 asks every page's rerun p95 to stay within 3x this floor measured in the same run,
so that the ratio says what the app adds over Streamlit and DuckDB themselves, whatever the
machine's load. The floor page is run exactly as `bench.page_reruns` runs the app's pages
(one session, a first run, then `--runs` reruns, timed around `AppTest.run`), and each page's
reruns alternate with the floor's, so that a page and its floor are measured under the same load.

    python -m bench.floor [--runs 20]
"""
from __future__ import annotations

import argparse
import os
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


def opened(page: str | None, params: dict[str, str]):
    """A new AppTest session after its first run: the floor page (`page` None) or an app page."""
    from streamlit.testing.v1 import AppTest

    page_reruns.share_script_cache()
    if page is None:
        at = AppTest.from_function(floor_page, default_timeout=TIMEOUT_S)
    else:
        at = page_reruns.app_session()
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(page)
    at.run()
    return at


def paired_times(page: str, params: dict[str, str], runs: int) -> tuple[list[float], list[float]]:
    """Seconds of `runs` reruns of the page and of the floor, alternating one with the other, so
    both are measured under the same load (the machine may be shared)."""
    app, floor = opened(page, params), opened(None, {})
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for at, found in ((app, times[0]), (floor, times[1])):
            found.extend(page_reruns.timed_reruns(at, page, 1))
    return times


def run(runs: int = 20, db: Path | None = None) -> dict:
    """Every page's reruns, each alternating with the floor's, and each page's p95 over the p95
    of the floor measured beside it (the median ratio too: a p95 of 20 runs is one slow run)."""
    os.environ["QOGAM_DB"] = str(db or built_db())
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    pages = {}
    for page in page_reruns.page_files():
        for view, params in page_reruns.views(page).items():
            page_times, floor_times = paired_times(page, params, runs)
            found = Summary.of([t * 1000 for t in page_times])
            floor = Summary.of([t * 1000 for t in floor_times])
            pages[f"{page} [{view}]"] = {"median_ms": round(found.median), "p95_ms": round(found.p95),
                                         "floor_median_ms": round(floor.median, 1), "floor_p95_ms": round(floor.p95, 1),
                                         "p95_over_floor": round(found.p95 / floor.p95, 2),
                                         "median_over_floor": round(found.median / floor.median, 2)}
    return {"db": os.environ["QOGAM_DB"], "runs": runs, "load_before": load_before,
            "load_after": Path("/proc/loadavg").read_text().split()[:3], "pages": pages}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, help="database to measure (default: the shipped one, built in bench/out)")
    args = parser.parse_args()
    report(run(args.runs, args.db))
