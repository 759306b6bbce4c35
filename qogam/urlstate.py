"""A page's own URL parameters (`qogam.params`) bound to its widgets' Session State.

The same contract as the global filters (`qogam.page_frame`): the URL is read into Session State,
the widgets hold the truth, and every run writes them back to `st.query_params`, so the
address bar always reproduces the view. The difference is when the URL is read: a page's
parameters are read whenever the URL brings values the page did not write itself — on a
session's first run, after a link within the app opened the page with other parameters, or
after a page switch emptied them — and ignored otherwise.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from conventions import i18n
from qogam import page_frame
from qogam.filters import Issue

KEY_SEEN = "_page_url_seen"    # widget key -> the URL values last read or written for it

Parse = Callable[[list[str]], tuple[Any, list[Issue]]]


def _seen() -> dict[str, list[str]]:
    return st.session_state.setdefault(KEY_SEEN, {})


def brings(param: str, key: str) -> bool:
    """Whether the URL has values of `param` the page did not read or write itself (a link)."""
    values = st.query_params.get_all(param)
    return bool(values) and _seen().get(key) != values


def read(param: str, key: str, parse: Parse) -> list[Issue]:
    """Seed `st.session_state[key]` from `?param=` when the URL's values are new to the page.

    Returns the problems `parse` found (nothing when the URL was not read).
    """
    values = st.query_params.get_all(param)
    if key in st.session_state and _seen().get(key) == values:
        return []
    value, issues = parse(values)
    st.session_state[key] = value
    _seen()[key] = values
    return issues


def write(param: str, key: str, values: Sequence[str]) -> None:
    """Put the page's state for `param` into the URL (left out when empty)."""
    values = [v for v in values if v]
    if st.query_params.get_all(param) != values:
        if values:
            st.query_params[param] = values
        else:
            del st.query_params[param]
    _seen()[key] = values


def write_choice(param: str, key: str) -> str | None:
    """The item chosen on the page (`st.session_state[key]`, None for none), also put into the URL."""
    chosen = st.session_state[key]
    write(param, key, [chosen] if chosen else [])
    return chosen


def show_issues(issues: Sequence[Issue], lang: str) -> None:
    """One warning listing what in the page's part of the link was ignored or corrected."""
    if issues:
        lines = "\n".join(f"- {page_frame.issue_text(issue, lang)}" for issue in issues)
        st.warning(f"{i18n.t('warn.heading', lang)}\n\n{lines}", icon=":material/link_off:")
