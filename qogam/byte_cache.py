"""Process-wide caches bounded by the bytes they hold, not by how many entries (issue 17).

`st.cache_data(max_entries=...)` and `functools.lru_cache(maxsize=...)` bound a cache by count,
and an entry's size depends on the data: at 1,000x the shipped data one view's frames are a
thousand times larger, and 32 of them took the server past 4 GiB. Here the bound is what the
values hold in memory (`size_of`: polars' own estimate for a frame, Arrow's buffers for a table,
`sys.getsizeof` for the rest), least recently used out first; a value larger than the whole
budget is returned without being kept. Values are shared, never copied: callers only read them.
"""
from __future__ import annotations

import dataclasses
import functools
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, ParamSpec, TypeVar

import polars as pl
import pyarrow as pa

Value = TypeVar("Value")
Params = ParamSpec("Params")
_ATOMS = (str, bytes, int, float, bool, type(None))
SAMPLED = 64


def size_of(obj: object) -> int:
    """Bytes `obj` holds in memory, estimated: frames and Arrow tables by their buffers, containers
    (lists, tuples, dicts, dataclass fields) by everything they hold, each object counted once.
    A list or tuple of more than `SAMPLED` items is counted by its first `SAMPLED`, scaled up
    (walking a thousand cited rows' dicts item by item cost more than building them)."""
    seen: set[int] = set()
    todo: list[tuple[object, float]] = [(obj, 1.0)]
    total = 0.0
    while todo:
        item, weight = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, pl.DataFrame):
            total += weight * item.estimated_size()
            continue
        if isinstance(item, (pa.Table, pa.RecordBatch, pa.Array, pa.ChunkedArray)):
            total += weight * item.nbytes
            continue
        total += weight * sys.getsizeof(item)
        if isinstance(item, _ATOMS):
            continue
        if isinstance(item, (list, tuple)) and len(item) > SAMPLED:
            todo.extend((part, weight * len(item) / SAMPLED) for part in item[:SAMPLED])
        elif isinstance(item, (list, tuple, set, frozenset)):
            todo.extend((part, weight) for part in item)
        elif isinstance(item, dict):
            todo.extend((part, weight) for part in (*item.keys(), *item.values()))
        elif dataclasses.is_dataclass(item):
            todo.extend((getattr(item, field.name), weight) for field in dataclasses.fields(item))
            if hasattr(item, "__dict__"):
                total += weight * sys.getsizeof(item.__dict__)
    return round(total)


class ByteBudgetCache(Generic[Value]):
    """A thread-safe least-recently-used map whose values together stay within `budget` bytes
    as measured by `size` (sessions run in threads of one process)."""

    def __init__(self, budget: int, size: Callable[[Value], int] = size_of) -> None:
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


def memoize(budget: int) -> Callable[[Callable[Params, Value]], Callable[Params, Value]]:
    """`functools.lru_cache` for functions of hashable arguments, bounded by `budget` bytes of
    results instead of a number of them (a result of None is computed again each time)."""
    def decorate(function: Callable[Params, Value]) -> Callable[Params, Value]:
        cache: ByteBudgetCache[Any] = ByteBudgetCache(budget)

        @functools.wraps(function)
        def wrapper(*args: Params.args, **kwargs: Params.kwargs) -> Value:
            key = (args, tuple(sorted(kwargs.items())))
            return cache.get_or_compute(key, lambda: function(*args, **kwargs))

        wrapper.cache = cache  # type: ignore[attr-defined]
        return wrapper
    return decorate
