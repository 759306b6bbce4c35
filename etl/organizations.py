"""The `organizations` rows: what the documents state about each organisation of the directory.

Founding year, region, city, focus and website are read from the text around the
organisation's mentions (a window of WINDOW characters either side), or left empty. A region
comes, in order of evidence, from a practice the organisation runs in one region of Kazakhstan
(not a nationwide, multi-country or unplaced one), a place in its own name, a place stated
right next to it, or the one region section all its mentions fall in (a source may divide its
text into sections per region, see `region_sections` in `etl/sources/`).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from conventions.codes import COUNTRY, INTERNATIONAL, UNSTATED
from etl.document import Document
from etl.org_directory import Directory, Mention, OrgEntry, case_sensitive, fold_text, name_regex
from etl.places import Places
from etl.vocabulary import tags

# --- organisation facts near a mention ---------------------------------------------------
# `{org}` stands for the organisation's names; a year is what the sentence states.
_OPEN_Q = "[«\"“‘']?"
_CLOSE_Q = "[»\"”’']?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
FOUNDED_PATTERNS = (
    rf"{{org}}{_CLOSE_Q}[^.;]{{0,60}}?\b(?:was |were )?(?:established|founded|created|registered|opened|appeared)"
    rf"\b[^.;]{{0,40}}?\b{_YEAR}\b",
    rf"\b(?:[Ee]stablished|[Ff]ounded|[Cc]reated|[Rr]egistered)\b[^.;]{{0,40}}?\b{_YEAR}\b,?\s+(?:the\s+|this\s+)?"
    rf"{_OPEN_Q}{{org}}",
    rf"\b{_YEAR}\b,?\s+(?:\w+\s+){{0,4}}?(?:created|founded|established)\s+(?:the\s+)?{_OPEN_Q}{{org}}",
    rf"\bsince\s+{_YEAR}\s+by\s+(?:the\s+)?{_OPEN_Q}{{org}}",
    rf"{{org}}{_CLOSE_Q}[^.;]{{0,40}}?\bwhich\s+has\s+been\s+(?:working|operating|active)\b[^.;]{{0,80}}?"
    rf"\bsince\s+{_YEAR}\b",
    rf"{{org}}{_CLOSE_Q}[^.;]{{0,40}}?(?:был[аио]?\s+)?(?:открыт|создан|основан|зарегистрирован)[а-я]*"
    rf"[^.;]{{0,30}}?\b{_YEAR}\b",
    # "dates back to October 10, 1990, when the Declaration 'On the Formation of the Federation ...'"
    rf"\b{_YEAR}\b,?\s+when\s+[^.;]{{0,40}}?\b(?:formation|creation|establishment|founding)\s+of\s+(?:the\s+)?"
    rf"{_OPEN_Q}{{org}}",
)
ANY_YEAR = re.compile(_YEAR)
# Where an organisation is: a place name right before it, "in <Place>" after its description
# (unless a "from ..." names someone else first: "letters from the patients of SMT in Temirtau"),
# "из <места>", or a place in brackets after its name. The captured text must resolve to a
# region in the gazetteer.
_NOT_FROM = r"(?!from\b)"
LOCATED_PATTERNS = (
    rf"(?P<place>[A-ZА-ЯЁ][\w-]+)(?:-based)?\s+{_OPEN_Q}{{org}}",
    rf"{{org}}{_CLOSE_Q}(?:\s+{_NOT_FROM}[A-Za-z'’-]+){{0,8}}?\s+in\s+(?P<place>[A-Z][^.,;]{{0,40}})",
    rf"{{org}}{_CLOSE_Q}\s+из\s+(?P<place>[^.,;]{{1,40}})",
    rf"{{org}}{_CLOSE_Q}\s+\((?P<place>[A-ZА-ЯЁ][\w-]+)\)",     # "CSO 'Angel' (Atbasar)"
)
# A practice run across the country, in several countries or in a place its document does not
# give says nothing about where its organisation is.
NOT_A_PLACE = frozenset({COUNTRY, INTERNATIONAL, UNSTATED})
WINDOW = 300                  # characters of context either side of a mention
VERB_REACH = 60               # a describing verb follows the organisation's name this closely
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n\s*\n")   # sentence ends and blank lines
# A published web address: with a scheme, with "www.", or after a "Website:" label.
URL_RE = re.compile(r"(?:(?:https?://|(?<=Website: ))(?:www\.)?|www\.)(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
MIN_WEBSITE_KEY = 5           # shorter domain names (kas, mnu) spell too many things


@dataclass(frozen=True)
class Section:
    """Lines `first`..`last` of a document speak of one region (a regional visit, a chapter)."""

    first: int
    last: int
    region_code: str


def build_organizations(docs: dict[str, Document], directory: Directory, mentions: list[Mention],
                        practices: list[dict], places: Places,
                        sections: dict[str, list[Section]]) -> list[dict]:
    """One `organizations` row per directory entry, its facts read from the documents;
    `sections` holds the region sections of the documents that have them, by source id."""
    by_org: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_org.setdefault(mention.org_id, []).append(mention)
    websites = assign_websites(docs, directory, mentions)
    # Every practice of an organisation, in document order (not manifest order): the build
    # must not depend on the order the manifest lists the sources in.
    practices = sorted(practices, key=lambda p: (p["source_id"], p["line"], p["practice_id"]))
    practice_texts: dict[str, list[str]] = {}
    for practice in practices:
        if practice["org_id"]:
            practice_texts.setdefault(practice["org_id"], []).append(practice["summary"])
    published = {source_id: doc.entry.year_published for source_id, doc in docs.items()}
    rows = []
    for entry in directory.entries.values():
        org_mentions = by_org[entry.org_id]
        windows = _windows(docs, org_mentions)
        located = _org_location(entry, org_mentions, windows, practices, places, sections)
        descriptions = _descriptions(entry, windows, directory) + practice_texts.get(entry.org_id, [])
        rows.append({
            "org_id": entry.org_id, "name": entry.name, "name_ru": entry.name_ru,
            "abbreviation": entry.abbreviation, "kind": entry.kind,
            "region_code": located[0] if located else None, "city": located[1] if located else None,
            "founded": _founded(entry, windows, published),
            "focus": ", ".join(tags(directory.focus, "\n".join([*entry.names, *descriptions]))) or None,
            "website": websites.get(entry.org_id),
        })
    return rows


@dataclass(frozen=True)
class Window:
    """Text around one mention: the place where facts about the organisation are stated, and
    its matching form (`fold_text`, same length), folded once for all the patterns."""

    source_id: str
    text: str
    line: int
    folded: str


def _windows(docs: dict[str, Document], mentions: list[Mention]) -> list[Window]:
    out, seen = [], set()
    for m in mentions:
        if (m.source_id, m.line) in seen:
            continue
        seen.add((m.source_id, m.line))
        doc = docs[m.source_id]
        start = doc.offset_of(m.line)
        end = start + len(doc.lines[m.line - 1])
        text = doc.text[max(0, start - WINDOW):end + WINDOW]
        out.append(Window(m.source_id, text, m.line, fold_text(text)))
    return out


def _org_regex(entry: OrgEntry) -> str:
    """All spellings of an organisation, words joined by any whitespace (line breaks too);
    used in patterns compiled case-insensitively, so names in capitals are fenced off."""
    names = sorted(entry.names, key=len, reverse=True)
    alternatives = ["(?-i:" + name_regex(n, r"\s+") + ")" if case_sensitive(n) else name_regex(n, r"\s+")
                    for n in names]
    return r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"


# The gap a pattern allows between the names (and their closing quote) and what it looks for.
_GAP_AFTER_NAMES = re.compile(r"^\[\^\.;\]\{0,\d+\}\?")   # the pattern text `[^.;]{0,60}?`


@dataclass(frozen=True)
class _Template:
    """A pattern with `{org}` (the organisation's names) at its start or its end, and `rest`:
    the pattern without the names and, after them, without the closing quote and gap that may
    follow them, compiled once. A match of the whole pattern holds a match of `rest` (the
    dropped parts only begin or end it; lookarounds see the same text), so the whole pattern is
    compiled only for an organisation whose windows `rest` matches: compiling every pattern for
    each of ~200 organisations took a second of every build. (A gap left at the start of `rest`
    would try every position of every window: slower than compiling.)"""

    source: str
    rest: re.Pattern[str]

    @classmethod
    def of(cls, source: str) -> _Template:
        if source.count("{org}") != 1 or not (source.startswith("{org}") or source.endswith("{org}")):
            raise ValueError(f"{{org}} must start or end the pattern, once: {source}")
        rest = source.replace("{org}", "")
        if source.startswith("{org}"):
            rest = _GAP_AFTER_NAMES.sub("", rest.removeprefix(_CLOSE_Q), count=1)
        return cls(source, re.compile(rest, re.IGNORECASE))


FOUNDED = tuple(_Template.of(p) for p in FOUNDED_PATTERNS)
LOCATED = tuple(_Template.of(p) for p in LOCATED_PATTERNS)


def _org_matches(entry: OrgEntry, templates: tuple[_Template, ...],
                 texts: list[str]) -> Iterator[tuple[int, re.Match[str]]]:
    """(index of the text, match) of every template for the organisation in every text,
    template by template, each text's matches left to right (as `finditer` finds them)."""
    org = None
    for template in templates:
        candidates = [i for i, text in enumerate(texts) if template.rest.search(text)]
        if not candidates:
            continue
        org = org or _org_regex(entry)
        pattern = re.compile(template.source.replace("{org}", org), re.IGNORECASE)
        for i in candidates:
            for m in pattern.finditer(texts[i]):
                yield i, m


def _founded(entry: OrgEntry, windows: list[Window], published: dict[str, int]) -> int | None:
    """The earliest founding (or start-of-work) year a document states for the organisation;
    only windows that hold a year can state one (every pattern captures it)."""
    dated = [w for w in windows if ANY_YEAR.search(w.folded)]
    years = [int(m.group("year")) for i, m in _org_matches(entry, FOUNDED, [w.folded for w in dated])
             if int(m.group("year")) <= published[dated[i].source_id]]
    return min(years) if years else None


def _org_location(entry: OrgEntry, mentions: list[Mention], windows: list[Window], practices: list[dict],
                  places: Places, sections: dict[str, list[Section]]) -> tuple[str, str | None] | None:
    """(region, city) in order of evidence: a practice it runs, its own name, a place stated
    next to it, or the one region section (of a document that has them) all its mentions fall in."""
    for practice in practices:
        if practice["org_id"] == entry.org_id and practice["region_code"] not in NOT_A_PLACE:
            return practice["region_code"], practice["city"]
    for finder in (lambda: _named_location(entry, places), lambda: _stated_location(entry, windows, places)):
        found = finder()
        if found:
            return found
    code = only_region(mentions, sections)
    return (code, None) if code else None


def _named_location(entry: OrgEntry, places: Places) -> tuple[str, str | None] | None:
    """A place in the organisation's own names ("Civil Alliance of Zhambyl Region"); 'KZ' for
    a name that covers the whole country ("... of Kazakhstan", "Internews-Kazakhstan")."""
    found = set()
    for name in entry.names:
        for start, _, code in places.gazetteer.find_in_text(name):
            if code != COUNTRY and name[:start].rstrip().endswith("-"):
                continue            # "Nevada-Semey": a place joined to another name is a name, not a seat
            found.add(places.place(name[start:]) or (code, None))
    return _agreed_place(found)


def _stated_location(entry: OrgEntry, windows: list[Window], places: Places) -> tuple[str, str | None] | None:
    """The one place the documents state right next to the organisation, if they agree."""
    found = set()
    for i, m in _org_matches(entry, LOCATED, [window.folded for window in windows]):
        place = places.place(windows[i].text[m.start("place"):m.end("place")])
        if place:
            found.add(place)
    return _agreed_place(found)


def _agreed_place(found: set[tuple[str, str | None]]) -> tuple[str, str | None] | None:
    """The one region all findings name (with its city when they name exactly one), else None."""
    codes = {code for code, _ in found}
    if len(codes) != 1:
        return None
    cities = {city for _, city in found if city}
    return codes.pop(), (cities.pop() if len(cities) == 1 else None)


def _descriptions(entry: OrgEntry, windows: list[Window], directory: Directory) -> list[str]:
    """Sentences that name the organisation and say what it does (a verb of activity). Only
    sentences holding one of the verbs at all are searched for the names, whose pattern is
    compiled only when there is one."""
    verbs = directory.focus_verb_words
    sentences = [sentence for window in windows for sentence in SENTENCE_SPLIT.split(window.folded)
                 if any(verb in sentence.casefold() for verb in verbs)]
    org = re.compile(_org_regex(entry), re.IGNORECASE) if sentences else None  # capitals stay case-sensitive
    out = []
    for sentence in sentences:
        m = org.search(sentence)
        if m and directory.focus_verbs.search(sentence[m.end():m.end() + VERB_REACH].casefold()):
            out.append(sentence)
    return list(dict.fromkeys(out))


def assign_websites(docs: dict[str, Document], directory: Directory, mentions: list[Mention]) -> dict[str, str]:
    """org_id -> site, from the web addresses the documents publish.

    An address belongs to an organisation whose name contains the address's domain name
    ("civilalliance.kz" -> Civil Alliance of Kazakhstan). When several names contain it (every
    regional Civil Alliance does), it belongs to the one named closest before the address in
    that document, as on a masthead or in a contact block. Each organisation keeps its first.
    """
    compact = {e.org_id: [re.sub(r"\W", "", n.casefold()) for n in e.names] for e in directory.entries.values()}
    lines_of: dict[tuple[str, str], list[int]] = {}
    for m in mentions:
        lines_of.setdefault((m.source_id, m.org_id), []).append(m.line)
    sites: dict[str, str] = {}
    for source_id, doc in sorted(docs.items()):          # by source id, not manifest order
        for m in URL_RE.finditer(doc.text):
            labels = m.group("host").lower().removeprefix("www.").split(".")
            label = re.sub(r"\W", "", labels[-2]) if len(labels) > 1 else ""
            if len(label) < MIN_WEBSITE_KEY:
                continue
            owners = [o for o, names in compact.items() if any(label in n for n in names)]
            line = doc.line_of(m.start())
            owner = _closest_before(owners, [lines_of.get((source_id, o), []) for o in owners], line)
            if owner is not None and owner not in sites:
                scheme, _, site = m.group(0).rpartition("://")
                sites[owner] = f"{scheme.lower() or 'https'}://{site.lower()}"
    return sites


def _closest_before(owners: list[str], lines: list[list[int]], line: int) -> str | None:
    """The owner named last at or before `line` (else first after it); None if none is named."""
    best: tuple[int, int, str] | None = None
    for owner, named in zip(owners, lines):
        for n in named:
            key = (0, line - n, owner) if n <= line else (1, n - line, owner)
            best = key if best is None or key < best else best
    return best[2] if best else None


def only_region(mentions: list[Mention], sections: dict[str, list[Section]]) -> str | None:
    """The region of the one section holding every mention, if there is one; None as soon as a
    mention lies in a document without sections or outside them."""
    codes = set()
    for m in mentions:
        if m.source_id not in sections:
            return None
        inside = [s.region_code for s in sections[m.source_id] if s.first <= m.line <= s.last]
        if not inside:
            return None
        codes.add(inside[0])
    return codes.pop() if len(codes) == 1 else None
