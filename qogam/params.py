"""URL parameters that belong to one page (`?practice=`, `?q=`, `?source=&line=`), validated.

The global filters (`qogam.filters`) are shared by every page; these are read only by the page
that owns them, listed in `PAGE_PARAMS` by the page's URL path so that the frame keeps them in
the address bar while that page is shown and drops them everywhere else. Like the filters,
parsing is pure and never raises: a bad value falls back to a sensible one and yields an
`Issue`, which the page shows as a warning (offending values are shortened by `shown`).
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from qogam.filters import MAX_VALUE_LENGTH, Issue, shown

PRACTICE, FOCUS, GROUP, SCOPE, TEXT = "practice", "focus", "group", "scope", "text"
THEME, NEAR, NEAR_THEME = "theme", "near", "near_theme"
KIND, ORG = "kind", "org"
QUERY, SOURCE, TOPIC, LINE = "q", "source", "topic", "line"
TABLE, OBSERVATION = "table", "obs"
SECTION = "section"        # the open tab of a page with sections (`qogam.page_sections`)
# Set by the server on a link cut down to the parameters Qogam reads (`qogam.web.links`).
TRIMMED = "trimmed"
MAX_TEXT_LENGTH = 200      # longest free-text search kept from a link
MAX_ID_LENGTH = 120        # longest id (practice, organisation, observation) worth looking up
MAX_LINE_DIGITS = 7
_DIGITS = re.compile(r"[0-9]+")
_SPACES = re.compile(r"\s+")

# URL path of a page -> the parameters it owns (kept in the URL while it is shown).
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "practices": (PRACTICE, THEME, FOCUS, GROUP, SCOPE, SOURCE, TEXT, NEAR, NEAR_THEME),
    "organizations": (ORG, KIND, TEXT),
    "search": (QUERY, SOURCE, TOPIC),
    "documents": (SOURCE, LINE),
    "downloads": (TABLE, OBSERVATION, SECTION),
    "volunteers": (SECTION,),
    "ngos-funding": (SECTION,),
    "data": (SECTION,),
    "sources": (SECTION,),
}


def owned(url_path: str) -> tuple[str, ...]:
    """The parameters the page at `url_path` owns (none for pages without any)."""
    return PAGE_PARAMS.get(url_path, ())


def _first(values: Sequence[str], param: str) -> tuple[str | None, list[Issue]]:
    """The first value (stripped) and a warning when the key was repeated."""
    if not values:
        return None, []
    issues = [Issue("warn.repeated", param)] if len(values) > 1 else []
    return values[0].strip(), issues


def parse_choice(values: Sequence[str], param: str, known: Collection[str]) -> tuple[str | None, list[Issue]]:
    """One value that must be in `known` (an id, a document); None when absent or unknown."""
    value, issues = _first(values, param)
    if not value:
        return None, issues
    if len(value) > MAX_ID_LENGTH:
        return None, issues + [Issue("warn.too_long", param, shown(value))]
    if value not in known:
        return None, issues + [Issue("warn.unknown_value", param, shown(value))]
    return value, issues


def parse_choices(values: Sequence[str], param: str, known: Sequence[str]) -> tuple[list[str], list[Issue]]:
    """Values from `known` (repeated keys or comma-separated), in `known` order, no duplicates.

    Unknown values are dropped with a warning each; over-long values are dropped unread.
    """
    issues: list[Issue] = []
    picked: set[str] = set()
    for raw in values:
        if len(raw) > MAX_VALUE_LENGTH * 8:
            issues.append(Issue("warn.too_long", param, shown(raw)))
            continue
        for part in (p.strip() for p in raw.split(",")):
            if part and part in known:
                picked.add(part)
            elif part:
                issues.append(Issue("warn.unknown_value", param, shown(part)))
    return [v for v in known if v in picked], issues


def parse_text(values: Sequence[str], param: str, max_length: int = MAX_TEXT_LENGTH) -> tuple[str, list[Issue]]:
    """Free text (a search): whitespace collapsed; longer than `max_length` → cut, with a warning."""
    value, issues = _first(values, param)
    text = _SPACES.sub(" ", value or "").strip()
    if len(text) > max_length:
        return text[:max_length].rstrip(), issues + [Issue("warn.text_cut", param, shown(text))]
    return text, issues


def parse_line(values: Sequence[str], param: str, n_lines: int) -> tuple[int, list[Issue]]:
    """A 1-based line of a document with `n_lines` lines.

    Not a number → line 1; a number past the end (or 0) → the nearest line that exists.
    """
    value, issues = _first(values, param)
    if not value:
        return 1, issues
    if not _DIGITS.fullmatch(value):
        return 1, issues + [Issue("warn.invalid_line", param, shown(value))]
    last = max(n_lines, 1)
    line = int(value) if len(value) <= MAX_LINE_DIGITS else last + 1   # int() of 5000 digits raises
    nearest = min(max(line, 1), last)
    if nearest != line:
        issues.append(Issue("warn.line_out_of_range", param, shown(value)))
    return nearest, issues
