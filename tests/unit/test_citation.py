"""Citations of the dataset and of single figures: what they must name, and safe BibTeX."""
from __future__ import annotations

from datetime import date

import duckdb
import pytest

from publish.citation import (
    DatasetVersion,
    Passage,
    bibtex_escape,
    dataset_bibtex,
    dataset_citation,
    dataset_version,
    observation_passage,
    passage_bibtex,
    passage_citation,
    public_url,
)

VERSION = DatasetVersion("data-0123456789ab", None)


@pytest.fixture(autouse=True)
def public_url_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QOGAM_PUBLIC_URL", raising=False)


def test_public_url_defaults_to_localhost_and_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert public_url() == "http://localhost:8501"
    monkeypatch.setenv("QOGAM_PUBLIC_URL", "https://qogam.example.org/")
    assert public_url() == "https://qogam.example.org"


def test_observation_citation_names_document_publisher_year_line_and_quote(
        con: duckdb.DuckDBPyConnection) -> None:
    passage = observation_passage(con, "o1")
    assert passage == Passage("doc", "Доклад", "Сеть", 2024, 2, 'деятельность 217 391 волонтёра, "всего"')
    text = passage_citation(passage, VERSION)
    assert text.startswith("Сеть (2024). Доклад, line 2: “деятельность 217 391 волонтёра, \"всего\"”.")
    assert "Via Qogam (version data-0123456789ab): http://localhost:8501/documents?source=doc&line=2" in text


def test_unknown_observation_is_a_key_error(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(KeyError):
        observation_passage(con, "no-such-id")


def test_quote_layout_breaks_become_spaces() -> None:
    passage = Passage("doc", "Report", "NVN", 2022, 70, "do not exceed\n40-60%   coverage")
    assert "“do not exceed 40-60% coverage”" in passage_citation(passage, VERSION)


def test_observation_bibtex_escapes_latex_specials() -> None:
    passage = Passage("volunteering-2022", "Report #4 on 100% of R&D_data", "NVN {x}", 2022, 70, "40-60% ~ $5")
    entry = passage_bibtex(passage, VERSION)
    assert entry.startswith("@misc{volunteering-2022-line-70,\n")
    assert r"title = {Report \#4 on 100\% of R\&D\_data}" in entry
    assert r"author = {{NVN \{x\}}}" in entry
    assert r"note = {Line 70: “40-60\% \~{} \$5”. Via Qogam (version data-0123456789ab)}" in entry
    assert "year = {2022}" in entry
    assert "url = {http://localhost:8501/documents?source=volunteering-2022&line=70}" in entry
    assert entry.endswith("\n}")


def test_bibtex_escape_handles_backslash_first() -> None:
    assert bibtex_escape(r"a\b^c") == r"a\textbackslash{}b\^{}c"


def test_dataset_citation_names_version_url_and_optional_access_date() -> None:
    built = DatasetVersion("abc123", "2025-11-20")
    assert dataset_citation(built) == (
        "Qogam: open data on Kazakhstan's civil society (version abc123, built 2025-11-20). http://localhost:8501.")
    assert dataset_citation(built, date(2026, 1, 2)).endswith("http://localhost:8501 (accessed 2026-01-02).")
    entry = dataset_bibtex(built, date(2026, 1, 2))
    assert "version = {abc123}" in entry and "year = {2025}" in entry and "urldate = {2026-01-02}" in entry
    assert "year =" not in dataset_bibtex(VERSION) and "urldate" not in dataset_bibtex(VERSION)


def test_dataset_version_from_build_info(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO build_info VALUES ('sources_sha256', 'aaa,bbb')")
    digest_version = dataset_version(con)
    assert digest_version.version.startswith("data-") and len(digest_version.version) == 17
    assert digest_version.built is None
    con.execute("INSERT INTO build_info VALUES ('version', 'v1.2'), ('built_at', '2025-11-20')")
    assert dataset_version(con) == DatasetVersion("v1.2", "2025-11-20")
