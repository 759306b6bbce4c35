"""Survey tables of the report on volunteering 2023 (source `volunteering-2023`).

Most of the report's statistics were charts and survive only as captions (recorded as gaps
in this folder's spec.toml, with the figures written in prose). Three structures of
the 2023 survey of volunteers and volunteer organisations came through as text, and their
layout is broken in ways a sentence pattern cannot follow, so they are read here:

* Table 1, organisations by number of volunteers engaged: rows are "band count features",
  the features cell is merged across rows, and one row's features ran into the next row's
  band ("...организацииот 2000 до 5000 4");
* Diagram 11, spheres of problems: each sphere's label wraps over up to three lines and
  ends with its share; the shares are the whole distribution, so they must sum to 100;
* the list of areas volunteers have ever worked in: bullets wrapping over lines, whose
  number the introducing sentence states ("в 10 из этих направлений"), and one sentence
  giving a 10-20% band for a list of further areas.

Each parser finds its structure by caption or header text (never by line number), checks the
layout it relies on against what the document itself says, skips page-number lines ("34 35")
and raises EtlError naming the table otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conventions.codes import COUNTRY
from conventions.errors import EtlError
from conventions.numbers import ParsedNumber, find_numbers, parse_number
from etl.document import Document
from etl.layout import is_page_number_line, join_broken_words
from etl.model import Extract, Observation
from etl.specs import Indicator

if TYPE_CHECKING:  # the build imports this module; importing it back would be circular
    from etl.context import BuildContext

SURVEY_BASIS = "survey"   # every table here is the 2023 survey's (data/reference/bases.toml)
# The survey's own description: when it ran and how many organisations took part.
SURVEY_YEAR = re.compile(r"опроса волонтёров и волонтёрских организаций, проведённого в\s+\S+\s+"
                         r"(?P<year>\d{4}) года")
SURVEY_ORGS = re.compile(r"опрос волонтёров и волонтёрских организаций привлёк (?P<n>\d+) волонтёрское",
                         re.I)
SURVEY_NOTE = "survey of volunteers and volunteer organisations, Oct-Nov {year}"

TABLE1_CAPTION = re.compile(r"^Таблица 1\s*$")
# The three column captions, each wrapped over up to two lines; the first names the year.
TABLE1_HEADER = tuple(re.compile(cell) for cell in (
    r"^Количество привлечённых\s*$", r"^волонтёров в (?P<year>\d{4}) году\s*$",
    r"^Количество организаций,\s*$", r"^представленных в опросе\s*$", r"^Особенности организаций\s*$"))
TABLE1_HEADER_REACH = 20  # lines between the caption and the header (a side note sits there)
TABLE1_END = re.compile(r"^Источники финансирования")
# A row: band of volunteers, number of organisations, optional start of the features cell
# (merged across rows, not published per row). The band may follow letters directly when the
# previous row's features ran into it.
TABLE1_ROW = re.compile(r"(?P<band>(?:менее|от) \d+(?: до \d+)?|^\d+) (?P<count>\d+)"
                        r"(?: \D*)?$")

PROBLEMS_CAPTION = re.compile(r"^Наиболее актуальные проблемы волонтёрской деятельности\s*$")
PROBLEMS_END = re.compile(r"^\s*\d+\.\s")  # the numbered list of proposals that follows
SPHERE_SHARE = re.compile(r"^[^•\d%]*?,?\s+(?P<share>\d+(?:,\d+)?%)\s*$")
SHARE_TOLERANCE = 0.5  # the shares are printed to whole percents

AREAS_MOST = re.compile(r"в (?P<n>\d+) из этих направлений\s+когда-либо в своей жизни работало "
                        r"большинство из (?P<base>\d+) ответивших волонтёров:")
AREAS_LEAST = re.compile(r"Меньше всего принявшие участие в опросе волонтёры занимались в течение\s+"
                         r"своей жизни следующими направлениями волонтёрства:")
AREAS_BAND = re.compile(r"(?P<band>От \d+% до \d+%) волонтёров когда-либо работали в направлениях: "
                        r"(?P<areas>[^.]+)\.")
AREA_BULLET = re.compile(r"•\s+(?P<area>[^•]+?)\s*\((?P<share>\d+(?:,\d+)?%)\)[;.]")



@dataclass(frozen=True)
class Survey:
    """What the document says about its survey, used to check the tables against it."""

    year: int
    organisations: int

    @property
    def note(self) -> str:
        return SURVEY_NOTE.format(year=self.year)


@dataclass(frozen=True)
class Emitter:
    """Builds this document's national observations; units come from the indicator list so a
    table can never publish a figure in another unit than its indicator's."""

    doc: Document
    indicators: dict[str, Indicator]

    def __call__(self, indicator: str, parsed: ParsedNumber, year: int, category: str, line: int,
                 quote: str, note: str) -> Observation:
        known = self.indicators.get(indicator)
        if known is None:
            raise EtlError(self.doc.file, "table-indicator", f"unknown indicator {indicator!r}", line)
        return Observation(
            indicator_id=indicator, region_code=COUNTRY, year_start=year, year_end=year,
            value=parsed.value, value_high=parsed.value_high, unit=known.unit, qualifier=parsed.qualifier,
            source_id=self.doc.source_id, line=line, quote=quote, category=category, note=note,
            basis=SURVEY_BASIS)


