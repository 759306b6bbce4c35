"""A local Streamlit server for the duration of a test session or a benchmark, on 127.0.0.1 only.

The server is started headless on a free port against a given database, checked through
`/_stcore/health`, and always terminated by its own pid (and by the kernel, should the harness
die first: PR_SET_PDEATHSIG).
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from conventions.paths import ROOT

STREAMLIT = ROOT / ".venv" / "bin" / "streamlit"
LOOPBACK = "127.0.0.1"
STARTUP_S = 60.0
PR_SET_PDEATHSIG = 1  # prctl(2)


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    """Poll `url` until it answers 200; fail early if `proc` died, or after `timeout` seconds."""
    if not url.startswith(f"http://{LOOPBACK}:"):
        raise ValueError(f"the harness only talks to {LOOPBACK}: {url}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1) as response:
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
def streamlit_server(db: Path, name: str = "server", options: Sequence[str] = (), *,
                     log_dir: Path, script: str | None = None) -> Iterator[Server]:
    """A Streamlit server for the duration of the block, stopped (by its own pid) afterwards.
    Its output goes to `log_dir`/`name`.log, whose tail is in the error if it fails to start.
    The browser and server tests use it as the benchmarks do, so all of them run the same server."""
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
