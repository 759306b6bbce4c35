"""The animals compendium's layout: 21 practices, each as a catalog entry and a long profile.

The compendium lists its practices twice: a short catalog entry (title, region, focus areas,
lead, tagline, one summary paragraph) and, further on, a long profile (a headline, the same
fields plus contacts, and several paragraphs). Both are located by their "Focus Area(s):"
line, told apart by their number of paragraphs and paired in order; the layout is asserted
(N_PRACTICES + N_PRACTICES, catalog first, each pair describing the same project) so that a
different edition of the document stops the build instead of silently mis-pairing.

The row of each practice is then read from the pair with the shared rules of
`etl/practice_rows.py` (id, scope, start year, key figures) and the vocabulary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from conventions.errors import EtlError
from etl.alphabets import mostly_latin
from etl.document import Document
from etl.model import Observation
from etl.practice_rows import (
    PracticeKit,
    Practices,
    paragraph_figures,
    practice_scope,
    slugify,
    title_as_written,
    title_case,
    year_started,
)
from etl.privacy import HANDLE_REMOVED
from etl.vocabulary import Vocabulary, tags

N_PRACTICES = 21
ANCHOR_RE = re.compile(r"\bFocus Areas?:")
FIELD_RE = re.compile(r"(?<![\w/])(?P<key>Region|Focus Areas?|Project Leads?(?:/Coordinator)?|Coordinator"
                      r"|Coordination|Initiator|E-mail|Instagram|TikTok|Website|Telegram):\s*")
LEAD_KEYS = ("Project Lead/Coordinator", "Project Leads", "Project Lead", "Coordinator", "Coordination",
             "Initiator")
LINK_RE = re.compile(r"(?P<kind>Instagram|TikTok|Telegram(?: Bot)?|Website):\s*(?P<value>[^)\n]+)")
LINK_PREFIX = {"Instagram": "https://www.instagram.com/", "TikTok": "https://www.tiktok.com/@",
               "Telegram": "https://t.me/", "Telegram Bot": "https://t.me/"}
QUOTED_RE = re.compile(r"[\"“«]([^\"”»]+)[\"”»]")
PERSON_RE = re.compile(r"^(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?:, [a-z ]+)?$")
SENTENCE_END = (".", "!", "?", "\"", "”", "»", "…")
MIN_PARAGRAPH = 100          # a summary or body paragraph; headers and fields are shorter
MIN_PAIR_SIMILARITY = 0.5    # word overlap of a catalog summary and its profile's summary
UNDATED_NOTE = "the profile states no year; year of the compendium's publication"


def read_practices(doc: Document, kit: PracticeKit) -> Practices:
    """Every practice of the compendium as a `practices` row, with the key figures of its profile."""
    pairs = locate_practices(doc)
    rows = [build_practice(doc, pair, kit) for pair in pairs]
    observations = [obs for pair, row in zip(pairs, rows)
                    for obs in practice_figures(doc, pair.profile, row, kit.vocabulary, kit.unit)]
    mentions = [{"practice_id": row["practice_id"], "source_id": doc.source_id, "line": entry.start,
                 "end_line": _last_text_line(doc, entry), "role": role}
                for pair, row in zip(pairs, rows)
                for entry, role in ((pair.catalog, "entry"), (pair.profile, "profile"))]
    return Practices(rows, observations, mentions)


def _last_text_line(doc: Document, entry: Entry) -> int:
    """The entry's last line that is not blank (an entry runs up to the next one's header)."""
    return next(n for n in range(entry.end, entry.start - 1, -1) if doc.lines[n - 1].strip())


def practice_figures(doc: Document, profile: Entry, practice: dict, vocabulary: Vocabulary,
                     unit: str) -> list[Observation]:
    """Observations of the key numbers in a profile's English paragraphs."""
    out = []
    for number, text in profile.paragraphs:
        if not mostly_latin(text):
            continue   # a Russian screenshot caption, not the profile's text
        out += paragraph_figures(doc, number, text, practice, vocabulary, unit, UNDATED_NOTE)
    return out



def _is_paragraph(text: str) -> bool:
    text = text.strip()
    return len(text) >= MIN_PARAGRAPH and text.endswith(SENTENCE_END)


def _fields(text: str) -> list[tuple[str, str]]:
    """(key, value) pairs of a field line ("Region: X* Focus Area: Y" holds two); [] otherwise."""
    stripped = text.strip()
    matches = list(FIELD_RE.finditer(stripped))
    if not matches or matches[0].start() != 0:
        return []
    out = []
    for m, nxt in zip(matches, matches[1:] + [None]):
        value = stripped[m.end():nxt.start() if nxt else len(stripped)]
        out.append((m.group("key"), value.strip(" *\t")))
    return out


