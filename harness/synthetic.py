"""A scaled copy of the built database, for measuring the app at 1,000× the shipped data.

The copy keeps every table, and multiplies the three that grow with more documents —
observations, mentions and practices — by `scale`: the original rows stay, and `scale - 1`
copies are added with new ids, values perturbed by up to ±10 %, and lines moved by up to ±20
(wrapped into the document's length, so every line still exists in source_lines). The schema's
constraints still hold: ids stay unique, percentages stay within 0-100, a recorded gap stays a
gap, coordinates stay inside their boxes, every foreign key points at an existing row; the
load is checked by DuckDB itself. Years, regions, indicators and categories are kept, so the
app's filters select 1,000× the rows they select on the shipped data.

The result is a fixture of the benchmarks (bench/synthetic.py keeps one in bench/out, gitignored)
and of tests/app/test_scaled_data.py (in a temporary folder), never shipped data.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb

# Deterministic noise per (row, copy): a factor in [0.9, 1.1] and a line shift in [-20, 20].
FACTOR = "(1 + ((hash({key}) % 2001)::DOUBLE - 1000) / 10000)"
SHIFT = "((hash({key}) % 41)::INTEGER - 20)"
# Moves a line by the shift, wrapping inside 1..n_lines of its document.
MOVE_LINE = "((({line} - 1 + {shift}) % s.n_lines + s.n_lines) % s.n_lines + 1)"
# Scales a value, keeping percentages within 100 (least() skips NULLs, so a gap is kept apart).
CAPPED = ("CASE WHEN {column} IS NULL THEN NULL WHEN t.unit = 'percent' THEN least(100, {column} * f) "
          "ELSE {column} * f END")

# Every other column is copied as it is (`SELECT t.* REPLACE (...)`), so a column the schema
# gains later is scaled along without a change here. Id columns that point at a copied row
# (a figure's practice, the statement a figure restates) get the copy's suffix, when present.
COPY_IDS = {"observations": ("obs_id", "practice_id", "restates"), "practices": ("practice_id",)}
REPLACED = {
    "observations": {
        "value": f"{CAPPED.format(column='t.value')}",
        "value_high": f"{CAPPED.format(column='t.value_high')}",
        "line": MOVE_LINE.format(line="t.line", shift="d"),
    },
    "practices": {
        "lat": "CASE WHEN t.lat IS NULL THEN NULL ELSE least(55.5, greatest(40.5, t.lat + (f - 1))) END",
        "lon": "CASE WHEN t.lon IS NULL THEN NULL ELSE least(87.5, greatest(46.5, t.lon + (f - 1))) END",
        "line": MOVE_LINE.format(line="t.line", shift="d"),
        "profile_line": ("CASE WHEN t.profile_line IS NULL THEN NULL "
                         f"ELSE {MOVE_LINE.format(line='t.profile_line', shift='d')} END"),
    },
}
KEYS = {"observations": "t.obs_id || '~' || k", "practices": "t.practice_id || '~' || k"}
MENTIONS_SQL = f"""
    INSERT INTO mentions BY NAME
    SELECT m.source_id, {MOVE_LINE.format(line='m.line', shift='d')} AS line, m.text, m.lang,
           list_transform(m.numbers, lambda x: x * f) AS numbers, m.number_texts, m.topics,
           m.region_codes, m.search_text
    FROM (SELECT *, row_number() OVER () AS n FROM mentions) AS m
    JOIN sources AS s USING (source_id)
    CROSS JOIN range(1, $scale) AS copies(k)
    CROSS JOIN LATERAL (SELECT {FACTOR.format(key="m.n || '~' || k")} AS f,
                               {SHIFT.format(key="'line' || m.n || '~' || k")} AS d)
"""
SCALED_TABLES = ("observations", "mentions", "practices")


def scaled_sql(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The INSERT that adds `scale - 1` perturbed copies of `table`'s rows."""
    if table == "mentions":
        return MENTIONS_SQL
    columns = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
    replaced = dict(REPLACED[table])
    for column in COPY_IDS[table]:
        if column in columns:
            replaced[column] = f"CASE WHEN t.{column} IS NULL THEN NULL ELSE t.{column} || '~' || k END"
    clauses = ", ".join(f"{expression} AS {column}" for column, expression in replaced.items())
    key = KEYS[table]
    return f"""
        INSERT INTO {table} BY NAME
        SELECT t.* REPLACE ({clauses})
        FROM {table} AS t
        JOIN sources AS s USING (source_id)
        CROSS JOIN range(1, $scale) AS copies(k)
        CROSS JOIN LATERAL (SELECT {FACTOR.format(key=key)} AS f,
                                   {SHIFT.format(key="'line' || " + key)} AS d)
    """


def counts(path: Path) -> dict[str, int]:
    """Rows per scaled table of the database at `path`."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in SCALED_TABLES}


def make(source: Path, target: Path, scale: int) -> dict:
    """Write `target`: a copy of `source` with observations, mentions and practices × `scale`."""
    if scale < 1:
        raise ValueError(f"scale must be at least 1, not {scale}")
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    shutil.copyfile(source, partial)
    with duckdb.connect(str(partial)) as con:
        # A session setting, not connect(config=...): DuckDB refuses global options once any
        # other connection exists in the process (the rerun benchmark has opened one by now).
        con.execute("SET enable_progress_bar = false")
        for table in SCALED_TABLES:
            con.execute(scaled_sql(con, table), {"scale": scale})
        con.execute("CHECKPOINT")
    partial.replace(target)
    return {"path": str(target), "scale": scale, "rows": counts(target),
            "seconds": time.perf_counter() - started, "bytes": target.stat().st_size}
