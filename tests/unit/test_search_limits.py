"""What keeps a hostile search cheap (issue 12, finding 5): terms de-duplicated and capped, and
a results cache bounded by the bytes it holds rather than by its number of entries."""
from __future__ import annotations

import sys

import pytest

from qogam.search import MAX_TERMS, Hit, QueryTerms, SearchResult, Span, query_terms
from qogam.search_cache import ByteBudgetCache, deep_size


def test_five_thousand_terms_keep_at_most_max_terms_and_name_the_rest() -> None:
    words = [f"w{i}" for i in range(5_000)]
    terms = query_terms(" ".join(words))
    assert terms.kept == tuple(words[:MAX_TERMS])
    assert terms.dropped == tuple(words[MAX_TERMS:])


def test_repeated_terms_count_once_however_they_are_written() -> None:
    terms = query_terms("ВОЛОНТЁР 217 391 волонтер 217,391 Волонтёр " + "а " * 100)
    assert terms.kept == ("волонтер", "217391", "а")
    assert terms.dropped == ()


def test_one_letter_terms_within_the_link_cap_are_distinct_letters_at_most() -> None:
    query = " ".join("оеаинтсрвлкмдпуя"[i % 16] for i in range(100))
    assert len(query) == 199
    terms = query_terms(query)
    assert len(terms.kept) == MAX_TERMS and len(terms.kept) + len(terms.dropped) == 16


def test_a_blank_query_has_no_terms() -> None:
    assert query_terms("  \t ") == query_terms("") == QueryTerms((), ())


def sized(n: int) -> bytes:
    """A value whose `deep_size` is `n` plus the fixed overhead of a bytes object."""
    return b"x" * n


def test_cache_evicts_least_recently_used_until_the_bytes_fit() -> None:
    one = deep_size(sized(100))
    cache: ByteBudgetCache[bytes] = ByteBudgetCache(3 * one, deep_size)
    for key in "abc":
        cache.put(key, sized(100))
    assert cache.bytes == 3 * one and len(cache) == 3
    assert cache.get("a") is not None          # now "b" is the least recently used
    cache.put("d", sized(100))
    assert cache.get("b") is None and all(cache.get(k) is not None for k in "acd")
    cache.put("e", sized(250))                 # needs the room of more than two small values
    assert cache.bytes <= cache.budget
    assert cache.get("e") is not None and len(cache) == 1


def test_a_value_larger_than_the_budget_is_returned_but_not_kept() -> None:
    cache: ByteBudgetCache[bytes] = ByteBudgetCache(1_000, deep_size)
    cache.put("small", sized(10))
    assert cache.get_or_compute("huge", lambda: sized(5_000)) == sized(5_000)
    assert cache.get("huge") is None and cache.get("small") == sized(10)


def test_replacing_a_key_does_not_count_it_twice() -> None:
    cache: ByteBudgetCache[bytes] = ByteBudgetCache(10_000, deep_size)
    cache.put("k", sized(100))
    cache.put("k", sized(200))
    assert cache.bytes == deep_size(sized(200)) and len(cache) == 1


def test_get_or_compute_computes_once_per_kept_key() -> None:
    calls = []
    cache: ByteBudgetCache[bytes] = ByteBudgetCache(10_000, deep_size)
    for _ in range(3):
        cache.get_or_compute("k", lambda: calls.append(1) or sized(10))
    assert len(calls) == 1


def hit(text: str, n_spans: int) -> Hit:
    return Hit("mention", "src", "Title", 1, text, "ru", tuple(Span(i, i + 1, "match") for i in range(n_spans)))


@pytest.mark.parametrize("n_spans", [0, 10, 1_000])
def test_deep_size_counts_every_span_and_the_text(n_spans: int) -> None:
    small, large = hit("а" * 10, n_spans), hit("а" * 10_000, n_spans)
    assert deep_size(large) - deep_size(small) >= 2 * (10_000 - 10)   # Cyrillic: 2 bytes a character
    with_spans = SearchResult([], [hit("текст", n_spans)], 0, 1)
    without = SearchResult([], [hit("текст", 0)], 0, 1)
    per_span = sys.getsizeof(Span(0, 1, "match")) + sys.getsizeof((1, 2)) - sys.getsizeof((1,))
    assert deep_size(with_spans) - deep_size(without) >= n_spans * per_span


def test_deep_size_counts_a_shared_object_once() -> None:
    shared = "ж" * 1_000
    assert deep_size([shared, shared]) - deep_size([shared]) == sys.getsizeof([1, 2]) - sys.getsizeof([1])
