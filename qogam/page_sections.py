"""A page's sections as tabs: only the open one is built, and its id is in the URL (`?section=`).

A long page (a dozen charts, each with its source line and text alternative) cost Streamlit a
hundred elements on every rerun, whichever part the reader was looking at. As tabs that track
their state (`on_change`), the hidden sections are not run at all (Streamlit's lazy tabs), and
clicking one runs the page again with it open. The URL carries the section's id, never its
label, so a link opens the same section in every language; the first section is the default
and is left out of the URL.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from qogam import params, urlstate
from qogam.page_frame import View


@dataclass(frozen=True)
class Section:
    """One tab: its id in the URL and the translation key of its label."""

    id: str
    title_key: str


def state_key(url_path: str) -> str:
    """Session State key of the open section's id on the page served at `url_path`."""
    return f"section_{url_path}"


def _tabs_key(url_path: str, lang: str) -> str:
    """The tab bar's widget key; per language, since its labels (and so its identity) change."""
    return f"{state_key(url_path)}_tabs_{lang}"


def _on_switch(url_path: str, lang: str, ids_by_label: dict[str, str]) -> None:
    """A click on a tab: remember which section is open (by id, for the URL)."""
    picked = ids_by_label.get(st.session_state[_tabs_key(url_path, lang)])
    if picked is not None:
        st.session_state[state_key(url_path)] = picked


def open_section(sections: Sequence[Section], view: View, url_path: str,
                 unnamed: str | None = None) -> tuple[str, DeltaGenerator]:
    """Draw the tab bar and return the open section's id and the panel to draw it into.

    A link's `?section=` opens that section; an unknown one is named in a warning and the first
    section opens instead. `unnamed` is the section a link without `?section=` opens (default:
    the first); the URL names the open section whenever it is another one.
    """
    ids = [section.id for section in sections]
    key = state_key(url_path)
    issues = urlstate.read(params.SECTION, key, lambda values: params.parse_choice(values, params.SECTION, ids))
    urlstate.show_issues(issues, view.lang)
    default = unnamed if unnamed in ids else ids[0]
    if st.session_state[key] not in ids:
        st.session_state[key] = default
    labels = [view.t(section.title_key) for section in sections]
    tabs_key = _tabs_key(url_path, view.lang)
    st.session_state[tabs_key] = labels[ids.index(st.session_state[key])]
    panels = st.tabs(labels, key=tabs_key, on_change=_on_switch,
                     args=(url_path, view.lang, dict(zip(labels, ids, strict=True))))
    opened = st.session_state[key]
    urlstate.write(params.SECTION, key, [] if opened == default else [opened])
    return opened, panels[ids.index(opened)]