def extract(doc: Document, ctx: BuildContext) -> Extract:
    """All survey tables of the report; every figure is national (the survey is nationwide)."""
    survey, emit = read_survey(doc), Emitter(doc, ctx.indicators)
    return Extract(observations=orgs_by_size(emit, survey) + problem_spheres(emit, survey)
                   + survey_areas(emit, survey))


def read_survey(doc: Document) -> Survey:
    """The survey's year and number of organisations, as the introduction states them."""
    year, orgs = SURVEY_YEAR.search(doc.text), SURVEY_ORGS.search(doc.text)
    if year is None or orgs is None:
        raise EtlError(doc.file, "table-survey", "the survey's description (year, organisations) is missing")
    return Survey(year=int(year.group("year")), organisations=int(orgs.group("n")))


def flat(text: str) -> str:
    """Text as one line: words hyphenated across lines joined, whitespace collapsed."""
    return " ".join(join_broken_words(text).split())


def number(doc: Document, text: str, rule: str, line: int) -> ParsedNumber:
    """Parse a cell with the shared parser, naming the table when it is not one number."""
    try:
        return parse_number(text)
    except ValueError as exc:
        raise EtlError(doc.file, rule, f"cell {text!r} is not a number: {exc}", line) from exc


def find_line(doc: Document, pattern: re.Pattern[str], rule: str, start: int = 0) -> int:
    """0-based index of the first line at or after `start` matching `pattern`."""
    for i in range(start, len(doc.lines)):
        if pattern.search(doc.lines[i]):
            return i
    raise EtlError(doc.file, rule, f"no line matches {pattern.pattern!r}")


# --- Table 1 ------------------------------------------------------------------------------

def table1_header(doc: Document, caption: int) -> tuple[int, int]:
    """Index of the header's last line and the year it names; every column caption must be
    there, in order, within reach of the table's caption."""
    i, year = caption, 0
    reach = min(caption + TABLE1_HEADER_REACH, len(doc.lines))
    for cell in TABLE1_HEADER:
        found = next(((j, m) for j in range(i + 1, reach) if (m := cell.match(doc.lines[j]))), None)
        if found is None:
            raise EtlError(doc.file, "table-orgs-by-size", f"header cell {cell.pattern!r} not found",
                           caption + 1)
        i, m = found
        year = int(m.group("year")) if "year" in cell.groupindex else year
    return i, year


def band_bounds(doc: Document, band: str, line: int) -> tuple[float, float]:
    """Lowest and highest number of a band such as "от 2000 до 5000".

    Read with find_numbers, not parse_number: a bound that looks like a year (2000) keeps the
    parser from pairing the two bounds into one range.
    """
    values = [v for n in find_numbers(band, "ru") for v in (n.value, n.value_high) if v is not None]
    if not values:
        raise EtlError(doc.file, "table-orgs-by-size", f"band {band!r} has no number", line)
    return min(values), max(values)


def table1_rows(doc: Document, first: int, end: int) -> list[tuple[int, re.Match[str]]]:
    """(line, match) of every row between the header and the end; any other line holding a
    digit is a damaged row."""
    rows = []
    for i in range(first, end):
        text = doc.lines[i].rstrip()
        if not text or is_page_number_line(text):
            continue
        m = TABLE1_ROW.search(text)
        if m is None and re.search(r"\d", text):
            raise EtlError(doc.file, "table-orgs-by-size", f"row {text!r} is not 'band count [features]'", i + 1)
        if m is not None:
            rows.append((i + 1, m))
    return rows


def orgs_by_size(emit: Emitter, survey: Survey) -> list[Observation]:
    """Table 1: surveyed organisations by number of volunteers engaged in the header's year.

    The bands must rise without overlapping and the counts must add up to the number of
    organisations the survey had, which catches a lost, doubled or misread row."""
    doc, rule = emit.doc, "table-orgs-by-size"
    caption = find_line(doc, TABLE1_CAPTION, rule)
    header_end, year = table1_header(doc, caption)
    out, previous_high = [], 0.0
    for line, m in table1_rows(doc, header_end + 1, find_line(doc, TABLE1_END, rule, header_end)):
        low, high = band_bounds(doc, m.group("band"), line)
        if low < previous_high:
            raise EtlError(doc.file, rule, f"band {m.group('band')!r} overlaps the previous row", line)
        previous_high = high
        out.append(emit("survey_orgs_by_size", number(doc, m.group("count"), rule, line), year,
                        m.group("band"), line, m.string[m.start("band"):].strip(),
                        f"{survey.note}; organisations by number of volunteers engaged in {year} (Table 1)"))
    total = sum(o.value for o in out)
    if total != survey.organisations:
        raise EtlError(doc.file, rule, f"rows add up to {total:g} organisations, the survey had "
                       f"{survey.organisations}", caption + 1)
    return out


