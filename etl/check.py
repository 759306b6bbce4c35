"""`python -m etl check SOURCE_ID [--incoming]`: what a source's spec finds, and what is left.

For the person writing or reviewing a spec. Unlike the build, which stops at the first
broken rule, this reports every spec entry: how often its pattern matches against how often
it should, and why a match does not make an observation (an unknown region spelling, a
wrong unit...). Then it lists the numeric statements (the sentences and table rows that
`mentions` indexes) on which no spec match and no table-module observation lies, so the
author sees which figures of the document are not extracted yet. Statements the spec's
[[excluded]] entries match (left out on purpose, each with a reason) are listed apart, by
reason, so that "not done yet" and "not wanted" never mix. With `--incoming` the
document checked is the changed one `fetch` kept in data/raw/incoming/.

A statement occupies the lines from its own start to the line before the next statement
starts; it counts as covered when a match or observation touches one of those lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from conventions.errors import EtlError
from conventions.numbers import find_numbers
from etl.context import BuildContext, make_context
from etl.document import Document, load_document
from etl.fetch import INCOMING_DIR
from etl.mentions import sentences
from etl.source_folders import hook, spec_path
from etl.specs import FIGURE_KEYS, GAP_KEYS, figure_basis, fill_quotes, load_spec, observation_from_match


@dataclass
class EntryReport:
    """One [[figure]] or [[gap]] of the spec and what its pattern found."""

    kind: str
    entry_id: str
    expected: int
    lines: list[int] = field(default_factory=list)
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and len(self.lines) == self.expected


@dataclass(frozen=True)
class Statement:
    line: int
    text: str
    numbers: list[str]


@dataclass
class ExcludedReport:
    """One [[excluded]] entry: where its pattern matches and the numeric statements it sets aside."""

    pattern: str
    reason: str
    expected: int | None
    lines: list[int] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and (self.expected is None or len(self.lines) == self.expected)


@dataclass
class CheckReport:
    source_id: str
    document: str
    spec: Path
    entries: list[EntryReport]
    table_observations: int
    table_problem: str | None
    statements: int
    uncovered: list[Statement]
    excluded: list[ExcludedReport] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.table_problem is None and all(e.ok for e in self.entries)
                and all(x.ok for x in self.excluded))


def check(root: Path, source_id: str, incoming: bool = False) -> CheckReport:
    """Check one source of the project at `root` (its spec, table module and document)."""
    ctx = make_context(root)
    if source_id not in ctx.docs:
        raise EtlError(str(ctx.raw_dir / "manifest.toml"), "check-source", f"no source {source_id!r} in the manifest")
    doc = ctx.docs[source_id]
    if incoming:
        doc = load_document(ctx.raw_dir / INCOMING_DIR, doc.entry)
        ctx.docs[source_id] = doc
    spec = spec_path(source_id, ctx.sources_dir)
    entries, covered = check_spec(doc, spec, ctx)
    table_observations, table_problem = 0, None
    extract = hook(source_id, "extract")
    if extract is not None:
        try:
            observations = extract(doc, ctx).observations
        except EtlError as exc:
            table_problem = str(exc)
        else:
            table_observations = len(observations)
            covered.update(o.line for o in observations)
    numeric = numeric_statements(doc)
    uncovered = uncovered_statements(numeric, covered)
    excluded = check_excluded(doc, spec, uncovered)
    set_aside = {id(s) for x in excluded for s in x.statements}
    return CheckReport(source_id=source_id, document=str(doc.path), spec=spec, entries=entries,
                       table_observations=table_observations, table_problem=table_problem,
                       statements=len(numeric), uncovered=[s for s in uncovered if id(s) not in set_aside],
                       excluded=excluded)


def check_excluded(doc: Document, spec: Path, uncovered: list[Statement]) -> list[ExcludedReport]:
    """Each [[excluded]] entry's matches, and which of the uncovered statements start on its lines."""
    if not spec.exists():
        return []
    reports = []
    for item in load_spec(spec).get("excluded", []):
        report = ExcludedReport(str(item.get("pattern", "")), str(item.get("reason", "")), item.get("expect"))
        reports.append(report)
        if not item.get("reason"):
            report.problem = "no reason given"
        try:
            found = list(re.finditer(item["pattern"], doc.text))
        except (KeyError, re.error) as exc:
            report.problem = f"bad pattern: {exc!r}"
            continue
        lines: set[int] = set()
        for match in found:
            first, last = doc.line_of(match.start()), doc.line_of(max(match.end() - 1, match.start()))
            report.lines.append(first)
            lines.update(range(first, last + 1))
        taken = {id(s) for r in reports for s in r.statements}
        report.statements = [s for s in uncovered if s.line in lines and id(s) not in taken]
    return reports


