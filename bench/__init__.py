"""Benchmarks and load tests for Qogam (issue 7, parts 4-5). Not part of the pytest suite.

Every benchmark module exposes `run(...) -> dict` (its figures, JSON-serialisable) and can be
run alone with `python -m bench.<module>`; `python -m bench.run_all` runs them all and writes
bench/RESULTS.md. This module holds what they share: paths, the database they measure, summary
statistics and process accounting. The local server, the Chromium settings, the "page is ready"
test and the page list come from `harness`, which the tests use too, so that start-up, memory,
load and the browser tests all mean the same thing by "served" and "rendered".

Everything here talks to 127.0.0.1 only.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from conventions.paths import ROOT

OUT = ROOT / "bench" / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"


# What the database is built from (as in the Makefile): a newer file here means a rebuild.
DB_INPUTS = ("etl", "data/raw", "data/reference")


def is_stale(path: Path, *sources: Path) -> bool:
    """True when `path` is missing or older than any file under `sources`."""
    if not path.exists():
        return True
    built = path.stat().st_mtime
    return any(f.stat().st_mtime > built for source in sources
               for f in ([source] if source.is_file() else source.rglob("*")) if f.is_file())


def built_db() -> Path:
    """bench/out/civic.duckdb, built by the ETL as shipped; rebuilt when its inputs changed."""
    path = OUT / "civic.duckdb"
    if is_stale(path, *(ROOT / name for name in DB_INPUTS)):
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(PYTHON), "-m", "etl", "build", "--db", str(path)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return path


@dataclass(frozen=True)
class Summary:
    """Median, spread and p95 of a sample (seconds or whatever unit the caller measured)."""

    n: int
    median: float
    min: float
    max: float
    p95: float

    @classmethod
    def of(cls, sample: Sequence[float]) -> Summary:
        if not sample:
            raise ValueError("no measurements to summarise")
        ordered = sorted(sample)
        return cls(len(ordered), statistics.median(ordered), ordered[0], ordered[-1], percentile(ordered, 95))

    def as_dict(self) -> dict[str, float]:
        return {"n": self.n, "median": self.median, "min": self.min, "max": self.max, "p95": self.p95}


def percentile(sample: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: a value that was actually measured, never interpolated."""
    ordered = sorted(sample)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def report(results: dict) -> None:
    """Print a module's results when it is run on its own."""
    json.dump(results, sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")
