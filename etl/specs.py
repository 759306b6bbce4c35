"""Declarative extraction of figures written in prose.

Each source's folder holds `etl/sources/<source_id with _>/spec.toml`. A spec names *where* a
figure is and *what* it means, never the figure itself:

    [[figure]]
    id = "front-office-volunteers-2022"       # unique in the file; used in error messages
    indicator = "volunteers_count"
    region = "KZ"                             # a region name or code, or a (?P<region>...) group
    year = 2022                               # or year_start / year_end, or a (?P<year>...) group
    category = "female"                       # optional breakdown, or a (?P<category>...) group
    pattern = '''registered (?P<value>\\d[\\d ,]*) volunteers'''
    matches = 1                               # how many matches the layout must give (default 1)
    qualifier = "approx"                      # optional: overrides the qualifier read from the text
    scale = "million"                         # optional: unit word stated elsewhere (table header)
    note = "counted by the regional front offices"
    practice = "birgemiz-ayala"               # optional: the practice the figure is about (observations.practice_id)

    [[gap]]
    id = "chart-volunteers-by-region"
    pattern = '''Figure 3\\. Number of volunteers by region'''
    topic = "volunteers"
    would_show = "volunteers by region, 2022"

Patterns run over the whole (repaired) document text, so `\\s+` spans line breaks. The
value group is read by the shared number parser; the quote is the verbatim match and the
line is where it starts. A pattern matching any other number of times than `matches` stops
the build, naming the spec file and the figure id.

A `note` or `would_show` holds no figure either (tests/unit/test_no_typed_figures.py). When it
must cite the document, `{quote:<regex>}` is replaced at build time by the verbatim span the
regex matches on the lines of the match itself (whitespace collapsed), e.g.
`note = "estimate: {quote:do not exceed \\S+ coverage}"`; a regex that finds nothing there
stops the build (`spec-note-quote`).

How each figure was counted is its `basis`, an id of data/reference/bases.toml: a top-level
`basis = "front_office_count"` is the file's default and a [[figure]]'s own `basis` overrides
it; an id not in that file stops the build (`spec-basis`).

Numeric statements deliberately not extracted are listed, each with why, so that `etl check`
reports them apart from the figures no spec covers yet:

    [[excluded]]
    pattern = '''population of the country'''  # the line(s) of the statements left out
    reason = "general demography, out of scope"
    expect = 1                                # optional: how many matches the layout must give
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conventions.errors import EtlError
from conventions.numbers import parse_number
from conventions.paths import REFERENCE_DIR
from etl.document import Document
from etl.model import Extract, Gap, Observation
from etl.regions import Gazetteer
from etl.source_folders import spec_path
from etl.text import read_toml

FIGURE_KEYS = {"id", "indicator", "region", "year", "year_start", "year_end", "category",
               "category_map", "pattern", "matches", "qualifier", "scale", "note", "unit",
               "practice", "basis"}
GAP_KEYS = {"id", "pattern", "topic", "would_show", "matches"}
EXCLUDED_KEYS = {"pattern", "reason", "expect"}
TOP_KEYS = {"source_id", "basis", "figure", "gap", "excluded"}
BASES_FILE = REFERENCE_DIR / "bases.toml"
QUOTE_OPEN = "{quote:"


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    topic: str
    unit: str
    name_en: str
    name_ru: str
    name_kk: str
    description: str
    shares_of_whole: bool = False  # its categories split one whole: their shares add up to 100%


def load_indicators(directory: Path) -> dict[str, Indicator]:
    """Read the controlled indicator list (every *.toml in `directory`, one file per topic), ids unique."""
    indicators: dict[str, Indicator] = {}
    for path in sorted(directory.glob("*.toml")):
        for item in read_toml(path).get("indicator", []):
            try:
                indicator = Indicator(indicator_id=item.pop("id"), **item)
            except TypeError as exc:
                raise EtlError(str(path), "indicator-fields", str(exc)) from exc
            if indicator.topic != path.stem:
                raise EtlError(str(path), "indicator-topic",
                               f"indicator {indicator.indicator_id} has topic {indicator.topic!r}: it belongs "
                               f"in {indicator.topic}.toml")
            if indicator.indicator_id in indicators:
                raise EtlError(str(path), "indicator-unique",
                               f"indicator {indicator.indicator_id} is defined twice")
            indicators[indicator.indicator_id] = indicator
    return indicators


def load_spec(path: Path) -> dict:
    return read_toml(path)


@dataclass(frozen=True)
class Basis:
    basis_id: str
    name_en: str
    name_ru: str
    name_kk: str
    description: str


@cache
def load_bases(path: Path = BASES_FILE) -> dict[str, Basis]:
    """The controlled vocabulary of how a figure was counted (observations.basis)."""
    bases: dict[str, Basis] = {}
    for item in read_toml(path).get("basis", []):
        try:
            basis = Basis(basis_id=item.pop("id"), **item)
        except (KeyError, TypeError) as exc:
            raise EtlError(str(path), "basis-fields", str(exc)) from exc
        if basis.basis_id in bases:
            raise EtlError(str(path), "basis-unique", f"basis {basis.basis_id} is defined twice")
        bases[basis.basis_id] = basis
    return bases


def figure_basis(path: Path, spec: dict, item: dict) -> str:
    """The figure's own basis, else the file's; none, or an id bases.toml does not list, stops the build."""
    basis = item.get("basis", spec.get("basis"))
    if basis is None:
        raise EtlError(str(path), "spec-basis",
                       f"{item.get('id')}: no basis (give the file a top-level basis or the figure its own)")
    if basis not in load_bases():
        raise EtlError(str(path), "spec-basis",
                       f"{item.get('id', 'top level')}: unknown basis {basis!r} (see {BASES_FILE.name})")
    return basis


def check_keys(path: Path, spec: dict) -> None:
    """Unknown keys at the top level or in an entry stop the build: a typo must not be ignored."""
    unknown = set(spec) - TOP_KEYS
    if unknown:
        raise EtlError(str(path), "spec-keys", f"unknown top-level keys {sorted(unknown)}")
    for kind, allowed in (("figure", FIGURE_KEYS), ("gap", GAP_KEYS), ("excluded", EXCLUDED_KEYS)):
        for item in spec.get(kind, []):
            unknown = set(item) - allowed
            if unknown:
                raise EtlError(str(path), "spec-keys", f"{item.get('id')}: unknown keys {sorted(unknown)}")
    for item in spec.get("excluded", []):
        if not item.get("pattern") or not item.get("reason"):
            raise EtlError(str(path), "spec-excluded", f"an [[excluded]] entry needs a pattern and a reason: {item}")


def _compile(path: Path, item: dict) -> re.Pattern[str]:
    try:
        return re.compile(item["pattern"])
    except (KeyError, re.error) as exc:
        raise EtlError(str(path), "spec-pattern", f"{item.get('id')}: {exc}") from exc


def _matches(doc: Document, path: Path, item: dict) -> list[re.Match[str]]:
    """All matches of an entry's pattern, asserting the count the spec expects."""
    found = list(_compile(path, item).finditer(doc.text))
    expected = item.get("matches", 1)
    if len(found) != expected:
        lines = ", ".join(str(doc.line_of(m.start())) for m in found[:10]) or "none"
        raise EtlError(str(path), "spec-match-count",
                       f"{item.get('id')}: pattern matched {len(found)} times in {doc.file} "
                       f"(expected {expected}; at lines {lines})")
    return found


