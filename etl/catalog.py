"""Best-practice catalog (`practices`) and organisation directory (`organizations`, mentions).

The steps, each in its own module:

* `etl/org_directory.py` reads ``data/reference/organizations.toml`` (names and spellings, like
  a gazetteer) and finds every spelling on every line of all documents (`organization_mentions`);
* a source that describes practices reads them with its `read_practices` hook (the compendium's
  layout: `etl/sources/animals_2025/compendium.py`), applying the shared rules of
  `etl/practice_rows.py` and `etl/vocabulary.py` and placing them with `etl/places.py`;
* a source folder's ``practices.toml`` declares the practices its prose describes, by anchored
  passages (`etl/practice_specs.py`, rows by `etl/practice_spec_rows.py`); an entry `same_as` a
  practice of another source adds that document's passages to the practice (`practice_mentions`)
  once every source is read;
* `etl/organizations.py` reads founding year, region, city, focus and website from what the
  documents state near the mentions, with the region sections some sources provide
  (`region_sections` hook, e.g. the 2023 report's regional visits).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conventions.errors import EtlError
from etl.model import Observation
from etl.org_directory import ORGANIZATIONS_FILE, AliasMatcher, Directory, find_mentions
from etl.organizations import Section, build_organizations
from etl.places import Places
from etl.practice_rows import PRACTICE_INDICATOR, PracticeKit
from etl.practice_spec_rows import mention_rows, spec_row
from etl.practice_specs import PracticeEntry, load_entries
from etl.reference_tables import cities
from etl.source_folders import hook, practices_path, spec_path
from etl.vocabulary import VOCABULARY_FILE, Vocabulary

if TYPE_CHECKING:
    from etl.context import BuildContext


@dataclass
class Catalog:
    """Rows of `practices`, `practice_mentions`, `organizations`, `organization_mentions` and the
    practices' figures."""

    practices: list[dict]
    practice_mentions: list[dict]
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
    places = Places(ctx.gazetteer, cities(ctx.reference_dir))
    kit = PracticeKit(vocabulary, directory, matcher, places, ctx.indicators[PRACTICE_INDICATOR].unit)
    practices: list[dict] = []
    practice_mentions: list[dict] = []
    observations: list[Observation] = []
    same_as: list[tuple[str, PracticeEntry]] = []
    for source_id, doc in ctx.docs.items():
        read_practices = hook(source_id, "read_practices")
        if read_practices is not None:
            found = read_practices(doc, kit)
            practices += found.rows
            practice_mentions += found.mentions
            _assert_unique([p["practice_id"] for p in practices], doc.file, "practice-id")
            observations += found.observations
            _assert_unique([o.key() for o in observations], doc.file, "practice-figure-duplicate")
        path = practices_path(source_id, ctx.sources_dir)
        if path.exists():
            for entry in load_entries(path, doc):
                if entry.same_as is not None:
                    same_as.append((source_id, entry))
                    continue
                _assert_new_id(practices, entry)
                practices.append(spec_row(doc, entry, kit))
                practice_mentions += mention_rows(entry.practice_id, source_id, entry.passages)
    practice_mentions += _same_as_mentions(practices, same_as)
    _assert_unique([(m["practice_id"], m["source_id"], m["line"]) for m in practice_mentions], "practices.toml",
                   "practice-mention-duplicate")
    sections: dict[str, list[Section]] = {}
    for source_id, doc in ctx.docs.items():
        region_sections = hook(source_id, "region_sections")
        if region_sections is not None:
            sections[source_id] = region_sections(doc, ctx.gazetteer)
    organizations = build_organizations(ctx.docs, directory, mentions, practices, places, sections)
    return Catalog(practices=practices, practice_mentions=practice_mentions, organizations=organizations,
                   organization_mentions=[m.row() for m in mentions], observations=observations)


def assert_known_practices(ctx: BuildContext, observations: list[Observation], practices: list[dict]) -> None:
    """A figure linked to a practice (a spec.toml `practice = "<id>"`) names a practice of the catalog."""
    ids = {p["practice_id"] for p in practices}
    for obs in observations:
        if obs.practice_id is not None and obs.practice_id not in ids:
            raise EtlError(str(spec_path(obs.source_id, ctx.sources_dir)), "figure-practice",
                           f"figure of {obs.indicator_id} names practice {obs.practice_id!r}, which no "
                           "practices.toml or practice reader lists", obs.line)


def _assert_new_id(practices: list[dict], entry: PracticeEntry) -> None:
    """A practices.toml id is unique across all sources (a practice another source lists is same_as)."""
    other = next((p for p in practices if p["practice_id"] == entry.practice_id), None)
    if other is not None:
        raise entry.fail("practice-id", f"already a practice of {other['source_id']} (line {other['line']}); "
                                        "use same_as to add this passage to it")


def _same_as_mentions(practices: list[dict], entries: list[tuple[str, PracticeEntry]]) -> list[dict]:
    """The passages of same_as entries, as mentions of the practice they name."""
    ids = {p["practice_id"] for p in practices}
    out, seen = [], set()
    for source_id, entry in entries:
        if entry.practice_id in ids | seen:
            raise entry.fail("practice-id", "a same_as entry's id must be unique and not a practice's id")
        seen.add(entry.practice_id)
        if entry.same_as not in ids:
            raise entry.fail("practice-same-as", f"same_as {entry.same_as!r} names no practice of any source")
        out += mention_rows(entry.same_as, source_id, entry.passages)
    return out


def _assert_unique(keys: list, file: str, rule: str) -> None:
    duplicates = [k for k, n in Counter(keys).items() if n > 1]
    if duplicates:
        raise EtlError(file, rule, f"extracted twice: {duplicates[:3]}")
