"""Helpers shared by the data-tier tests: run the ETL as a user does, and read a database whole."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from conventions.paths import ROOT

TABLES = ["sources", "regions", "region_aliases", "indicators", "source_lines", "observations",
          "gaps", "mentions", "practices", "organizations", "organization_mentions"]


def run_etl(db: Path, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db), "--root", str(root)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def table_contents(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        con.close()
