"""The search page says which words it left out of a query past `search.MAX_TERMS` different
words, in the reader's language, and searches the rest (issue 12, finding 5)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conventions import formatting, i18n
from qogam.search import HITS_PAGE, MAX_HITS_SHOWN, MAX_TERMS
from tests.app.support import TIMEOUT
from tests.support import APP

LIMIT_KEY = "s_limit"   # pages/search.py: how many hits of each kind the session shows
WORDS = [f"w{i}" for i in range(40)]   # 40 different words, 159 characters: within the link cap


def open_search(**query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("pages/search.py")
    return at.run()


def shown(at: AppTest) -> str:
    """Every warning as the reader sees it (Markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(w.value for w in at.warning))


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_words_past_the_cap_are_named_in_the_readers_language(built_db: Path, lang: str) -> None:
    at = open_search(q=" ".join(WORDS), lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    expected = i18n.t("search.terms_dropped", lang, max=formatting.format_number(MAX_TERMS, lang),
                      n=formatting.format_number(len(WORDS) - MAX_TERMS, lang), words=" ".join(WORDS[MAX_TERMS:]))
    assert expected in shown(at)


def test_repeated_words_are_not_reported_as_left_out(built_db: Path) -> None:
    at = open_search(q="волонтёр " * 20)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning
    assert any(h.value.startswith(i18n.t("search.mentions", "en", n="").split("(")[0]) for h in at.subheader)


def test_more_stops_at_the_cap_and_says_where_the_rest_is(built_db: Path) -> None:
    """A word in most English statements has more hits than a page shows: "more" adds pages up
    to `MAX_SHOWN`, then the page says how to get every match instead of growing further."""
    at = open_search(q="the")
    at.session_state[LIMIT_KEY] = MAX_HITS_SHOWN - HITS_PAGE
    at.run()
    more = i18n.t("search.more", "en", n=HITS_PAGE)
    next(b for b in at.button if b.label == more).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[LIMIT_KEY] == MAX_HITS_SHOWN
    assert not [b for b in at.button if b.label == more]
    assert i18n.t("search.shown_cap", "en", n=MAX_HITS_SHOWN) in [c.value for c in at.caption]