@dataclass
class Entry:
    """One catalog entry or long profile: its lines, fields, header lines and paragraphs."""

    start: int                                    # 1-based first line (headline or title)
    end: int                                      # 1-based last line
    anchor: int                                   # the "Focus Area(s):" line
    header: list[tuple[int, str]] = field(default_factory=list)
    fields: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    tagline: str | None = None

    def value(self, key: str) -> str | None:
        values = self.fields.get(key)
        return values[0][1] if values else None

    def line_of(self, key: str) -> int | None:
        values = self.fields.get(key)
        return values[0][0] if values else None

    @property
    def focus(self) -> str:
        return " ".join(v for key in ("Focus Area", "Focus Areas") for _, v in self.fields.get(key, []))

    @property
    def summary(self) -> str:
        return self.paragraphs[0][1].strip()


@dataclass
class PracticeSource:
    """A practice's catalog entry and its long profile."""

    catalog: Entry
    profile: Entry


def _header_start(lines: list[str], anchor: int) -> int:
    """0-based first line of the entry whose "Focus" line is `anchor`: the run of short
    English lines (headline, title, host, fields) above it, up to the previous paragraph."""
    start = anchor
    for i in range(anchor - 1, -1, -1):
        text = lines[i].strip()
        if not text:
            continue
        if _is_paragraph(text) or not mostly_latin(text):
            break
        start = i
    return start


def _parse_entry(lines: list[str], start: int, end: int, anchor: int) -> Entry:
    """Split lines[start:end] (0-based) into header lines, fields, tagline and paragraphs."""
    entry = Entry(start=start + 1, end=end, anchor=anchor + 1)
    last_key: str | None = None
    for i in range(start, end):
        text = lines[i].strip()
        number = i + 1
        if not text:
            continue
        pairs = _fields(text)
        if pairs:
            for key, value in pairs:
                entry.fields.setdefault(key, []).append((number, value))
            last_key = pairs[-1][0]
        elif _is_paragraph(text):
            entry.paragraphs.append((number, text))
            last_key = None
        elif last_key and text[:1].islower():
            line0, value = entry.fields[last_key][-1]
            entry.fields[last_key][-1] = (line0, f"{value} {text}")      # a wrapped field value
        elif i < anchor:
            entry.header.append((number, text))
        elif entry.tagline is None and not entry.paragraphs and QUOTED_RE.fullmatch(text):
            entry.tagline = text.strip("\"“”")
        elif not entry.paragraphs:
            entry.header.append((number, text))
    return entry


def locate_practices(doc: Document) -> list[PracticeSource]:
    """The N_PRACTICES (catalog entry, profile) pairs, asserting the compendium's layout."""
    lines = doc.lines
    anchors = [i for i, text in enumerate(lines) if ANCHOR_RE.search(text)]
    starts = [_header_start(lines, a) for a in anchors]
    entries = [_parse_entry(lines, s, e, a)
               for s, e, a in zip(starts, starts[1:] + [len(lines)], anchors)]
    catalog = [e for e in entries if len(e.paragraphs) == 1]
    profiles = [e for e in entries if len(e.paragraphs) > 1]
    if len(catalog) != N_PRACTICES or len(profiles) != N_PRACTICES or len(entries) != 2 * N_PRACTICES:
        raise EtlError(doc.file, "practices-layout",
                       f"expected {N_PRACTICES} catalog entries and {N_PRACTICES} profiles, found "
                       f"{len(catalog)} and {len(profiles)} among {len(entries)} 'Focus Area' blocks")
    if catalog[-1].start > profiles[0].start:
        raise EtlError(doc.file, "practices-layout", "catalog entries and profiles are interleaved",
                       profiles[0].start)
    pairs = [PracticeSource(c, p) for c, p in zip(catalog, profiles)]
    for pair in pairs:
        similarity = _overlap(pair.catalog.summary, pair.profile.summary)
        if similarity < MIN_PAIR_SIMILARITY:
            raise EtlError(doc.file, "practices-layout",
                           f"profile at line {pair.profile.start} does not describe catalog entry at line "
                           f"{pair.catalog.start} (summary overlap {similarity:.2f})", pair.profile.start)
    return pairs


def _overlap(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"\w+", a.casefold())), set(re.findall(r"\w+", b.casefold()))
    return len(wa & wb) / max(1, len(wa | wb))


# ============================================================================================