def _year_span(item: dict, match: re.Match[str]) -> tuple[int, int]:
    groups = match.groupdict()
    if groups.get("year"):
        year = int(groups["year"])
        return year, year
    start = item.get("year_start", item.get("year"))
    end = item.get("year_end", item.get("year", start))
    if start is None:
        raise KeyError("year")
    return int(start), int(end)


def _placeholders(text: str) -> list[tuple[int, int, str]]:
    """(start, end, regex) of every `{quote:<regex>}` in a text; braces of the regex must pair."""
    out, position = [], 0
    while (start := text.find(QUOTE_OPEN, position)) >= 0:
        depth, i = 0, start + len(QUOTE_OPEN)
        while i < len(text) and (depth or text[i] != "}"):
            depth += {"{": 1, "}": -1}.get(text[i], 0) if text[i - 1] != "\\" else 0
            i += 1
        out.append((start, i + 1, text[start + len(QUOTE_OPEN):i]))
        position = i + 1
    return out


def fill_quotes(text: str | None, doc: Document, match: re.Match[str], path: Path, fid: str) -> str | None:
    """`text` with each `{quote:<regex>}` replaced by what the regex finds on the match's lines."""
    if not text or QUOTE_OPEN not in text:
        return text
    first, last = doc.line_of(match.start()), doc.line_of(max(match.start(), match.end() - 1))
    lines = "\n".join(doc.lines[first - 1:last])
    out, position = [], 0
    for start, end, regex in _placeholders(text):
        if end > len(text):
            raise EtlError(str(path), "spec-note-quote", f"{fid}: {QUOTE_OPEN}... is not closed by '}}'")
        try:
            found = re.search(regex, lines)
        except re.error as exc:
            raise EtlError(str(path), "spec-note-quote", f"{fid}: bad regex {regex!r}: {exc}") from exc
        if found is None:
            raise EtlError(str(path), "spec-note-quote",
                           f"{fid}: {regex!r} does not occur on lines {first}-{last} of {doc.file}", first)
        out += [text[position:start], " ".join(found.group(0).split())]
        position = end
    return "".join(out + [text[position:]])


