"""Command line: `python -m etl build [--db PATH]`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.errors import EtlError

DEFAULT_DB = Path("data/civic.duckdb")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Qogam data pipeline")
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build the DuckDB database from data/raw")
    build_cmd.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"target (default {DEFAULT_DB})")
    build_cmd.add_argument("--root", type=Path, default=None,
                           help="project folder holding data/raw and data/reference (default: this checkout)")
    args = parser.parse_args(argv)

    from etl.build import ROOT, build

    try:
        counts = build(args.db.resolve(), root=(args.root or ROOT).resolve())
    except EtlError as exc:
        print(f"ETL failed: {exc}", file=sys.stderr)
        print(f"The database at {args.db} was not changed.", file=sys.stderr)
        return 1
    seconds = counts.pop("_seconds")
    print(f"Built {args.db} in {seconds:.2f} s")
    for name, rows in counts.items():
        print(f"  {name:<16} {rows:>7} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