def build_practice(doc: Document, pair: PracticeSource, kit: PracticeKit) -> dict:
    """One `practices` row from a catalog entry and its profile."""
    catalog, profile = pair.catalog, pair.profile
    vocabulary, directory = kit.vocabulary, kit.directory
    title = practice_title(doc, pair)
    region_text = catalog.value("Region") or profile.value("Region")
    region_line = catalog.line_of("Region") or profile.line_of("Region") or catalog.start
    location = kit.places.locate_practice(region_text, doc.file, region_line)
    org_id = kit.matcher.first([text for _, text in catalog.header + profile.header])
    declared = _declared_text(title, pair)
    full = _full_text(declared, pair)
    scope_text = " ".join(v for e in (catalog, profile) for _, v in e.fields.get("Region", []))
    return {
        "practice_id": slugify(title),
        "title": title,
        "organization": directory.entries[org_id].name if org_id else None,
        "org_id": org_id,
        "region_code": location.region_code,
        "city": location.city,
        "lat": location.lat,
        "lon": location.lon,
        "scope": practice_scope(vocabulary, scope_text, location),
        "themes": [vocabulary.focus_parent],   # the compendium's focus areas are its sub-themes
        "focus_areas": tags(vocabulary.focus, declared) or tags(vocabulary.focus, full),
        "target_groups": tags(vocabulary.target, full),
        "lead": practice_lead(pair, vocabulary),
        "year_started": year_started(profile.paragraphs, vocabulary, doc.entry.year_published),
        "summary": catalog.summary,
        "links": practice_links(pair),
        "source_id": doc.source_id,
        "line": catalog.start,
        "profile_line": profile.start,
    }


def _declared_text(title: str, pair: PracticeSource) -> str:
    """What the compendium declares about a practice: title, headers, focus lines, tagline."""
    parts = [title]
    for entry in (pair.catalog, pair.profile):
        parts += [text for _, text in entry.header] + [entry.focus, entry.tagline or ""]
    return "\n".join(parts)


def _full_text(declared: str, pair: PracticeSource) -> str:
    """The declared text and both summaries: who a practice serves is told in the summaries."""
    return "\n".join([declared, pair.catalog.summary, pair.profile.summary])


def practice_title(doc: Document, pair: PracticeSource) -> str:
    """The practice's name as the running text spells it ("HUMANE CARE" -> "Humane Care")."""
    candidates = _title_candidates(pair)
    for candidate in candidates:
        shown = title_as_written(doc.text, candidate)
        if shown:
            return shown
    return title_case(candidates[0])


def _title_candidates(pair: PracticeSource) -> list[str]:
    """Quoted names of the title lines, catalog first; an unquoted catalog title as is."""
    first = pair.catalog.header[0][1]
    quoted = QUOTED_RE.findall(first)
    candidates = quoted or [re.sub(r"\s*\([^)]*\)", "", first).strip()]
    for _, text in pair.profile.header:
        candidates += QUOTED_RE.findall(text)
    return [c.strip() for c in candidates if c.strip()]


def practice_lead(pair: PracticeSource, vocabulary: Vocabulary) -> str | None:
    """Lead or coordinator as published; else a person named on a header line of the entry."""
    for entry in (pair.catalog, pair.profile):
        values = [v for key in LEAD_KEYS for _, v in entry.fields.get(key, [])]
        if values:
            return "; ".join(dict.fromkeys(values))
    for _, text in pair.catalog.header[1:]:
        m = PERSON_RE.match(text)
        if m and not {w.casefold() for w in text.split()} & vocabulary.descriptor_words:
            return m.group("name")
    return None


def practice_links(pair: PracticeSource) -> list[str]:
    """Website and social-media URLs of the entry's contact and header lines, as URLs; a
    private person's account, already replaced by etl.privacy, is left out."""
    links: list[str] = []
    for entry in (pair.catalog, pair.profile):
        texts = [t for _, t in entry.header] + [f"{k}: {v}" for k, vs in entry.fields.items() for _, v in vs]
        for text in texts:
            for m in LINK_RE.finditer(text):
                links += [_link(m.group("kind"), item) for item in m.group("value").split(",")
                          if item.strip() and HANDLE_REMOVED not in item]
    return list(dict.fromkeys(links))


def _link(kind: str, item: str) -> str:
    """'@handle', '[@handle](url)', '<url>' or 'domain.tld' as a full URL."""
    item = item.strip()
    markdown = re.fullmatch(r"\[[^\]]*\]\((?P<url>[^)]+)\)?", item)
    if markdown:
        return markdown.group("url")
    item = item.strip("<>")
    if item.startswith("@"):
        return LINK_PREFIX.get(kind, "https://") + item[1:]
    return item if re.match(r"https?://", item) else f"https://{item}"
