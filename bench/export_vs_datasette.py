"""Filtered CSV export of 1M observations: Qogam's export path against Datasette.

Both sides serve the same rows: the observations table of a synthetic database scaled to at
least one million observations (bench/synthetic.py), for Qogam in DuckDB and for Datasette in
SQLite (copied row by row, with an index on (region_code, obs_id) so that Datasette's keyset
pagination for this filter is an index scan — the fair set-up for it). The filter is one
region and a year range, i.e. the app's sidebar filters.

- Qogam: `publish.exports.export_table(con, "observations", ExportFilter(...), "csv")` on one
  shared read-only connection, as the app does — the bytes a download button hands out.
- Datasette: `datasette serve` on 127.0.0.1, `GET /db/observations.csv?_stream=on&...` with
  requests, reading the whole streamed body.

Both are timed warm (one untimed request first), alternating, `runs` times each; the row
counts of both answers are checked to be equal before anything is timed. Target: Qogam faster.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import io
import math
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import requests

from bench import OUT, Summary, built_db, is_stale, report
from bench.synthetic import scaled_db
from harness.server import LOOPBACK, die_with_parent, free_port, stop, wait_http
from publish.exports import ExportFilter, export_table

TARGET_ROWS = 1_000_000
DATASETTE = OUT / "venv" / "bin" / "datasette"
SQLITE_TYPES = {"VARCHAR": "TEXT", "INTEGER": "INTEGER", "BIGINT": "INTEGER", "DOUBLE": "REAL",
                "BOOLEAN": "INTEGER"}
BATCH = 50_000


@dataclass(frozen=True)
class Case:
    """One filtered export: a label, the region and the years."""

    label: str
    region: str
    year_from: int
    year_to: int

    def export_filter(self) -> ExportFilter:
        return ExportFilter(region_codes=[self.region], year_from=self.year_from, year_to=self.year_to)

    def api_query(self) -> dict[str, str]:
        """The same filter as parameters of Qogam's HTTP API."""
        return {"region": self.region, "from": str(self.year_from), "to": str(self.year_to)}

    def datasette_query(self) -> dict[str, str]:
        """The same filter in Datasette's table-filter syntax (span overlaps the years)."""
        return {"_stream": "on", "region_code": self.region, "year_end__gte": str(self.year_from),
                "year_start__lte": str(self.year_to)}


CASES = (Case("one region (KZ-75, 2021–2023)", "KZ-75", 2021, 2023),
         Case("whole country (KZ, 2021–2023)", "KZ", 2021, 2023))


def million_db() -> Path:
    """The synthetic DuckDB file with at least TARGET_ROWS observations."""
    with duckdb.connect(str(built_db()), read_only=True) as con:
        shipped = con.execute("SELECT count(*) FROM observations").fetchone()[0]
    return scaled_db(math.ceil(TARGET_ROWS / shipped))


def sqlite_copy(source: Path) -> tuple[Path, int]:
    """bench/out/datasette/db.sqlite (remade when `source` is newer) and its row count."""
    target = OUT / "datasette" / "db.sqlite"
    if is_stale(target, source):
        target.parent.mkdir(parents=True, exist_ok=True)
        to_sqlite(source, target)
    with sqlite3.connect(target) as lite:
        return target, lite.execute("SELECT count(*) FROM observations").fetchone()[0]


def to_sqlite(source: Path, target: Path) -> None:
    """Copy the observations table into a new SQLite file for Datasette."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with duckdb.connect(str(source), read_only=True) as con, sqlite3.connect(partial) as lite:
        columns = con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                              "WHERE table_name = 'observations' ORDER BY column_index").fetchall()
        definition = ", ".join(f'"{name}" {SQLITE_TYPES[kind]}' + (" PRIMARY KEY" if name == "obs_id" else "")
                               for name, kind in columns)
        lite.execute(f"CREATE TABLE observations ({definition})")
        cursor = con.execute("SELECT * FROM observations")
        marks = ", ".join("?" * len(columns))
        while batch := cursor.fetchmany(BATCH):
            lite.executemany(f"INSERT INTO observations VALUES ({marks})", batch)
        lite.execute("CREATE INDEX observations_region ON observations (region_code, obs_id)")
    partial.replace(target)


def csv_rows(body: bytes) -> int:
    """Data rows in a CSV body (quoted newlines inside quotes do not count as rows)."""
    return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig")))) - 1


def timed(action) -> tuple[float, bytes]:
    started = time.perf_counter()
    body = action()
    return time.perf_counter() - started, body


def run_case(case: Case, con: duckdb.DuckDBPyConnection, base_url: str, runs: int) -> dict:
    """Warm-up, row-count check, then `runs` alternating timings of both sides."""
    def qogam() -> bytes:
        return export_table(con, "observations", case.export_filter(), "csv")

    def datasette() -> bytes:
        response = requests.get(base_url + "db/observations.csv", params=case.datasette_query(), timeout=300)
        response.raise_for_status()
        return response.content

    ours, theirs = qogam(), datasette()
    if csv_rows(ours) != csv_rows(theirs):
        raise AssertionError(f"{case.label}: Qogam exported {csv_rows(ours)} rows, Datasette {csv_rows(theirs)}")
    samples: dict[str, list[float]] = {"qogam": [], "datasette": []}
    for _ in range(runs):
        samples["qogam"].append(timed(qogam)[0])
        samples["datasette"].append(timed(datasette)[0])
    q, d = Summary.of(samples["qogam"]), Summary.of(samples["datasette"])
    return {"case": case.label, "rows": csv_rows(ours), "qogam_bytes": len(ours), "datasette_bytes": len(theirs),
            "qogam_s": q.as_dict(), "datasette_s": d.as_dict(), "speedup": d.median / q.median}


@contextlib.contextmanager
def datasette_server(lite: Path) -> Iterator[str]:
    """`datasette serve` of the SQLite copy on 127.0.0.1 for the block; yields its base URL."""
    if not DATASETTE.exists():
        raise FileNotFoundError(f"{DATASETTE} missing: python -m venv bench/out/venv && "
                                "bench/out/venv/bin/pip install -r bench/requirements.txt")
    port = free_port()
    with (OUT / "datasette.log").open("wb") as log:
        proc = subprocess.Popen([str(DATASETTE), "serve", str(lite), "--host", LOOPBACK, "--port", str(port),
                                 "--setting", "max_csv_mb", "0"], stdout=log, stderr=subprocess.STDOUT,
                                preexec_fn=die_with_parent)
    try:
        base_url = f"http://{LOOPBACK}:{port}/"
        wait_http(base_url + "-/versions.json", timeout=60, proc=proc)
        yield base_url
    finally:
        stop(proc)


def datasette_version() -> str:
    return subprocess.run([str(DATASETTE), "--version"], capture_output=True, text=True).stdout.strip()


def run(runs: int = 7) -> dict:
    """Both cases on the ≥1M-row database; Datasette from the bench venv (bench/requirements.txt)."""
    db = million_db()
    lite, n_rows = sqlite_copy(db)
    with datasette_server(lite) as base_url, duckdb.connect(str(db), read_only=True) as con:
        cases = [run_case(case, con, base_url, runs) for case in CASES]
    return {"observations": n_rows, "qogam_path": "publish.exports.export_table (DuckDB → Arrow → polars CSV)",
            "datasette_version": datasette_version(), "cases": cases}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    report(run(parser.parse_args().runs))
