"""Read-only access to the Qogam DuckDB file, for the dashboard and the HTTP API alike.

A database is known by its file's identity (device, inode, size, modification time), not by
its path: the ETL replaces `data/civic.duckdb` atomically with a new file, and the next query
after that sees the new identity, opens the new file and retires the old connection once the
queries still running on it have finished (so the replaced file's disk space is released).
Every cache keyed by `database_key()` therefore answers from one build only, and a rebuild
reaches the running app without a restart.

A connection is opened read-only with external access disabled and the configuration locked:
no query can read or write a file or reach a URL, whatever its text. Before a file is used it
is checked against the schema the ETL writes (`etl/schema.sql`); a missing, unreadable or
foreign file raises `DatabaseUnavailable`, whose message names no server path (the details go
to the server log for the operator).

SQL lives in `queries/<name>.sql` and takes bound parameters only (`$name`).
"""
from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import stat
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import polars as pl

from conventions.paths import DEFAULT_DB, ROOT
from publish.exports import query_text
from qogam.byte_cache import ByteBudgetCache

SCHEMA = ROOT / "etl" / "schema.sql"
DB_ENV = "QOGAM_DB"
# What a truncated, corrupted or foreign file makes a query raise (a mistake in a query's own
# text, e.g. a ParserException, is a bug and is not hidden behind the outage page).
DAMAGED_FILE_ERRORS = (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException,
                       duckdb.CatalogException, duckdb.BinderException, duckdb.FatalException,
                       duckdb.InvalidInputException, duckdb.ConnectionException)
# In this order: once the configuration is locked nothing can be changed back.
LOCK_DOWN = ("SET enable_external_access = false", "SET lock_configuration = true")

log = logging.getLogger(__name__)
T = TypeVar("T")


