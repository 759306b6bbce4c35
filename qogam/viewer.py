"""The document viewer's text: a window of lines around a target line, as safe HTML.

Document text is never trusted: every character is HTML-escaped, and the result is meant for
`st.html` (no Markdown pass), so `<script>` or `**bold**` in a document reads exactly as written.
The only markup is ours: one row per line with its number, the target line marked, repaired
lines flagged, and each character the 2021 book lost for good (`conventions.codes.LOST`, ␣) wrapped
so that it stands out from an ordinary space.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from conventions.codes import LOST

CONTEXT = 15               # lines shown either side of the target line
# Colours meet WCAG AA text contrast (4.5:1): line numbers #666 read 5.7:1 on white and 5.1:1 on
# the target line's yellow (#888 read 3.5:1); white on the lost-character red 5.7:1.
STYLE = """<style>
.qogam-doc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem;
  line-height:1.5;border:1px solid rgba(128,128,128,.35);border-radius:.5rem;padding:.4rem 0}
.qogam-doc .row{display:flex;gap:.8rem;padding:0 .6rem}
.qogam-doc .no{flex:0 0 4.2em;text-align:right;color:#666;user-select:none}
.qogam-doc .tx{flex:1;white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4}
.qogam-doc .target{background:#fff3b0;color:#111;font-weight:600}
.qogam-doc .fixed .no::after{content:" \\2731";color:#185380}
.qogam-lost{background:#b8384a;color:#fff;border-radius:2px;padding:0 1px}
mark.qogam-match{background:#fff3b0;color:#111;padding:0 1px}
mark.qogam-number{background:#c7e9b4;color:#111;padding:0 1px}
</style>"""


@dataclass(frozen=True)
class Labels:
    """Tooltips of our markup, in the page language."""

    lost: str
    repaired: str


def window(line: int, n_lines: int, context: int = CONTEXT) -> tuple[int, int]:
    """First and last line shown around `line`, kept inside 1..n_lines and `2 * context + 1` long
    where the document allows (near its start or end the window slides rather than shrinks)."""
    size = 2 * context + 1
    first = max(1, min(line - context, n_lines - size + 1))
    return first, min(n_lines, first + size - 1)


def text_html(text: str, lost_title: str) -> str:
    """One line's text escaped, each lost character wrapped in a marked span."""
    mark = f'<span class="qogam-lost" title="{html.escape(lost_title)}">{LOST}</span>'
    return mark.join(html.escape(part) for part in text.split(LOST))


def lines_html(rows: Iterable[Mapping], target: int, labels: Labels, *, raw: bool = False) -> str:
    """The rows (`line`, `text`, `raw`, `repaired`) as one block; `raw` shows the snapshot's text.

    Rows are joined without newlines so nothing between them can be read as Markdown.
    """
    parts = []
    for row in rows:
        classes = ["row"]
        if row["line"] == target:
            classes.append("target")
        if row["repaired"]:
            classes.append("fixed")
        title = f' title="{html.escape(labels.repaired)}"' if row["repaired"] else ""
        body = html.escape(row["raw"]) if raw else text_html(row["text"], labels.lost)
        parts.append(f'<div class="{" ".join(classes)}" id="L{row["line"]}"{title}>'
                     f'<span class="no">{row["line"]}</span><span class="tx">{body}</span></div>')
    return f'<div class="qogam-doc">{"".join(parts)}</div>'
