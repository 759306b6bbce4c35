"""Tables of the analytical report on volunteering in 2022 (source `volunteering-2022`).

The report publishes its by-region figures as tab-separated tables with decimal commas,
and the volunteer hours by area of activity as a numbered list that behaves like a table.
Each parser finds its table by caption and header text (never by line number), asserts
the layout it relies on — header cells, number of region rows, cell shapes — and raises
EtlError naming the table otherwise, so a changed snapshot stops the build instead of
shifting numbers into the wrong regions. Figures written in sentences are in this folder's
spec.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conventions.codes import COUNTRY
from conventions.errors import EtlError
from conventions.numbers import ParsedNumber, parse_number
from etl.derived import NATIONAL_SHARE
from etl.document import Document
from etl.model import Extract, Gap, Observation

if TYPE_CHECKING:  # the build imports this module; importing it back would be circular
    from etl.context import BuildContext

RFO_NOTE = "counted by the regional front offices (RFO data)"
RFO_BASIS = "front_office_count"   # how every table figure was counted (data/reference/bases.toml)
# The 2022 report still uses the administrative division before June 2022: 14 regions and
# the cities of Astana, Almaty and Shymkent.
REGION_UNITS = 17
WITHIN_REGION = "within region"

# Areas of volunteering under their canonical names, with a pattern for each spelling the
# report uses (list items, table headers; "BILLY" and "SAMAQTASTYQ" are translation damage).
AREAS: dict[str, str] = {
    "Other social volunteering": r"other social",
    "Birgemiz: Úmit": r"\b[uú]mit\b",
    "Birgemiz: Qamqor": r"\bqamqor\b",
    "Birgemiz: Taza Álem": r"\btaza [aá]lem\b",
    "Art and culture": r"\bart and culture\b|\bculture and art\b",
    "Birgemiz: Ayala": r"\bayala\b",
    "Birgemiz: Sabaqtastyq": r"\bsa[bm]aqtastyq\b",
    "Birgemiz: Saýlyq": r"\bsa[yý]lyq\b",
    "Birgemiz: Bilim": r"\bbil(?:im|ly)\b",
    "Birgemiz: Asyl Mura": r"\basyl mura\b",
    "Media": r"\bmedia\b",
}


@dataclass(frozen=True)
class Row:
    """One table row: its 1-based line, its tab-separated cells and its verbatim text."""

    line: int
    cells: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Layout:
    """What a percent table must look like, and what each value column means."""

    rule: str                               # "table-<name>" in error messages
    caption: str                            # the line just above the header (blank lines apart)
    header: tuple[str, ...]
    columns: tuple[tuple[str, str], ...]    # (indicator, category) per value column
    rows: int                               # region rows the table must have


GENDER = Layout(
    rule="table-gender",
    caption="Gender ratio of volunteers by regions",
    header=("Region", "Male volunteers", "Female volunteers"),
    columns=(("volunteer_share_gender", "male"), ("volunteer_share_gender", "female")),
    rows=REGION_UNITS,
)
# Columns: share of the region's volunteer entities that are registered NGOs / initiative
# groups; the region's share of all the country's volunteer NGOs / initiative groups.
ORGANIZATIONS = Layout(
    rule="table-organizations",
    caption="The ratio of NPO and initiative groups in the regions:",
    header=("Region", "Вол. НПО", "Вол. иниц. гр.", "От общего числа вол. НПО",
            "От общего числа вол. гр. в РК"),
    columns=(("volunteer_orgs_share", WITHIN_REGION), ("initiative_groups_share", WITHIN_REGION),
             ("volunteer_orgs_share", NATIONAL_SHARE), ("initiative_groups_share", NATIONAL_SHARE)),
    rows=REGION_UNITS - 1,
)
MISSING_REMARK = re.compile(r"(?P<region>.+?) has not provided data on the number of initiative groups\.")

AREA_RULE = "table-area-hours"
AREA_CAPTION = re.compile(
    r"In the context of the areas of volunteering for (?P<year>\d{4}), volunteer hours were distributed as follows:")
AREA_END = "The format of events"
AREA_ITEM = re.compile(r"\d+\. (?P<area>.+?) – (?P<share>\d+[.,]\d+%) \((?P<hours>\d[\d,]*) hours\)")
AREA_LARGEST = re.compile(
    r"The largest proportion (?P<kind>across the country|of events in the region): "
    r"(?P<regions>[^()]+) \((?P<values>[^()]+)\)\.?")
LARGEST_INDICATOR = {"across the country": "volunteer_hours_region_share",
                     "of events in the region": "volunteer_events_share"}

BANDS_RULE = "table-event-bands"
BANDS_CAPTION = "Representation of events of different areas in the regions"
BANDS_LEGEND = re.compile(r"(?P<high>more than \d+%) \(=\) (?P<low>less than \d+%) \(x\)")
BANDS_HEADER = ("", "AYALA birgemiz", "ASYL MURA birgemiz", "BILLY birgemiz", "QAMQOR birgemiz",
                "SAYLYQ birgemiz", "SAMAQTASTYQ birgemiz", "TAZA ALEM birgemiz", "UMIT birgemiz",
                "Media Volunteering", "Culture and Art Spheres Volunteering", "Other Social Volunteering")
# Which legend band a cell mark stands for: the legend's "(=)" is printed as ● in the table.
BAND_OF_MARK = {"●": "high", "X": "low"}


def extract(doc: Document, ctx: BuildContext) -> Extract:
    """All table figures of the report; prose figures come from the spec."""
    year = report_year(doc)
    gender = percent_table(doc, ctx, GENDER, year)
    units = {obs.region_code for obs in gender}
    organizations = percent_table(doc, ctx, ORGANIZATIONS, year)
    missing = missing_organization_row(doc, ctx, units, organizations)
    return Extract(observations=gender + organizations + area_hours(doc, ctx) + event_bands(doc, ctx, year),
                   gaps=[missing])


def report_year(doc: Document) -> int:
    """The year the report's tables describe: the last year of the manifest's data years."""
    return int(doc.entry.data_years.split("-")[-1])


# --- layout helpers --------------------------------------------------------------------

def _fail(doc: Document, rule: str, message: str, line: int | None = None) -> EtlError:
    return EtlError(doc.file, rule, message, line)


def caption_line(doc: Document, rule: str, caption: str) -> int:
    """The one line whose whole (stripped) text is `caption`; the table of contents differs
    by its page-number cell, so it does not count."""
    hits = [n for n, text in enumerate(doc.lines, start=1) if text.strip() == caption]
    if len(hits) != 1:
        raise _fail(doc, rule, f"caption {caption!r} found {len(hits)} times, expected once")
    return hits[0]


def next_nonblank(doc: Document, line: int) -> int | None:
    """The first line at or after `line` with visible text, or None at the end."""
    for n in range(line, len(doc.lines) + 1):
        if doc.lines[n - 1].strip():
            return n
    return None


def _cells(doc: Document, line: int) -> tuple[str, ...]:
    return tuple(doc.lines[line - 1].split("\t"))


def table_rows(doc: Document, rule: str, header_line: int, header: tuple[str, ...]) -> list[Row]:
    """Rows below the header at `header_line` that have as many cells as the header.

    A page break repeats the header after blank lines; the table then continues.
    """
    if _cells(doc, header_line) != header:
        raise _fail(doc, rule, f"expected header {header!r}, found {doc.lines[header_line - 1]!r}", header_line)
    rows, line = [], header_line + 1
    while True:
        while line <= len(doc.lines) and len(cells := _cells(doc, line)) == len(header):
            rows.append(Row(line=line, cells=cells, text=doc.lines[line - 1]))
            line += 1
        resumed = next_nonblank(doc, line)
        if resumed is None or _cells(doc, resumed) != header:
            return rows
        line = resumed + 1


def data_rows(rows: list[Row]) -> list[Row]:
    """Rows with values; rows whose value cells are all empty are group labels
    ("Female-prevailing regions") and carry no figures."""
    return [row for row in rows if any(cell.strip() for cell in row.cells[1:])]


def read_percent(doc: Document, rule: str, text: str, line: int) -> ParsedNumber:
    """Text that must be exactly one percentage expression: '42,4%', 'over 50%', '32-35%'."""
    try:
        parsed = parse_number(text)
    except ValueError as exc:
        raise _fail(doc, rule, str(exc), line) from exc
    if not parsed.is_percent or parsed.text != text.strip():
        raise _fail(doc, rule, f"cell {text!r} is not a percentage", line)
    return parsed


def resolve_region(doc: Document, ctx: BuildContext, name: str, line: int) -> str:
    return ctx.gazetteer.resolve(" ".join(name.split()), file=doc.file, line=line)


def area_of(doc: Document, rule: str, label: str, line: int) -> str:
    """Canonical area name for a label; exactly one area must match it."""
    found = [name for name, pattern in AREAS.items() if re.search(pattern, label, re.IGNORECASE)]
    if len(found) != 1:
        raise _fail(doc, rule, f"area label {label!r} matches {found or 'no area'}", line)
    return found[0]


def observation(doc: Document, ctx: BuildContext, indicator: str, region: str, year: int,
                number: ParsedNumber, line: int, quote: str, category: str | None,
                note: str = RFO_NOTE) -> Observation:
    """An observation in the indicator's unit, counted by the regional front offices."""
    return Observation(
        indicator_id=indicator, region_code=region, year_start=year, year_end=year,
        value=number.value, value_high=number.value_high, unit=ctx.indicators[indicator].unit,
        qualifier=number.qualifier, source_id=doc.source_id, line=line, quote=quote, category=category,
        note=note, basis=RFO_BASIS)


