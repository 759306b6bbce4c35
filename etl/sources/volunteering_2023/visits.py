"""The 2023 report's regional visit sections ("Справка по выезду в <region>", one per visit).

An organisation the report names only inside one region's visit section works in that
region; `region_sections` gives the organisation directory those sections. The layout is
asserted: N_VISITS sections, ended by the next numbered part heading.

`read_region_visits` reads each section as a visit: three numbered parts (the meeting with the
region's leadership, the seminar for civil servants, the focus group with volunteer
organisations), each opened by a paragraph that dates it and says who took part, then the
visitors' "Описание ситуации" (and "Важные наблюдения") paragraphs — the points. Dates,
participants and points are kept as printed; the report gives no year for a visit ("4 сентября
текущего года"), so none is added. Which organisations a focus group brought together is what
`organization_mentions` holds for the section's lines.
"""
from __future__ import annotations

import re

from conventions.errors import EtlError
from etl.document import Document
from etl.layout import is_page_number_line, join_broken_words
from etl.organizations import Section
from etl.region_visits import RegionVisits
from etl.regions import Gazetteer

VISIT_HEADING_RE = re.compile(r"^\s*Справка по (?:выезду в|городу) (?P<place>.+?)\s*$")
PART_HEADING_RE = re.compile(r"^\s*[IVX]+\.\s")
N_VISITS = 20                 # 17 regions and 3 cities of republican significance

# The three numbered parts of a visit, in this order in every section.
PARTS = {"1": ("leadership_meeting", "Встреча"), "2": ("seminar", "Семинар"), "3": ("focus_group", "Фокус-группа")}
EVENT_HEADING_RE = re.compile(r"^\s*(?P<n>[123])\.\s+(?P<word>Встреча|Семинар|Фокус-группа)\b")
DESCRIPTION_RE = re.compile(r"^\s*Описание ситуации:\s*")
FINDINGS_RE = re.compile(r"^\s*\*Важные наблюдения")
TABLE_HEAD_RE = re.compile(r"^\s*№ Ф\.И\.О\.")
# A report header the layout dropped inside the Almaty section, before its participant list.
INSERTED_HEADER_RE = re.compile(r"^\s*ОТЧЕТ ПО ИТОГАМ ВИЗИТОВ")
MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
DATE_RE = re.compile(rf"(?<!ул\. )\b\d{{1,2}} (?:{MONTHS})(?: текущего года)?")
# Who attended the seminar: from this phrase to the end of its paragraph.
SEMINAR_PARTICIPANTS_RE = re.compile(r"(?:На|В) семинаре (?:приняли участие|участвовали)|Участвовали представители")
# A point proposes something, in the report's words; otherwise it is an observation.
RECOMMENDATION_RE = re.compile(
    r"\b(?:[Рр]екомендуется|[Пп]редлагается|было предложено|[Нн]еобходимо(?! отметить)|[Нн]еобходима|[Нн]ужно"
    r"|[Нн]ужен|[Сс]тоит рассмотреть|[Вв]ажно,? (?:привлекать|уделить|развивать|чтобы)"
    r"|требует (?:активных|серьезного))\b")
SENTENCE_END = ".!?:;»)"


def region_sections(doc: Document, gazetteer: Gazetteer) -> list[Section]:
    """(first line, last line, region code) of every regional visit section."""
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
    return [Section(line, nxt - 1, gazetteer.resolve(place, file=doc.file, line=line))
            for (line, place), nxt in zip(heads, bounds)]


def read_region_visits(doc: Document, gazetteer: Gazetteer) -> RegionVisits:
    """One visit per section, with its dates, whom it met and its points, as printed."""
    out = RegionVisits()
    for section in region_sections(doc, gazetteer):
        visit_id = f"{doc.source_id}:{section.region_code}"
        blocks = _blocks(doc, section)
        intros: dict[str, str] = {}
        for part, mode, _, _, text in blocks:
            if mode == "intro":
                intros[part] = f"{intros[part]} {text}" if part in intros else text
        dates = [m.group(0) for text in intros.values() if (m := DATE_RE.search(text))]
        if not dates or "seminar" not in intros or "leadership_meeting" not in intros:
            raise EtlError(doc.file, "visit-layout", f"visit without a dated meeting or seminar part: {dates}",
                           section.first)
        seminar = SEMINAR_PARTICIPANTS_RE.search(intros["seminar"])
        met = [intros["leadership_meeting"]] + ([intros["seminar"][seminar.start():]] if seminar else [])
        out.visits.append({
            "visit_id": visit_id, "region_code": section.region_code, "source_id": doc.source_id,
            "line": section.first, "end_line": section.last, "heading": doc.lines[section.first - 1].strip(),
            "visit_date": dates[0], "dates": dates, "met": met})
        out.points.extend({
            "visit_id": visit_id, "part": part, "text": text, "source_id": doc.source_id, "line": first,
            "end_line": last, "kind": "recommendation" if RECOMMENDATION_RE.search(text) else "observation"}
            for part, mode, first, last, text in blocks if mode == "points")
    return out


def _blocks(doc: Document, section: Section) -> list[tuple[str, str, int, int, str]]:
    """(part, mode, first line, last line, text) of the section's paragraphs; mode is "intro"
    (the opening paragraph(s) of a part) or "points". Headings, participant tables and the
    inserted report header are left out; the three parts must come in order."""
    part, mode, seen = "visit", "points", []
    paragraphs: list[tuple[str, str, list[int]]] = []
    for n in range(section.first + 1, section.last + 1):
        text = doc.lines[n - 1]
        if (event := EVENT_HEADING_RE.match(text)) and PARTS[event["n"]][1] == event["word"]:
            part, mode = PARTS[event["n"]][0], "heading"
            seen.append(event["n"])
            continue
        if TABLE_HEAD_RE.match(text) or INSERTED_HEADER_RE.match(text):
            mode = "skip"
        elif DESCRIPTION_RE.match(text) or FINDINGS_RE.match(text):
            mode = "points"
        elif mode == "heading" and text.strip():
            mode = "intro"
        if mode in ("skip", "heading") or not text.strip() or is_page_number_line(text):
            continue
        if paragraphs and paragraphs[-1][:2] == (part, mode) and _continues(doc, paragraphs[-1][2][-1], n):
            paragraphs[-1][2].append(n)
        else:
            paragraphs.append((part, mode, [n]))
    if seen != ["1", "2", "3"]:
        raise EtlError(doc.file, "visit-layout", f"visit parts out of order: {seen}", section.first)
    blocks = []
    for block_part, block_mode, lines in paragraphs:
        text = join_broken_words("\n".join(doc.lines[n - 1].strip() for n in lines)).replace("\n", " ")
        text = DESCRIPTION_RE.sub("", text).lstrip("•\t ").rstrip()
        if text and not (block_mode == "points" and FINDINGS_RE.match(text)):
            blocks.append((block_part, block_mode, lines[0], lines[-1], text))
    return blocks


def _continues(doc: Document, previous: int, n: int) -> bool:
    """Line `n` continues the paragraph whose last line is `previous`: it follows directly and is
    no bullet, new label or new sentence set off by indentation; or, after blank lines, it starts
    in lower case (the layout broke the paragraph)."""
    text, before = doc.lines[n - 1], doc.lines[previous - 1].rstrip()
    if text.lstrip().startswith("•") or DESCRIPTION_RE.match(text) or FINDINGS_RE.match(text):
        return False
    if n == previous + 1:
        indented = text[:1].isspace() and text.lstrip()[:1].isupper()
        return not (indented and before.endswith(tuple(SENTENCE_END)))
    return text.lstrip()[:1].islower()
