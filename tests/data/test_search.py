"""Evidence search over the real database: number forms, Cyrillic case and ё, filters, highlighting."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from etl.mentions import normalise_for_search
from qogam import search as search_module
from qogam.search import MAX_TERMS, Hit, SearchFilters, Span, highlight, match_spans, normalise_with_offsets, search

VOLUNTEERS_2023 = ("volunteering-2023", 247)  # "... в 2023 году зафиксирована деятельность 217 391 волонтёра."


@pytest.fixture(scope="module")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(built_db), read_only=True)


def places(hits: list[Hit]) -> set[tuple[str, int]]:
    return {(h.source_id, h.line) for h in hits}


@pytest.mark.parametrize("query", ["217391", "217 391", "217,391", "217\u00a0391"])
def test_volunteer_count_found_however_the_digits_are_grouped(con: duckdb.DuckDBPyConnection, query: str) -> None:
    result = search(con, query)
    assert VOLUNTEERS_2023 in places(result.mentions)
    assert any(h.source_id == "volunteering-2023" and "217 391" in h.text for h in result.figures)


def test_cyrillic_search_ignores_case_and_yo(con: duckdb.DuckDBPyConnection) -> None:
    upper = search(con, "ВОЛОНТЁР", SearchFilters(source_ids=["volunteering-2023"]))
    plain = search(con, "волонтер", SearchFilters(source_ids=["volunteering-2023"]))
    assert VOLUNTEERS_2023 in places(upper.mentions)
    assert places(upper.mentions) == places(plain.mentions)
    hit = next(h for h in upper.mentions if (h.source_id, h.line) == VOLUNTEERS_2023)
    matched = [hit.text[s.start:s.end] for s in hit.spans if s.kind == "match"]
    assert matched == ["Волонтёр", "волонтёр", "волонтёр"]  # Волонтёрство, волонтёрства, волонтёра


def test_every_term_must_occur(con: duckdb.DuckDBPyConnection) -> None:
    both = places(search(con, "волонтёр 217391").mentions)
    assert VOLUNTEERS_2023 in both
    assert both <= places(search(con, "217391").mentions)
    assert not search(con, "217391 zzzz-no-such-word").mentions


def test_english_search_is_case_insensitive(con: duckdb.DuckDBPyConnection) -> None:
    lower = search(con, "front offices", SearchFilters(source_ids=["volunteering-2022"]))
    upper = search(con, "FRONT OFFICES", SearchFilters(source_ids=["volunteering-2022"]))
    assert lower.mentions and places(lower.mentions) == places(upper.mentions)


def test_hit_spans_mark_the_query_and_the_numbers(con: duckdb.DuckDBPyConnection) -> None:
    hit = next(h for h in search(con, "217 391").mentions if (h.source_id, h.line) == VOLUNTEERS_2023)
    marked = {(hit.text[s.start:s.end], s.kind) for s in hit.spans}
    assert {("217 391", "match"), ("217 391", "number"), ("2023", "number")} <= marked
    assert hit.link == "?source=volunteering-2023&line=247"
    assert '<mark class="qogam-match">217 391</mark>' in highlight(hit.text, hit.spans)


def test_filters_by_source_topic_region_and_year(con: duckdb.DuckDBPyConnection) -> None:
    everything = search(con, "217391")
    assert VOLUNTEERS_2023 in places(search(con, "217391", SearchFilters(topics=["volunteers"])).mentions)
    assert VOLUNTEERS_2023 not in places(search(con, "217391", SearchFilters(topics=["funding"])).mentions)
    assert VOLUNTEERS_2023 in places(search(con, "217391", SearchFilters(region_codes=["KZ"])).mentions)
    assert not search(con, "217391", SearchFilters(source_ids=["volunteering-2022"])).mentions
    in_2023 = search(con, "217391", SearchFilters(year_from=2023, year_to=2023))
    assert VOLUNTEERS_2023 in places(in_2023.mentions) and in_2023.figures
    assert VOLUNTEERS_2023 not in places(search(con, "217391", SearchFilters(year_from=2019, year_to=2022)).mentions)
    assert len(everything.mentions) >= len(in_2023.mentions)


def test_undated_mention_takes_its_document_years(con: duckdb.DuckDBPyConnection) -> None:
    """Line 1853 of the 2023 report restates 217 391 without a year: it belongs to 2021-2023."""
    undated = ("volunteering-2023", 1853)
    assert undated in places(search(con, "217391").mentions)
    assert undated in places(search(con, "217391", SearchFilters(year_from=2021, year_to=2021)).mentions)
    assert undated not in places(search(con, "217391", SearchFilters(year_from=2024, year_to=2025)).mentions)


def test_blank_query_lists_everything_the_filters_allow(con: duckdb.DuckDBPyConnection) -> None:
    result = search(con, "  ", SearchFilters(source_ids=["volunteering-2023"]), limit=5)
    assert len(result.mentions) == 5 and result.truncated
    total = con.execute("SELECT count(*) FROM mentions WHERE source_id = 'volunteering-2023'").fetchone()[0]
    assert result.n_mentions == total
    assert all(s.kind == "number" for h in result.mentions for s in h.spans)


def test_highlight_escapes_document_text() -> None:
    text = '<script>alert("x")</script> & 5 000 <b>'
    number = text.index("5 000")
    html = highlight(text, [Span(0, 8, "match"), Span(number, number + 5, "number")])
    assert "<script>" not in html and "<b>" not in html
    assert html == ('<mark class="qogam-match">&lt;script&gt;</mark>alert(&quot;x&quot;)&lt;/script&gt; &amp; '
                    '<mark class="qogam-number">5 000</mark> &lt;b&gt;')


def test_highlight_merges_overlaps_and_clips_spans() -> None:
    assert highlight("abcdef", [Span(1, 3, "number"), Span(2, 5, "match"), Span(4, 99, "number")]) == \
        'a<mark class="qogam-match">bcdef</mark>'
    assert highlight("abc", []) == "abc"


def test_offsets_map_normalised_matches_back_to_the_original() -> None:
    text = "Всего 1 161 613 ВОЛОНТЁРОВ, 217,391 и Straße"
    normalised, origins = normalise_with_offsets(text)
    assert len(origins) == len(normalised)
    spans = match_spans(text, ["1161613", "волонтеров", "217391", "strasse"])
    assert [text[s.start:s.end] for s in spans] == ["1 161 613", "ВОЛОНТЁРОВ", "217,391", "Straße"]


# --- hostile queries stay cheap (issue 12, finding 5) -----------------------------------------

@pytest.fixture
def own_con(built_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection of the test's own (no other test's unfinished result on it)."""
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


