"""The benchmarks' scaled copies of the built database (`harness.synthetic` makes them), kept in bench/out.

    python -m bench.synthetic [--scale 1000] [--source PATH] [--target PATH]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from bench import OUT, built_db, is_stale, report
from harness.synthetic import make


def scaled_db(scale: int) -> Path:
    """bench/out/civic-x<scale>.duckdb, remade when the built database is newer than it."""
    source, target = built_db(), OUT / f"civic-x{scale}.duckdb"
    if is_stale(target, source):
        make(source, target, scale)
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="built database (default: build one in bench/out)")
    parser.add_argument("--target", type=Path, default=OUT / "civic-x1000.duckdb")
    parser.add_argument("--scale", type=int, default=1000)
    args = parser.parse_args()
    report(make(args.source or built_db(), args.target, args.scale))
