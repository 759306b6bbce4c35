"""Load through the balancer: the protocol visitor against `make cluster`, 2 replicas against 1.

One Streamlit process runs every page of every session on one core; the cluster
(`deploy/cluster.py`) runs N of them behind HAProxy. This drives it the way `bench.load` drives
one server — its protocol visitor (Streamlit's websocket, each visit a new session that reads a
page whole until `script_finished`), warm-up visit of every page first, then SESSIONS concurrent
sessions for at most DURATION_S — now through the balancer's port, and compares, in the same
run on the same machine, in the order 1, N, N, 1:

- one replica behind the same launcher and balancer (so the balancer's own cost is in both);
- N replicas (default 2).

Throughput is visits finished per second; the ratio is of the totals of both kinds of run.
`server_cpu_ratio` says how much more CPU the cluster got than the single replica: on a machine
shared with other work, the cluster cannot be faster than the CPU it is given. Each run also
reports errors, page-ready times, the CPU seconds of the cluster (replicas and HAProxy) and of
the load generator against the machine's capacity (cores × seconds: on 2 cores the generator and
the replicas share them, which is what bounds the speed-up), and each replica's RSS idle, after
the run and at its peak, for sizing. Finally `failover` kills one replica of a fresh cluster and
measures how long HAProxy's health checks take to mark it down (the time during which a new
visitor could still be sent to it and be redispatched).

Bounds: everything is on 127.0.0.1; each load run stops after DURATION_S (bench.load's own
bounds apply); processes started here are stopped by their pid.

    python -m bench.cluster_load [--sessions 60] [--replicas 2] [--duration 60]   # prints the figures
    python -m bench.run_all --only cluster_load    # saves them to out/results and rewrites RESULTS.md
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from bench import OUT, PYTHON, built_db, report
from bench.load import DURATION_S, protocol_load, summary
from conventions.paths import ROOT
from deploy.cluster import running_cluster
from harness.processes import descendants, rss_mib, tree_cpu_seconds
from harness.server import LOOPBACK, STARTUP_S, Server, die_with_parent, free_port, stop

SESSIONS = 60
READY_LINE = "Qogam on "       # what deploy.cluster prints once every replica is up behind HAProxy
POLL_S = 0.05


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def wait_ready(proc: subprocess.Popen, log: Path) -> None:
    """Block until the launcher says the cluster is up (every replica UP in HAProxy's checks)."""
    deadline = time.monotonic() + 2 * STARTUP_S
    while READY_LINE not in log.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"cluster did not come up; {log}:\n{log.read_text(errors='replace')[-2000:]}")
        time.sleep(POLL_S)


@contextlib.contextmanager
def launched_cluster(db: Path, replicas: int) -> Iterator[Server]:
    """`python -m deploy.cluster` (what `make cluster` runs) as a child process: its process
    tree is the replicas and HAProxy, so bench.load's CPU accounting counts all of them as the
    server."""
    port, log = free_port(), OUT / f"cluster-{replicas}.log"
    OUT.mkdir(parents=True, exist_ok=True)
    command = [str(PYTHON), "-m", "deploy.cluster", "--port", str(port), "--replicas", str(replicas),
               "--db", str(db), "--bind", LOOPBACK]
    with log.open("wb") as fh:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
    try:
        wait_ready(proc, log)
        yield Server(proc, port)
    finally:
        stop(proc)


def processes(launcher: int) -> dict[str, list[int]]:
    """The cluster's replicas and its HAProxy, by their command lines."""
    found: dict[str, list[int]] = {"replicas": [], "haproxy": []}
    for pid in descendants(launcher):
        with contextlib.suppress(OSError):
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if b"serve.py" in argv:
                found["replicas"].append(pid)
            elif argv[0].endswith(b"haproxy"):
                found["haproxy"].append(pid)
    return found