# --- the tables ------------------------------------------------------------------------

def percent_table(doc: Document, ctx: BuildContext, layout: Layout, year: int) -> list[Observation]:
    """A regions × percentages table: one observation per value cell, quoting its row."""
    header_line = next_nonblank(doc, caption_line(doc, layout.rule, layout.caption) + 1)
    rows = data_rows(table_rows(doc, layout.rule, header_line, layout.header))
    if len(rows) != layout.rows:
        raise _fail(doc, layout.rule, f"{len(rows)} region rows, expected {layout.rows}", header_line)
    out, seen = [], set()
    for row in rows:
        region = resolve_region(doc, ctx, row.cells[0], row.line)
        if region in seen or region == COUNTRY:
            raise _fail(doc, layout.rule, f"region {row.cells[0]!r} ({region}) repeated or national", row.line)
        seen.add(region)
        for (indicator, category), cell in zip(layout.columns, row.cells[1:]):
            number = read_percent(doc, layout.rule, cell, row.line)
            out.append(observation(doc, ctx, indicator, region, year, number, row.line, row.text, category))
    return out


def missing_organization_row(doc: Document, ctx: BuildContext, units: set[str],
                             organizations: list[Observation]) -> Gap:
    """The one unit absent from the organisations table: a gap, not an observation.

    The report explains the absence in a sentence of its own; that sentence must name the
    absent unit, and it is the gap's caption.
    """
    absent = units - {obs.region_code for obs in organizations}
    remarks = [(n, MISSING_REMARK.fullmatch(text.strip())) for n, text in enumerate(doc.lines, start=1)]
    remarks = [(n, m) for n, m in remarks if m]
    if len(absent) != 1 or len(remarks) != 1:
        raise _fail(doc, ORGANIZATIONS.rule, f"expected one absent unit explained by one remark; "
                    f"absent {sorted(absent)}, {len(remarks)} remarks")
    line, remark = remarks[0]
    region = resolve_region(doc, ctx, remark.group("region"), line)
    if {region} != absent:
        raise _fail(doc, ORGANIZATIONS.rule, f"the remark names {region}, the table lacks {absent}", line)
    name = ctx.gazetteer.by_code[region]["name_en"]
    return Gap(source_id=doc.source_id, line=line, caption=remark.group(0),
               topic=ctx.indicators[ORGANIZATIONS.columns[0][0]].topic,
               would_show=(f'{name}: its row of the table "{ORGANIZATIONS.caption.rstrip(":")}" (shares of '
                           "registered organisations and initiative groups), absent from the report"))


