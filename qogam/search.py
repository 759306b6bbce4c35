"""Evidence search: find the sentences and published figures that state something.

The query is normalised exactly as the ETL normalised `mentions.search_text`
(`conventions.text.normalise_for_search`: casefold, ё → е, digit groups joined), so `217391`,
`217 391` and `217,391` find the same sentence, and `ВОЛОНТЁР` finds `волонтер`. The query is
split into terms on whitespace *after* normalising (so `217 391` stays one term), and a hit
must contain every term. Mentions are matched in SQL on `search_text`; figures are matched
here on their `quote` (which has no stored normalised form), by the same function.

A hostile query must not cost more than a long honest one (issue 12): a term repeated adds
nothing to "every term must occur", so terms are de-duplicated; past `MAX_TERMS` distinct terms
the rest are dropped (and `QueryTerms.dropped` says which, for the page to tell the reader); and
each quote is normalised once per search, not once per term, its normalised form reused to
mark the hit.

Filters: source, topic, region, year. A figure's years are its `year_start`–`year_end`.
Mentions carry no year, so a mention's years are the four-digit years (1950–2049) written in
it, and a mention that writes no year takes the span of its document's data years: "In 2023
... 217 391 volunteers" belongs to 2023, an undated sentence of the 2021–2023 report to
2021–2023. A count that happens to look like a year ("2000 volunteers") counts as one.

Each hit carries the spans to highlight (query matches and the numbers the sentence states,
found by the same parser that filled `number_texts`) and a deep link to the document viewer;
`highlight` renders a hit as HTML in which the document's text is always escaped.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import duckdb

from conventions.numbers import find_numbers
from conventions.text import DIGIT_GROUP, normalise_for_search
from publish.citation import deep_link
from publish.exports import run_query

SpanKind = Literal["match", "number"]
HitKind = Literal["mention", "observation"]
DEFAULT_LIMIT = 200
# The search page shows hits a page of HITS_PAGE at a time, up to MAX_HITS_SHOWN of each kind:
# each shown hit is built in Python, so a client clicking "more" forever (or forging the clicks)
# must not make one run, or its cache entry, grow without end.
HITS_PAGE = 25
MAX_HITS_SHOWN = 20 * HITS_PAGE
# Distinct terms searched for. Ten words is a long question; past that a query is a pasted
# passage (or an attack), and every term costs a scan of each candidate and its highlights.
MAX_TERMS = 10


@dataclass(frozen=True)
class SearchFilters:
    """What to search in; an empty sequence or None means no constraint."""

    source_ids: Sequence[str] = ()
    topics: Sequence[str] = ()
    region_codes: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `start:end` of a hit's text to highlight, and why (slots: a hit of a
    one-letter term has a span for every occurrence of that letter)."""

    start: int
    end: int
    kind: SpanKind


@dataclass(frozen=True)
class Hit:
    """A sentence (mention) or a published figure's quote that matches the search."""

    kind: HitKind
    source_id: str
    source_title: str
    line: int
    text: str
    lang: str
    spans: tuple[Span, ...]
    obs_id: str | None = None
    indicator_id: str | None = None

    @property
    def link(self) -> str:
        """`?source=<id>&line=<n>`: opens the document viewer at this hit."""
        return deep_link(self.source_id, self.line)


@dataclass(frozen=True)
class SearchResult:
    """Matching figures and mentions (at most `limit` of each, newest document first), with totals."""

    figures: list[Hit]
    mentions: list[Hit]
    n_figures: int
    n_mentions: int

    @property
    def truncated(self) -> bool:
        return len(self.figures) < self.n_figures or len(self.mentions) < self.n_mentions


@dataclass(frozen=True)
class QueryTerms:
    """The distinct normalised terms of a query, in query order: the first `MAX_TERMS` are
    searched for (`kept`), the rest are not (`dropped`)."""

    kept: tuple[str, ...]
    dropped: tuple[str, ...]


def query_terms(query: str) -> QueryTerms:
    """The search terms of a free-text query, normalised like `mentions.search_text`,
    without repeats, at most `MAX_TERMS` of them kept."""
    distinct = tuple(dict.fromkeys(normalise_for_search(query).split()))
    return QueryTerms(distinct[:MAX_TERMS], distinct[MAX_TERMS:])


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """`normalise_for_search(text)` and, for each of its characters, the offset it came from."""
    normalised = normalise_for_search(text)
    return normalised, offsets(text, normalised)


def offsets(text: str, normalised: str) -> list[int]:
    """For each character of `normalised` (= `normalise_for_search(text)`, computed once by the
    caller), the offset in `text` it came from.

    Case folding works character by character, and the digit-group separators it drops are
    where `DIGIT_GROUP` matches the original text (digits and separators have no case), so the
    map is built per character; the assert keeps it in step with `normalise_for_search`.
    """
    dropped = {m.start() for m in DIGIT_GROUP.finditer(text)}
    pieces: list[str] = []
    origins: list[int] = []
    for offset, char in enumerate(text):
        if offset in dropped:
            continue
        folded = char.casefold().replace("ё", "е")
        pieces.append(folded)
        origins.extend([offset] * len(folded))
    assert "".join(pieces) == normalised, "normalise_for_search changed: update this map"
    return origins


