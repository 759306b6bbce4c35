"""Helpers of the API tests: the served app (`serve.py`: dashboard, HTTP API, metadata) on 127.0.0.1.

The server runs against the database the session built (`built_db`) with its public address
set to its own loopback URL, so every absolute link it hands out (`next`, the data package's
resource paths, the citations' viewer links) can be followed by the tests. Oracles come from a
separate read-only DuckDB connection to the same file, in SQL written here, not from the
modules the API uses.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

from conventions.paths import ROOT
from harness.server import LOOPBACK, STARTUP_S, free_port, start_streamlit, stop, wait_http

ARTIFACTS = ROOT / "test-artifacts"
SERVED = "serve.py"
PUBLIC_URL_ENV = "QOGAM_PUBLIC_URL"
TIMEOUT = 60


@dataclass(frozen=True)
class Api:
    """A running server: its base URL and an HTTP session for it."""

    base: str
    http: requests.Session

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.base + path, timeout=TIMEOUT, **kwargs)


@contextlib.contextmanager
def served(db: Path, name: str) -> Iterator[str]:
    """`streamlit run serve.py` against `db`, its public address its own URL; yields that URL.
    Stopped by its own pid afterwards; its log is test-artifacts/<name>.log."""
    ARTIFACTS.mkdir(exist_ok=True)
    port, log = free_port(), ARTIFACTS / f"{name}.log"
    base = f"http://{LOOPBACK}:{port}"
    previous = os.environ.get(PUBLIC_URL_ENV)
    os.environ[PUBLIC_URL_ENV] = base  # read by the child at spawn; restored at once
    try:
        proc = start_streamlit(db, port, log, script=SERVED)
    finally:
        if previous is None:
            os.environ.pop(PUBLIC_URL_ENV)
        else:
            os.environ[PUBLIC_URL_ENV] = previous
    try:
        try:
            wait_http(base + "/_stcore/health", timeout=STARTUP_S, proc=proc)
        except (RuntimeError, TimeoutError) as error:
            raise RuntimeError(f"{error}; {log}:\n{log.read_text(errors='replace')[-2000:]}") from error
        yield base
    finally:
        stop(proc)
