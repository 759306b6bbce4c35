"""Filtered CSV of 1M observations over HTTP: Qogam's API against Datasette's CSV endpoint.

The same set-up as `bench.export_vs_datasette` (its synthetic ≥1M-row database, its SQLite copy
with the index Datasette's keyset pagination wants, its filter cases), with Qogam's side now a
real HTTP request to the served app (`streamlit run serve.py`):

- Qogam API: `GET /api/v1/observations.csv?region=…&from=…&to=…`, the whole streamed body;
- Datasette: `GET /db/observations.csv?_stream=on&…`, the whole streamed body;
- the in-process export path (`publish.exports.export_table`, what a download button hands
  out), for "at least as fast as the existing export path".

Streamlit's server gzips responses a client accepts compressed (`requests` asks for gzip by
default), and Datasette and the in-process export never compress: the timed API requests ask
for `Accept-Encoding: identity` so that all three produce the same bytes, and `api_gzip` times
what a default client gets (less to transfer, more to compute; a balancer in front caches it).

Row counts of all three are checked to be equal first. The first API request per case is
timed on its own (`api_first_s`: the query, the CSV and the transfer). After it the API sends
the body it kept (`qogam.web.api.CSV_BODIES`, up to 96 MiB) or, for a larger one, encodes the
filtered rows it kept again; that is what the alternating `runs` timings measure, as a story's
many readers of one link get it.
"""
from __future__ import annotations

import argparse

import duckdb
import requests

from bench import OUT, Summary, report
from bench.export_vs_datasette import (
    CASES,
    Case,
    csv_rows,
    datasette_server,
    datasette_version,
    million_db,
    sqlite_copy,
    timed,
)
from harness.server import streamlit_server
from publish.exports import export_table

SERVED = "serve.py"


def run_case(case: Case, con: duckdb.DuckDBPyConnection, api_url: str, datasette_url: str, runs: int) -> dict:
    """First API request, row-count check, then `runs` alternating timings of the three."""
    def fetch(encoding: str) -> bytes:
        response = requests.get(api_url + "api/v1/observations.csv", params=case.api_query(),
                                headers={"Accept-Encoding": encoding}, timeout=300)
        response.raise_for_status()
        return response.content

    def api() -> bytes:
        return fetch("identity")

    def api_gzip() -> bytes:
        return fetch("gzip")

    def datasette() -> bytes:
        response = requests.get(datasette_url + "db/observations.csv", params=case.datasette_query(), timeout=300)
        response.raise_for_status()
        return response.content

    def export() -> bytes:
        return export_table(con, "observations", case.export_filter(), "csv", bom=False)

    first_s, ours = timed(api)
    counts = {"api": csv_rows(ours), "datasette": csv_rows(datasette()), "export": csv_rows(export())}
    if len(set(counts.values())) != 1:
        raise AssertionError(f"{case.label}: row counts differ: {counts}")
    samples: dict[str, list[float]] = {"api": [], "api_gzip": [], "datasette": [], "export": []}
    for _ in range(runs):
        for name, action in (("api", api), ("api_gzip", api_gzip), ("datasette", datasette), ("export", export)):
            samples[name].append(timed(action)[0])
    medians = {name: Summary.of(sample).as_dict() for name, sample in samples.items()}
    return {"case": case.label, "rows": counts["api"], "api_bytes": len(ours), "api_first_s": first_s,
            **{f"{name}_s": summary for name, summary in medians.items()},
            "datasette_over_api": medians["datasette"]["median"] / medians["api"]["median"],
            "export_over_api": medians["export"]["median"] / medians["api"]["median"],
            "api_gzip_over_api": medians["api_gzip"]["median"] / medians["api"]["median"]}


def run(runs: int = 5) -> dict:
    """Both cases on the ≥1M-row database, the API served by `streamlit run serve.py`."""
    db = million_db()
    lite, n_rows = sqlite_copy(db)
    with (datasette_server(lite) as datasette_url,
          streamlit_server(db, "api-csv", log_dir=OUT, script=SERVED) as server,
          duckdb.connect(str(db), read_only=True) as con):
        cases = [run_case(case, con, server.url, datasette_url, runs) for case in CASES]
    return {"observations": n_rows, "datasette_version": datasette_version(), "cases": cases}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    report(run(parser.parse_args().runs))