def match_spans(text: str, terms: Sequence[str]) -> list[Span]:
    """Every occurrence of every term in `text`, as spans of the original text."""
    return spans_of_terms(text, normalise_for_search(text), terms)


def spans_of_terms(text: str, normalised: str, terms: Sequence[str]) -> list[Span]:
    """Every occurrence of every term in `normalised` (= `normalise_for_search(text)`, already
    computed to match `text`), as spans of `text`."""
    if not terms:
        return []
    origins = offsets(text, normalised)
    spans = []
    for term in terms:
        start = normalised.find(term)
        while start >= 0:
            end = start + len(term)
            spans.append(Span(origins[start], origins[end - 1] + 1, "match"))
            start = normalised.find(term, end)
    return spans


def number_spans(text: str, lang: str) -> list[Span]:
    """The numbers `text` states, as `conventions.numbers.find_numbers` reads them."""
    return [Span(n.start, n.end, "number") for n in find_numbers(text, lang)]


def _hit(kind: HitKind, row: dict[str, Any], normalised: str, terms: Sequence[str]) -> Hit:
    spans = spans_of_terms(row["text"], normalised, terms) + number_spans(row["text"], row["lang"])
    return Hit(kind, row["source_id"], row["source_title"], row["line"], row["text"], row["lang"],
               tuple(sorted(spans, key=lambda s: (s.start, s.end))),
               row.get("obs_id"), row.get("indicator_id"))


def _normalised(rows: list[dict[str, Any]], terms: Sequence[str]) -> list[str]:
    """Each row's text normalised once (a table row quoted by several figures, once in all), to
    match and then mark it; nothing to do without terms."""
    if not terms:
        return [""] * len(rows)
    normalised: dict[str, str] = {}
    for row in rows:
        if row["text"] not in normalised:
            normalised[row["text"]] = normalise_for_search(row["text"])
    return [normalised[row["text"]] for row in rows]


def _params(filters: SearchFilters) -> dict[str, Any]:
    return {"sources": list(filters.source_ids), "topics": list(filters.topics),
            "regions": list(filters.region_codes), "year_from": filters.year_from, "year_to": filters.year_to}


def search(con: duckdb.DuckDBPyConnection, query: str, filters: SearchFilters = SearchFilters(),
           limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Figures and mentions containing every kept term of `query` (all of them when it is blank)."""
    return search_terms(con, query_terms(query).kept, filters, limit)


def search_terms(con: duckdb.DuckDBPyConnection, terms: Sequence[str], filters: SearchFilters = SearchFilters(),
                 limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Figures and mentions containing every one of `terms` (from `query_terms`: normalised,
    distinct, capped), all of them when there are none.

    At most `limit` hits of each kind are built (spans need Python work); the totals count all.
    """
    params = _params(filters)
    mentions = run_query(con, "search_mentions", {**params, "terms": list(terms)}).to_dicts()
    observations = run_query(con, "search_observations", params).to_dicts()
    figures = [(row, normalised) for row, normalised in zip(observations, _normalised(observations, terms))
               if all(term in normalised for term in terms)]
    shown_mentions = mentions[:limit]
    return SearchResult([_hit("observation", row, normalised, terms) for row, normalised in figures[:limit]],
                        [_hit("mention", row, normalised, terms)
                         for row, normalised in zip(shown_mentions, _normalised(shown_mentions, terms))],
                        len(figures), len(mentions))


def _merged(spans: Sequence[Span], length: int) -> list[Span]:
    """Overlapping spans joined (a match inside a number marks the whole as a match), clipped."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        start, end = max(0, span.start), min(length, span.end)
        if start >= end:
            continue
        if out and start < out[-1].end:
            last = out[-1]
            kind: SpanKind = "match" if "match" in (last.kind, span.kind) else "number"
            out[-1] = Span(last.start, max(last.end, end), kind)
        else:
            out.append(Span(start, end, span.kind))
    return out


def highlight(text: str, spans: Sequence[Span]) -> str:
    """Safe HTML of `text` with spans wrapped in `<mark class="qogam-match|qogam-number">`.

    Every character of the document is HTML-escaped, inside and outside the marks; the only
    markup in the result is the marks themselves.
    """
    parts: list[str] = []
    cursor = 0
    for span in _merged(spans, len(text)):
        parts.append(html.escape(text[cursor:span.start]))
        parts.append(f'<mark class="qogam-{span.kind}">{html.escape(text[span.start:span.end])}</mark>')
        cursor = span.end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)
