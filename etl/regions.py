"""Region gazetteer: one ISO 3166-2 code for every way the documents spell a region.

The five sources name the same 20 first-level units in English (including machine-translated
and OCR-typo spellings), in Russian in every grammatical case, in Kazakh, by abbreviation
(ВКО, СКО) and by a city standing for its region (Taraz, Oskemen). Everything downstream —
tables, the map, mention tagging — joins on the code, so the spelling chaos is absorbed here,
once, from a reviewed alias list (data/reference/region_aliases.csv) rather than by ad-hoc
string fixes scattered over the extractors.

Matching works on *keys*: a name is tokenised, case-folded, Kazakh letters folded to their
Russian look-alikes (Қ→К, Ұ→У, ...), Latin diacritics dropped, leading prepositions and
"city"/"г." words dropped, and any region word (region, oblast, область, облысы, ...) at
either edge replaced by one marker. That way "в Карагандинской области", "Karagandy region"
and "Karaganda Oblast" need only the aliases "карагандинской" and "karagandy"/"karaganda".
The marker is kept as a *first* candidate so that the few names whose meaning changes with
the region word still work: "Almaty" is the city KZ-75, but "Almaty region" / "Алматы облысы"
is KZ-19 (the alias list stores those two with the region word).

The alias file's ``note`` column may start with a flag that only affects free-text tagging
(:meth:`Gazetteer.find_in_text`), never :meth:`Gazetteer.resolve`:

* ``[qualified]`` — the spelling is also a common word or a person's name (Абай, Satpayev,
  Oral, семей = "families"), so in running text it counts only next to a region or city word
  ("области Абай", "г. Сатпаев").
* ``[resolve-only]`` — a descriptive phrase for the whole country ("nationwide",
  "по стране") that a *field* may hold but that is not a place name to tag in prose.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from conventions.codes import COUNTRY
from conventions.errors import EtlError
from etl.layout import word_break_end
from etl.text import read_csv_rows

DEFAULT_REFERENCE_DIR = Path("data/reference")
REGIONS_FILE = "regions.csv"
ALIASES_FILE = "region_aliases.csv"
REGION_COLUMNS = ("region_code", "name_en", "name_ru", "name_kk", "kind", "lat", "lon", "created_year",
                  "carved_from")
ALIAS_COLUMNS = ("alias", "region_code", "lang", "note")

#: Stands for any region word inside a key; never produced by tokenising real text.
REGION_MARK = "<region>"

FLAG_QUALIFIED = "[qualified]"
FLAG_RESOLVE_ONLY = "[resolve-only]"

# Folded forms (see _fold). Singular and plural, because tables say "Almaty regions" too.
REGION_WORDS = frozenset(
    ["region", "regions", "oblast", "oblasts", "oblys", "oblysy", "province", "provinces", "область", "области",
     "областью", "областей", "областях", "областям", "областями", "обл", "регион", "региона", "регионе", "региону",
     "регионом", "регионы", "регионов", "регионах", "регионам", "регионами", "облысы", "облыстык", "облыстары",
     "облысынын"]
)
PLURAL_REGION_WORDS = frozenset(
    ["regions", "oblasts", "provinces", "областей", "областях", "областям", "областями", "регионы", "регионов",
     "регионах", "регионам", "регионами", "облыстары"]
)
CITY_WORDS = frozenset(
    ["city", "town", "г", "гор", "город", "города", "городе", "городу", "городом", "каласы", "каласынын", "qalasy"]
)
# Dropped only at the start of a name: "в Карагандинской области", "the city of Almaty".
LEADING_FILLERS = frozenset(["в", "во", "по", "из", "на", "к", "у", "от", "до", "для", "the", "in", "of", "from", "at"])
# A name right after a Russian street word or before an English one is a street, not a
# place mention ("ул. Туркестанская", "улице Конаева", "Kunaev St").
STREET_PREFIXES = frozenset(
    ["ул", "улица", "улице", "улицы", "улицу", "пр", "проспект", "проспекте", "проспекта", "мкр", "микрорайон",
     "бульвар", "бульваре", "площадь"]
)
STREET_SUFFIXES = frozenset(["street", "str", "st", "avenue", "ave", "boulevard", "blvd"])
# Inside one multi-word name only spaces and hyphens may separate the words: "Алматы,
# области Жетысу" is the city followed by another region, not "Almaty region".
_INNER_GAP_RE = re.compile(r"[\s\-\u2010\u00ad]*")

_KAZAKH_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
_WORD_RE = re.compile(r"[^\W_]+")
_PAREN_RE = re.compile(r"\([^()]*\)")
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*)?(?:(?:and|и|&)\s+)?", re.IGNORECASE)


def _strip_latin_diacritics(text: str) -> str:
    """Drop accents from Latin letters only: "Atyraū" -> "Atyrau" but "й" stays "й"."""
    out = []
    for ch in text:
        if ch.isascii() or not ch.isalpha():
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)[0]
        out.append(base if base.isascii() else ch)
    return "".join(out)


def _light(word: str) -> str:
    """The stored (human-readable) form of a token: case-folded, ё -> е."""
    return word.casefold().replace("ё", "е")


@cache
def _fold(word: str) -> str:
    """The matching form of a token: light form, Kazakh letters and Latin accents folded.

    Folding makes "Ақтау"/"Актау", "Ұлытау"/"Улытау" and "Aqtöbe"/"Aqtobe" one key each, so the
    alias list need not repeat every script variant. Cached: tagging folds every word of every
    sentence, and the documents repeat their words.
    """
    return _strip_latin_diacritics(_light(word).translate(_KAZAKH_FOLD))


@dataclass(frozen=True)
class Token:
    """One word of a text with its character span; ``text`` is the folded form."""

    start: int
    end: int
    raw: str
    text: str

    @property
    def capitalised(self) -> bool:
        return self.raw[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens, re-joining words hyphenated across a line break."""
    tokens: list[Token] = []
    pos = 0
    while True:
        m = _WORD_RE.search(text, pos)
        if m is None:
            return tokens
        start, end = m.start(), m.end()
        raw = m.group(0)
        while True:
            resumes = word_break_end(text, end)   # "Вос-\nточно", "Турке-\nстанской"
            nxt = _WORD_RE.match(text, resumes) if resumes is not None else None
            if nxt is None:
                break
            raw += nxt.group(0)
            end = nxt.end()
        raw = raw.replace("\u00ad", "")
        tokens.append(Token(start, end, raw, _fold(raw)))
        pos = end


