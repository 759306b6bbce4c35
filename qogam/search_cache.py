"""Evidence-search results shared by all sessions, within a budget of bytes (issue 12).

`st.cache_data(max_entries=256)` bounded the results by count, and a result's size depends on
the query: one of 100 one-letter terms marked nearly every character of every hit (~0.8 MB a
result pickled), so four sessions grew the server by over a gigabyte. Here the bound is the
memory the results hold (`deep_size`), least recently used first out, and a result larger than
the whole budget is returned without being kept.

Results are keyed by what decides them: the database file's identity (`db.database_key`, so a
rebuilt database is searched afresh and its old results age out), the normalised, distinct, capped
terms (`search.query_terms`) in sorted order (a hit must contain them all, so order does not
matter), the filters (sorted) and the limit; so `ВОЛОНТЁР` and `волонтер` share an entry.
The objects themselves are shared, not pickled copies: a `SearchResult` is only read.
"""
from __future__ import annotations

import dataclasses
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

from qogam import db, search

# Room for a few hundred ordinary results (tens of kB each) or a few dozen of the largest a
# capped query can make; the process holds at most this much in search results between runs.
CACHE_BYTES = 16 * 2**20

Value = TypeVar("Value")
_ATOMS = (str, bytes, int, float, bool, type(None))


def deep_size(obj: object) -> int:
    """Bytes `obj` holds in memory (`sys.getsizeof` of it and of everything it contains: lists,
    tuples, dicts, dataclass fields), each object counted once however often it is shared."""
    seen: set[int] = set()
    todo = [obj]
    total = 0
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, _ATOMS):
            continue
        if isinstance(item, (list, tuple, set, frozenset)):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif dataclasses.is_dataclass(item):
            todo.extend(getattr(item, field.name) for field in dataclasses.fields(item))
            if hasattr(item, "__dict__"):
                total += sys.getsizeof(item.__dict__)
    return total


class ByteBudgetCache(Generic[Value]):
    """A thread-safe least-recently-used map whose values together stay within `budget` bytes
    as measured by `size` (sessions run in threads of one process)."""

    def __init__(self, budget: int, size: Callable[[Value], int]) -> None:
        self.budget = budget
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[Value, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Value | None:
        """The value kept under `key` (now the most recently used), or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: Value) -> None:
        """Keep `value`, dropping the least recently used until all fit; a value larger than
        the budget is not kept at all."""
        size = self._size(value)
        if size > self.budget:
            return
        with self._lock:
            if key in self._entries:
                self.bytes -= self._entries.pop(key)[1]
            self._entries[key] = (value, size)
            self.bytes += size
            while self.bytes > self.budget:
                self.bytes -= self._entries.popitem(last=False)[1][1]

    def get_or_compute(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The kept value, or `compute()` kept and returned (two sessions asking for the same
        new key at once may both compute it; neither waits for the other)."""
        found = self.get(key)
        if found is None:
            found = compute()
            self.put(key, found)
        return found


RESULTS: ByteBudgetCache[search.SearchResult] = ByteBudgetCache(CACHE_BYTES, deep_size)


def run_search(terms: Sequence[str], sources: Sequence[str], topics: Sequence[str], regions: Sequence[str],
               years: tuple[int, int] | None, limit: int) -> search.SearchResult:
    """Evidence search for `terms` (from `search.query_terms`), shared by all sessions within
    `CACHE_BYTES`; `years` None means any year, empty filters mean any."""
    year_from, year_to = years if years else (None, None)
    filters = search.SearchFilters(tuple(sorted(sources)), tuple(sorted(topics)), tuple(sorted(regions)),
                                   year_from, year_to)
    key = (db.database_key(), tuple(sorted(terms)), filters, limit)
    return RESULTS.get_or_compute(key, lambda: db.with_cursor(search.search_terms, key[1], filters, limit))
