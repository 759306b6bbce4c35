"""Command line: `python -m etl build|fetch|check ...` (see `python -m etl COMMAND --help`)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from conventions.errors import EtlError
from conventions.paths import DEFAULT_DB, ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Qogam data pipeline")
    sub = parser.add_subparsers(dest="command", required=True)
    root_help = "project folder holding data/raw and data/reference (default: this checkout)"
    build_cmd = sub.add_parser("build", help="build the DuckDB database from data/raw")
    build_cmd.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"target (default {DEFAULT_DB})")
    build_cmd.add_argument("--root", type=Path, default=None, help=root_help)
    fetch_cmd = sub.add_parser("fetch", help="download the sources that have a url; keep changed ones for review",
                               description="Exit status: 0 nothing changed, 1 a fetch failed, 3 a document "
                                           "changed (kept in data/raw/incoming/ for review)")
    fetch_cmd.add_argument("source_ids", nargs="*", metavar="SOURCE_ID", help="default: every source with a url")
    fetch_cmd.add_argument("--root", type=Path, default=None, help=root_help)
    fetch_cmd.add_argument("--timeout", type=float, default=30.0, help="seconds per connect/read (default 30)")
    fetch_cmd.add_argument("--retries", type=int, default=3, help="retries after a network failure (default 3)")
    check_cmd = sub.add_parser("check", help="which spec patterns match a source, and which numbers none covers")
    check_cmd.add_argument("source_id", metavar="SOURCE_ID")
    check_cmd.add_argument("--root", type=Path, default=None, help=root_help)
    check_cmd.add_argument("--incoming", action="store_true",
                           help="check the changed document that fetch kept in data/raw/incoming/")
    args = parser.parse_args(argv)
    root = (args.root or ROOT).resolve()
    if args.command == "fetch":
        return run_fetch(root, args.source_ids, args.timeout, args.retries)
    if args.command == "check":
        return run_check(root, args.source_id, args.incoming)
    return run_build(root, args.db)


def run_build(root: Path, db: Path) -> int:
    from etl.build import build

    try:
        counts = build(db.resolve(), root=root)
    except EtlError as exc:
        print(f"ETL failed: {exc}", file=sys.stderr)
        print(f"The database at {db} was not changed.", file=sys.stderr)
        return 1
    seconds = counts.pop("_seconds")
    print(f"Built {db} in {seconds:.2f} s")
    for name, rows in counts.items():
        print(f"  {name:<16} {rows:>7} rows")
    return 0


def run_fetch(root: Path, source_ids: list[str], timeout: float, retries: int) -> int:
    from etl.fetch import FetchPolicy, exit_code, fetch

    try:
        outcomes = fetch(root, source_ids, FetchPolicy(timeout=timeout, retries=retries))
    except EtlError as exc:
        print(f"fetch failed: {exc}", file=sys.stderr)
        return 1
    if not outcomes:
        print("No source in data/raw/manifest.toml has a url: nothing to fetch.")
    for outcome in outcomes:
        stream = sys.stderr if outcome.status == "failed" else sys.stdout
        print(f"{outcome.source_id}: {outcome.status.upper()}: {outcome.message}", file=stream)
    return exit_code(outcomes)


def run_check(root: Path, source_id: str, incoming: bool) -> int:
    from etl.check import check, format_report

    try:
        report = check(root, source_id, incoming=incoming)
    except EtlError as exc:
        print(f"check failed: {exc}", file=sys.stderr)
        return 1
    print(format_report(report, root))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