def normalize(name: str) -> str:
    """The form aliases are stored in: lower-case words joined by one space, ё -> е.

    Punctuation, quotes and hyphens become word breaks ("Nur-Sultan" -> "nur sultan",
    "«Жетысу»" -> "жетысу"), so the stored alias shows how it is matched without hiding the
    original script (Kazakh letters and Latin accents are kept; folding happens in keys).
    """
    return " ".join(_light(t.raw) for t in tokenize(name))


def _mark(word: str) -> str:
    return REGION_MARK if word in REGION_WORDS else word


def candidate_keys(name: str) -> list[str]:
    """Lookup keys for a name, most specific first.

    Leading prepositions/articles and city words are dropped, region words at either edge are
    dropped too; when one was there, the key with the region marker is tried first so that
    "Almaty region" finds KZ-19 before "Almaty" finds the city.
    """
    words = [t.text for t in tokenize(name)]
    had_region = False
    while words and (words[0] in LEADING_FILLERS or words[0] in CITY_WORDS
                     or words[0] in REGION_WORDS):
        had_region |= words[0] in REGION_WORDS
        words.pop(0)
    while words and (words[-1] in CITY_WORDS or words[-1] in REGION_WORDS):
        had_region |= words[-1] in REGION_WORDS
        words.pop()
    if not words:
        return []
    core = " ".join(words)
    return [f"{core} {REGION_MARK}", core] if had_region else [core]


def primary_key(alias: str) -> str:
    """The one key an alias row is indexed under (its most specific candidate)."""
    keys = candidate_keys(alias)
    return keys[0] if keys else ""


@dataclass(frozen=True)
class _Entry:
    code: str
    qualified: bool
    resolve_only: bool