def _quote_span(doc: Document, match: re.Match[str]) -> tuple[int, str]:
    """Line and verbatim quote of a match, leading/trailing whitespace trimmed."""
    raw = match.group(0)
    start = match.start() + (len(raw) - len(raw.lstrip()))
    return doc.line_of(start), raw.strip()


def observation_from_match(doc: Document, path: Path, item: dict, match: re.Match[str],
                           indicators: dict[str, Indicator], gazetteer: Gazetteer,
                           basis: str) -> Observation:
    """Turn one spec match into an observation: value parsed, region resolved, unit checked."""
    fid = item.get("id", "?")
    indicator = indicators.get(item.get("indicator", ""))
    if indicator is None:
        raise EtlError(str(path), "spec-indicator", f"{fid}: unknown indicator {item.get('indicator')!r}")
    groups = match.groupdict()
    if not groups.get("value"):
        raise EtlError(str(path), "spec-value-group", f"{fid}: pattern has no non-empty (?P<value>...) group")
    line, quote = _quote_span(doc, match)
    value_text = groups["value"] + (f" {item['scale']}" if item.get("scale") else "")
    try:
        parsed = parse_number(value_text)
    except ValueError as exc:
        raise EtlError(str(path), "spec-number", f"{fid}: {exc}", line) from exc
    region_name = groups.get("region") or item.get("region")
    if not region_name:
        raise EtlError(str(path), "spec-region", f"{fid}: no region given or captured")
    region = gazetteer.resolve(" ".join(region_name.split()), file=doc.file, line=line)
    category = groups.get("category") or item.get("category")
    if category is not None:
        category = " ".join(category.split())
        category = item.get("category_map", {}).get(category, category)
    unit = item.get("unit") or parsed.currency or indicator.unit
    if unit != indicator.unit:
        raise EtlError(str(path), "spec-unit",
                       f"{fid}: text gives {unit}, indicator {indicator.indicator_id} is in {indicator.unit}", line)
    try:
        year_start, year_end = _year_span(item, match)
    except KeyError as exc:
        raise EtlError(str(path), "spec-year", f"{fid}: no year given or captured") from exc
    return Observation(
        indicator_id=indicator.indicator_id, region_code=region, year_start=year_start,
        year_end=year_end, value=parsed.value, value_high=parsed.value_high, unit=unit,
        qualifier=item.get("qualifier", parsed.qualifier), source_id=doc.source_id, line=line,
        quote=quote, category=category, note=fill_quotes(item.get("note"), doc, match, path, fid),
        practice_id=item.get("practice"), basis=basis)


def apply_spec(doc: Document, indicators: dict[str, Indicator], gazetteer: Gazetteer,
               path: Path | None = None) -> Extract:
    """Run every figure and gap entry of a source's spec over its document."""
    path = path or spec_path(doc.source_id)
    if not path.exists():
        return Extract()
    spec = load_spec(path)
    if spec.get("source_id") != doc.source_id:
        raise EtlError(str(path), "spec-source", f"spec is for {spec.get('source_id')!r}, not {doc.source_id!r}")
    out = Extract()
    check_keys(path, spec)
    for item in spec.get("figure", []):
        basis = figure_basis(path, spec, item)
        for match in _matches(doc, path, item):
            out.observations.append(observation_from_match(doc, path, item, match, indicators, gazetteer, basis))
    for item in spec.get("gap", []):
        for match in _matches(doc, path, item):
            line, quote = _quote_span(doc, match)
            out.gaps.append(Gap(source_id=doc.source_id, line=line, caption=quote,
                                topic=item["topic"],
                                would_show=fill_quotes(item["would_show"], doc, match, path, item.get("id", "?"))))
    for item in spec.get("excluded", []):
        if "expect" in item:  # the layout must still hold what the exclusion was written for
            _matches(doc, path, {"id": f"excluded {item['pattern']!r}", "pattern": item["pattern"],
                                 "matches": item["expect"]})
    return out