ONE_LETTER_TERMS = " ".join("оеаинтсрвлкмдпуя"[i % 16] for i in range(100))   # 199 characters


def test_each_text_is_normalised_once_per_search(own_con: duckdb.DuckDBPyConnection,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A spy on the pure normalising function (the real one still runs): 100 terms used to
    normalise every quote once per term."""
    calls: Counter[str] = Counter()

    def counted(text: str) -> str:
        calls[text] += 1
        return normalise_for_search(text)

    monkeypatch.setattr(search_module, "normalise_for_search", counted)
    result = search(own_con, ONE_LETTER_TERMS)
    n_quotes = own_con.execute("SELECT count(*) FROM observations").fetchall()[0][0]
    assert result.n_mentions and result.figures
    assert max(calls.values()) == 1, calls.most_common(1)
    assert calls.total() <= 1 + n_quotes + len(result.mentions)


def test_a_repeated_term_finds_and_marks_what_it_finds_once(own_con: duckdb.DuckDBPyConnection) -> None:
    once, repeated = search(own_con, "волонтёр 217391"), search(own_con, "волонтёр 217391 " * 12)
    assert once.mentions and repeated == once
    assert search(own_con, "о " * 100) == search(own_con, "о")


def test_the_order_of_terms_does_not_change_the_result(own_con: duckdb.DuckDBPyConnection) -> None:
    assert search(own_con, "волонтёр 2023") == search(own_con, "2023 волонтёр")


def test_terms_past_the_cap_are_not_searched(own_con: duckdb.DuckDBPyConnection) -> None:
    letters = "оеаинтсрвлкмдпуя"
    kept = " ".join(letters[:MAX_TERMS])
    assert search(own_con, " ".join(letters[i % 16] for i in range(5_000))) == search(own_con, kept)
    assert search(own_con, kept).n_mentions > search_module.search_terms(own_con, tuple(letters)).n_mentions
