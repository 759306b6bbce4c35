"""The document viewer's HTML: every character of a document escaped, our marks only."""
from __future__ import annotations

import html
import re

import pytest

from conventions.codes import LOST
from qogam.viewer import CONTEXT, Labels, lines_html, text_html, window

LABELS = Labels(lost="lost <here>", repaired="repaired")


def row(line: int, text: str, raw: str | None = None, repaired: bool = False) -> dict:
    return {"line": line, "text": text, "raw": text if raw is None else raw, "repaired": repaired,
            "lost": text.count(LOST)}


@pytest.mark.parametrize(("line", "n_lines", "expected"), [
    (50, 1000, (50 - CONTEXT, 50 + CONTEXT)),
    (1, 1000, (1, 2 * CONTEXT + 1)),            # at the start the window slides down
    (1000, 1000, (1000 - 2 * CONTEXT, 1000)),   # and at the end it slides up
    (3, 5, (1, 5)),                             # a short document is shown whole
])
def test_window_is_centred_and_slides_at_the_ends(line: int, n_lines: int, expected: tuple[int, int]) -> None:
    assert window(line, n_lines) == expected


def test_markup_in_a_document_is_escaped_never_rendered() -> None:
    payload = "<script>alert(1)</script> **bold** <img src=x onerror=alert(2)> & \"q\""
    out = lines_html([row(7, payload)], 7, LABELS)
    assert "<script>" not in out and "<img" not in out
    assert html.escape(payload) in out
    assert "\n" not in out                      # nothing between rows for Markdown to read


def test_lost_characters_are_marked_and_the_tooltip_is_escaped() -> None:
    out = text_html(f"sector{LOST} A{LOST}{LOST}", LABELS.lost)
    assert out.count('class="qogam-lost"') == 3
    assert 'title="lost &lt;here&gt;"' in out
    assert re.sub(r"<[^>]+>", "", out) == f"sector{LOST} A{LOST}{LOST}"


def test_target_line_and_repaired_lines_are_flagged() -> None:
    rows = [row(1, "clean"), row(2, "decoded text", raw="ÀÁÂ garbled", repaired=True), row(3, "target")]
    out = lines_html(rows, 3, LABELS)
    assert '<div class="row target" id="L3">' in out
    assert '<div class="row fixed" id="L2" title="repaired">' in out
    assert '<div class="row" id="L1">' in out
    assert "decoded text" in out and "garbled" not in out


def test_raw_view_shows_the_snapshot_text() -> None:
    out = lines_html([row(2, f"decoded{LOST}", raw="<garbled>", repaired=True)], 2, LABELS, raw=True)
    assert "&lt;garbled&gt;" in out and "decoded" not in out and "qogam-lost" not in out
