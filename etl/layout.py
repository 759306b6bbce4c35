"""Traces of the printed page in a document's text: page-number lines and words broken at a line end.

Every reader of running text (sentences for search, region names, table labels) must skip
the same page numbers and re-join the same broken words, so both rules live here once.
"""
from __future__ import annotations

import re

# A line holding only a page number, or the two numbers of facing pages ("34 35").
PAGE_NUMBER_LINE = re.compile(r"^\s*\d{1,3}(\s+\d{1,3})?\s*$")
# A hyphen (or U+2010, or a soft hyphen) at a line end, with the blanks (and blank lines) after it.
_HYPHENS = ("-", "\u2010", "\u00ad")
_BREAK = re.compile(r"[-\u2010\u00ad][ \t]*\r?\n\s*")


def is_page_number_line(line: str) -> bool:
    """A line that is only the page number(s) of the printed layout."""
    return PAGE_NUMBER_LINE.match(line) is not None


def word_break_end(text: str, position: int) -> int | None:
    """Where the next line resumes the word, when the hyphen at `position` breaks a word across a
    line end ("volun-\\nteers", "Вос-\\nточно"): a lower-case letter on both sides. None for a
    compound's own hyphen before a capital ("Восточно-\\nКазахстанской") or no hyphen at all."""
    if text[position:position + 1] not in _HYPHENS:     # most callers ask after every word
        return None
    m = _BREAK.match(text, position)
    if m is None or position == 0 or m.end() >= len(text):
        return None
    return m.end() if text[position - 1].islower() and text[m.end()].islower() else None


def breaks_word(line: str, next_line: str) -> bool:
    """`line` ends in a hyphen that breaks a word which `next_line` (stripped) continues."""
    return bool(line) and word_break_end(f"{line}\n{next_line}", len(line) - 1) is not None


def join_broken_words(text: str) -> str:
    """`text` with every word broken across a line end joined again (hyphen and break removed)."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        end = word_break_end(text, m.start())
        if end is not None:
            out.append(text[start:m.start()])
            start = end
    out.append(text[start:])
    return "".join(out)
