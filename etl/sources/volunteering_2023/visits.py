"""The 2023 report's regional visit sections ("Справка по выезду в <region>", one per visit).

An organisation the report names only inside one region's visit section works in that
region; `region_sections` gives the organisation directory those sections. The layout is
asserted: N_VISITS sections, ended by the next numbered part heading.
"""
from __future__ import annotations

import re

from conventions.errors import EtlError
from etl.document import Document
from etl.organizations import Section
from etl.regions import Gazetteer

VISIT_HEADING_RE = re.compile(r"^\s*Справка по (?:выезду в|городу) (?P<place>.+?)\s*$")
PART_HEADING_RE = re.compile(r"^\s*[IVX]+\.\s")
N_VISITS = 20                 # 17 regions and 3 cities of republican significance


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
