"""The app's code builds no SQL from strings and opens DuckDB read-only (read from the source, no database).

The other two parts of the security check need a built database, so they live in their tier:
tests/data/test_read_only.py (the app's connection refuses writes) and
tests/app/test_literal_text.py (document text carrying HTML and Markdown is shown as text).

* No code under `app.py`, `pages/`, `qogam/`, `publish/` or `conventions/` opens DuckDB other
  than read-only.
* SQL is never assembled by string formatting in the app: a scanner walks the Python syntax
  trees for f-strings, `%`, `.format()` and `+` whose literal text is SQL, and for calls like
  `execute(f"...")`. The scanner is tested on planted snippets first. The one reviewed
  exceptions are the export module's statement builder and the downloads page's distinct-value
  scan, which interpolate only whitelisted identifiers (a table name from `exports.TABLES`,
  column names read from the catalog) and bind every value; they are listed in `REVIEWED`
  with that reason.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import pytest

from conventions.paths import ROOT
from tests.support import APP

APP_CODE = [APP, *(path for folder in ("pages", "qogam", "publish", "conventions")
                   for path in sorted((ROOT / folder).glob("*.py")))]
QUERIES = sorted((ROOT / "queries").glob("*.sql"))
# SQL in capitals anywhere, or lower-case SQL with its typical shape (so that prose such as
# f"figures from {year}" is not mistaken for a query).
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|FROM|WHERE|JOIN|UNION|VALUES|"
                       r"PRAGMA|ATTACH|COPY|ORDER BY|GROUP BY)\b"
                       r"|(?i:\bselect\b.+\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b|\bdrop\s+table\b"
                       r"|\bupdate\s+\w+\s+set\b)", re.DOTALL)
EXECUTING = {"execute", "executemany", "sql", "query", "read_sql", "fetch_arrow", "run_query"}
# Python placeholders a .sql file would need if code filled it in by formatting.
TEMPLATE_HOLE = re.compile(r"\{[A-Za-z_]\w*\}|%\(\w+\)s|%s")
# (file relative to the repository, function) -> why building SQL text there is safe.
REVIEWED = {
    ("publish/exports.py", "select_statement"):
        "identifiers only: the table name comes from exports.TABLES, column names from the catalog; "
        "every value is a bound $parameter",
    ("publish/exports.py", "_membership"):
        "identifiers only: a catalog column name and a generated $parameter name",
    ("qogam/explorer_cache.py", "_pickable"):
        "identifiers only: column names read from the catalog (exports.table_columns), quoted; the "
        "filtered rows are the export's statement, every value a bound $parameter",
}


@dataclass(frozen=True)
class Finding:
    file: str
    function: str
    line: int
    what: str


def literal_text(node: ast.AST) -> str | None:
    """The literal part of a string-building expression, or None when it builds no string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "{}".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        parts = [literal_text(node.left), literal_text(node.right)]
        return " ".join(p for p in parts if p is not None) if any(p is not None for p in parts) else None
    return None


def is_formatting(node: ast.AST) -> str | None:
    """How `node` interpolates values into a string (None when it does not)."""
    if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values):
        return "f-string"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and literal_text(node.left) is not None:
        return "% formatting"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and literal_text(node) is not None \
            and not all(isinstance(side, ast.Constant) for side in (node.left, node.right)):
        return "string concatenation"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
            and literal_text(node.func.value) is not None:
        return ".format()"
    return None


def called_name(node: ast.Call) -> str | None:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None


class SqlFormattingScanner(ast.NodeVisitor):
    """Collects string formatting that builds SQL, with the enclosing function's name."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.function = "<module>"
        self.findings: list[Finding] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def add(self, node: ast.AST, what: str) -> None:
        self.findings.append(Finding(self.file, self.function, getattr(node, "lineno", 0), what))

    def visit_Call(self, node: ast.Call) -> None:
        if called_name(node) in EXECUTING and node.args and (how := is_formatting(node.args[0])):
            self.add(node, f"{called_name(node)}() called with {how}")
        self.check(node)
        self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self.check(node)
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        self.check(node)
        self.generic_visit(node)

    def check(self, node: ast.AST) -> None:
        how = is_formatting(node)
        text = literal_text(node.func.value) if how == ".format()" else literal_text(node)  # type: ignore[attr-defined]
        if how and text and SQL_WORDS.search(text):
            self.add(node, f"SQL built by {how}: {text[:60]!r}")


def scan(source: str, file: str = "<snippet>") -> list[Finding]:
    scanner = SqlFormattingScanner(file)
    scanner.visit(ast.parse(source))
    return scanner.findings


def app_findings() -> list[Finding]:
    return [f for path in APP_CODE for f in scan(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]


@pytest.mark.parametrize("snippet", [
    'con.execute(f"SELECT * FROM observations WHERE region_code = \'{region}\'")',
    'sql = f"select value from observations where year = {year}"',
    'sql = "SELECT * FROM sources WHERE source_id = \'%s\'" % source_id',
    'sql = "DELETE FROM sources WHERE source_id = \'{}\'".format(source_id)',
    'sql = "SELECT * FROM " + table',
    'cursor.sql(query_head + " WHERE x = " + value)',
    'con.execute(f"{prefix} {suffix}")',
    'def helper(t):\n    return f"DROP TABLE {t}"',
])
def test_scanner_flags_planted_sql_formatting(snippet: str) -> None:
    assert scan(snippet), snippet


@pytest.mark.parametrize("snippet", [
    'con.execute("SELECT * FROM observations WHERE region_code = $region", {"region": region})',
    'label = f"Figures from {year} onwards, where published"',
    'title = "Data from " + source_title',
    'text = "{} of {}".format(n, total)',
    'cursor.sql(sql(name), params=dict(params))',
    'QUERY = "SELECT 1"',
])
def test_scanner_accepts_bound_parameters_and_prose(snippet: str) -> None:
    assert scan(snippet) == [], snippet


def test_app_builds_no_sql_by_string_formatting() -> None:
    found = [f for f in app_findings() if (f.file, f.function) not in REVIEWED]
    assert not found, "\n".join(f"{f.file}:{f.line} in {f.function}: {f.what}" for f in found)


def test_reviewed_exceptions_are_still_needed() -> None:
    """An exception nobody needs any more must be deleted, so the list stays a real review."""
    used = {(f.file, f.function) for f in app_findings()}
    assert set(REVIEWED) <= used, set(REVIEWED) - used


def test_query_files_have_no_placeholders_for_formatting() -> None:
    assert QUERIES, "no queries/*.sql found"
    holes = {q.name: TEMPLATE_HOLE.findall(q.read_text(encoding="utf-8")) for q in QUERIES}
    assert not {name: found for name, found in holes.items() if found}


def test_app_opens_duckdb_only_read_only() -> None:
    opened = []
    for path in APP_CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and called_name(node) == "connect":
                read_only = any(k.arg == "read_only" and isinstance(k.value, ast.Constant) and k.value.value is True
                                for k in node.keywords)
                opened.append((str(path.relative_to(ROOT)), node.lineno, read_only))
    assert opened, "the app opens no DuckDB connection at all?"
    assert all(read_only for *_, read_only in opened), opened
