"""No e-mail address, phone number or social-media account of a private person in anything the
project publishes.

Two rules, because the tables are of two kinds:

* Tables the project composes (practices, organisations, observations, regions, sources,
  indicators, gaps, ...) carry no e-mail address or phone number at all, and no social-media
  account but an organisation's own (practices link to those): every text column (and text
  list) of every table except the two that hold the documents' own text is scanned.
* `source_lines` and `mentions` are the documents themselves. They may repeat what an
  organisation publishes as its public contact, but not a private person's address, number or
  account.

How "public organisational contact" was decided: every match in the five documents was read
in context. It is an organisation's published contact when the document prints it as the
contact of an organisation or public service (a masthead, an office's address block, a
helpline named as such, an account named after the organisation, project or service it is
printed for), not as a person's own. Those are listed in data/reference/public_contacts.toml
with where they appear; anything else found is treated as private. The animals-2025 compendium
prints a personal address under each project's "Project Lead: <name>" or "Coordination:
(<names>)", and often the lead's own Instagram or TikTok account: those are private and must not
be published. `tests.privacy_oracle.PRIVATE_ACCOUNTS` is that reading, the oracle the patterns are
checked against.
"""
from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from etl.document import load_document
from etl.manifest import load_manifest
from etl.privacy import contact_key, find_contacts
from tests.privacy_oracle import PRIVATE_ACCOUNTS

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT_TABLES = {"source_lines", "mentions"}

# Organisations' own published contacts, listed with where they appear, in one reference file
# that the ETL's redaction also reads.
ORGANISATION_CONTACTS = {contact_key(c["value"]) for c in tomllib.loads(
    (ROOT / "data" / "reference" / "public_contacts.toml").read_text(encoding="utf-8"))["contact"]}
PLANTED = "@planted_person.1"


def contacts(text: str) -> list[str]:
    return [printed for printed, _ in find_contacts(text)]


def is_social(key: str) -> bool:
    return key.startswith("@")


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
    key: str
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
            found += [Finding(table, column, printed, key, text) for printed, key in find_contacts(text)]
    return found


def leaks_in_composed_tables(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Contacts in the tables the project composes, but an organisation's listed account."""
    return [f for f in findings(con, lambda table: table not in DOCUMENT_TABLES)
            if not (is_social(f.key) and f.key in ORGANISATION_CONTACTS)]


def leaks_in_documents(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Contacts in the documents' text that are not listed as an organisation's."""
    return [f for f in findings(con, DOCUMENT_TABLES.__contains__) if f.key not in ORGANISATION_CONTACTS]


@pytest.fixture(scope="module")
def con(built_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def test_patterns_find_contacts_as_the_documents_print_them() -> None:
    text = ("E-mail: ieliena.mukanova@mail.ru, Info.Kasakhstan@kas.de; tel. +7 708 106 0810, "
            "+7 7172 92 50 13, 8 (701) 123-45-67, +49 30 2699 6453; Instagram: @pravo_na_ghizn, "
            "[@neotech_digital_school](https://www.instagram.com/neotech_digital_school); TikTok: @tomka160393; "
            "👤👤 Нравится dvoryaninuk и другим")
    assert contacts(text) == ["ieliena.mukanova@mail.ru", "Info.Kasakhstan@kas.de", "+7 708 106 0810",
                              "+7 7172 92 50 13", "8 (701) 123-45-67", "+49 30 2699 6453", "@pravo_na_ghizn",
                              "[@neotech_digital_school](https://www.instagram.com/neotech_digital_school)",
                              "@tomka160393", "dvoryaninuk"]


def test_patterns_leave_figures_years_and_urls_alone() -> None:
    text = ("139671 volunteers; 1 161 613 persons; 2020-2022; 42,4%; 3 млрд. 456 млн. тенге; "
            "https://yandex.kz/video/preview/13159358441889267262; 8 118 450 000 KZT; "
            "Instagram and Facebook accounts; www.civilalliance.kz; a meeting @ 10:00")
    assert contacts(text) == []


def test_every_account_in_the_documents_is_listed_or_read_as_private() -> None:
    """The patterns find, in the unredacted snapshots, exactly the accounts read in context:
    each is an organisation's (listed) or one of the private persons'."""
    raw = ROOT / "data" / "raw"
    accounts = {key for entry in load_manifest(raw) for line in load_document(raw, entry).lines
                for _, key in find_contacts(line) if is_social(key)}
    assert accounts - ORGANISATION_CONTACTS == PRIVATE_ACCOUNTS
    assert not PRIVATE_ACCOUNTS & ORGANISATION_CONTACTS


def test_published_tables_carry_no_contact_details(con: duckdb.DuckDBPyConnection) -> None:
    found = leaks_in_composed_tables(con)
    assert not found, "\n".join(map(str, found))


def test_documents_carry_no_private_contact_details(con: duckdb.DuckDBPyConnection) -> None:
    found = leaks_in_documents(con)
    assert not found, f"{len(found)} private contacts published:\n" + "\n".join(map(str, found))


def test_every_listed_organisation_contact_is_still_in_the_documents(con: duckdb.DuckDBPyConnection) -> None:
    """Keeps the allow-list honest: an entry nobody prints any more must be deleted."""
    lines = con.execute("SELECT text FROM source_lines").fetchall()
    seen = {key for (text,) in lines for _, key in find_contacts(text)}
    assert seen >= ORGANISATION_CONTACTS, ORGANISATION_CONTACTS - seen


def test_the_scan_fails_on_a_private_account_left_in_a_published_column(built_db: Path, tmp_path: Path) -> None:
    """A planted case: a copy of the built database with a private person's account in a
    practice's links (as a profile address), in a document line and in a mention (as @name),
    next to an organisation's listed account, which the scan must keep accepting. The practice
    is a planted copy of one (a new row): practice_mentions references practices, and DuckDB
    runs an UPDATE of a referenced table as delete + insert, which the foreign key refuses."""
    copy = tmp_path / "planted.duckdb"
    shutil.copyfile(built_db, copy)
    account = PLANTED.removeprefix("@")
    planted = duckdb.connect(str(copy))
    try:
        planted.execute("INSERT INTO practices SELECT * REPLACE (practice_id || '-planted' AS practice_id, "
                        "list_append(links, ?) AS links) FROM practices WHERE practice_id = "
                        "(SELECT min(practice_id) FROM practices)", [f"https://www.tiktok.com/@{account}"])
        planted.execute("UPDATE source_lines SET text = text || ? WHERE source_id = 'animals-2025' AND line = 997",
                        [f", {PLANTED}"])
        planted.execute("UPDATE mentions SET text = text || ? WHERE source_id = 'animals-2025' AND line = "
                        "(SELECT min(line) FROM mentions WHERE source_id = 'animals-2025')",
                        [f" (Instagram: {PLANTED})"])
        composed, documents = leaks_in_composed_tables(planted), leaks_in_documents(planted)
        with pytest.raises(AssertionError, match="planted_person"):
            test_published_tables_carry_no_contact_details(planted)
        with pytest.raises(AssertionError, match="planted_person"):
            test_documents_carry_no_private_contact_details(planted)
    finally:
        planted.close()
    assert [(f.table, f.column, f.key) for f in composed] == [("practices", "links", PLANTED)]
    assert sorted((f.table, f.column, f.key) for f in documents) == [
        ("mentions", "text", PLANTED), ("source_lines", "text", PLANTED)]