def memory(pids: list[int]) -> list[dict[str, float]]:
    """VmRSS and VmHWM of each replica, in MiB."""
    figures = [rss_mib(pid) for pid in pids]
    return [{"rss_mib": round(rss, 1), "peak_rss_mib": round(peak, 1)} for rss, peak in figures]


def load_run(db: Path, replicas: int, sessions: int, duration: float) -> dict:
    """One cluster, warmed up and loaded; its figures."""
    with launched_cluster(db, replicas) as server:
        members = processes(server.proc.pid)
        if len(members["replicas"]) != replicas:
            raise RuntimeError(f"expected {replicas} replicas, found {members}")
        idle = memory(members["replicas"])
        haproxy_before = tree_cpu_seconds(members["haproxy"])
        before = load_average()
        measured = asyncio.run(protocol_load(server, sessions, duration))
        after = load_average()
        haproxy_cpu = tree_cpu_seconds(members["haproxy"]) - haproxy_before
        loaded = memory(members["replicas"])
    tally = measured.tally
    ready_s = tally.first_load_s + tally.navigation_s
    return {"replicas": replicas, "sessions": sessions, "duration_s": duration,
            "visits_timed": len(ready_s), "visits_per_s": round(len(ready_s) / duration, 2),
            "errors": len(tally.errors), "error_samples": tally.errors[:10],
            "visits_cut_off": len(measured.cut_off_s), "page_ready_s": summary(ready_s),
            "cpu_s": {side: round(seconds, 1) for side, seconds in measured.cpu_s.items()},
            "haproxy_cpu_s_with_warm_up": round(haproxy_cpu, 1),
            "cpu_capacity_s": duration * (os.cpu_count() or 1),
            "replica_memory_idle": idle, "replica_memory_loaded": loaded,
            "load_average_before": before, "load_average_after": after}


def failover(db: Path) -> dict:
    """Kill one replica of a fresh 2-replica cluster; seconds until HAProxy marks it down."""
    with running_cluster(db, free_port(), 2) as cluster:
        victim = cluster.replicas[0]
        killed = time.monotonic()
        os.kill(victim.proc.pid, signal.SIGKILL)
        deadline = killed + STARTUP_S
        while not cluster.server_states()[victim.number].startswith("DOWN"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"replica {victim.number} not marked down within {STARTUP_S:.0f} s")
            time.sleep(POLL_S)
        return {"marked_down_after_s": round(time.monotonic() - killed, 2), "states": cluster.server_states()}


def run(sessions: int = SESSIONS, replicas: int = 2, duration: float = DURATION_S, db: Path | None = None) -> dict:
    """Load 1 replica and `replicas` through the balancer in the order 1, N, N, 1 (so that a
    machine whose other load drifts up or down during the run favours neither); the throughput
    ratio of the totals; failover time."""
    if not 0 < duration <= DURATION_S:
        raise ValueError(f"duration must be within (0, {DURATION_S:.0f}] seconds")
    if replicas < 2:
        raise ValueError("compare at least 2 replicas against 1")
    database = db or built_db()
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    runs = [load_run(database, n, sessions, duration) for n in (1, replicas, replicas, 1)]

    def total(n: int, key: str) -> float:
        return sum(r[key] if key != "server_cpu_s" else r["cpu_s"]["server"] for r in runs if r["replicas"] == n)

    ratio = total(replicas, "visits_timed") / total(1, "visits_timed")
    cpu_ratio = total(replicas, "server_cpu_s") / total(1, "server_cpu_s")
    return {"started": started, "cores": os.cpu_count(), "runs": runs,
            "throughput_ratio": round(ratio, 2),
            "server_cpu_ratio": round(cpu_ratio, 2),
            "server_cpu_ms_per_visit": {str(n): round(1000 * total(n, "server_cpu_s") / total(n, "visits_timed"), 1)
                                        for n in (1, replicas)},
            "failover": failover(database)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--duration", type=float, default=DURATION_S, help=f"at most {DURATION_S:.0f} s")
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    report(run(args.sessions, args.replicas, args.duration, args.db))
