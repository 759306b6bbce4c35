"""Evidence search: find the sentences and published figures that state something.

The query is normalised exactly as the ETL normalised `mentions.search_text`
(`conventions.text.normalise_for_search`: casefold, ё → е, digit groups joined), so `217391`,
`217 391` and `217,391` find the same sentence, and `ВОЛОНТЁР` finds `волонтер`. The query is
split into terms on whitespace *after* normalising (so `217 391` stays one term), and a hit
must contain every term. Mentions are matched in SQL on `search_text`; figures are matched
here on their `quote` (which has no stored normalised form), by the same function.

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


@dataclass(frozen=True)
class SearchFilters:
    """What to search in; an empty sequence or None means no constraint."""

    source_ids: Sequence[str] = ()
    topics: Sequence[str] = ()
    region_codes: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of a hit's text to highlight, and why."""

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


def query_terms(query: str) -> list[str]:
    """The search terms of a free-text query, normalised like `mentions.search_text`."""
    return normalise_for_search(query).split()


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """`normalise_for_search(text)` and, for each of its characters, the offset it came from.

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
    normalised = "".join(pieces)
    assert normalised == normalise_for_search(text), "normalise_for_search changed: update this map"
    return normalised, origins


def match_spans(text: str, terms: Sequence[str]) -> list[Span]:
    """Every occurrence of every term in `text`, as spans of the original text."""
    normalised, origins = normalise_with_offsets(text)
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


def _hit(kind: HitKind, row: dict[str, Any], terms: Sequence[str]) -> Hit:
    spans = match_spans(row["text"], terms) + number_spans(row["text"], row["lang"])
    return Hit(kind, row["source_id"], row["source_title"], row["line"], row["text"], row["lang"],
               tuple(sorted(spans, key=lambda s: (s.start, s.end))),
               row.get("obs_id"), row.get("indicator_id"))


def _params(filters: SearchFilters) -> dict[str, Any]:
    return {"sources": list(filters.source_ids), "topics": list(filters.topics),
            "regions": list(filters.region_codes), "year_from": filters.year_from, "year_to": filters.year_to}


def search(con: duckdb.DuckDBPyConnection, query: str, filters: SearchFilters = SearchFilters(),
           limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Figures and mentions containing every term of `query` (all of them when it is blank).

    At most `limit` hits of each kind are built (spans need Python work); the totals count all.
    """
    terms = query_terms(query)
    params = _params(filters)
    mentions = run_query(con, "search_mentions", {**params, "terms": terms}).to_dicts()
    figures = [row for row in run_query(con, "search_observations", params).to_dicts()
               if all(term in normalise_for_search(row["text"]) for term in terms)]
    return SearchResult([_hit("observation", row, terms) for row in figures[:limit]],
                        [_hit("mention", row, terms) for row in mentions[:limit]],
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
