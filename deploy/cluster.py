"""`make cluster`: N dashboard replicas behind HAProxy on one port, in the foreground.

One Streamlit process keeps every visitor's session in its memory and runs their pages on one
core, so more visitors need more processes — and a load balancer that keeps each visitor on the
process holding their session. This launcher starts N replicas of the served app (`serve.py`)
on free loopback ports, renders `deploy/haproxy.cfg.template` for them, starts HAProxy on the
public port and waits until HAProxy reports every replica up. Ctrl-C or SIGTERM stops them all;
so does the launcher's own death, by any signal (each child asks the kernel for SIGTERM when its
parent dies), so no replica outlives it.

A replica that dies is not restarted here: HAProxy stops sending visitors to it and the others
carry on (a process supervisor such as systemd restarts the whole unit; see docs/deploying.md).

    python -m deploy.cluster [--port 8501] [--replicas 2] [--db data/civic.duckdb] [--bind 127.0.0.1]
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from string import Template

from conventions.paths import DEFAULT_DB, ROOT
from harness.server import LOOPBACK, STARTUP_S, STREAMLIT, die_with_parent, free_port, stop, wait_http

HAPROXY = "/usr/sbin/haproxy"  # Debian's package, installed by the Makefile's target
TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
BACKEND = "replicas"
# Streamlit's `server.cookieSecret`: one for all replicas (on several machines, set it for all).
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
POLL_S = 0.1


@dataclass(frozen=True)
class Replica:
    """One `streamlit run serve.py` on a loopback port; HAProxy knows it as server `number`."""

    number: int
    port: int
    proc: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/"


@dataclass(frozen=True)
class Cluster:
    """The running balancer and its replicas."""

    bind: str
    port: int
    replicas: list[Replica]
    balancer: subprocess.Popen
    stats_socket: Path

    @property
    def url(self) -> str:
        host = LOOPBACK if self.bind in (LOOPBACK, "0.0.0.0") else self.bind
        return f"http://{host}:{self.port}/"

    def server_states(self) -> dict[int, str]:
        """What HAProxy's health checks say of each replica now: number → "UP", "DOWN", ..."""
        return server_states(self.stats_socket)


def server_states(stats_socket: Path) -> dict[int, str]:
    """Replica number → status, from `show stat` on HAProxy's (read-only) stats socket."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(str(stats_socket))
        conn.sendall(b"show stat\n")
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    rows = csv.DictReader(b"".join(chunks).decode().lstrip("# ").splitlines())
    return {int(row["svname"]): row["status"] for row in rows
            if row["pxname"] == BACKEND and row["svname"].isdigit()}


def render_config(bind: str, port: int, replica_ports: list[int], stats_socket: Path) -> str:
    """The HAProxy configuration for these replicas: server `n` is replica n, and its number is
    also its cookie value and its X-Qogam-Replica header."""
    servers = "\n".join(f"    server {n} {LOOPBACK}:{p} cookie {n}" for n, p in enumerate(replica_ports, 1))
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        bind=f"{bind}:{port}", stats_socket=str(stats_socket), servers=servers)


def start_replica(db: Path, port: int, cookie_secret: str) -> subprocess.Popen:
    """The served app (`serve.py`, with its request guard) on a loopback port, against `db`;
    no file watching, so a change in the checkout never reruns a visitor's page.

    Every replica signs cookies with the same secret: a visitor's XSRF cookie comes from the
    replica it first reached, and the one it fails over to must accept it, or the reconnected
    websocket is refused and the page never comes back. (The secret is passed in the
    environment, not on the command line, where every local user could read it; it is the
    operator's when set, else made up for this run.)"""
    command = [str(STREAMLIT), "run", "serve.py", "--server.headless", "true", "--server.port", str(port),
               "--server.address", LOOPBACK, "--server.fileWatcherType", "none",
               "--server.runOnSave", "false", "--browser.gatherUsageStats", "false"]
    # Its stdout only says "You can now view your app" at the replica's own port; errors go to stderr.
    env = {**os.environ, "QOGAM_DB": str(db), COOKIE_SECRET_ENV: cookie_secret}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, preexec_fn=die_with_parent)


