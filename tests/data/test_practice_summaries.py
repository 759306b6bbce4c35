"""Every practice's summary (all sources) is the document's own sentences, cleanly joined.

Issue 14 wants "a summary taken from the document's own sentences": in the built database each
summary must be found in one of its practice's passages (source_lines of practice_mentions),
allowing only what joining printed lines changes — whitespace, and a hyphen that broke a word at a
line end; it must begin where a sentence (or a list item) of the document begins, and carry no
trace of the printed line breaks ("organi- zation", "Center- Operator", double spaces). Whether a
hyphen at a line end breaks a word or belongs to a compound is read from the same document: the
form it prints inside a line elsewhere ("non-governmental" in the book, "волонтёрства" in 2023).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from conventions.codes import LOST
from etl.context import make_context
from etl.practice_specs import PracticeEntry, Spelling, locate

CUT = " …"                                   # the default summary's mark of a cut long sentence
# A summary begins with a capital, a digit, an opening quote or bracket, or a list bullet ...
OPENERS = "«“‘\"'(•–—-"
# ... where the passage or a paragraph starts, after a sentence end (with its closing quotes, or
# the book's mark of a lost punctuation mark) ...
AFTER_SENTENCE = re.compile(rf"[.!?…:;{LOST}][»”’\"')]*\s*$|\n[ \t]*\n\s*$")
# ... or at a list item: a bullet or number at the start of a line, or after an item's ';'.
AFTER_BULLET = re.compile(r"(?:^|\n)[ \t]*(?:[•\-–—]|\d{1,2}[.)])[ \t]*$|;\s*$")
LINE_END_HYPHEN = re.compile(r"(\w+)[-\u2010\u00ad][ \t]*\n\s*(\w+)")
WORD_RE = re.compile(r"\w+(?:-\w+)*")


@pytest.fixture(scope="module")
def summaries(built_db: Path) -> list[tuple[str, str, str, list[str]]]:
    """(practice_id, source_id, summary, [passage text with its line breaks, ...]) of every practice."""
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        rows = con.execute("""
            SELECT p.practice_id, p.source_id, p.summary,
                   list(m.text ORDER BY m.line) AS passages
            FROM practices AS p
            JOIN (SELECT m.practice_id, m.source_id, m.line,
                         string_agg(l.text, chr(10) ORDER BY l.line) AS text
                  FROM practice_mentions AS m
                  JOIN source_lines AS l
                    ON l.source_id = m.source_id AND l.line BETWEEN m.line AND m.end_line
                  GROUP BY ALL) AS m
              ON m.practice_id = p.practice_id AND m.source_id = p.source_id
            GROUP BY ALL ORDER BY p.practice_id""").fetchall()
    finally:
        con.close()
    return rows


@pytest.fixture(scope="module")
def inline_words(built_db: Path) -> dict[str, Counter]:
    """Per source, how often each word (hyphenated compounds whole) is printed inside one line."""
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        lines = con.execute("SELECT source_id, text FROM source_lines").fetchall()
    finally:
        con.close()
    found: dict[str, Counter] = {}
    for source_id, text in lines:
        found.setdefault(source_id, Counter()).update(w.casefold() for w in WORD_RE.findall(text))
    return found


def printed_as(summary: str) -> re.Pattern[str]:
    """A regex finding `summary` in passage text: a space of the summary stands for any whitespace
    (line breaks too); a hyphen may have been followed by a line break (or a stray space); between
    two letters the document may break the word with a hyphen at a line end."""
    parts = []
    for i, char in enumerate(summary):
        if char == " ":
            parts.append(r"\s+")
        elif char == "-":
            parts.append(r"-\s*")
        else:
            parts.append(re.escape(char))
            if char.isalpha() and i + 1 < len(summary) and summary[i + 1].isalpha():
                parts.append(r"(?:[-\u2010\u00ad][ \t]*\n\s*)?")
    return re.compile("".join(parts))


def starts_well(summary: str) -> bool:
    return summary[:1].isupper() or summary[:1].isdigit() or summary[:1] in OPENERS


def test_every_summary_is_found_in_its_passages(summaries: list) -> None:
    missing = [(pid, summary) for pid, _, summary, passages in summaries
               if not any(printed_as(summary.removesuffix(CUT)).search(text) for text in passages)]
    assert len(summaries) > 100
    assert not missing, f"{len(missing)} summaries are not text of their passages: {missing[:5]}"


def test_every_summary_starts_a_sentence_or_a_list_item(summaries: list) -> None:
    bad = []
    for pid, _, summary, passages in summaries:
        found = next((m for text in passages for m in [printed_as(summary.removesuffix(CUT)).search(text)] if m),
                     None)
        if found is None:
            continue                                   # reported by the test above
        before = found.string[:found.start()]
        at_start = before.strip() == "" or AFTER_SENTENCE.search(before)
        if not (AFTER_BULLET.search(before) or (at_start and starts_well(summary))):
            bad.append((pid, before[-40:], summary[:60]))
    assert not bad, f"{len(bad)} summaries start mid-sentence: {bad[:8]}"


def test_no_summary_carries_line_break_artefacts(summaries: list) -> None:
    bad = [(pid, m.group(0)) for pid, _, summary, _ in summaries
           for m in [re.search(r"\s{2,}|[\n\t]|^\s|\s$|\w[-\u2010\u00ad]\s+\w|\u00ad", summary.removesuffix(CUT))] if m]
    assert not bad, f"{len(bad)} summaries keep line-break traces: {bad[:8]}"


def test_line_end_hyphens_follow_the_documents_own_spelling(summaries: list, inline_words: dict) -> None:
    """A word broken at a line end is joined ("во-/лонтёрства" -> "волонтёрства"), a compound keeps
    its hyphen ("non-/governmental"), as the same document prints the word inside a line."""
    bad = []
    for pid, source_id, summary, passages in summaries:
        words = inline_words[source_id]
        folded = summary.casefold()
        for text in passages:
            for m in LINE_END_HYPHEN.finditer(text):
                head, tail = m.group(1).casefold(), m.group(2).casefold()
                joined, compound = head + tail, f"{head}-{tail}"
                if words[compound] and not words[joined] and re.search(rf"(?<!\w){joined}(?!\w)", folded):
                    bad.append((pid, joined, "should keep its hyphen"))
                if words[joined] and not words[compound] and re.search(rf"(?<!\w){compound}(?!\w)", folded):
                    bad.append((pid, compound, "should be one word"))
    assert not bad, f"{len(bad)} summaries join line-end hyphens against the document: {bad[:8]}"


def test_summaries_read_in_the_documents(built_db: Path) -> None:
    """Oracles read in the documents: wrapped first lines are text, compounds keep their hyphens."""
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        summary = dict(con.execute("SELECT practice_id, summary FROM practices").fetchall())
    finally:
        con.close()
    # book lines 1006-1007: "The introduction of the grant policy has shown / itself to be ..."
    assert summary["state-grants-for-csos"].startswith("The introduction of the grant policy has shown itself ")
    # book lines 5056-5057: "... for Large and Low- Income / Families"
    assert "for Large and Low-Income Families ‘Bakytty Otbasy’" in summary["bakytty-otbasy-centers"]
    # 2023 lines 2779-2780: "... что молодежное во-/лонтерство поддерживается"
    assert summary["ngo-house-kostanay"].startswith("Специфика реализации функций РФО в регионе связана с тем, "
                                                    "что молодежное волонтерство поддерживается")


def test_a_heading_is_told_from_a_wrapped_line() -> None:
    """The book's two-line heading "Structure and system of the Civil / Alliance of Kazakhstan" is
    left out of the body; its wrapped "One of the incentive measures is the International /
    Volunteer of the Year Award" (a capital after a full line) is not."""
    doc = make_context().docs["civil-society-30y-2021"]
    spelling, entry = Spelling.of(doc.lines), PracticeEntry(Path("practices.toml"), {"id": "oracle"})
    heading = locate(doc, spelling, entry, "^Structure and system of the Civil")
    assert heading.text.startswith("Structure and system of the Civil Alliance of Kazakhstan Today more than")
    assert heading.body.startswith("Today more than")
    wrapped = locate(doc, spelling, entry, "^One of the incentive measures is the International")
    assert wrapped.body == wrapped.text
    assert wrapped.text.startswith("One of the incentive measures is the International Volunteer of the Year Award")
    assert "the Nevada-Semey Movement" in locate(doc, spelling, entry, "^the Nevada- Semey Movement").text
