"""The blocks a practice is shown with, on the practices, organisations and overview pages: its
passages (each a link to its line in the document viewer), its figures with their citations,
its peers (`qogam.peers`, cached per database), and links to a practice's or an organisation's
page that keep the reader's filters.

A practice is opened by putting its id into `KEY_PRACTICE` (the practices page writes it to the
URL); the buttons here do that, so they only work on the practices page, while the Markdown
links (`page_link`) work from anywhere.
"""
from __future__ import annotations

from urllib.parse import urlencode

import polars as pl
import streamlit as st

from conventions import formatting
from qogam import catalog, catalog_views, db, explorer_blocks, figure_views, filters, observations, params, peers
from qogam.catalog_views import Peer, term_labels
from qogam.figure_blocks import citation_popover
from qogam.page_frame import View

KEY_PRACTICE = "pr_practice"
METRICS_PER_ROW = 3


def select(practice_id: str | None) -> None:
    st.session_state[KEY_PRACTICE] = practice_id


def page_link(view: View, label: str, page: str, param: str, value: str) -> str:
    """A Markdown link to another page of the app showing `value` (`?param=value`), with the
    reader's language and region filter; `label` is shown literally."""
    query = {**filters.to_query(view.filters, view.bounds), param: [value]}
    return f"[{formatting.md_escape(label)}]({page}?{urlencode(query, doseq=True)})"


def practice_link(view: View, row: dict) -> str:
    return page_link(view, row["title"], "practices", params.PRACTICE, row["practice_id"])


def practice_button(row: dict, note: str, key: str, icon: str) -> None:
    """A practice's title (and a note) as a button that opens its profile on the practices page."""
    st.button(formatting.md_escape(f"{row['title']} · {note}"), key=key, on_click=select, args=(row["practice_id"],),
              type="tertiary", icon=icon)


def passage_item(view: View, row: dict) -> str:
    """One passage: "line 42 (to 46) · catalog entry — its first line's text"."""
    span = view.t("initiatives.through", line=row["end_line"]) if row["end_line"] > row["line"] else ""
    role = view.t(f"initiatives.role_{row['role']}")
    return (f"- {explorer_blocks.line_link(row['source_id'], row['line'], view.lang)}{span} · {role} — "
            f"{formatting.md_inline(row['text'])}")


def passages(view: View, practice_id: str) -> None:
    """Every passage describing the practice, by document: its lines, each opening the viewer."""
    found = db.query("practice_passages", {"practice_id": practice_id})
    if found.is_empty():
        st.caption(view.t("initiatives.no_passages"))
        return
    for (_source, title, year), rows in found.group_by(["source_id", "source_title", "year_published"],
                                                       maintain_order=True):
        items = "\n".join(passage_item(view, row) for row in rows.iter_rows(named=True))
        st.markdown(f"*{formatting.md_escape(title)}* ({year})\n\n{items}")


def figures(view: View, rows: pl.DataFrame, key: str, *, titled: bool = False) -> None:
    """Figures as metrics, each citing its line; `titled` names the practice of each (for an
    organisation's page)."""
    cells = observations.localize(rows, view.lang).to_dicts()
    for start in range(0, len(cells), METRICS_PER_ROW):
        for column, row in zip(st.columns(METRICS_PER_ROW), cells[start:start + METRICS_PER_ROW]):
            with column:
                st.metric(formatting.md_escape(row["category_label"]), row["value_short"], border=True)
                where = explorer_blocks.line_link(row["source_id"], row["line"], view.lang)
                # Markdown, not a caption: a link in a caption's grey fails WCAG's text contrast.
                named = {"title": row["practice_title"], "practice_id": row["practice_id"]} if titled else None
                st.markdown(f"{practice_link(view, named)} · {where}" if named else where)
                citation_popover(figure_views.citations_markdown([row], view.lang), view.lang,
                                 key=f"{key}_{row['obs_id']}")


@st.cache_data(show_spinner=False, max_entries=512)
def _peers_of(database: str, practice_id: str) -> list[peers.Peer]:
    return db.with_cursor(peers.peers_of, practice_id)


@st.cache_data(show_spinner=False, max_entries=512)
def _peers_for(database: str, region_code: str, theme: str) -> list[peers.Peer]:
    return db.with_cursor(peers.peers_for, region_code, theme)


def peers_of(practice_id: str) -> list[peers.Peer]:
    """The peer finder's ranking of the other practices for a practice (cached per database)."""
    return _peers_of(db.database_key(), practice_id)


def peers_for(region_code: str, theme: str) -> list[peers.Peer]:
    """The peer finder's ranking of the practices on `theme` from a region (cached per database)."""
    return _peers_for(db.database_key(), region_code, theme)


def distance_note(view: View, peer: Peer) -> str:
    """How far a peer works: "same city", "N km away", or where it works when it has no distance
    (nationwide, online, several countries, place not stated)."""
    km = peer.ranked.distance_km
    if km is None:
        return catalog_views.place_label(peer.practice, view.region_names(), view.lang)
    if km < 1:
        return view.t("practices.same_place")
    return view.t("practices.km", km=formatting.format_number(round(km), view.lang))


def peer_buttons(view: View, found: list[Peer], key: str) -> None:
    """Ranked peers as buttons: the themes (or target groups) they share and how far away they are."""
    for peer in found:
        shared = (term_labels(list(peer.ranked.shared_themes), catalog.THEME, view.lang)
                  or term_labels(list(peer.ranked.shared_targets), catalog.TARGET, view.lang))
        practice_button(peer.practice, f"{shared} · {distance_note(view, peer)}",
                        f"{key}_{peer.practice['practice_id']}", ":material/arrow_forward:")
