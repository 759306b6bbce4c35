"""The `practices` row and `practice_mentions` rows of a practices.toml entry (etl/practice_specs.py).

What the entry states is checked against its passages here, where it is turned into columns:
the region (resolved by the gazetteer, printed by one of its spellings unless it is the country,
"international" or "unstated"), the city (printed, a city of `etl/places.py`, in that region),
the organisation (one of its directory names printed in the passage or on its
`organization_anchor` line) and the summary (the document's own sentences).
"""
from __future__ import annotations

import re

from conventions.errors import EtlError
from etl.document import Document
from etl.practice_rows import PracticeKit
from etl.practice_specs import Passage, PracticeEntry, anchor_line, check_entry, fold, printed

MAX_SUMMARY = 400                       # characters of the default summary's sentences
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[«\"“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])")
SENTENCE_DONE = re.compile(r"[.!?…][»”’\"')]*$")
LIST_MARK = re.compile(r"^[•\-–—▪●]\s*")         # a list item's bullet: not part of its sentence
# Region kinds that stand for no place in Kazakhstan's map: printed by no spelling in a passage.
UNPLACED_KINDS = frozenset({"country", "international", "unknown"})
SCOPES_OF_KIND = {"country": {"national", "online"}, "international": {"international"}}


def spec_row(doc: Document, entry: PracticeEntry, kit: PracticeKit) -> dict:
    """One `practices` row from a checked entry."""
    check_entry(entry, kit)
    item = entry.item
    region_code = _region(entry, kit)
    city, lat, lon = _place(entry, kit, region_code)
    org_id = _organization(doc, entry, kit)
    return {
        "practice_id": entry.practice_id,
        "title": item["title"],
        "organization": kit.directory.entries[org_id].name if org_id else None,
        "org_id": org_id,
        "region_code": region_code,
        "city": city,
        "lat": lat,
        "lon": lon,
        "scope": item["scope"],
        "themes": list(item["themes"]),
        "focus_areas": [],
        "target_groups": list(item.get("target_groups", [])),
        "lead": None,
        "year_started": item.get("year"),
        "summary": summary_of(entry),
        "links": [],
        "source_id": doc.source_id,
        "line": entry.passages[0].start,
        "profile_line": None,
    }


def mention_rows(practice_id: str, source_id: str, passages: list[Passage]) -> list[dict]:
    """The entry passage (role 'entry') and the `also` passages ('mention') of one document."""
    return [{"practice_id": practice_id, "source_id": source_id, "line": p.start, "end_line": p.end,
             "role": "entry" if i == 0 else "mention"} for i, p in enumerate(passages)]


def _region(entry: PracticeEntry, kit: PracticeKit) -> str:
    gazetteer, value, line = kit.places.gazetteer, entry.item["region"], entry.passages[0].start
    code = gazetteer.try_resolve(value)
    if code is None:
        raise entry.fail("practice-region", f"region {value!r} is not a known spelling (region_aliases.csv)", line)
    kind = gazetteer.by_code[code]["kind"]
    if kind not in UNPLACED_KINDS and not any(
            printed(value, p.folded) or code in {c for _, _, c in gazetteer.find_in_text(p.text)}
            for p in entry.passages):
        raise entry.fail("practice-region", f"region {value!r} ({code}) is not printed in its passage", line)
    allowed = SCOPES_OF_KIND.get(kind)
    scope = entry.item["scope"]
    if (allowed is not None and scope not in allowed) or (scope == "international" and kind != "international"):
        raise entry.fail("practice-scope", f"scope {scope!r} does not fit region {value!r} ({code}, {kind})", line)
    return code


def _place(entry: PracticeEntry, kit: PracticeKit, region_code: str) -> tuple[str | None, float | None, float | None]:
    """(city, lat, lon): the stated city's point, else the region's point (none for KZ, INT, ZZ)."""
    city, line = entry.item.get("city"), entry.passages[0].start
    if city is None:
        region = kit.places.gazetteer.by_code[region_code]
        return (None, None, None) if region["kind"] in UNPLACED_KINDS else (None, region["lat"], region["lon"])
    stem = fold(city)[:-1] if len(city) >= 5 else fold(city)   # "Караганда" printed as "Караганды"
    if not any(re.search(rf"(?<!\w){re.escape(stem)}", p.folded) for p in entry.passages):
        raise entry.fail("practice-city", f"city {city!r} is not printed in its passage", line)
    found = kit.places.stated_city(city)
    if found is None:
        raise entry.fail("practice-city", f"city {city!r} is neither in data/reference/cities.toml nor a "
                                          "regional centre of that name", line)
    if found[0] != region_code:
        raise entry.fail("practice-city", f"city {city!r} lies in {found[0]}, not in the region {region_code}", line)
    return city, found[1], found[2]


def _organization(doc: Document, entry: PracticeEntry, kit: PracticeKit) -> str | None:
    org_id, line = entry.item.get("organization"), entry.passages[0].start
    if org_id is None:
        if "organization_anchor" in entry.item:
            raise entry.fail("practice-keys", "organization_anchor without organization", line)
        return None
    if org_id not in kit.directory.entries:
        raise entry.fail("practice-organization", f"unknown org id {org_id!r} (organizations.toml)", line)
    texts = [p.text for p in entry.passages]
    if "organization_anchor" in entry.item:
        texts.append(doc.lines[anchor_line(doc, entry, entry.item["organization_anchor"]) - 1])
    if not any(found == org_id for text in texts for _, _, found in kit.matcher.find(text)):
        raise entry.fail("practice-organization", f"no name of {org_id} is printed in its passage"
                         + (" or on its organization_anchor line" if "organization_anchor" in entry.item else ""),
                         line)
    return org_id


def summary_of(entry: PracticeEntry) -> str:
    """The `summary` regex's match in the passages, else the first passage's first sentences
    (as many as fit in MAX_SUMMARY characters; a longer first sentence is cut at a word, "…").
    The default starts at the first sentence that starts in the passage (a passage may begin
    inside a sentence; a list item may start in lower case), without the item's bullet; it leaves
    out an unfinished last sentence (cut by the passage's end) when a finished one comes before it."""
    pattern = entry.item.get("summary")
    if pattern is None:
        body = entry.passages[0].body or entry.passages[0].text
        item = LIST_MARK.match(body)
        sentences = SENTENCE_BREAK.split(body[item.end():] if item else body)
        if not item and sentences[0][:1].islower() and len(sentences) > 1:
            sentences = sentences[1:]
        chosen = sentences[:1]
        for sentence in sentences[1:]:
            if len(" ".join(chosen + [sentence])) > MAX_SUMMARY:
                break
            chosen.append(sentence)
        if len(chosen) > 1 and not SENTENCE_DONE.search(chosen[-1]):
            chosen.pop()
        summary = " ".join(chosen)
        if len(summary) > MAX_SUMMARY:      # one long sentence: its start, the cut marked
            cut = summary.rfind(" ", 0, MAX_SUMMARY)
            summary = summary[:cut if cut > 0 else MAX_SUMMARY].rstrip(",;:–—- ") + " …"
        return summary
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise entry.fail("practice-summary", f"bad regex {pattern!r}: {exc}") from exc
    for passage in entry.passages:
        m = regex.search(passage.text)
        if m:
            return " ".join((m.groupdict().get("summary") or m.group(0)).split())
    raise EtlError(str(entry.path), "practice-summary",
                   f"{entry.practice_id}: summary {pattern!r} matches none of its passages", entry.passages[0].start)
