"""Best-practice catalog (`practices`) and organisation directory (`organizations`, mentions).

The steps, each in its own module:

* `etl/org_directory.py` reads ``data/reference/organizations.toml`` (names and spellings, like
  a gazetteer) and finds every spelling on every line of all documents (`organization_mentions`);
* a source that describes practices reads them with its `read_practices` hook (the compendium's
  layout: `etl/sources/animals_2025/compendium.py`), applying the shared rules of
  `etl/practice_rows.py` and `etl/vocabulary.py` and placing them with `etl/places.py`;
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
from etl.source_folders import hook
from etl.vocabulary import VOCABULARY_FILE, Vocabulary

if TYPE_CHECKING:
    from etl.context import BuildContext


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
    places = Places(ctx.gazetteer)
    kit = PracticeKit(vocabulary, directory, matcher, places, ctx.indicators[PRACTICE_INDICATOR].unit)
    practices: list[dict] = []
    observations: list[Observation] = []
    for source_id, doc in ctx.docs.items():
        read_practices = hook(source_id, "read_practices")
        if read_practices is None:
            continue
        found = read_practices(doc, kit)
        practices += found.rows
        _assert_unique([p["practice_id"] for p in practices], doc.file, "practice-id")
        observations += found.observations
        _assert_unique([o.key() for o in observations], doc.file, "practice-figure-duplicate")
    sections: dict[str, list[Section]] = {}
    for source_id, doc in ctx.docs.items():
        region_sections = hook(source_id, "region_sections")
        if region_sections is not None:
            sections[source_id] = region_sections(doc, ctx.gazetteer)
    organizations = build_organizations(ctx.docs, directory, mentions, practices, places, sections)
    return Catalog(practices=practices, organizations=organizations,
                   organization_mentions=[m.row() for m in mentions], observations=observations)


def _assert_unique(keys: list, file: str, rule: str) -> None:
    duplicates = [k for k, n in Counter(keys).items() if n > 1]
    if duplicates:
        raise EtlError(file, rule, f"extracted twice: {duplicates[:3]}")
