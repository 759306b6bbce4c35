"""Caches bounded by bytes: frames and Arrow tables are sized by their buffers, long lists by a
sample, and a memoized function keeps results only within its budget."""
from __future__ import annotations

import sys

import polars as pl

from qogam.byte_cache import SAMPLED, memoize, size_of


def test_a_frame_and_its_arrow_table_are_sized_by_their_buffers() -> None:
    frame = pl.DataFrame({"text": ["x" * 1_000] * 1_000})
    assert size_of(frame) >= 1_000 * 1_000
    assert size_of(frame.to_arrow()) >= 1_000 * 1_000
    assert size_of({"a": frame, "b": frame}) < 2 * frame.estimated_size()     # shared once


def test_a_long_list_is_sized_from_a_sample_close_to_its_whole_size() -> None:
    rows = [{"quote": "y" * (100 + i % 7)} for i in range(50 * SAMPLED)]
    exact = sys.getsizeof(rows) + sum(sys.getsizeof(r) + sys.getsizeof(r["quote"]) for r in rows)
    assert 0.8 * exact <= size_of(rows) <= 1.2 * exact


def test_memoize_keeps_results_within_its_budget_and_recomputes_the_dropped() -> None:
    calls: list[int] = []

    @memoize(budget=30_000)
    def block(n: int) -> bytes:
        calls.append(n)
        return bytes(11_000)                # two fit in the budget, three do not

    for n in (1, 2, 3, 1):
        block(n)
    assert calls == [1, 2, 3, 1]            # 3 pushed out 1, the least recently used
    block(3)
    assert calls == [1, 2, 3, 1]            # 3 was kept
    assert block.cache.bytes <= 30_000
