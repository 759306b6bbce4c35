"""Rules that turn a practice described in a document into a `practices` row and its key figures.

Shared by every document that describes practices; how a document lays its practices out
(which lines hold the title, the region, the lead) is read by that source's own module in
`etl/sources/<source_id>/`, which calls these rules. Everything here works on text: the
practice's id from its title, its scope from its region lines, its start year and key figures
from its paragraphs, all by the keyword rules of ``data/reference/practice_vocabulary.toml``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from conventions.codes import COUNTRY
from conventions.numbers import find_numbers
from etl.document import Document
from etl.model import Observation
from etl.org_directory import AliasMatcher, Directory
from etl.places import Location, Places
from etl.vocabulary import Vocabulary

PRACTICE_INDICATOR = "practice_figure"
SMALL_WORDS = frozenset(["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"])
SLUG_WORDS = 7
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class PracticeKit:
    """What a source's practice reader is handed: the vocabularies, the directory, the places,
    and the unit of the practices' key figures."""

    vocabulary: Vocabulary
    directory: Directory
    matcher: AliasMatcher
    places: Places
    unit: str


@dataclass
class Practices:
    """What a source's practice reader returns: `practices` rows, their key figures and the
    passages that describe them (`practice_mentions` rows)."""

    rows: list[dict]
    observations: list[Observation]
    mentions: list[dict] = field(default_factory=list)


def title_as_written(text: str, name: str) -> str | None:
    """`name` with each all-capitals part ("HEART TO PAW: Educating ...") replaced by its
    first mixed-case occurrence in the document; None when a part never occurs so."""
    parts = []
    for part in name.split(": "):
        if any(c.islower() for c in part):
            parts.append(part)
            continue
        core = part.rstrip("!?.")
        found = next((m.group(0) for m in re.finditer(rf"(?<!\w){re.escape(core)}(?!\w)", text, re.IGNORECASE)
                      if any(c.islower() for c in m.group(0))), None)
        if found is None:
            return None
        parts.append(found + part[len(core):])
    return ": ".join(parts)


def title_case(name: str) -> str:
    """A title printed in capitals, cased as a title ("HUMANE CARE" -> "Humane Care")."""
    words = name.lower().split()
    return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def slugify(title: str) -> str:
    """A readable id: the title before any colon, ASCII, at most SLUG_WORDS words."""
    ascii_text = unicodedata.normalize("NFKD", title.split(":")[0]).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:SLUG_WORDS]
    while words and words[-1] in SMALL_WORDS:
        words.pop()
    return "-".join(words)


def practice_scope(vocabulary: Vocabulary, region_text: str, location: Location) -> str:
    """online / national by the region lines' keywords; else local (a city) or regional."""
    folded = region_text.casefold()
    for term in vocabulary.scope:
        if term.pattern is not None and term.pattern.search(folded):
            return term.term_id
    return "regional" if location.city is None and location.stated and location.region_code != COUNTRY \
        else "local"


def year_started(paragraphs: list[tuple[int, str]], vocabulary: Vocabulary, published: int) -> int | None:
    """The first year the paragraphs state for the practice's start (see the vocabulary)."""
    for _, text in paragraphs:
        for pattern in vocabulary.year_patterns:
            for m in pattern.finditer(text):
                year = int(m.group("year"))
                if year <= published:
                    return year
    return None


def paragraph_figures(doc: Document, line: int, paragraph: str, practice: dict, vocabulary: Vocabulary,
                      unit: str, undated_note: str) -> list[Observation]:
    """Observations of the key numbers of an English paragraph that starts at `line`;
    `undated_note` explains the year of a sentence that states none."""
    out = []
    for sentence in SENTENCE_END.split(paragraph):
        out += sentence_figures(doc, line, sentence.strip(), practice, vocabulary, unit, undated_note)
    return out


def sentence_figures(doc: Document, line: int, sentence: str, practice: dict, vocabulary: Vocabulary,
                     unit: str, undated_note: str) -> list[Observation]:
    """A sentence's key numbers: a count followed by a counted noun of the vocabulary."""
    years = _sentence_years(sentence, doc.entry.year_published)
    out = []
    for n in find_numbers(sentence, "en"):
        if n.is_percent or n.currency:
            continue
        after = sentence[n.end:].lstrip()
        rule = next((r for r in vocabulary.counted if r.pattern.match(after)), None)
        if rule is None:
            continue
        clause = _clause(sentence, n.start).casefold()
        suffix = "".join(a.suffix for a in vocabulary.actions if a.pattern.search(clause))
        out.append(Observation(
            indicator_id=PRACTICE_INDICATOR, region_code=practice["region_code"],
            year_start=years[0], year_end=years[1], value=n.value, value_high=n.value_high,
            unit=unit, qualifier=n.qualifier, source_id=doc.source_id, line=line, quote=sentence,
            category=rule.category + suffix, practice_id=practice["practice_id"],
            note=None if years[2] else undated_note, basis="organisation_report"))
    return out


def _clause(sentence: str, position: int) -> str:
    """The part of a sentence between the ', ' / '; ' / ': ' separators around `position`."""
    bounds = [0] + [m.end() for m in re.finditer(r"[,;:]\s", sentence)] + [len(sentence) + 2]
    for lo, hi in zip(bounds, bounds[1:]):
        if lo <= position < hi:
            return sentence[lo:hi]
    return sentence


def _sentence_years(sentence: str, published: int) -> tuple[int, int, bool]:
    """(start, end, stated) of the period a sentence speaks of; "since Y" runs to publication."""
    since = re.search(r"\b[Ss]ince (?:its inception in )?((?:19|20)\d\d)\b", sentence)
    if since:
        return int(since.group(1)), published, True
    years = [int(y) for y in re.findall(r"(?<![Bb]orn in )\b((?:19|20)\d\d)\b", sentence) if int(y) <= published]
    if years:
        return min(years), max(years), True
    return published, published, False