def distinct_free_ports(count: int) -> list[int]:
    """`count` different loopback ports free right now."""
    ports: list[int] = []
    for _attempt in range(count * 10):
        if len(ports) == count:
            break
        if (port := free_port()) not in ports:
            ports.append(port)
    if len(ports) < count:
        raise RuntimeError(f"found only {len(ports)} free ports of {count}")
    return ports


def wait_all_up(cluster: Cluster, timeout: float) -> None:
    """Block until HAProxy's health checks have marked every replica up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cluster.balancer.poll() is not None:
            raise RuntimeError(f"haproxy exited with {cluster.balancer.returncode}")
        with contextlib.suppress(OSError):
            states = cluster.server_states()
            if len(states) == len(cluster.replicas) and all(s == "UP" for s in states.values()):
                return
        time.sleep(POLL_S)
    raise TimeoutError(f"replicas not all up behind the balancer within {timeout:.0f} s")


def stop_all(procs: list[subprocess.Popen]) -> None:
    """Ask every process to stop at once, then reap each (killing any that will not stop)."""
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        stop(proc)


@contextlib.contextmanager
def running_cluster(db: Path, port: int, replicas: int = 2, bind: str = LOOPBACK) -> Iterator[Cluster]:
    """Replicas and balancer for the duration of the block, all stopped afterwards."""
    if replicas < 1:
        raise ValueError("a cluster needs at least one replica")
    if not db.is_file():
        raise FileNotFoundError(f"no database at {db}: run `make db` first")
    with tempfile.TemporaryDirectory(prefix="qogam-cluster-") as run_dir:
        config, stats_socket = Path(run_dir) / "haproxy.cfg", Path(run_dir) / "stats.sock"
        ports = distinct_free_ports(replicas)
        config.write_text(render_config(bind, port, ports, stats_socket), encoding="utf-8")
        subprocess.run([HAPROXY, "-c", "-q", "-f", str(config)], check=True)
        balancers: list[subprocess.Popen] = []
        members: list[Replica] = []
        try:
            cookie_secret = os.environ.get(COOKIE_SECRET_ENV) or secrets.token_hex(32)
            for number, replica_port in enumerate(ports, 1):
                members.append(Replica(number, replica_port, start_replica(db, replica_port, cookie_secret)))
            for member in members:
                wait_http(member.url + "_stcore/health", timeout=STARTUP_S, proc=member.proc)
            balancers.append(subprocess.Popen([HAPROXY, "-db", "-f", str(config)], preexec_fn=die_with_parent))
            cluster = Cluster(bind, port, members, balancers[0], stats_socket)
            wait_all_up(cluster, STARTUP_S)
            yield cluster
        finally:
            stop_all(balancers)  # first, so that no visitor is sent to a stopping replica
            stop_all([member.proc for member in members])


def serve(cluster: Cluster) -> int:
    """Stay in the foreground until a signal or the balancer's exit; report replicas that die."""
    reported: set[int] = set()
    while cluster.balancer.poll() is None:
        for member in cluster.replicas:
            if member.number not in reported and member.proc.poll() is not None:
                reported.add(member.number)
                print(f"replica {member.number} (pid {member.proc.pid}) exited with {member.proc.returncode};"
                      " the balancer sends its visitors to the others", file=sys.stderr, flush=True)
        time.sleep(1)
    print(f"haproxy exited with {cluster.balancer.returncode}", file=sys.stderr)
    return 1


def stop_on_signals() -> None:
    """SIGTERM and SIGINT end the launcher, so the teardown in `running_cluster` runs. SIGINT is
    set explicitly: a shell that starts the launcher in the background makes it ignore SIGINT."""
    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, interrupt)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8501, help="the balancer's public port")
    parser.add_argument("--replicas", type=int, default=2)
    default_db = Path(os.environ.get("QOGAM_DB", DEFAULT_DB))
    parser.add_argument("--db", type=Path, default=default_db)
    parser.add_argument("--bind", default=LOOPBACK, help="address the balancer listens on (0.0.0.0: all)")
    args = parser.parse_args(argv)
    stop_on_signals()
    try:
        with running_cluster(args.db.resolve(), args.port, args.replicas, args.bind) as cluster:
            pids = ", ".join(f"{m.number}: pid {m.proc.pid} port {m.port}" for m in cluster.replicas)
            print(f"Qogam on {cluster.url} — balancer pid {cluster.balancer.pid}; replicas {pids}",
                  flush=True)
            return serve(cluster)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
