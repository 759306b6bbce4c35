"""The app cannot change its data, builds no SQL from strings, and shows document text as text.

* The database is opened read-only: the connection helper in `qogam/db.py` refuses writes, and
  no code under `app.py`, `pages/` or `qogam/` opens DuckDB any other way.
* SQL is never assembled by string formatting in the app: a scanner walks the Python syntax
  trees for f-strings, `%`, `.format()` and `+` whose literal text is SQL, and for calls like
  `execute(f"...")`. The scanner is tested on planted snippets first. The one reviewed
  exception is the export module's statement builder, which interpolates only whitelisted
  identifiers (a table name from `exports.TABLES`, column names read from the catalog) and
  binds every value; it is listed in `REVIEWED` with that reason.
* A document line carrying HTML and Markdown is shown literally wherever the app quotes it, the
  document viewer included: rendered as the browser would (Markdown through a CommonMark
  renderer, st.html as is), it yields no script or image tag, no emphasis, and the exact text.
"""
from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.support import APP, PAYLOAD, AppPage, PayloadDb, app_pages, build_payload_db

APP_CODE = [APP, *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "qogam").glob("*.py"))]
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
DOCUMENT_VIEWER = "documents"        # URL path of the page that shows a document's lines
# (file relative to the repository, function) -> why building SQL text there is safe.
REVIEWED = {
    ("qogam/exports.py", "select_statement"):
        "identifiers only: the table name comes from exports.TABLES, column names from the catalog; "
        "every value is a bound $parameter",
    ("qogam/exports.py", "_membership"):
        "identifiers only: a catalog column name and a generated $parameter name",
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


@pytest.fixture
def app_connection(built_db: Path, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the app's shared connection (qogam.db.cursor) to a copy of the real database."""
    from qogam import db

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(built_db, copy)
    monkeypatch.setenv(db.DB_ENV, str(copy))
    with db.cursor() as con:
        yield con


@pytest.mark.parametrize("statement", [
    "INSERT INTO build_info VALUES ('planted', 'x')",
    "UPDATE observations SET value = 0",
    "DELETE FROM sources",
    "DROP TABLE source_lines",
    "CREATE TABLE planted (x INTEGER)",
])
def test_app_connection_refuses_writes(app_connection: duckdb.DuckDBPyConnection, statement: str) -> None:
    before = app_connection.execute("SELECT count(*) FROM sources").fetchone()
    with pytest.raises(duckdb.Error, match="read-only"):
        app_connection.execute(statement)
    assert app_connection.execute("SELECT count(*) FROM sources").fetchone() == before


@pytest.fixture(scope="module")
def payload_db(tmp_path_factory: pytest.TempPathFactory) -> PayloadDb:
    return build_payload_db(tmp_path_factory.mktemp("payload"))


class Fragment(HTMLParser):
    """The tags and text of an HTML fragment, and any text that sits inside emphasis."""

    EMPHASIS = {"strong", "b", "em", "i"}

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.emphasised: list[str] = []
        self.open: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in self.EMPHASIS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.open:
            self.emphasised.append(data)


def shown_html(at: AppTest) -> list[str]:
    """What the browser would get: Markdown elements rendered by a CommonMark renderer with raw
    HTML allowed (the strictest reading), and the bodies of st.html elements as they are."""
    renderer = MarkdownIt("commonmark")
    kinds = (at.markdown, at.caption, at.info, at.warning, at.error, at.success, at.title, at.header, at.subheader)
    markdown = [renderer.render(el.value) for kind in kinds for el in kind if isinstance(el.value, str)]
    return markdown + [el.proto.body for el in at.get("html")]


def page_query(page: AppPage, payload: PayloadDb) -> dict[str, str]:
    """The document viewer is opened at the changed line; other pages as they come."""
    return payload.viewer_query if page.url_path == DOCUMENT_VIEWER else {}


def test_document_text_is_shown_literally_on_every_page(payload_db: PayloadDb,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QOGAM_DB", str(payload_db.path))
    shown: dict[str, list[str]] = {}
    for page in app_pages():
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in page_query(page, payload_db).items():
            at.query_params[key] = value
        at.switch_page(page.path).run()
        assert not at.exception, [e.value for e in at.exception]
        shown[page.url_path] = [html for html in shown_html(at) if "alert" in html]
    assert any(shown.values()), "no page shows the changed document line"
    if DOCUMENT_VIEWER in shown:
        assert shown[DOCUMENT_VIEWER], "the document viewer does not show the changed line"
    for page, fragments in shown.items():
        for fragment in map(Fragment, fragments):
            assert not fragment.tags & {"script", "img"}, (page, fragment.tags)
            assert "markdown" not in "".join(fragment.emphasised), (page, fragment.emphasised)
            assert PAYLOAD in " ".join("".join(fragment.text).split()), (page, fragment.text)
