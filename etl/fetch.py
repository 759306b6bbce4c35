"""`python -m etl fetch [SOURCE_ID ...]`: ask the publishers whether a document changed.

Only sources with a `url` in data/raw/manifest.toml are fetched. Each download streams to a
temporary file beside the snapshots, with a timeout, a few retries with doubling backoff on
network errors and 5xx/429 answers, and a check that every announced byte arrived. Then its
sha256 is compared with the manifest:

* the same bytes (or `304 Not Modified`): nothing to do;
* the snapshot is missing and the bytes are the pinned ones: the snapshot is restored;
* different bytes: the document is kept in data/raw/incoming/<file> and the command names
  the spec and table module to review. The snapshot and the manifest are never changed
  here, because a new edition can move or reword every figure a spec points at; accepting
  it is a reviewed edit (see docs/adding-a-source.md).

ETag / Last-Modified of each snapshot are kept in data/raw/.fetch-state.json (committed:
it holds no time stamps, so it changes only with a snapshot) and sent back as conditional
request headers while they describe the snapshot's sha256.
A failure leaves the snapshots untouched; `fetch` then exits 1, naming the source and why.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from conventions.errors import EtlError
from etl.manifest import SourceEntry, load_manifest
from etl.source_folders import code_files, sources_dir_for, spec_path

STATE_FILE = ".fetch-state.json"
INCOMING_DIR = "incoming"
CHUNK_BYTES = 64 * 1024
USER_AGENT = "qogam-etl-fetch"
# Failures worth another attempt: the network, a server in trouble, a cut-off body.
RETRYABLE = {"fetch-network", "fetch-server", "fetch-truncated"}

EXIT_OK, EXIT_FAILED, EXIT_CHANGED = 0, 1, 3


@dataclass(frozen=True)
class FetchPolicy:
    """How patient one fetch is; tests shrink these to stay fast."""

    timeout: float = 30.0   # seconds to connect, and at most between two received bytes
    retries: int = 3        # further attempts after a retryable failure
    backoff: float = 1.0    # seconds before the first retry, doubled before each next one


@dataclass
class Download:
    """One answer: a body in a temporary file (None for 304) and the validators sent."""

    path: Path | None
    sha256: str | None
    etag: str | None
    last_modified: str | None


@dataclass
class Outcome:
    """What happened to one source; `status` is unchanged, restored, changed or failed."""

    source_id: str
    status: str
    message: str
    review: list[str] = field(default_factory=list)


def fetch(root: Path, source_ids: list[str], policy: FetchPolicy = FetchPolicy(),
          session: requests.Session | None = None) -> list[Outcome]:
    """Fetch the named sources (all with a url when none is named); never touches a snapshot
    except to restore a missing one with exactly the pinned bytes."""
    raw_dir = root / "data" / "raw"
    entries = select_entries(raw_dir, load_manifest(raw_dir), source_ids)
    state = load_state(raw_dir)
    own_session = session is None
    session = session or requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    try:
        outcomes = [fetch_source(root, entry, state, session, policy) for entry in entries]
    finally:
        if own_session:
            session.close()
    save_state(raw_dir, state)
    return outcomes


def exit_code(outcomes: list[Outcome]) -> int:
    """1 when any source failed, else 3 when any changed (review needed), else 0."""
    statuses = {o.status for o in outcomes}
    if "failed" in statuses:
        return EXIT_FAILED
    return EXIT_CHANGED if "changed" in statuses else EXIT_OK


def select_entries(raw_dir: Path, entries: list[SourceEntry], source_ids: list[str]) -> list[SourceEntry]:
    """The entries to fetch; naming an unknown source or one without a url is an error."""
    manifest = str(raw_dir / "manifest.toml")
    if not source_ids:
        return [e for e in entries if e.url]
    by_id = {e.source_id: e for e in entries}
    unknown = [s for s in source_ids if s not in by_id]
    if unknown:
        raise EtlError(manifest, "fetch-source", f"no source {', '.join(unknown)} in the manifest")
    without_url = [s for s in source_ids if not by_id[s].url]
    if without_url:
        raise EtlError(manifest, "fetch-url", f"{', '.join(without_url)} has no url in the manifest")
    return [by_id[s] for s in source_ids]


def load_state(raw_dir: Path) -> dict[str, dict[str, str]]:
    path = raw_dir / STATE_FILE
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EtlError(str(path), "fetch-state", f"not valid JSON ({exc}); delete it to start afresh") from exc


def save_state(raw_dir: Path, state: dict[str, dict[str, str]]) -> None:
    """Write the validators atomically, and only when they changed (no churn in git)."""
    path = raw_dir / STATE_FILE
    text = json.dumps(state, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if (path.exists() and path.read_text(encoding="utf-8") == text) or (not state and not path.exists()):
        return
    _atomic_write(path, text.encode("utf-8"))


def fetch_source(root: Path, entry: SourceEntry, state: dict[str, dict[str, str]],
                 session: requests.Session, policy: FetchPolicy) -> Outcome:
    """Download one source and decide what its bytes mean; see the module docstring."""
    raw_dir = root / "data" / "raw"
    snapshot = raw_dir / entry.file
    known = state.get(entry.source_id, {})
    conditional = snapshot.exists() and known.get("sha256") == entry.sha256
    try:
        download = download_with_retries(session, entry.url or "", raw_dir, entry.file,
                                         _conditional_headers(known) if conditional else {}, policy)
    except EtlError as exc:
        return Outcome(entry.source_id, "failed", f"{exc}; the snapshot is untouched")
    if download.path is None:
        _remember(state, entry, download)
        return Outcome(entry.source_id, "unchanged", "not modified since the snapshot (304)")
    try:
        if download.sha256 == entry.sha256:
            _remember(state, entry, download)
            if snapshot.exists():
                return Outcome(entry.source_id, "unchanged", "same bytes as the snapshot")
            os.replace(download.path, snapshot)
            return Outcome(entry.source_id, "restored", f"missing snapshot restored as data/raw/{entry.file}")
        incoming = raw_dir / INCOMING_DIR / entry.file
        incoming.parent.mkdir(exist_ok=True)
        os.replace(download.path, incoming)
    finally:
        download.path.unlink(missing_ok=True)
    review = review_files(root, entry.source_id)
    return Outcome(entry.source_id, "changed",
                   f"the published document changed (sha256 {download.sha256}); it is kept as "
                   f"data/raw/{INCOMING_DIR}/{entry.file} and the snapshot is untouched. Review "
                   f"{' and '.join(review)} against it (python -m etl check {entry.source_id} --incoming), "
                   "then move it over the snapshot and put the new sha256 in data/raw/manifest.toml",
                   review)


def review_files(root: Path, source_id: str) -> list[str]:
    """The spec and the modules (when the source has any) of the source's folder that read it."""
    files = [spec_path(source_id, sources_dir_for(root)), *code_files(source_id)]
    return [_display(path, root) for path in files]


