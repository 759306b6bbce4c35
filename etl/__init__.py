"""Qogam ETL: builds data/civic.duckdb from the five published documents in data/raw/.

Pipeline (see etl/build.py): verify snapshots -> extract (one module per source in
etl/sources/) -> harmonise (regions, numbers, units, years) -> validate -> load into a
temporary DuckDB file -> atomic replace of the target.
"""
