"""Evidence-search results shared by all sessions, within a budget of bytes (issue 12).

`st.cache_data(max_entries=256)` bounded the results by count, and a result's size depends on
the query: one of 100 one-letter terms marked nearly every character of every hit (~0.8 MB a
result pickled), so four sessions grew the server by over a gigabyte. Here the bound is the
memory the results hold (`byte_cache.size_of`), least recently used first out, and a result larger than
the whole budget is returned without being kept.

Results are keyed by what decides them: the database file's identity (`db.database_key`, so a
rebuilt database is searched afresh and its old results age out), the normalised, distinct, capped
terms (`search.query_terms`) in sorted order (a hit must contain them all, so order does not
matter), the filters (sorted) and the limit; so `ВОЛОНТЁР` and `волонтер` share an entry.
The objects themselves are shared, not pickled copies: a `SearchResult` is only read.
"""
from __future__ import annotations

from collections.abc import Sequence

from qogam import db, search
from qogam.byte_cache import ByteBudgetCache, size_of

deep_size = size_of   # the name tests/unit/test_search_limits.py and bench.search_worst_case use

# Room for a few hundred ordinary results (tens of kB each) or a few dozen of the largest a
# capped query can make; the process holds at most this much in search results between runs.
CACHE_BYTES = 16 * 2**20

RESULTS: ByteBudgetCache[search.SearchResult] = ByteBudgetCache(CACHE_BYTES, size_of)


def run_search(terms: Sequence[str], sources: Sequence[str], topics: Sequence[str], regions: Sequence[str],
               years: tuple[int, int] | None, limit: int) -> search.SearchResult:
    """Evidence search for `terms` (from `search.query_terms`), shared by all sessions within
    `CACHE_BYTES`; `years` None means any year, empty filters mean any."""
    year_from, year_to = years if years else (None, None)
    filters = search.SearchFilters(tuple(sorted(sources)), tuple(sorted(topics)), tuple(sorted(regions)),
                                   year_from, year_to)
    key = (db.database_key(), tuple(sorted(terms)), filters, limit)
    return RESULTS.get_or_compute(key, lambda: db.with_cursor(search.search_terms, key[1], filters, limit))
