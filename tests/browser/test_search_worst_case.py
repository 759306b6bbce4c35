"""Worst-case searches cannot grow the server without bound (issue 12, finding 5).

A query of 100 one-letter terms fits the 200-character cap of a link and used to be cached as
it came (256 entries, ~0.8 MB each pickled), each letter repeated marking every occurrence
again: a dozen such links opened in fresh sessions grew the server by over 100 MiB. Here a
server of its own (so no other test's sessions count) is warmed up with ordinary searches,
then opened `VISITS` times in new browser contexts, each with a different worst-case link, and
its resident memory may grow by at most the search cache's byte budget plus `SLACK_MIB` for
what the sessions themselves leave behind. Memory, not time, is asserted.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from conventions import i18n
from harness.processes import rss_mib
from harness.server import Server, streamlit_server
from qogam import search_cache
from tests.browser.support import ARTIFACTS, EXCEPTION, EXTERNAL, MAIN, WAIT_MS, open_app

VISITS = 12
# What twelve sessions that each ran one search leave in the process besides the cache (their
# state, the allocator's slack): measured at ~1 MiB a session with the cache fixed.
SLACK_MIB = 32
# The most frequent letters of the Russian text, so that many sentences contain them all.
LETTERS = "оеаинтсрвлкмдпуя"
N_TERMS = 100


def worst_case_query(visit: int) -> str:
    """100 one-letter terms (199 characters): twelve common letters, starting at a different
    one on every visit (a different link, so a different cache entry), repeated in turn."""
    rotated = LETTERS[visit % len(LETTERS):] + LETTERS[:visit % len(LETTERS)]
    return " ".join(itertools.islice(itertools.cycle(rotated[:12]), N_TERMS))


@pytest.fixture
def own_server(built_db: Path) -> Iterator[Server]:
    with streamlit_server(built_db, "search-worst-case", log_dir=ARTIFACTS) as server:
        yield server


def search_in_new_session(browser: Browser, server: Server, query: str) -> list[str]:
    """Open the search page for `query` in a new browser context (a new Streamlit session) and
    return its section headings once the run has finished; no exception may be on the page."""
    context = browser.new_context(locale="en-US")
    try:
        context.route(EXTERNAL, lambda route: route.abort())
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        open_app(page, server.url.rstrip("/"), "search", f"q={quote(query)}")
        errors = page.locator(EXCEPTION).all_inner_texts()
        assert not errors, errors[0][:2000]
        return page.locator(f"{MAIN} h3").all_inner_texts()
    finally:
        context.close()


def test_worst_case_searches_grow_the_server_by_at_most_the_cache_budget(
        browser: Browser, own_server: Server) -> None:
    for warm_up in ("волонтёр", "217 391", worst_case_query(len(LETTERS) - 1)):
        search_in_new_session(browser, own_server, warm_up)
    assert len(worst_case_query(0)) <= 200 and len(worst_case_query(0).split()) == N_TERMS
    before, _ = rss_mib(own_server.proc.pid)
    no_mentions = i18n.t("search.mentions", "en", n="0")
    for visit in range(VISITS):
        headings = search_in_new_session(browser, own_server, worst_case_query(visit))
        assert any(h.startswith(no_mentions.split("(")[0]) for h in headings), headings
        assert no_mentions not in headings, "the worst case must find sentences, or it tests nothing"
    after, peak = rss_mib(own_server.proc.pid)
    budget_mib = search_cache.CACHE_BYTES / 2**20
    assert after - before <= budget_mib + SLACK_MIB, (
        f"{VISITS} worst-case searches grew the server from {before:.0f} to {after:.0f} MiB "
        f"(peak {peak:.0f}); allowed {budget_mib:.0f} MiB of cache + {SLACK_MIB} MiB")