class Gazetteer:
    """The 20 regions + KZ (and the pseudo-regions INT, ZZ) and every known spelling of them; see the
    module docstring."""

    regions: list[dict]

    def __init__(self, regions: list[dict], aliases: list[dict], *, source: str = ALIASES_FILE) -> None:
        """Index alias rows; an alias that is unusable or contradicts another is an error.

        Raising at load time (instead of letting the last row win) keeps a bad edit of the
        CSV from silently re-assigning a spelling to another region.
        """
        self.regions = regions
        self.by_code: dict[str, dict] = {r["region_code"]: r for r in regions}
        self._entries: dict[str, _Entry] = {}
        self._text_index: dict[tuple[str, ...], _Entry] = {}
        self._max_len = 1
        for lineno, row in enumerate(aliases, start=2):
            alias, code, note = row["alias"], row["region_code"], row.get("note") or ""
            if code not in self.by_code:
                raise EtlError(source, "region-alias", f"alias {alias!r} points to unknown code {code!r}", lineno)
            key = primary_key(alias)
            if not key:
                raise EtlError(source, "region-alias", f"alias {alias!r} is only filler words", lineno)
            entry = _Entry(code, note.startswith(FLAG_QUALIFIED), note.startswith(FLAG_RESOLVE_ONLY))
            old = self._entries.get(key)
            if old is not None and old.code != code:
                raise EtlError(source, "region-alias",
                               f"alias {alias!r} (key {key!r}) maps to {code} and {old.code}", lineno)
            if old is None or (old.qualified and not entry.qualified):
                self._entries[key] = entry
            if not entry.resolve_only:
                words = tuple(key.split(" "))
                prev = self._text_index.get(words)
                if prev is None or (prev.qualified and not entry.qualified):
                    self._text_index[words] = entry
                self._max_len = max(self._max_len, len(words))

    @classmethod
    def load(cls, reference_dir: Path = DEFAULT_REFERENCE_DIR) -> Gazetteer:
        """Read regions.csv and region_aliases.csv from ``reference_dir``.

        A relative directory that does not exist from the working directory is looked up
        from the repository root, so tests and scripts work from any directory.
        """
        reference_dir = Path(reference_dir)
        if not reference_dir.is_absolute() and not reference_dir.exists():
            reference_dir = Path(__file__).resolve().parent.parent / reference_dir
        regions_path = reference_dir / REGIONS_FILE
        regions = [_typed_region(row, regions_path, n)
                   for n, row in enumerate(read_csv_rows(regions_path, REGION_COLUMNS), start=2)]
        aliases = read_csv_rows(reference_dir / ALIASES_FILE, ALIAS_COLUMNS)
        return cls(regions, aliases, source=str(reference_dir / ALIASES_FILE))

    def try_resolve(self, name: str) -> str | None:
        """The code for a name, or None.

        An ISO code itself ('KZ-75', 'KZ') is accepted as is, so specs and tests can name a
        region unambiguously. Besides names this accepts a region followed by a parenthetical
        ("Zhambyl Region (Taraz)" — the outer name wins) and slash alternatives that agree
        ("Oskemen/Ust-Kamenogorsk"), the shapes the animals compendium uses in its
        "Region:" lines.
        """
        if name.strip() in self.by_code:
            return name.strip()
        for key in candidate_keys(name):
            entry = self._entries.get(key)
            if entry is not None:
                return entry.code
        outer = _PAREN_RE.sub(" ", name)
        if outer != name and outer.strip():
            return self.try_resolve(outer)
        if "/" in name:
            codes = {self.try_resolve(part) for part in name.split("/") if part.strip()}
            if len(codes) == 1:
                return codes.pop()
        return None

    def resolve(self, name: str, *, file: str, line: int | None = None) -> str:
        """Return the ISO code ('KZ-35'; 'KZ' for the whole country: 'Kazakhstan', 'РК',
        'Республика Казахстан', 'nationwide').

        An unknown name raises EtlError(file, "region-alias", ...) naming the spelling, so
        the fix is one reviewed line in region_aliases.csv, not a guess in an extractor.
        """
        code = self.try_resolve(name)
        if code is None:
            raise EtlError(file, "region-alias", f"unknown region name {name!r}", line)
        return code

    def find_in_text(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, region_code) of every alias occurring in a sentence, for tagging.

        Longest match wins at each position ("North Kazakhstan region" is one mention of
        KZ-59, not also one of KZ) and a region word right after a name joins its span.
        Matches start at a capitalised word (place names are proper nouns: this keeps
        "семей" = "families" and "oral" untagged); street names ("ул. Туркестанская") are
        skipped; ``[qualified]`` spellings need a region or city word next to them. In a list
        closed by a plural region word ("Almaty, Pavlodar and Karagandy regions", where the
        translation dropped "region" after each name) every member is read as a region, which
        turns "Almaty" into KZ-19 there.
        """
        tokens = tokenize(text)
        marks = [_mark(t.text) for t in tokens]
        found: list[tuple[int, int, tuple[str, ...], _Entry]] = []  # token span, key words
        i = 0
        while i < len(tokens):
            hit = self._match_at(tokens, marks, i, text)
            if hit is None:
                i += 1
                continue
            length, words, entry = hit
            end = i + length
            # A region word right after the name is part of the mention ("Karagandy region");
            # never after the country ("в РК" closing a table header, "Regions" opening the next).
            if (words[-1] != REGION_MARK and entry.code != COUNTRY and end < len(tokens)
                    and marks[end] == REGION_MARK
                    and self._contiguous(tokens[end - 1:end + 1], text)):
                end += 1
            found.append((i, end, words, entry))
            i = end
        spans = []
        for n, (s, e, words, entry) in enumerate(found):
            code = entry.code
            if words[-1] != REGION_MARK and self._closes_region_list(tokens, found, n, text):
                better = self._text_index.get(words + (REGION_MARK,))
                code = better.code if better else code
            spans.append((tokens[s].start, tokens[e - 1].end, code))
        return spans

    @staticmethod
    def _contiguous(tokens: list[Token], text: str) -> bool:
        return all(_INNER_GAP_RE.fullmatch(text, a.end, b.start) for a, b in zip(tokens, tokens[1:]))

    def _match_at(self, tokens: list[Token], marks: list[str], i: int, text: str
                  ) -> tuple[int, tuple[str, ...], _Entry] | None:
        """Longest alias starting at token ``i`` that passes the text-tagging rules."""
        if not tokens[i].capitalised or marks[i] == REGION_MARK:
            return None
        if i > 0 and tokens[i - 1].text in STREET_PREFIXES:
            return None
        for length in range(min(self._max_len, len(tokens) - i), 0, -1):
            words = tuple(marks[i:i + length])
            entry = self._text_index.get(words)
            if entry is None or not self._contiguous(tokens[i:i + length], text):
                continue
            after = tokens[i + length].text if i + length < len(tokens) else ""
            if after in STREET_SUFFIXES:
                return None
            if entry.qualified:
                before = tokens[i - 1].text if i > 0 else ""
                near = {before, after}
                if not (near & REGION_WORDS or near & CITY_WORDS):
                    continue
            return length, words, entry
        return None

    @staticmethod
    def _closes_region_list(tokens: list[Token], found: list, n: int, text: str) -> bool:
        """Is match ``n`` a member of a list that ends in a plural region word?"""
        k = n
        while True:
            _, e, _, _ = found[k]
            last = tokens[e - 1].text
            following = tokens[e].text if e < len(tokens) else ""
            if last in PLURAL_REGION_WORDS or following in PLURAL_REGION_WORDS:
                return True
            if k + 1 >= len(found):
                return False
            nxt_s = found[k + 1][0]
            if nxt_s != e and not all(t.text in ("and", "и") for t in tokens[e:nxt_s]):
                return False
            gap = text[tokens[e - 1].end:tokens[nxt_s].start]
            if not gap or not _LIST_GAP_RE.fullmatch(gap):
                return False
            k += 1


def _typed_region(row: dict, path: Path, line: int) -> dict:
    """regions.csv row with numbers parsed and empty cells as None (the pseudo-regions INT and ZZ
    have no coordinates)."""
    out: dict = {k: (v if v != "" else None) for k, v in row.items()}
    try:
        for key in ("lat", "lon"):
            out[key] = float(row[key]) if row[key] != "" else None
        out["created_year"] = int(row["created_year"]) if row.get("created_year") else None
    except ValueError as exc:
        raise EtlError(str(path), "regions-number", f"{row.get('region_code')}: {exc}", line) from exc
    return out