# --- Diagram 11 -----------------------------------------------------------------------------

def sphere_label_start(doc: Document, share_line: int, lo: int) -> int:
    """Index of the line where a sphere's label starts: the label begins with a capital, its
    continuation lines (and the share line) with a lowercase word; blank and page-number
    lines in between are layout."""
    i = share_line
    while i > lo:
        text = doc.lines[i].strip()
        if text.startswith("•"):
            break
        if text and not is_page_number_line(text) and text[0].isupper():
            return i
        i -= 1
    raise EtlError(doc.file, "table-problem-spheres", "a sphere's label has no capitalised first line",
                   share_line + 1)


def problem_spheres(emit: Emitter, survey: Survey) -> list[Observation]:
    """Diagram 11: share of each sphere among the problems respondents named; the shares are
    the whole distribution, so they must add up to 100."""
    doc, rule = emit.doc, "table-problem-spheres"
    caption = find_line(doc, PROBLEMS_CAPTION, rule)
    out = []
    for i in range(caption + 1, find_line(doc, PROBLEMS_END, rule, caption + 1)):
        text = doc.lines[i].strip()
        m = SPHERE_SHARE.match(text)
        if m is None or text.startswith("•"):
            continue
        start = sphere_label_start(doc, i, caption)
        quote = doc.text[doc.offset_of(start + 1):doc.offset_of(i + 1) + len(doc.lines[i])].strip()
        label = flat(quote[:quote.rfind(m.group("share"))]).rstrip(" ,")
        out.append(emit("survey_share", number(doc, m.group("share"), rule, i + 1), survey.year, label,
                        start + 1, quote, f"{survey.note}; most pressing problems of volunteering, share "
                        "of the problems named (Diagram 11)"))
    total = sum(o.value for o in out)
    if len(out) < 2 or abs(total - 100) > SHARE_TOLERANCE:
        raise EtlError(doc.file, rule, f"{len(out)} spheres with shares adding up to {total:g}%, "
                       "expected the whole distribution (100%)", caption + 1)
    return out


# --- areas of volunteering --------------------------------------------------------------------

def bullets(emit: Emitter, year: int, start: int, end: int, note: str) -> list[Observation]:
    """Every bullet of the text between offsets start and end; other text there means a
    damaged list."""
    doc, rule = emit.doc, "table-survey-areas"
    out, pos = [], start
    for m in AREA_BULLET.finditer(doc.text, start, end):
        line = doc.line_of(m.start())
        between = doc.text[pos:m.start()]
        if between.strip():
            raise EtlError(doc.file, rule, f"list text {between.strip()[:60]!r} is not a bullet "
                           "'area (share%)'", doc.line_of(pos + len(between) - len(between.lstrip())))
        out.append(emit("survey_share", number(doc, m.group("share"), rule, line), year,
                        flat(m.group("area")), line, m.group(0), note))
        pos = m.end()
    if not out or doc.text[pos:end].strip():
        raise EtlError(doc.file, rule, "a list of areas is empty or ends in text that is not a bullet",
                       doc.line_of(pos))
    return out


def survey_areas(emit: Emitter, survey: Survey) -> list[Observation]:
    """Share of surveyed volunteers who have ever worked in each area of volunteering: the
    most frequent areas (as many as the introduction announces), the least frequent, and the
    areas given together as one 10-20% band."""
    doc, rule = emit.doc, "table-survey-areas"
    most, least, band = (p.search(doc.text) for p in (AREAS_MOST, AREAS_LEAST, AREAS_BAND))
    if most is None or least is None or band is None or not most.end() < least.start() < band.start():
        raise EtlError(doc.file, rule, "the three lists of areas (most, least, 10-20%) are not in order")
    note = (f"{survey.note} ({most.group('base')} volunteers answered); share who have ever worked "
            "in the area of volunteering")
    top = bullets(emit, survey.year, most.end(), least.start(), note)
    if len(top) != int(most.group("n")):
        raise EtlError(doc.file, rule, f"{len(top)} areas listed, the text announces {most.group('n')}",
                       doc.line_of(most.start()))
    bottom = bullets(emit, survey.year, least.end(), band.start(), note)
    line = doc.line_of(band.start())
    share = number(doc, band.group("band"), rule, line)
    banded = [emit("survey_share", share, survey.year, flat(area), line, band.group(0), note)
              for area in band.group("areas").split(";")]
    return top + bottom + banded
