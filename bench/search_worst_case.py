"""Worst-case evidence searches against a normal one, before and after issue 12's fix (finding 5).

In process, on one read-only connection to the shipped database, with the page's limit of 25
hits of each kind: the median wall time of `search(con, query)` and the memory its result holds
(`qogam.search_cache.deep_size`, and the pickle `st.cache_data` used to store), for

    normal        "волонтёр", an ordinary one-word search
    one_letter    100 one-letter terms, the same letter repeated (199 characters: fits a link)
    letters_100   100 one-letter terms cycling through 16 common letters (199 characters)
    terms_5000    5,000 such terms (9,999 characters: only in process; a link is cut at 200)

"before" is `qogam/search.py` as of `BEFORE` (terms neither de-duplicated nor capped, every
quote normalised once per term), taken from git and imported as a module of its own, so that
both run on the same data and connection; "after" is the working tree. Each case is reported as its ratio
to the normal query of the same code, and the cache bound as what 256 worst results pickled
took before against the byte budget now.
"""
from __future__ import annotations

import argparse
import importlib.util
import pickle
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from types import ModuleType

import duckdb

from bench import OUT, built_db, report
from conventions.paths import ROOT
from qogam import search, search_cache

BEFORE = "3aaab68"           # the last commit of qogam/search.py before the fix
PAGE_LIMIT = 25              # pages/search.py's PAGE_SIZE: what one page view asks for
OLD_MAX_ENTRIES = 256        # st.cache_data(max_entries=256) of the search results before
LETTERS = "оеаинтсрвлкмдпуя"
CASES = {
    "normal": "волонтёр",
    "one_letter": " ".join(["о"] * 100),
    "letters_100": " ".join(LETTERS[i % len(LETTERS)] for i in range(100)),
    "terms_5000": " ".join(LETTERS[i % len(LETTERS)] for i in range(5_000)),
}
# 5,000 terms took minutes before the fix: measured once then, not `runs` times.
SLOW_BEFORE = {"terms_5000"}


def search_before() -> ModuleType:
    """`qogam/search.py` as it was at `BEFORE`, written to bench/out and imported from there as
    the module `search_before`."""
    source = subprocess.run(["git", "show", f"{BEFORE}:qogam/search.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = OUT / "search_before.py"
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("search_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module       # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def measure(run_search: Callable[[str], object], query: str, runs: int) -> dict[str, float]:
    """Median seconds of `runs` searches for `query`, and the bytes its result holds."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run_search(query)
        times.append(time.perf_counter() - started)
    return {"seconds": statistics.median(times), "runs": runs, "result_bytes": search_cache.deep_size(result),
            "pickled_bytes": len(pickle.dumps(result)), "n_terms": len(query.split()), "chars": len(query)}


def with_ratios(cases: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Each case with its time and result size as multiples of the normal query's."""
    normal = cases["normal"]
    return {name: {**found, "time_ratio": found["seconds"] / normal["seconds"],
                   "size_ratio": found["result_bytes"] / normal["result_bytes"]} for name, found in cases.items()}


def run(runs: int = 5) -> dict:
    """Before and after, every case; see the module docstring."""
    con = duckdb.connect(str(built_db()), read_only=True)
    try:
        old = search_before()
        versions = {"before": lambda q: old.search(con, q, limit=PAGE_LIMIT),
                    "after": lambda q: search.search(con, q, limit=PAGE_LIMIT)}
        for run_search in versions.values():
            run_search(CASES["normal"])     # warm: DuckDB's buffers, the parsers' compiled patterns
        results = {label: with_ratios({name: measure(run_search, query,
                                                     1 if label == "before" and name in SLOW_BEFORE else runs)
                                       for name, query in CASES.items()})
                   for label, run_search in versions.items()}
    finally:
        con.close()
    worst_pickled = max(case["pickled_bytes"] for case in results["before"].values() if case["chars"] <= 200)
    return {"before_commit": BEFORE, "limit": PAGE_LIMIT, "max_terms": search.MAX_TERMS,
            "cases": results,
            "speedup_after": {name: results["before"][name]["seconds"] / results["after"][name]["seconds"]
                              for name in CASES},
            "cache_bound_bytes": {"before": OLD_MAX_ENTRIES * worst_pickled, "after": search_cache.CACHE_BYTES}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    report(run(parser.parse_args().runs))


if __name__ == "__main__":
    main()