def download_with_retries(session: requests.Session, url: str, dest_dir: Path, name: str,
                          headers: dict[str, str], policy: FetchPolicy) -> Download:
    """`download`, again after a retryable failure, waiting backoff, 2 x backoff, ..."""
    attempt = 1
    while True:
        try:
            return download(session, url, dest_dir, name, headers, policy.timeout)
        except EtlError as exc:
            if exc.rule not in RETRYABLE:
                raise
            if attempt > policy.retries:
                raise EtlError(url, exc.rule, f"{exc.message} (gave up after {attempt} attempts)") from exc
        time.sleep(policy.backoff * 2 ** (attempt - 1))
        attempt += 1


def download(session: requests.Session, url: str, dest_dir: Path, name: str,
             headers: dict[str, str], timeout: float) -> Download:
    """One GET, streamed into a temporary file in `dest_dir` while hashing it.

    The temporary file is removed on any failure; a 304 is only accepted as an answer to a
    conditional request, since without one it says nothing about our bytes.
    """
    try:
        response = session.get(url, headers=headers, timeout=timeout, stream=True)
    except requests.RequestException as exc:
        raise EtlError(url, "fetch-network", f"{type(exc).__name__}: {exc}") from exc
    with response:
        validators = (response.headers.get("ETag"), response.headers.get("Last-Modified"))
        if response.status_code == 304 and headers:
            return Download(None, None, *validators)
        _check_status(url, response)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=dest_dir)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                digest, received = _stream(url, response, out)
            _check_length(url, response, received)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return Download(tmp, digest, *validators)


def _stream(url: str, response: requests.Response, out) -> tuple[str, int]:
    digest, received = hashlib.sha256(), 0
    try:
        for chunk in response.iter_content(CHUNK_BYTES):
            out.write(chunk)
            digest.update(chunk)
            received += len(chunk)
    except requests.exceptions.ChunkedEncodingError as exc:
        raise EtlError(url, "fetch-truncated", f"the body broke off before its announced end ({exc})") from exc
    except requests.RequestException as exc:
        raise EtlError(url, "fetch-network", f"{type(exc).__name__} after {received} bytes: {exc}") from exc
    return digest.hexdigest(), received


def _check_status(url: str, response: requests.Response) -> None:
    if response.status_code == 200:
        return
    rule = "fetch-server" if response.status_code >= 500 or response.status_code == 429 else "fetch-http"
    raise EtlError(url, rule, f"HTTP {response.status_code} {response.reason}")


def _check_length(url: str, response: requests.Response, received: int) -> None:
    """Every announced byte arrived (an encoded body announces its encoded length instead).

    urllib3 2 already raises on a short body (caught in `_stream`); requests also accepts
    urllib3 1.26, which does not by default, and a short body must never pass as "changed".
    """
    announced = response.headers.get("Content-Length")
    if announced and not response.headers.get("Content-Encoding") and int(announced) != received:
        raise EtlError(url, "fetch-truncated", f"received {received} of {announced} announced bytes")


def _conditional_headers(known: dict[str, str]) -> dict[str, str]:
    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = known["etag"]
    if known.get("last_modified"):
        headers["If-Modified-Since"] = known["last_modified"]
    return headers


def _remember(state: dict[str, dict[str, str]], entry: SourceEntry, download: Download) -> None:
    """Keep the validators of the snapshot's bytes (a 304 may omit them: keep the old ones)."""
    old = state.get(entry.source_id, {})
    new = {"sha256": entry.sha256,
           "etag": download.etag or old.get("etag"),
           "last_modified": download.last_modified or old.get("last_modified")}
    new = {k: v for k, v in new.items() if v}
    if len(new) > 1:
        state[entry.source_id] = new
    else:
        state.pop(entry.source_id, None)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp_name, path)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def _display(path: Path, root: Path) -> str:
    """A path as the person at the project root would type it."""
    for base in (root, Path(__file__).resolve().parent.parent):
        if path.resolve().is_relative_to(base.resolve()):
            return str(path.resolve().relative_to(base.resolve()))
    return str(path)