class DatabaseUnavailable(Exception):
    """The database cannot be used right now; `reason` is for visitors, `detail` for the log."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def db_path() -> Path:
    """The database file: `$QOGAM_DB`, or data/civic.duckdb (relative paths from the repo root)."""
    path = Path(os.environ.get(DB_ENV) or DEFAULT_DB)
    return path if path.is_absolute() else ROOT / path


def _unavailable(reason: str, detail: str) -> DatabaseUnavailable:
    log.error("database unavailable (%s): %s", reason, detail)
    return DatabaseUnavailable(reason, detail)


def database_key() -> str:
    """The identity of the current database file, as a cache key; raises DatabaseUnavailable."""
    path = db_path()
    try:
        info = path.stat()
    except FileNotFoundError:
        raise _unavailable("missing", f"{path} does not exist") from None
    except OSError as error:
        raise _unavailable("unreadable", f"{path}: {error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _unavailable("unreadable", f"{path} is not a regular file")
    return f"{path}|{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


CREATE_TABLE = re.compile(r"^CREATE TABLE (\w+) \($(.*?)^\);$", re.MULTILINE | re.DOTALL)
COLUMN = re.compile(r"^\s+([a-z_][a-z0-9_]*)\s+[A-Z]")
TABLE_CONSTRAINTS = ("primary", "foreign", "unique", "check", "constraint")


@functools.cache
def expected_columns() -> frozenset[tuple[str, str]]:
    """(table, column) pairs of the schema the ETL writes, read from etl/schema.sql.

    The file's layout is one `CREATE TABLE name (` per table and one column per line; a file
    that no longer reads that way is an error here, not an empty expectation.
    """
    text = SCHEMA.read_text(encoding="utf-8")
    pairs = {(table, match.group(1)) for table, body in CREATE_TABLE.findall(text)
             for match in map(COLUMN.match, body.splitlines())
             if match and match.group(1) not in TABLE_CONSTRAINTS}
    tables = {table for table, _ in pairs}
    if len(tables) != text.count("CREATE TABLE"):
        raise RuntimeError(f"{SCHEMA}: a table definition no longer lists one column per line")
    return frozenset(pairs)


def _check_schema(con: duckdb.DuckDBPyConnection, path: str) -> None:
    found = frozenset(con.sql(query_text("database_columns")).fetchall())
    missing = sorted(expected_columns() - found)
    if missing:
        raise _unavailable("schema", f"{path} lacks {len(missing)} columns, e.g. {missing[:5]}")
    has_rows = con.sql(query_text("database_has_rows")).pl().row(0, named=True)
    empty = [table for table, filled in has_rows.items() if not filled]
    if empty:
        raise _unavailable("empty", f"{path}: no rows in {', '.join(empty)}")


@dataclass
class _Registry:
    """The one open connection, to the current file, and how many queries are using it.

    DuckDB keeps one instance per path in a process: while any connection to a replaced file
    is still open, connecting to the same path again hands back the *old* file. So a new file
    is opened only once the queries on the old one have finished (they take milliseconds);
    new queries wait for that, and then the old connection is closed and its file released.
    A thread that already holds the connection (a query inside a query) keeps using it.
    """

    changed: threading.Condition = field(default_factory=threading.Condition)
    key: str | None = None
    con: duckdb.DuckDBPyConnection | None = None
    users: int = 0
    held: threading.local = field(default_factory=threading.local)

    def acquire(self, key: str) -> duckdb.DuckDBPyConnection:
        with self.changed:
            if getattr(self.held, "count", 0) == 0:
                while self.key != key and self.users:
                    self.changed.wait()
                if self.key != key:
                    self._switch(key)
            assert self.con is not None
            self.users += 1
            self.held.count = getattr(self.held, "count", 0) + 1
            return self.con

    def release(self) -> None:
        with self.changed:
            self.users -= 1
            self.held.count -= 1
            self.changed.notify_all()

    def _switch(self, key: str) -> None:
        if self.con is not None:
            self.con.close()
        self.key, self.con = None, None
        self.con, self.key = _open(key), key


def _open(key: str) -> duckdb.DuckDBPyConnection:
    """Open the file read-only, lock it down, and check it is a database the app can show.

    The settings are applied with SET rather than as connect() options: DuckDB refuses a second
    connection to the same file with other options, and tools in the same process (the tests,
    a notebook) connect with the defaults; the lock then holds for them too.
    """
    path = key.partition("|")[0]
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as error:
        raise _unavailable("unreadable", f"{path}: {error}") from None
    try:
        _lock_down(con, path)
        _check_schema(con, path)
    except duckdb.Error as error:
        con.close()
        raise _unavailable("unreadable", f"{path}: {error}") from None
    except DatabaseUnavailable:
        con.close()
        raise
    return con


def _lock_down(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Forbid file access and lock the configuration, unless this instance already is."""
    (locked_down, locked), = con.sql(query_text("database_lockdown")).fetchall()
    if locked_down:
        return
    if locked:
        raise _unavailable("unsafe", f"{path}: opened elsewhere in this process with file access on, locked")
    for statement in LOCK_DOWN:
        con.execute(statement)


_REGISTRY = _Registry()


@contextlib.contextmanager
def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the current database (its own, as a connection is not shared across threads
    while a cursor runs). Raises DatabaseUnavailable; a query that fails because the file is
    damaged is reported the same way."""
    con = _REGISTRY.acquire(database_key())
    try:
        cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()
    except DAMAGED_FILE_ERRORS as error:
        raise _unavailable("unreadable", f"query failed: {error}") from error
    finally:
        _REGISTRY.release()


def with_cursor(function: Callable[..., T], *args: Any) -> T:
    """`function(cursor, *args)` on the current database (for logic modules taking a connection)."""
    with cursor() as cur:
        return function(cur, *args)


def read(name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """Rows of `queries/<name>.sql` with `$name` parameters bound from `params` (not cached)."""
    with cursor() as cur:
        return cur.sql(query_text(name), params=dict(params or {})).pl()


# Query results shared by all sessions within a budget of bytes (`qogam.byte_cache`): st.cache_data
# bounded them by count and pickled each frame in and a copy out on every read, which at 1,000x
# data cost seconds per page and a copy per session. Frames are only read, never modified.
CACHE_BYTES = 192 * 2**20
_RESULTS: ByteBudgetCache[pl.DataFrame] = ByteBudgetCache(CACHE_BYTES)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def query(name: str, params: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """Rows of `queries/<name>.sql`, cached per (database file, query, parameters)."""
    given = dict(params or {})
    key = (database_key(), name, tuple(sorted((k, _hashable(v)) for k, v in given.items())))
    return _RESULTS.get_or_compute(key, lambda: read(name, given))
