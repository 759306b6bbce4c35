"""Benchmarks and load tests for Qogam (issue 7, parts 4-5). Not part of the pytest suite.

Every benchmark module exposes `run(...) -> dict` (its figures, JSON-serialisable) and can be
run alone with `python -m bench.<module>`; `python -m bench.run_all` runs them all and writes
bench/RESULTS.md. This module holds what they share: paths, summary statistics, a local
Streamlit server, the Chromium launch settings and the "page is ready" test, so that the
start-up, memory and load figures all mean the same thing by "rendered".

Everything here talks to 127.0.0.1 only.
"""
from __future__ import annotations

import ast
import contextlib
import ctypes
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"
STREAMLIT = ROOT / ".venv" / "bin" / "streamlit"
LOOPBACK = "127.0.0.1"
STARTUP_S = 60.0

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# A page is ready when the script run has finished (Streamlit marks the app element), the page
# title is drawn in the main area, and no skeleton placeholder or "Stop" status is left.
READY_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMain"] h1')) return false;
  if (document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')) return false;
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  return !(status && /Stop|Running/.test(status.innerText));
}"""
PR_SET_PDEATHSIG = 1  # prctl(2)
ERROR_JS = "() => document.querySelectorAll('[data-testid=\"stException\"]').length"


def app_pages() -> list[tuple[str, str, str, str]]:
    """The PAGES table of app.py — (script, title key, icon, URL path) per page, the default
    first — read without running the app. The benchmarks and the tests both take it from here."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            return [tuple(page) for page in ast.literal_eval(node.value)]
    raise LookupError("app.py no longer defines PAGES as a literal tuple")


def page_paths() -> list[str]:
    """URL paths of the app's pages."""
    return [url for _script, _title, _icon, url in app_pages()]


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


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    """Poll `url` until it answers 200; fail early if `proc` died, or after `timeout` seconds."""
    if not url.startswith(f"http://{LOOPBACK}:"):
        raise ValueError(f"benchmarks only talk to {LOOPBACK}: {url}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@dataclass
class Server:
    """A running `streamlit run app.py` on the loopback interface."""

    proc: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/"

    def page_url(self, path: str) -> str:
        return self.url + path


def die_with_parent() -> None:
    """Run in a child before exec: the kernel sends it SIGTERM when the harness dies, so a
    killed benchmark never leaves a server behind."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


# What `make run` serves: the dashboard inside Qogam's ASGI layer (serve.py).
SERVED_SCRIPT = "serve.py"


def start_streamlit(db: Path, port: int, log: Path, options: Sequence[str] = (),
                    script: str | None = None) -> subprocess.Popen:
    """Start `script` (default: what `make run` serves) headless on `port` against `db`; no file
    watching, so edits elsewhere in the tree cannot trigger reruns in the middle of a
    measurement. `options` are further `--section.option value` arguments (they override
    .streamlit/config.toml)."""
    env = {**os.environ, "QOGAM_DB": str(db)}
    command = [str(STREAMLIT), "run", script or SERVED_SCRIPT, "--server.headless", "true", "--server.port", str(port),
               "--server.address", LOOPBACK, "--server.fileWatcherType", "none",
               "--server.runOnSave", "false", "--browser.gatherUsageStats", "false", *options]
    with log.open("wb") as fh:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                preexec_fn=die_with_parent)


@contextlib.contextmanager
def streamlit_server(db: Path, name: str = "server", options: Sequence[str] = (),
                     log_dir: Path = OUT, script: str | None = None) -> Iterator[Server]:
    """A Streamlit server for the duration of the block, stopped (by its own pid) afterwards.
    Its output goes to `log_dir`/`name`.log, whose tail is in the error if it fails to start.
    The browser tests use it too, so that they and the benchmarks run the same server."""
    log_dir.mkdir(parents=True, exist_ok=True)
    port, log = free_port(), log_dir / f"{name}.log"
    proc = start_streamlit(db, port, log, options, script)
    try:
        server = Server(proc, port)
        try:
            wait_http(server.url + "_stcore/health", timeout=STARTUP_S, proc=proc)
        except (RuntimeError, TimeoutError) as error:
            raise RuntimeError(f"{error}; {log}:\n{log.read_text(errors='replace')[-2000:]}") from error
        yield server
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Terminate a process this harness started, and reap it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def rss_mib(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MiB, from /proc/<pid>/status."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a live process has used, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """Live processes below `pid` (children, grandchildren, ...), from the parent ids in /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            child = int(stat.parent.name)
            parents.setdefault(int(stat.read_text().rpartition(")")[2].split()[1]), []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def tree_cpu_seconds(pids: Sequence[int]) -> float:
    """CPU seconds of the given live processes together (those gone meanwhile are skipped)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += cpu_seconds(pid)
    return total


def report(results: dict) -> None:
    """Print a module's results when it is run on its own."""
    json.dump(results, sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")