def area_blocks(doc: Document) -> tuple[int, list[tuple[Row, list[Row]]]]:
    """The year and the list items of volunteer hours by area, each with the
    "largest proportion" lines that follow it (prose lines in between are skipped)."""
    starts = [(n, m) for n, text in enumerate(doc.lines, start=1) if (m := AREA_CAPTION.fullmatch(text.strip()))]
    if len(starts) != 1:
        raise _fail(doc, AREA_RULE, f"caption of hours by area found {len(starts)} times, expected once")
    start, caption = starts[0]
    blocks: list[tuple[Row, list[Row]]] = []
    line = start + 1
    while line <= len(doc.lines) and doc.lines[line - 1].strip() != AREA_END:
        text = doc.lines[line - 1].strip()
        row = Row(line=line, cells=(text,), text=text)
        if AREA_ITEM.fullmatch(text):
            blocks.append((row, []))
        elif AREA_LARGEST.fullmatch(text):
            if not blocks:
                raise _fail(doc, AREA_RULE, "a 'largest proportion' line precedes the first area", line)
            blocks[-1][1].append(row)
        line += 1
    if line > len(doc.lines):
        raise _fail(doc, AREA_RULE, f"no {AREA_END!r} line closes the list of areas", start)
    if len(blocks) != len(AREAS):
        raise _fail(doc, AREA_RULE, f"{len(blocks)} areas listed, expected {len(AREAS)}", start)
    return int(caption.group("year")), blocks


