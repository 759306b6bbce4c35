"""No e-mail address or phone number of a private person in anything the project publishes.

Two rules, because the tables are of two kinds:

* Tables the project composes (practices, organisations, observations, regions, sources,
  indicators, gaps, ...) carry no contact details at all: every text column (and text list)
  of every table except the two that hold the documents' own text is scanned.
* `source_lines` and `mentions` are the documents themselves. They may repeat what an
  organisation publishes as its public contact, but not a private person's address or number.

How "public organisational contact" was decided: every match in the five documents was read
in context. It is an organisation's published contact when the document prints it as the
contact of an organisation or public service (a masthead, an office's address block, a
helpline named as such), not next to a person's name. Those are listed in
`ORGANISATION_CONTACTS` with where they appear; anything else found is treated as private. The
animals-2025 compendium prints a personal address under each project's "Project Lead: <name>"
or "Coordination: (<names>)": those are private and must not be published.
"""
from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from etl.privacy import EMAIL, PHONE, contact_key

DOCUMENT_TABLES = {"source_lines", "mentions"}

# Organisations' own published contacts, listed with where they appear, in one reference file
# that the ETL's redaction also reads.
ORGANISATION_CONTACTS = {contact_key(c["value"]) for c in tomllib.loads(
    (Path(__file__).resolve().parents[2] / "data" / "reference" / "public_contacts.toml").read_text(encoding="utf-8")
)["contact"]}


def contacts(text: str) -> list[str]:
    return [m.group(0) for pattern in (EMAIL, PHONE) for m in pattern.finditer(text)]


def text_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, bool]]:
    """(table, column, is_list) for every VARCHAR and VARCHAR[] column of the database."""
    rows = con.execute("""SELECT table_name, column_name, data_type FROM information_schema.columns
                          WHERE data_type IN ('VARCHAR', 'VARCHAR[]') ORDER BY table_name, column_name""")
    return [(t, c, d.endswith("[]")) for t, c, d in rows.fetchall()]


@dataclass(frozen=True)
class Finding:
    table: str
    column: str
    match: str
    text: str

    def __str__(self) -> str:
        return f"{self.table}.{self.column}: {self.match} in «{self.text[:120]}»"


def findings(con: duckdb.DuckDBPyConnection, tables: Callable[[str], bool]) -> list[Finding]:
    """Every contact found in the text columns of the tables `tables` accepts."""
    found = []
    for table, column, is_list in text_columns(con):
        if not tables(table):
            continue
        value = f"array_to_string(\"{column}\", ' | ')" if is_list else f'"{column}"'
        for (text,) in con.execute(f'SELECT {value} FROM "{table}" WHERE "{column}" IS NOT NULL').fetchall():
            found += [Finding(table, column, m, text) for m in contacts(text)]
    return found


@pytest.fixture(scope="module")
def con(built_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def test_patterns_find_contacts_as_the_documents_print_them() -> None:
    text = ("E-mail: ieliena.mukanova@mail.ru, Info.Kasakhstan@kas.de; tel. +7 708 106 0810, "
            "+7 7172 92 50 13, 8 (701) 123-45-67, +49 30 2699 6453")
    assert contacts(text) == ["ieliena.mukanova@mail.ru", "Info.Kasakhstan@kas.de", "+7 708 106 0810",
                              "+7 7172 92 50 13", "8 (701) 123-45-67", "+49 30 2699 6453"]


def test_patterns_leave_figures_years_and_urls_alone() -> None:
    text = ("139671 volunteers; 1 161 613 persons; 2020-2022; 42,4%; 3 млрд. 456 млн. тенге; "
            "https://yandex.kz/video/preview/13159358441889267262; 8 118 450 000 KZT; @pravo_na_ghizn")
    assert contacts(text) == []


def test_published_tables_carry_no_contact_details(con: duckdb.DuckDBPyConnection) -> None:
    found = findings(con, lambda table: table not in DOCUMENT_TABLES)
    assert not found, "\n".join(map(str, found))


def test_documents_carry_no_private_contact_details(con: duckdb.DuckDBPyConnection) -> None:
    found = [f for f in findings(con, DOCUMENT_TABLES.__contains__) if contact_key(f.match) not in ORGANISATION_CONTACTS]
    assert not found, f"{len(found)} private contacts published:\n" + "\n".join(map(str, found))


def test_every_listed_organisation_contact_is_still_in_the_documents(con: duckdb.DuckDBPyConnection) -> None:
    """Keeps the allow-list honest: an entry nobody prints any more must be deleted."""
    seen = {contact_key(m) for (text,) in con.execute("SELECT text FROM source_lines").fetchall() for m in contacts(text)}
    assert ORGANISATION_CONTACTS <= seen, ORGANISATION_CONTACTS - seen
