"""The data package of the real database: valid Frictionless, complete, honest about terms."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import duckdb
import frictionless
import pytest

from conventions.errors import EtlError
from etl.exports import write_static_exports
from publish.datapackage import COVERAGE_INDICATOR, build_datapackage
from publish.dictionary import data_dictionary, parse_data_model
from publish.exports import DATAPACKAGE_FILE, FORMATS, PUBLISHED, file_name


@pytest.fixture(scope="module")
def con(built_db: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(built_db), read_only=True)


@pytest.fixture(scope="module")
def package(con: duckdb.DuckDBPyConnection) -> bytes:
    return build_datapackage(con)


@pytest.fixture(scope="module")
def unpacked(package: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("package")
    zipfile.ZipFile(io.BytesIO(package)).extractall(folder)
    return folder


@pytest.fixture(scope="module")
def descriptor(unpacked: Path) -> dict:
    return json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))


def test_package_validates_with_frictionless(unpacked: Path) -> None:
    report = frictionless.validate(str(unpacked / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:10]


def test_frictionless_catches_a_broken_row(unpacked: Path, tmp_path: Path) -> None:
    """The validation above has teeth: a dangling foreign key in one CSV is reported."""
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in unpacked.rglob("*"):
        if path.is_file():
            target = copy / path.relative_to(unpacked)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    gaps = copy / "data" / "gaps.csv"
    gaps.write_text(gaps.read_text(encoding="utf-8").replace("\nvolunteering-2022,", "\nno-such-document,", 1),
                    encoding="utf-8")
    errors = frictionless.validate(str(copy / "datapackage.json")).flatten(["type"])
    assert ["foreign-key"] in errors


def test_every_published_table_is_a_resource_with_all_its_rows(
        con: duckdb.DuckDBPyConnection, descriptor: dict, unpacked: Path) -> None:
    assert [r["name"] for r in descriptor["resources"]] == list(PUBLISHED)
    for table in PUBLISHED:
        resource = frictionless.Resource(str(unpacked / "data" / f"{table}.csv"))
        expected = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # table from the whitelist
        assert len(resource.read_rows()) == expected, table


def test_document_text_is_not_in_the_package(package: bytes) -> None:
    names = zipfile.ZipFile(io.BytesIO(package)).namelist()
    assert not any("source_lines" in name for name in names)
    assert sorted(names) == sorted(["datapackage.json", "README.md", *(f"data/{t}.csv" for t in PUBLISHED)])


def test_fields_carry_types_descriptions_and_keys_from_the_database(descriptor: dict) -> None:
    resources = {r["name"]: r for r in descriptor["resources"]}
    observations = resources["observations"]["schema"]
    fields = {f["name"]: f for f in observations["fields"]}
    assert observations["primaryKey"] == ["obs_id"]
    assert {"fields": ["indicator_id"], "reference": {"resource": "indicators", "fields": ["indicator_id"]}} \
        in observations["foreignKeys"]
    assert fields["value"]["type"] == "number" and fields["value"]["constraints"] == {"required": True}
    assert fields["value_high"]["type"] == "number" and "constraints" not in fields["value_high"]
    assert fields["basis"]["constraints"] == {"required": True} and "restates" in fields
    assert fields["year_start"] == {"name": "year_start", "type": "integer",
                                    "description": data_dictionary()["observations"].columns["year_start"],
                                    "constraints": {"required": True}}
    assert fields["derived"]["type"] == "boolean"
    numbers = {f["name"]: f for f in resources["mentions"]["schema"]["fields"]}["numbers"]
    assert (numbers["type"], numbers["itemType"], numbers["delimiter"]) == ("list", "number", "; ")
    for resource in descriptor["resources"]:
        assert all(f["description"] for f in resource["schema"]["fields"]), resource["name"]
        assert resource["description"] == data_dictionary()[resource["name"]].description


def test_licence_covers_the_compilation_only_and_documents_keep_their_terms(
        con: duckdb.DuckDBPyConnection, descriptor: dict) -> None:
    assert [lic["name"] for lic in descriptor["licenses"]] == ["CC-BY-4.0"]
    assert "compilation" in descriptor["licenses"][0]["title"]
    assert "does not license the source documents" in descriptor["licenses"][0]["title"]
    stated = con.execute("SELECT title, terms FROM sources").fetchall()
    assert sorted((s["title"], s["terms"]) for s in descriptor["sources"]) == sorted(stated)
    assert all(f"{title}: terms {terms}" in descriptor["description"] for title, terms in stated)


def test_readme_cites_and_quotes_the_coverage_caveats_from_the_database(
        con: duckdb.DuckDBPyConnection, unpacked: Path) -> None:
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    assert "## How to cite" in readme and "@misc{qogam-" in readme
    caveats = con.execute("SELECT quote, line FROM observations WHERE indicator_id = ?",
                          [COVERAGE_INDICATOR]).fetchall()
    assert len(caveats) >= 2  # both volunteering reports estimate their coverage
    for quote, line in caveats:
        assert f"“{' '.join(quote.split())}”" in readme
        assert f"line {line})" in readme
    assert "40–60%" in readme  # the range as the reports give it, formatted from value and value_high


def test_package_bytes_are_reproducible(con: duckdb.DuckDBPyConnection, package: bytes) -> None:
    assert build_datapackage(con) == package


def test_static_exports_write_every_table_in_every_format(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "static" / "exports"
    out.mkdir(parents=True)
    (out / "stale.csv").write_text("old")
    written = write_static_exports(built_db, out)
    expected = {file_name(t, f) for t in PUBLISHED for f in FORMATS} | {DATAPACKAGE_FILE}
    assert {p.name for p in written} == expected
    assert {p.name for p in out.iterdir()} == expected  # replaced whole: the stale file is gone
    assert (out / "qogam-observations.csv").read_bytes().startswith(b"\xef\xbb\xbfobs_id,")
    assert not list(tmp_path.joinpath("static").glob(".exports.*"))  # no staging folder left


def test_dictionary_covers_every_published_column(con: duckdb.DuckDBPyConnection) -> None:
    for table in PUBLISHED:
        columns = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()]
        assert set(columns) <= set(data_dictionary()[table].columns), table


def test_dictionary_reads_multi_column_rows_and_escaped_pipes() -> None:
    doc = data_dictionary()
    assert doc["regions"].columns["lat"] == doc["regions"].columns["lon"]
    assert "` | `" in doc["mentions"].columns["text"]


def test_dictionary_names_file_and_rule_when_layout_breaks(tmp_path: Path) -> None:
    broken = tmp_path / "model.md"
    broken.write_text("# Model\n\n## sources\nOne row per document.\n\n| name | meaning |\n|---|---|\n| a | b |\n",
                      encoding="utf-8")
    with pytest.raises(EtlError) as error:
        parse_data_model(broken)
    assert error.value.rule == "dictionary-table" and str(broken) in str(error.value)
