"""How to cite Qogam and any single figure in it, as plain text and as BibTeX.

A figure is cited to the document it comes from (publisher, year, title, line and the verbatim
quote) and then "via Qogam", because the document is the authority and Qogam only the route to
it. The dataset's version comes from the database's `build_info`, so a citation names the
exact build: the `version` and `built_at` keys when the build records them, otherwise a short
digest of the source snapshots' checksums (which changes whenever the data could). The public
address is `$QOGAM_PUBLIC_URL` (a placeholder until the app has a permanent home).
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import duckdb

from publish.exports import run_query

PROJECT = "Qogam"
PROJECT_TITLE = "Qogam: open data on Kazakhstan's civil society"
URL_ENV = "QOGAM_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
# The app page that opens a document at a line from `?source=<id>&line=<n>`.
VIEWER_PAGE = "documents"
_BIBTEX_SPECIAL = re.compile(r"[\\{}%&$#_^~]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


@dataclass(frozen=True)
class DatasetVersion:
    """Which build of the database is cited: `version` always, `built` (ISO date) when recorded."""

    version: str
    built: str | None


@dataclass(frozen=True)
class Passage:
    """A cited passage: where it is (document and line) and what it says."""

    source_id: str
    title: str
    publisher: str
    year_published: int
    line: int
    quote: str


def public_url() -> str:
    """The app's public address, without a trailing slash."""
    return (os.environ.get(URL_ENV) or DEFAULT_PUBLIC_URL).rstrip("/")


def deep_link(source_id: str, line: int) -> str:
    """The query string that opens the document viewer at a line: `?source=<id>&line=<n>`."""
    return "?" + urlencode({"source": source_id, "line": line})


def viewer_url(source_id: str, line: int) -> str:
    """The full address of a passage in the document viewer."""
    return f"{public_url()}/{VIEWER_PAGE}{deep_link(source_id, line)}"


def dataset_version(con: duckdb.DuckDBPyConnection) -> DatasetVersion:
    """The cited version of the database behind `con`, from its `build_info`."""
    info = dict(run_query(con, "build_info").iter_rows())
    if "version" in info:
        return DatasetVersion(info["version"], info.get("built_at"))
    digest = hashlib.sha256(info["sources_sha256"].encode("ascii")).hexdigest()[:12]
    return DatasetVersion(f"data-{digest}", info.get("built_at"))


def observation_passage(con: duckdb.DuckDBPyConnection, obs_id: str) -> Passage:
    """The passage an observation quotes; KeyError when there is no such observation."""
    rows = run_query(con, "export_citation_observation", {"obs_id": obs_id}).to_dicts()
    if not rows:
        raise KeyError(obs_id)
    return Passage(**rows[0])


def _one_line(text: str) -> str:
    """Layout line breaks and runs of spaces inside a quote, as one space."""
    return " ".join(text.split())


def _version_text(version: DatasetVersion) -> str:
    return f"version {version.version}" + (f", built {version.built}" if version.built else "")


def dataset_citation(version: DatasetVersion, accessed: date | None = None) -> str:
    """Plain-text citation of the whole dataset; the access date when given (pages pass today)."""
    day = f" (accessed {accessed.isoformat()})" if accessed else ""
    return f"{PROJECT_TITLE} ({_version_text(version)}). {public_url()}{day}."


def passage_citation(passage: Passage, version: DatasetVersion) -> str:
    """Plain-text citation of one passage: the document first, then "via Qogam"."""
    return (f"{passage.publisher} ({passage.year_published}). {passage.title}, line {passage.line}: "
            f"“{_one_line(passage.quote)}”. Via {PROJECT} ({_version_text(version)}): "
            f"{viewer_url(passage.source_id, passage.line)}")


def bibtex_escape(text: str) -> str:
    """Text made safe inside a BibTeX field: LaTeX special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m[0], "\\" + m[0]), text)


def _bibtex(key: str, fields: dict[str, str]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{re.sub(r'[^A-Za-z0-9:_-]', '-', key)},\n{body}\n}}"


def dataset_bibtex(version: DatasetVersion, accessed: date | None = None) -> str:
    """BibTeX (`@misc`) entry for the whole dataset; `urldate` when an access date is given."""
    fields = {"title": bibtex_escape(PROJECT_TITLE), "author": f"{{{PROJECT}}}",
              "version": bibtex_escape(version.version), "url": public_url()}
    if accessed:
        fields["urldate"] = accessed.isoformat()
    if version.built:
        fields["year"] = version.built[:4]
    return _bibtex(f"{PROJECT.lower()}-{version.version}", fields)


def passage_bibtex(passage: Passage, version: DatasetVersion) -> str:
    """BibTeX (`@misc`) entry for one passage, crediting the document's publisher as author."""
    note = (f"Line {passage.line}: “{_one_line(passage.quote)}”. "
            f"Via {PROJECT} ({_version_text(version)})")
    return _bibtex(f"{passage.source_id}-line-{passage.line}", {
        "title": bibtex_escape(passage.title), "author": f"{{{bibtex_escape(passage.publisher)}}}",
        "year": str(passage.year_published), "note": bibtex_escape(note),
        "url": viewer_url(passage.source_id, passage.line)})