def check_spec(doc: Document, spec: Path, ctx: BuildContext) -> tuple[list[EntryReport], set[int]]:
    """Every spec entry's report, and the lines its matches touch."""
    if not spec.exists():
        return [], set()
    data = load_spec(spec)
    reports, covered = [], set()
    for kind, allowed in (("figure", FIGURE_KEYS), ("gap", GAP_KEYS)):
        for item in data.get(kind, []):
            report = EntryReport(kind, str(item.get("id", "?")), int(item.get("matches", 1)))
            reports.append(report)
            unknown = sorted(set(item) - allowed)
            if unknown:
                report.problem = f"unknown keys {unknown}"
            try:
                found = list(re.finditer(item["pattern"], doc.text))
            except (KeyError, re.error) as exc:
                report.problem = f"bad pattern: {exc!r}"
                continue
            for match in found:
                first, last = doc.line_of(match.start()), doc.line_of(max(match.end() - 1, match.start()))
                report.lines.append(first)
                covered.update(range(first, last + 1))
                if report.problem is None:
                    report.problem = (_observation_problem(doc, spec, data, item, match, ctx) if kind == "figure"
                                      else _gap_problem(doc, spec, item, match))
    return reports, covered


def _observation_problem(doc: Document, spec: Path, data: dict, item: dict, match: re.Match[str],
                         ctx: BuildContext) -> str | None:
    """Why this match would stop the build (region, unit, value, basis...), or None."""
    try:
        observation_from_match(doc, spec, item, match, ctx.indicators, ctx.gazetteer,
                               figure_basis(spec, data, item))
    except EtlError as exc:
        return f"[{exc.rule}] {exc.message}"
    return None


def _gap_problem(doc: Document, spec: Path, item: dict, match: re.Match[str]) -> str | None:
    """Why this gap's text could not be filled in (a `{quote:...}` its lines do not hold), or None."""
    try:
        fill_quotes(item.get("would_show"), doc, match, spec, str(item.get("id", "?")))
    except EtlError as exc:
        return f"[{exc.rule}] {exc.message}"
    return None


def numeric_statements(doc: Document) -> list[tuple[range, Statement]]:
    """Sentences and table rows stating a number, each with the lines it occupies."""
    all_sentences = sentences(doc)
    starts = [s.line for s in all_sentences[1:]] + [len(doc.lines) + 1]
    out = []
    for sentence, next_start in zip(all_sentences, starts):
        numbers = find_numbers(sentence.text, doc.entry.language)
        if numbers:
            span = range(sentence.line, max(sentence.line, next_start - 1) + 1)
            out.append((span, Statement(sentence.line, sentence.text, [n.text for n in numbers])))
    return out


def uncovered_statements(numeric: list[tuple[range, Statement]], covered: set[int]) -> list[Statement]:
    return [statement for span, statement in numeric if not covered.intersection(span)]


def format_report(report: CheckReport, root: Path) -> str:
    """The report as the command prints it."""
    spec = report.spec.relative_to(root) if report.spec.is_relative_to(root) else report.spec
    bad = [e for e in report.entries if not e.ok]
    out = [f"check {report.source_id}: {report.document}",
           f"spec {spec}: " + (f"{len(report.entries) - len(bad)} of {len(report.entries)} entries match "
                               "as expected" if report.spec.exists() else "missing (nothing extracted from prose)")]
    for entry in report.entries:
        where = ", ".join(map(str, entry.lines[:10])) or "no match"
        status = "ok  " if entry.ok else "FAIL"
        line = f"  {status}  {entry.kind:<6} {entry.entry_id}: {len(entry.lines)}/{entry.expected} at lines {where}"
        out.append(line + (f" -- {entry.problem}" if entry.problem else ""))
    if report.table_problem:
        out.append(f"table module FAILED: {report.table_problem}")
    elif report.table_observations:
        out.append(f"table module: {report.table_observations} observations")
    if report.excluded:
        n = sum(len(x.statements) for x in report.excluded)
        out.append(f"numeric statements excluded on purpose: {n} of {report.statements}")
        for x in report.excluded:
            status = "ok  " if x.ok else "FAIL"
            expected = f"/{x.expected}" if x.expected is not None else ""
            line = f"  {status}  {x.reason}: {len(x.lines)}{expected} matches, {len(x.statements)} statements"
            out.append(line + (f" -- {x.problem}" if x.problem else ""))
            out.extend(_statement_line(s, "    ") for s in x.statements)
    out.append(f"numeric statements no spec or table covers: {len(report.uncovered)} of {report.statements}")
    out.extend(_statement_line(s, "  ") for s in report.uncovered)
    return "\n".join(out)


def _statement_line(statement: Statement, indent: str) -> str:
    text = statement.text if len(statement.text) <= 160 else statement.text[:157] + "..."
    return f"{indent}line {statement.line}: {text}  [{'; '.join(statement.numbers)}]"
