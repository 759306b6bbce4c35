"""Helpers shared by the data-tier tests: run the ETL as a user does, read a database whole, and add the
synthetic report of docs/adding-a-source.md to a project copy."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import duckdb

from conventions.paths import ROOT

TABLES = ["sources", "regions", "region_aliases", "indicators", "bases", "source_lines", "observations",
          "disagreements", "gaps", "mentions", "practices", "practice_mentions", "organizations",
          "organization_mentions", "region_visits", "region_visit_points"]


def run_etl(db: Path, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db), "--root", str(root)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def table_contents(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        con.close()


# --- the synthetic report of docs/adding-a-source.md (tests/fixtures/synthetic-report/) ---
FIXTURE = ROOT / "tests" / "fixtures" / "synthetic-report"
SOURCE_ID = "synthetic-report-2024"
SOURCE_FOLDER = "etl/sources/synthetic_report_2024"   # the source id with "_" for "-"
FIXTURE_ENTRY = tomllib.loads((FIXTURE / "manifest-entry.toml").read_text(encoding="utf-8"))["source"][0]


def copy_project_inputs(root: Path) -> Path:
    """The project's inputs: snapshots, reference data and the source folders' specs (code stays
    where it is)."""
    for part in ("data/raw", "data/reference"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copytree(ROOT / "etl" / "sources", root / "etl" / "sources",
                    ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return root


def add_synthetic_report(root: Path, *, with_alias: bool = True) -> None:
    """Steps 1-4 of docs/adding-a-source.md: snapshot, manifest entry, source folder, alias."""
    shutil.copyfile(FIXTURE / f"{SOURCE_ID}.txt", root / "data" / "raw" / f"{SOURCE_ID}.txt")
    append(root / "data" / "raw" / "manifest.toml", (FIXTURE / "manifest-entry.toml").read_text(encoding="utf-8"))
    shutil.copytree(FIXTURE / Path(SOURCE_FOLDER).name, root / SOURCE_FOLDER)
    if with_alias:
        rows = (FIXTURE / "region_aliases.csv").read_text(encoding="utf-8").splitlines()[1:]
        append(root / "data" / "reference" / "region_aliases.csv", "".join(row + "\n" for row in rows))


def append(path: Path, text: str) -> None:
    existing = path.read_text(encoding="utf-8")
    path.write_text(existing + ("" if existing.endswith("\n") else "\n") + "\n" + text, encoding="utf-8")
