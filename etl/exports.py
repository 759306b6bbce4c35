"""`python -m etl.exports`: the full downloads, written once per build for static serving.

The downloads page links to these files instead of building them per visitor: every published
table as CSV (UTF-8 with BOM), Parquet and JSON, and the zipped data package. Streamlit serves
`./static` (beside app.py) at `/app/static/...` when `[server] enableStaticServing = true`, so
the files go to `static/exports/` (ignored by git). The folder is written beside its final
place and swapped in atomically (`swap_in`), so a download never finds a half-written set
or none at all.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from conventions.paths import DEFAULT_DB
from publish.datapackage import build_datapackage
from publish.exports import DATAPACKAGE_FILE, FORMATS, PUBLISHED, STATIC_DIR, encode, file_name, read_table


def _write_all(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    written = []
    for table in PUBLISHED:
        rows = read_table(con, table)
        for fmt in FORMATS:
            path = folder / file_name(table, fmt)
            path.write_bytes(encode(rows, fmt))
            written.append(path)
    package = folder / DATAPACKAGE_FILE
    package.write_bytes(build_datapackage(con))
    return written + [package]


RENAME_EXCHANGE = 2  # renameat2(2) flag: swap two existing paths atomically
AT_FDCWD = -100


def swap_in(new: Path, target: Path) -> None:
    """Put the folder `new` at `target` in one step; the old folder ends up at `new`.

    A folder cannot be replaced by rename(2) while it holds files, and deleting the old one
    first left a moment with no exports at all (a download then got a 404). Linux swaps the
    two names atomically (renameat2 with RENAME_EXCHANGE), so every request sees either the
    whole old set or the whole new one.
    """
    if not target.exists():
        new.rename(target)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(target), RENAME_EXCHANGE) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"could not swap {new} with {target}: {os.strerror(error)}")


def write_static_exports(db_path: Path, out_dir: Path) -> list[Path]:
    """Write every published table in every format, and the data package, to `out_dir`.

    Returns the files written (at their final paths). `out_dir` is replaced as a whole.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the web server must read it
    try:
        con = duckdb.connect(str(db_path), read_only=True)
        try:
            written = _write_all(con, staging)
        finally:
            con.close()
        swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / path.name for path in written]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.exports", description="write the static downloads")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"database (default {DEFAULT_DB})")
    parser.add_argument("--out", type=Path, default=STATIC_DIR, help=f"target folder (default {STATIC_DIR})")
    args = parser.parse_args(argv)
    files = write_static_exports(args.db, args.out)
    print(f"Wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
