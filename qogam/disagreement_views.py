"""The "Where sources disagree" section: every disagreement group, its members in words.

The groups come from the `disagreements` table (found by the ETL's interval rule, see
etl/disagreements.py); this module only names and formats them in the page's language, so the
page lays them out without logic of its own.
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl
import pyarrow as pa

from conventions import formatting, i18n
from qogam import byte_cache, db

GROUP_BYTES = 8 * 2**20    # the groups in every language (a few hundred kB on the shipped data)


@dataclass(frozen=True)
class Group:
    """One group: what it is about, by which rule, and its members as table rows (`arrow`: the
    same rows as the page sends them, converted once)."""

    group_id: str
    title: str
    rule: str
    members: pl.DataFrame
    arrow: pa.Table


def member_rows(rows: pl.DataFrame, lang: str) -> pl.DataFrame:
    """A group's members with headings in `lang`: value as read, how counted, where quoted."""
    words = i18n.words(lang)
    values = [formatting.format_value(r["value"], r["value_high"], r["unit"], r["qualifier"], lang, words)
              for r in rows.iter_rows(named=True)]
    return pl.DataFrame({
        i18n.t("field.value", lang): values,
        i18n.t("field.category", lang): [i18n.category_label(c, lang) for c in rows["category"]],
        i18n.t("disagree.basis_column", lang): rows[f"basis_{lang}"],
        i18n.t("field.source", lang): rows["source_title"],
        i18n.t("field.line", lang): rows["line"],
        i18n.t("field.quote", lang): [" ".join(q.split()) for q in rows["quote"]],
    })


def groups(lang: str) -> list[Group]:
    """Every group of the database, values first, then the shares that add up past 100%; built
    once per database and language (formatting them was a third of the data page's rerun)."""
    return _groups(db.database_key(), lang)


@byte_cache.memoize(GROUP_BYTES)
def _groups(database: str, lang: str) -> list[Group]:
    rows = db.query("disagreements")
    out = []
    for (group_id,), members in rows.group_by(["group_id"], maintain_order=True):
        first = members.row(0, named=True)
        years = formatting.format_years(first["year_start"], first["year_end"])
        title = f"{first[f'indicator_{lang}']} · {first[f'region_{lang}']} · {years}"
        if first["rule"] == "values" and first["category"] is not None:  # one category: name it
            title += f" · {i18n.category_label(first['category'], lang)}"
        table = member_rows(members, lang)
        out.append(Group(group_id, title, first["rule"], table, table.to_arrow()))
    return out
