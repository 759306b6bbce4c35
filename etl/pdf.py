"""PDF sources: the PDF is the raw snapshot; its numbered lines are derived at build time.

The manifest pins the PDF's own sha256, and the text is extracted again on every build
(deterministically, with the pinned pdfplumber/pdfminer.six), so no second copy of the
text can drift from the published document. The result has the shape of the text
snapshots, so specs, table modules and mentions work on it unchanged:

* words whose bottoms agree within LINE_TOLERANCE points form one line, left to right;
* a horizontal gap wider than COLUMN_GAP font sizes is a table column and becomes a tab
  (the tab-separated rows the other sources have); any smaller gap is one space, because
  justified text spreads its words and "217  391" must stay one number;
* a vertical gap taller than PARAGRAPH_GAP font sizes is a paragraph break: an empty line,
  so headings and paragraphs do not run together into one sentence;
* a line holding only PAGE_BREAK comes before every page after the first, which is how
  `Document.page_of` knows the page a reader of the PDF would cite.

pdfplumber is chosen over plain-text extractors because it gives each word's position and
font size, which these rules need; pypdf, for example, doubles the spaces of justified text.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfplumber.page import Page
from pdfplumber.utils import cluster_objects
from pdfplumber.utils.exceptions import PdfminerException

from conventions.errors import EtlError
from etl.text import PAGE_BREAK

LINE_TOLERANCE = 2.0   # points: words this close in height sit on one line
COLUMN_GAP = 2.0       # font sizes: a wider horizontal gap separates table cells
PARAGRAPH_GAP = 0.8    # font sizes: a taller vertical gap separates paragraphs

Word = dict  # pdfplumber's word: text, x0, x1, top, bottom, size


def pdf_lines(path: Path) -> list[str]:
    """The lines of a PDF snapshot, pages separated by PAGE_BREAK lines.

    A file that is not a readable PDF, or one without a text layer (a scan, which would
    need OCR first), stops the build instead of yielding an empty document.
    """
    try:
        with pdfplumber.open(path) as pdf:
            pages = [page_lines(page) for page in pdf.pages]
    except PdfminerException as exc:
        raise EtlError(str(path), "pdf-read", f"not a readable PDF: {exc}") from exc
    if not any(pages):
        raise EtlError(str(path), "pdf-no-text",
                       "the PDF has no text layer (a scan?); OCR it before adding it as a source")
    lines: list[str] = []
    for number, page in enumerate(pages):
        if number:
            lines.append(PAGE_BREAK)
        lines.extend(page)
    return lines


def page_lines(page: Page) -> list[str]:
    """One page's text lines, with empty lines at paragraph breaks."""
    words = page.extract_words(extra_attrs=["size"])
    rows = [sorted(row, key=lambda w: w["x0"]) for row in cluster_objects(words, "bottom", LINE_TOLERANCE)]
    lines: list[str] = []
    for previous, row in zip([None, *rows], rows):
        if previous is not None and _paragraph_break(previous, row):
            lines.append("")
        lines.append(join_words(row))
    return lines


def join_words(row: list[Word]) -> str:
    """Words of one line: one space between words, a tab between table columns."""
    parts = [row[0]["text"]]
    for left, right in zip(row, row[1:]):
        size = max(left["size"], right["size"])
        parts.append("\t" if right["x0"] - left["x1"] > COLUMN_GAP * size else " ")
        parts.append(right["text"])
    return "".join(parts)


def _paragraph_break(above: list[Word], below: list[Word]) -> bool:
    size = max(w["size"] for w in above + below)
    gap = min(w["top"] for w in below) - max(w["bottom"] for w in above)
    return gap > PARAGRAPH_GAP * size
