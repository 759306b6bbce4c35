"""docs/adding-a-source.md, followed to the letter with a small synthetic report.

The project's data and source folders (their specs) are copied into a throw-away root; the
fixture in tests/fixtures/synthetic-report/ adds its snapshot, manifest entry, region alias and
one new source folder (holding its spec) there, and nothing else changes. `python -m etl build
--root` must then publish the report's figures next to the five real sources'. The same report
as a PDF goes the same way.
"""
from __future__ import annotations

import filecmp
import hashlib
from pathlib import Path

import duckdb
from fpdf import FPDF

from conventions.paths import ROOT
from etl.document import load_document
from etl.manifest import load_manifest
from etl.text import PAGE_BREAK
from tests.data.support import (
    FIXTURE,
    FIXTURE_ENTRY,
    SOURCE_FOLDER,
    SOURCE_ID,
    add_synthetic_report,
    copy_project_inputs,
    run_etl,
)

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# Oracle: the report's figures as a reader finds them in the fixture text.
EXPECTED = {
    ("volunteers_count", "KZ", 2024, 2024, 48512.0, 5),
    ("volunteer_hours", "KZ", 2024, 2024, 1250000.0, 6),
    ("volunteers_count", "KZ-55", 2024, 2024, 3104.0, 8),
    ("volunteer_events_count", "KZ-55", 2024, 2024, 212.0, 8),
    ("volunteer_orgs_count", "KZ", 2024, 2024, 1870.0, 9),
    ("volunteers_change", "KZ", 2023, 2024, 12.5, 10),
}


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def observations(db: Path) -> set[tuple]:
    """The synthetic report's published figures: what, where, when, value and line."""
    return set(query(db, "SELECT indicator_id, region_code, year_start, year_end, value, line "
                         f"FROM observations WHERE source_id = '{SOURCE_ID}'"))


def changed_files(root: Path) -> set[str]:
    """Files of the copy that differ from, or are not in, the project: what the author touched."""
    out = set()
    for path in root.rglob("*"):
        original = ROOT / path.relative_to(root)
        if path.is_file() and not (original.is_file() and filecmp.cmp(path, original, shallow=False)):
            out.add(str(path.relative_to(root)))
    return out


def test_a_new_report_needs_only_manifest_spec_and_alias(tmp_path: Path, built_db: Path) -> None:
    root = copy_project_inputs(tmp_path / "project")
    add_synthetic_report(root)
    assert changed_files(root) == {
        f"data/raw/{SOURCE_ID}.txt", "data/raw/manifest.toml", f"{SOURCE_FOLDER}/spec.toml",
        "data/reference/region_aliases.csv"}
    db = tmp_path / "civic.duckdb"
    result = run_etl(db, root)
    assert result.returncode == 0, result.stderr
    assert observations(db) == EXPECTED
    others = "SELECT count(*) FROM observations WHERE source_id <> 'synthetic-report-2024'"
    assert query(db, others) == query(built_db, others)  # the five real sources are unaffected
    assert query(db, f"SELECT title FROM sources WHERE source_id = '{SOURCE_ID}'") == [(FIXTURE_ENTRY["title"],)]


def test_without_the_alias_the_build_names_the_unknown_spelling(tmp_path: Path) -> None:
    root = copy_project_inputs(tmp_path / "project")
    add_synthetic_report(root, with_alias=False)
    db = tmp_path / "civic.duckdb"
    result = run_etl(db, root)
    assert result.returncode == 1
    assert f"data/raw/{SOURCE_ID}.txt:8: [region-alias] unknown region name 'Pavlodarskaya oblast'" in result.stderr
    assert not db.exists()


def write_report_pdf(path: Path, page_break_before: str) -> None:
    """The fixture text as a PDF, one text line per PDF line, with a second page."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for line in (FIXTURE / f"{SOURCE_ID}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(page_break_before):
            pdf.add_page()
        pdf.cell(0, 6, line)
        pdf.ln()
    pdf.output(str(path))


def test_the_same_report_as_a_pdf_gives_the_same_figures_with_pages(tmp_path: Path) -> None:
    root = copy_project_inputs(tmp_path / "project")
    add_synthetic_report(root)
    pdf = root / "data" / "raw" / f"{SOURCE_ID}.pdf"
    write_report_pdf(pdf, page_break_before="In Pavlodarskaya")
    (root / "data" / "raw" / f"{SOURCE_ID}.txt").unlink()
    manifest = root / "data" / "raw" / "manifest.toml"
    text = manifest.read_text(encoding="utf-8").replace(f'file = "{SOURCE_ID}.txt"', f'file = "{SOURCE_ID}.pdf"')
    manifest.write_text(text.replace(FIXTURE_ENTRY["sha256"], hashlib.sha256(pdf.read_bytes()).hexdigest()),
                        encoding="utf-8")
    db = tmp_path / "civic.duckdb"
    result = run_etl(db, root)
    assert result.returncode == 0, result.stderr
    assert observations(db) == EXPECTED
    entry = next(e for e in load_manifest(root / "data" / "raw") if e.source_id == SOURCE_ID)
    doc = load_document(root / "data" / "raw", entry)
    text_lines = (FIXTURE / f"{SOURCE_ID}.txt").read_text(encoding="utf-8").splitlines()
    assert doc.lines == text_lines[:6] + [PAGE_BREAK] + text_lines[7:]  # the blank line 7 ends page 1
    assert {line: doc.page_of(line) for *_, line in EXPECTED} == {5: 1, 6: 1, 8: 2, 9: 2, 10: 2}