def area_hours(doc: Document, ctx: BuildContext) -> list[Observation]:
    """Hours and share of hours per area, plus each area's 'largest proportion' figures."""
    year, blocks = area_blocks(doc)
    out: list[Observation] = []
    areas = set()
    for item, largest in blocks:
        m = AREA_ITEM.fullmatch(item.text)
        area = area_of(doc, AREA_RULE, m.group("area"), item.line)
        areas.add(area)
        share = read_percent(doc, AREA_RULE, m.group("share"), item.line)
        hours = parse_number(m.group("hours"))
        out.append(observation(doc, ctx, "volunteer_hours", COUNTRY, year, hours, item.line, item.text, area))
        out.append(observation(doc, ctx, "volunteer_hours_share", COUNTRY, year, share, item.line, item.text, area))
        kinds = sorted(AREA_LARGEST.fullmatch(row.text).group("kind") for row in largest)
        if kinds != sorted(LARGEST_INDICATOR):
            raise _fail(doc, AREA_RULE, f"area {area!r} has 'largest proportion' lines {kinds}", item.line)
        for row in largest:
            out.extend(largest_proportion(doc, ctx, year, area, row))
    if len(areas) != len(AREAS):
        raise _fail(doc, AREA_RULE, f"areas repeated: {len(areas)} distinct of {len(blocks)}")
    return out


def largest_proportion(doc: Document, ctx: BuildContext, year: int, area: str, row: Row) -> list[Observation]:
    """'The largest proportion …: A, B and C (v)' -> one observation per region; one value
    is shared by all regions, or there is one value per region in the same order."""
    m = AREA_LARGEST.fullmatch(row.text)
    names = re.split(r", | and ", m.group("regions"))
    values = m.group("values").split(" and ")
    if len(values) == 1:
        values = values * len(names)
    if len(values) != len(names):
        raise _fail(doc, AREA_RULE, f"{len(names)} regions but {len(values)} values", row.line)
    indicator = LARGEST_INDICATOR[m.group("kind")]
    note = f"{RFO_NOTE}; the region named with the largest proportion for this area"
    return [observation(doc, ctx, indicator, resolve_region(doc, ctx, name, row.line), year,
                        read_percent(doc, AREA_RULE, value, row.line), row.line, row.text, area, note)
            for name, value in zip(names, values)]


def event_bands(doc: Document, ctx: BuildContext, year: int) -> list[Observation]:
    """The regions × areas table of event shares, marked only as bands: ● (more than the
    legend's upper bound) or X (less than its lower bound). A blank cell lies between the
    bands, so it is recorded as the range from the lower bound to the upper one."""
    caption = caption_line(doc, BANDS_RULE, BANDS_CAPTION)
    legend_line = next_nonblank(doc, caption + 1)
    legend = BANDS_LEGEND.fullmatch(doc.lines[legend_line - 1].strip())
    if legend is None:
        raise _fail(doc, BANDS_RULE, f"expected the legend below {BANDS_CAPTION!r}", legend_line)
    bands = {band: parse_number(legend.group(band)) for band in ("high", "low")}
    between = ParsedNumber(value=bands["low"].value, value_high=bands["high"].value, qualifier="range",
                           is_percent=True, currency=None, text="", start=0, end=0)
    header_line = next_nonblank(doc, legend_line + 1)
    rows = table_rows(doc, BANDS_RULE, header_line, BANDS_HEADER)
    if len(rows) != REGION_UNITS:
        raise _fail(doc, BANDS_RULE, f"{len(rows)} region rows, expected {REGION_UNITS}", header_line)
    areas = [area_of(doc, BANDS_RULE, label, header_line) for label in BANDS_HEADER[1:]]
    note = (f'{RFO_NOTE}; banded: legend "{legend.group(0)}", the table marks "{legend.group("high")}" '
            f'with ● and "{legend.group("low")}" with X; a blank cell lies between the two bounds')
    out, seen = [], set()
    for row in rows:
        region = resolve_region(doc, ctx, row.cells[0], row.line)
        if region in seen:
            raise _fail(doc, BANDS_RULE, f"region {row.cells[0]!r} ({region}) repeated", row.line)
        seen.add(region)
        for area, mark in zip(areas, row.cells[1:]):
            if mark.strip() and mark.strip() not in BAND_OF_MARK:
                raise _fail(doc, BANDS_RULE, f"unknown mark {mark!r}", row.line)
            number = bands[BAND_OF_MARK[mark.strip()]] if mark.strip() else between
            out.append(observation(doc, ctx, "volunteer_events_share", region, year, number,
                                   row.line, row.text, area, note))
    return out
