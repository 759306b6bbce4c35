"""Per-page rerun time of the dashboard, measured with Streamlit's AppTest (no browser).

For every page of `app.PAGES`: one session opens the page (first run: URL read, caches filled),
then the page is rerun `--runs` times — what a visitor pays for each widget interaction once
the caches are warm. Two views per page: Kazakhstan as a whole over all years, and the
journalist's view (Almaty city, 2022–2023, Russian). Reported: median and p95 in milliseconds.
AppTest adds its own overhead (it builds the element tree of every run), so these are upper
bounds of the script's own time.

    python -m bench.page_reruns [--runs 20]
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import time
from typing import TYPE_CHECKING

from bench import OUT, ROOT, Summary, built_db, report
from harness.pages import app_pages, section_views

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

VIEWS = {"national": {}, "almaty-2022-2023-ru": {"region": "KZ-75", "from": "2022", "to": "2023", "lang": "ru"}}
TIMEOUT_S = 120


def page_files() -> list[str]:
    """Script paths of the app's pages."""
    return [script for script, _title, _icon, _url in app_pages()]


def views(page: str) -> dict[str, dict[str, str]]:
    """The views measured on a page: `VIEWS`, and for a page with sections (tabs: only the open
    one runs) each section a link opens, over the national view (its first section is "national").
    A section view's parameter belongs to the page, so it must be opened directly (`bench.floor`,
    `bench.scaled`), not after the default page as `rerun_times` does."""
    return {**VIEWS, **{f"national, section={section}": {"section": section} for section in section_views(page)}}


@functools.cache
def share_script_cache() -> None:
    """Give AppTest one script cache for the whole process, as a server has.

    AppTest makes a new `ScriptCache` for every run, so every rerun compiled the entrypoint and
    the page again (1.5–4 ms of a page's rerun, nothing for the floor's function); a server's
    Runtime keeps one cache and compiles a script once. The pages and the floor get the same.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


@functools.cache
def route_as_a_server_does() -> None:
    """Run AppTest's runs the way a server runs every run after its process's first.

    With a `pages/` folder, Streamlit routes a run through its legacy multipage router until a
    script calls `st.navigation`, which turns that router off for the whole process
    (`PagesManager.uses_pages_directory`, a class attribute). AppTest turns it back on before
    every run, so every rerun of the app built the legacy router's pages and ran the page file
    twice (0.3 ms of a rerun); a server does that only on its first run. The floor (no `pages/`
    folder) never paid it.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    class ServerPagesManager(PagesManager):
        def __init__(self, *args, **kwargs) -> None:
            PagesManager.uses_pages_directory = False     # what the app's st.navigation leaves it at
            super().__init__(*args, **kwargs)

    app_test.PagesManager = ServerPagesManager


def app_session() -> AppTest:
    """A new AppTest session of the app (its entrypoint), compiling each script once per process
    and routing as a server does after its first run."""
    from streamlit.testing.v1 import AppTest

    share_script_cache()
    route_as_a_server_does()
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)


def rerun_times(page: str, params: dict[str, str], runs: int) -> tuple[float, list[float]]:
    """(seconds of the first render, seconds of each of `runs` reruns) of one page in one session."""
    at = app_session()
    for key, value in params.items():
        at.query_params[key] = value
    started = time.perf_counter()
    at.run()
    at.switch_page(page).run()
    first = time.perf_counter() - started
    return first, timed_reruns(at, page, runs)


def timed_reruns(at: AppTest, page: str, runs: int) -> list[float]:
    """Seconds of each of `runs` reruns of the session `at` shows `page` in; an exception ends it."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(f"{page} raised: {at.exception[0].value}")
    return times


def region_codes() -> list[str]:
    """The regions (not the country) of the database the app reads, for filter changes."""
    import duckdb

    from qogam import db

    with duckdb.connect(str(db.db_path()), read_only=True) as con:
        return [row[0] for row in con.execute(
            "SELECT region_code FROM regions WHERE kind <> 'country' ORDER BY region_code").fetchall()]


def filter_change_times(page: str, regions: list[str]) -> tuple[list[float], list[float]]:
    """Seconds of the run after the region filter is set to each of `regions` in turn: the first
    pass asks for views not built yet (cold), the second for the same views again (warm)."""
    at = app_session()
    at.run()
    at.switch_page(page).run()
    passes: list[list[float]] = [[], []]
    for times in passes:
        for code in regions:
            at.session_state["f_regions"] = [code]
            started = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - started)
            if at.exception:
                raise RuntimeError(f"{page} raised: {at.exception[0].value}")
    return passes[0], passes[1]


def run(runs: int = 20) -> dict:
    os.environ["QOGAM_DB"] = str(built_db())
    results: dict[str, dict] = {}
    for page in page_files():
        for view, params in VIEWS.items():
            first, times = rerun_times(page, params, runs)
            summary = Summary.of([t * 1000 for t in times])
            results[f"{page} [{view}]"] = {"first_render_ms": round(first * 1000), **{
                k: round(v) if isinstance(v, float) else v for k, v in summary.as_dict().items()}}
    return {"unit": "ms", "runs_per_page": runs, "pages": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    results = run(args.runs)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "page_reruns.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    report(results)


if __name__ == "__main__":
    main()
