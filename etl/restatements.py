"""observations.restates: a document stating the same figure again points at its first statement.

The 2023 volunteering report gives the front offices' count of volunteers in its summary and again
1,600 lines later; both are published (each is a citable line), but a chart, a headline or a
total must count the figure once. A later observation restates an earlier one of the same
document when indicator, region, period, category, practice, value, upper end and qualifier all
agree; the first by line is the one the others point at. Derived rows never restate.
"""
from __future__ import annotations

RESTATEMENT_KEY = ("source_id", "indicator_id", "region_code", "year_start", "year_end", "category",
                   "practice_id", "value", "value_high", "qualifier")


def restatements(rows: list[dict]) -> dict[str, str]:
    """obs_id of each restating row -> obs_id of the first statement of the same figure."""
    first: dict[tuple, dict] = {}
    out: dict[str, str] = {}
    for row in sorted((r for r in rows if not r["derived"]), key=lambda r: (r["source_id"], r["line"], r["obs_id"])):
        key = tuple(row[k] for k in RESTATEMENT_KEY)
        if key in first:
            out[row["obs_id"]] = first[key]["obs_id"]
        else:
            first[key] = row
    return out
