"""PDF intake: a PDF snapshot becomes numbered lines with page breaks, and pages are citable.

The test PDF is generated here with fpdf2 and DejaVu Sans (Debian's fonts-dejavu-core),
whose glyphs cover Cyrillic: two pages, a paragraph and a bordered table on the first, a
justified Russian paragraph on the second.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from fpdf import FPDF

from conventions.errors import EtlError
from conventions.paths import ROOT
from etl.document import load_document
from etl.manifest import SourceEntry, load_manifest
from etl.pdf import pdf_lines
from etl.regions import Gazetteer
from etl.specs import apply_spec, load_indicators
from etl.text import PAGE_BREAK

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
INTRO = "Synthetic report 2024. The network registered 12 345 volunteers in Almaty."
TABLE = [("Region", "Volunteers", "Share"), ("Almaty", "1 234", "42,4%"), ("Astana", "987", "12,1%")]
RUSSIAN = ("В 2023 году в Казахстане работали 217 391 волонтёр. Это на 15% больше, чем годом ранее, "
           "и эта фраза достаточно длинная, чтобы перенестись на следующую строку.")
EXPECTED_LINES = [
    INTRO,
    "Region\tVolunteers\tShare",
    "",
    "Almaty\t1 234\t42,4%",
    "",
    "Astana\t987\t12,1%",
    PAGE_BREAK,
    "В 2023 году в Казахстане работали 217 391 волонтёр. Это на 15% больше, чем годом",
    "ранее, и эта фраза достаточно длинная, чтобы перенестись на следующую строку.",
]


def write_pdf(path: Path) -> Path:
    assert FONT.exists(), f"{FONT} is missing: install Debian's fonts-dejavu-core"
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, INTRO)
    with pdf.table(first_row_as_headings=False) as table:
        for cells in TABLE:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.add_page()
    pdf.multi_cell(0, 6, RUSSIAN, align="J")
    pdf.output(str(path))
    return path


def pdf_entry(path: Path, **changes: str) -> SourceEntry:
    entry = SourceEntry(source_id="synthetic-pdf", file=path.name, title="Synthetic PDF", publisher="Test",
                        year_published=2024, language="ru", data_years="2023", terms="not stated",
                        original=path.name, sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    return replace(entry, **changes)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf")


def test_pdf_becomes_lines_with_table_tabs_cyrillic_and_a_page_break(report_pdf: Path) -> None:
    assert pdf_lines(report_pdf) == EXPECTED_LINES


def test_extraction_is_deterministic(report_pdf: Path) -> None:
    assert pdf_lines(report_pdf) == pdf_lines(report_pdf)


def test_document_reports_the_page_of_each_line(report_pdf: Path) -> None:
    doc = load_document(report_pdf.parent, pdf_entry(report_pdf))
    assert doc.lines == EXPECTED_LINES
    pages = {line: doc.page_of(line) for line in range(1, len(doc.lines) + 1)}
    assert pages == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2}


def test_text_snapshots_have_no_pages() -> None:
    entry = next(e for e in load_manifest(ROOT / "data" / "raw") if e.source_id == "animals-2025")
    assert load_document(ROOT / "data" / "raw", entry).page_of(1) is None


def test_a_spec_figure_on_page_two_can_cite_its_page(report_pdf: Path, tmp_path: Path) -> None:
    """The pattern spans the PDF's line break like any text snapshot; the line maps to page 2."""
    spec = tmp_path / "synthetic-pdf.toml"
    spec.write_text('''source_id = "synthetic-pdf"
basis = "unstated"

[[figure]]
id = "volunteers-2023"
indicator = "volunteers_count"
region = "Казахстан"
year = 2023
pattern = \'\'\'в Казахстане работали (?P<value>\\d[\\d ]*\\d) волонт\'\'\'
''', encoding="utf-8")
    doc = load_document(report_pdf.parent, pdf_entry(report_pdf))
    reference = ROOT / "data" / "reference"
    [obs] = apply_spec(doc, load_indicators(reference / "indicators"), Gazetteer.load(reference), spec).observations
    assert (obs.value, obs.region_code, obs.line, doc.page_of(obs.line)) == (217391, "KZ", 8, 2)


@pytest.mark.parametrize(("file", "fmt", "is_pdf"), [
    ("report.pdf", None, True), ("REPORT.PDF", None, True), ("report.bin", "pdf", True),
    ("report.txt", None, False), ("report.pdf", "text", False)])
def test_format_comes_from_the_manifest_or_the_extension(report_pdf: Path, file: str, fmt: str | None,
                                                         is_pdf: bool) -> None:
    assert pdf_entry(report_pdf, file=file, format=fmt).is_pdf is is_pdf


def test_unknown_format_in_the_manifest_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "data" / "raw" / "manifest.toml").read_text(encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(text.replace('repair = "font-shift"', 'format = "docx"'),
                                            encoding="utf-8")
    with pytest.raises(EtlError, match=r"\[manifest-format\] entry civil-society-30y-2021"):
        load_manifest(tmp_path)


def test_a_file_that_is_not_a_pdf_names_the_file(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("plain text pretending", encoding="utf-8")
    with pytest.raises(EtlError, match=r"fake\.pdf: \[pdf-read\]"):
        pdf_lines(fake)


def test_a_scan_without_text_layer_is_refused(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a page with only a picture-like shape
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(EtlError, match=r"\[pdf-no-text\]"):
        pdf_lines(tmp_path / "scan.pdf")
