"""ETL build time: the whole `python -m etl build` process, as a user runs it.

Timed with GNU `/usr/bin/time -v`, so interpreter start-up and imports count, and so does the
peak resident memory. Each run builds into a fresh directory (no previous database to replace).
Target: ≤ 5 s.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

from bench import PYTHON, ROOT, Summary, report

TIME = "/usr/bin/time"
WALL = re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)")
MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
CPU = re.compile(r"(?:User|System) time \(seconds\): ([\d.]+)")


def parse_time_v(stderr: str) -> tuple[float, float, float]:
    """(wall seconds, user + system CPU seconds, max RSS MiB) from the report `/usr/bin/time -v`
    appends to stderr. CPU time hardly depends on what else the machine runs; wall time does."""
    wall, rss, cpu = WALL.search(stderr), MAX_RSS.search(stderr), CPU.findall(stderr)
    if wall is None or rss is None or len(cpu) != 2:
        raise ValueError(f"no /usr/bin/time -v report in:\n{stderr[-2000:]}")
    hours, minutes, seconds = wall.groups()
    return (int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds), sum(map(float, cpu)),
            int(rss.group(1)) / 1024)


def one_build() -> tuple[float, float, float]:
    """Build once into a temporary directory; (wall seconds, CPU seconds, max RSS MiB)."""
    with tempfile.TemporaryDirectory(prefix="qogam-bench-etl-") as tmp:
        db = Path(tmp) / "civic.duckdb"
        done = subprocess.run([TIME, "-v", str(PYTHON), "-m", "etl", "build", "--db", str(db)],
                              cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"etl build failed ({done.returncode}):\n{done.stderr[-2000:]}")
        return parse_time_v(done.stderr)


def run(runs: int = 7) -> dict:
    """`runs` timed builds (the first one included: there is no warm-up to hide)."""
    samples = [one_build() for _ in range(runs)]
    return {"wall_s": Summary.of([s[0] for s in samples]).as_dict(),
            "cpu_s": Summary.of([s[1] for s in samples]).as_dict(),
            "max_rss_mib": Summary.of([s[2] for s in samples]).as_dict()}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    report(run(parser.parse_args().runs))
