"""Helpers shared by the quality-gate tests (browser, bad input, corrupted sources, security).

The pages under test are read from `app.py`'s `PAGES` table rather than listed again here, so
every page that lands in the app is visited by the browser and bad-input suites without
editing them. Project copies are edited the way a maintainer would edit a real checkout: a
changed snapshot gets its manifest sha256 re-pinned, so the ETL's content rules (not just the
snapshot hash) are what the test exercises.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from conventions.paths import ROOT
from etl.build import build
from harness.pages import app_pages as page_table

APP = ROOT / "app.py"
CAVEATS = ROOT / "qogam" / "caveats.toml"      # the patterns of document passages the overview quotes
# Appended to a document line that the app quotes: HTML that would run or load if rendered,
# and Markdown that would turn bold; shown escaped, it must read exactly as written.
PAYLOAD = "<script>alert(1)</script> **markdown** <img src=x onerror=alert(2)>"
MANIFEST = tomllib.loads((ROOT / "data" / "raw" / "manifest.toml").read_text(encoding="utf-8"))
FIRST_SOURCE = MANIFEST["source"][0]["source_id"]     # a document id every build has


@dataclass(frozen=True)
class AppPage:
    """One entry of `app.PAGES`: the script, its title key, and the URL path it is served at."""

    path: str
    title_key: str
    url_path: str
    default: bool

    @property
    def url(self) -> str:
        """The path a browser opens (the default page is served at the root)."""
        return "" if self.default else self.url_path


def app_pages() -> list[AppPage]:
    """The pages `app.py` registers, in navigation order (the first one is the default)."""
    return [AppPage(path, title, url, i == 0) for i, (path, title, _icon, url) in enumerate(page_table())]


def app_page(url_path: str) -> AppPage:
    """The entry of `app.PAGES` served at `url_path` (`overview`, `ngos-funding`, ...)."""
    return next(page for page in app_pages() if page.url_path == url_path)


def manifest_entry(root: Path, file_name: str) -> dict:
    """The manifest entry of a raw snapshot in the project at `root`."""
    manifest = tomllib.loads((root / "data" / "raw" / "manifest.toml").read_text(encoding="utf-8"))
    return next(e for e in manifest["source"] if e["file"] == file_name)


def repin_sha(root: Path, file_name: str) -> None:
    """Write the snapshot's current sha256 into the copy's manifest (as after a reviewed update)."""
    manifest = root / "data" / "raw" / "manifest.toml"
    old = manifest_entry(root, file_name)["sha256"]
    new = hashlib.sha256((root / "data" / "raw" / file_name).read_bytes()).hexdigest()
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def append_to_line(root: Path, file_name: str, line: int, suffix: str) -> None:
    """Append `suffix` to line `line` (1-based) of a raw snapshot in the copy and re-pin its sha."""
    raw = root / "data" / "raw" / file_name
    lines = raw.read_bytes().split(b"\n")
    lines[line - 1] += suffix.encode("utf-8")
    raw.write_bytes(b"\n".join(lines))
    repin_sha(root, file_name)



def copy_project(dest: Path) -> Path:
    """A throw-away project folder holding copies of data/raw and data/reference."""
    for part in ("raw", "reference"):
        shutil.copytree(ROOT / "data" / part, dest / "data" / part)
    return dest


def quoted_line(root: Path) -> tuple[str, int]:
    """(file, line) of the first document line the overview quotes as a caveat."""
    patterns = [re.compile(c["pattern"]) for c in tomllib.loads(CAVEATS.read_text(encoding="utf-8"))["caveat"]]
    manifest = tomllib.loads((root / "data" / "raw" / "manifest.toml").read_text(encoding="utf-8"))
    for entry in manifest["source"]:
        text = (root / "data" / "raw" / entry["file"]).read_text(encoding="utf-8")
        for number, line in enumerate(text.split("\n"), start=1):
            if any(p.search(line) for p in patterns):
                return entry["file"], number
    raise AssertionError("no document line matches a pattern of qogam/caveats.toml")


@dataclass(frozen=True)
class PayloadDb:
    """A database in which line `line` of document `source_id` ends with PAYLOAD."""

    path: Path
    source_id: str
    line: int

    @property
    def viewer_query(self) -> dict[str, str]:
        """URL parameters that open the document viewer at the changed line."""
        return {"source": self.source_id, "line": str(self.line)}


def build_payload_db(workdir: Path) -> PayloadDb:
    """A database built from a project copy whose quoted caveat line ends with PAYLOAD."""
    root = copy_project(workdir / "project")
    file_name, line = quoted_line(root)
    append_to_line(root, file_name, line, " " + PAYLOAD)
    target = workdir / "payload.duckdb"
    build(target, root=root)
    return PayloadDb(target, manifest_entry(root, file_name)["source_id"], line)
