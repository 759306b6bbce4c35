"""The app at 1,000x the shipped data: each page's first render, its rerun p95, and the peak memory
of a process that has shown every page (issue 17, deliverable 4).

First render: a new Python process per page and view, with the libraries and the app's modules
already imported when the clock starts, so the figure is what the first visitor of a page pays in
a freshly started server: the app's own queries, labels and charts, with no cache filled by an
earlier page. The session opens the page directly (`page_times`), then reruns `--runs` times
(p95), timed around `AppTest.run` as `bench.page_reruns` times the shipped-data reruns.

Memory: one more process shows every page in both views, one session after another (as a server
does for its visitors, its caches shared), and reports its peak resident set
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`, the whole process: Python, DuckDB, polars, Arrow)
and its resident set at the end (VmRSS).

    python -m bench.scaled [--scale 1000] [--runs 10] [--page pages/overview.py]
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import resource
import subprocess
import time
from pathlib import Path

from bench import PYTHON, ROOT, Summary, report

CHILD_TIMEOUT_S = 600


def import_everything() -> None:
    """What a started server has imported before its first visitor: Streamlit's test runner, the
    data libraries (pandas too: Streamlit converts some frames through it), and every module of
    the app's logic package."""
    import qogam

    for module in ("streamlit.testing.v1", "polars", "duckdb", "pyarrow", "pandas", "altair", "pydeck"):
        importlib.import_module(module)
    for info in pkgutil.iter_modules(qogam.__path__):
        importlib.import_module(f"qogam.{info.name}")


def page_times(page: str, params: dict[str, str], runs: int) -> tuple[float, list[float]]:
    """(seconds of the first run, seconds of each of `runs` reruns) of a new session that opens
    `page` directly, as a visitor following a link to it does (`bench.page_reruns` opens the
    default page first, so its first render of a page includes the overview's)."""
    from bench import page_reruns

    at = page_reruns.app_session()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].value}")
    return first, page_reruns.timed_reruns(at, page, runs)


def child_page(page: str, view: str, runs: int) -> dict:
    """One page and view in this (fresh) process: first render and reruns, in ms."""
    import_everything()
    from bench import page_reruns

    first, times = page_times(page, page_reruns.views(page)[view], runs)
    summary = Summary.of([t * 1000 for t in times])
    return {"first_render_ms": round(first * 1000), "rerun_median_ms": round(summary.median),
            "rerun_p95_ms": round(summary.p95), "runs": runs, "peak_rss_mib": peak_rss_mib()}


def child_all_pages() -> dict:
    """Every page in both views and every section, one session each, in this process; its peak and
    final memory."""
    import_everything()
    from bench import page_reruns

    shown = []
    for page in page_reruns.page_files():
        for view, params in page_reruns.views(page).items():
            page_times(page, params, 1)
            shown.append(f"{page} [{view}]")
    return {"pages_shown": len(shown), "peak_rss_mib": peak_rss_mib(), "rss_at_end_mib": rss_mib()}


def peak_rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise LookupError("no VmRSS in /proc/self/status")


def in_child(db: Path, *args: str) -> dict:
    """Run this module with `args` in a new process against `db`; its JSON result, or the error."""
    env = {**os.environ, "QOGAM_DB": str(db)}
    done = subprocess.run([str(PYTHON), "-m", "bench.scaled", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=CHILD_TIMEOUT_S)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(scale: int = 1000, runs: int = 10, pages: list[str] | None = None, db: Path | None = None) -> dict:
    """First render and reruns of every page and view, then the all-pages memory, each in its own
    process, with the load average before each."""
    from bench import page_reruns
    from bench.synthetic import scaled_db

    db = db or scaled_db(scale)
    # The first process of a run, on a machine that had been idle, paid 0.5-0.8 s more than the
    # same page a minute later, whichever page came first (seen on the overview and on volunteers
    # in turn): one untimed process opens the default page before the timed ones, and its figure
    # is kept beside them.
    load = load_average()
    warm_up = {**in_child(db, "--child-page", page_reruns.page_files()[0], "--view", "national", "--runs", "1"),
               "load_before": load}
    found: dict[str, dict] = {}
    for page in pages or page_reruns.page_files():
        for view in page_reruns.views(page):
            load = load_average()
            found[f"{page} [{view}]"] = {**in_child(db, "--child-page", page, "--view", view, "--runs", str(runs)),
                                         "load_before": load}
    load = load_average()
    memory = {**in_child(db, "--child-all"), "load_before": load}
    return {"db": str(db), "scale": scale, "warm_up": warm_up, "pages": found, "memory": memory}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--page", action="append", help="only this page script (repeatable)")
    parser.add_argument("--db", type=Path, help="database to measure (default: the scaled copy in bench/out)")
    parser.add_argument("--child-page", help=argparse.SUPPRESS)
    parser.add_argument("--view", help=argparse.SUPPRESS)
    parser.add_argument("--child-all", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_page:
        print(json.dumps(child_page(args.child_page, args.view, args.runs)))
    elif args.child_all:
        print(json.dumps(child_all_pages()))
    else:
        started = time.perf_counter()
        results = run(args.scale, args.runs, args.page, args.db)
        results["seconds"] = round(time.perf_counter() - started, 1)
        report(results)


if __name__ == "__main__":
    main()
