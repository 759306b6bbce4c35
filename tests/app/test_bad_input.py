"""Hostile and mistyped links: every page opens, explains what it ignored, and cleans the URL.

Each generated query string runs once, on one page, in a fresh `AppTest` session opened
directly on that page (as a browser following a shared link would). Cases that attack the
global filters (`region`, `from`, `to`, `lang`) are spread over the pages so that each page
gets at least `MIN_CASES_PER_PAGE`; cases that attack a page's own parameters
(`qogam.params.PAGE_PARAMS`, e.g. `?source=&line=` of the document viewer) run on that page.

The oracle for "a visible message for each invalid parameter" is written independently of
the app's parsers: a year parameter's warning names the parameter (`from`); a region or language
warning repeats the offending value (its printable part), or names `region` when the value is too
long to repeat; a page parameter's warning names the parameter.

Decided here (the app agrees today): unknown keys (`utm_source`, `REGION`), an empty `region=`
and any free text in a search box (`q`, `text`: `' OR 1=1 --` is a legitimate search) are not
errors and need no warning; unknown keys must not survive in the URL.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from conventions.i18n import LANGS
from qogam.params import PAGE_PARAMS
from tests.support import APP, FIRST_SOURCE, AppPage, app_pages

MIN_CASES = 100
MIN_CASES_PER_PAGE = 15
RUN_TIMEOUT = 60            # seconds; a page run takes about one, but CI machines are shared
LONG = 10_000
REGION_MAX_SHOWN = 32       # longer region values are reported by parameter, not repeated
TEXT_MAX = 200              # longer free text is cut, with a warning
FILTER_KEYS = ("region", "from", "to", "lang")
FREE_TEXT = {"q", "text"}   # page parameters that accept any text
# A page parameter that is only read together with another one: line needs its document.
COMPANIONS = {"line": {"source": FIRST_SOURCE}}

SQL = ["' OR 1=1 --", "; DROP TABLE observations", "1; DELETE FROM sources",
       "KZ-75' UNION SELECT * FROM source_lines --", '" OR ""="']
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
          "**bold** [x](javascript:alert(1))", "{{7*7}}", "${7*7}", "%s%n", "../../etc/passwd"]
UNICODE = ["\u202eKZ-75", "KZ\u200b-75", "🙂🙂", "\x00", "é" * 50, "Алматы"]
WRONG_TYPES = ["null", "[]", "{}", "true", "1.5"]
JUNK_REGION = ["KZ-99", "XX", "kz_75", "KZ-75-01", "KZ-", "0", "-1", "99999", "KZ-75;KZ-19",
               *SQL, *MARKUP, *UNICODE, *WRONG_TYPES, "R" * LONG, "KZ-75," * (LONG // 5)]
JUNK_YEAR = ["99999", "-1", "abc", "0", "20 22", "2022.0", "1e3", "２０２２", "1800", "9999", "",
             "2022-01-01", "[2022]", *SQL, *MARKUP[:2], *UNICODE[:4], *WRONG_TYPES[:2], "9" * LONG]
JUNK_LANG = ["de", "EN-US", "russian", "ru;kk", "", *SQL[:2], *MARKUP[:2], "\u202eru", "🙂",
             "null", "x" * LONG]
JUNK_CHOICE = ["no-such-id", SQL[1], MARKUP[0], "x" * LONG]
JUNK_LINE = ["abc", "-1", "0", "99999999", "9" * LONG]
JUNK_TEXT = [SQL[0], MARKUP[2], "y" * LONG]


@dataclass(frozen=True)
class Case:
    """A query string and the texts its warning must contain (empty: no warning needed)."""

    params: dict[str, list[str]]
    mentions: tuple[str, ...]
    label: str = field(default="", compare=False)
    page: str | None = None          # URL path of the page the case belongs to (None: any page)


def printable(value: str) -> str:
    """What a warning can repeat of `value`: no control or format characters, first 20 chars."""
    return "".join(c for c in value if unicodedata.category(c) not in ("Cc", "Cf")).strip()[:20]


def mention(param: str, value: str) -> str:
    """The text that must appear in a warning about a global filter `param=value`."""
    if param in ("from", "to") or (param == "region" and len(value) > REGION_MAX_SHOWN):
        return f"`{param}`"
    return printable(value)


def single(param: str, value: str) -> Case:
    return Case({param: [value]}, (mention(param, value),), f"{param}={value[:30]!r}")


def structural_cases() -> list[Case]:
    """Repeated keys, unknown keys, empty values, mixed valid and invalid, swapped years."""
    return [
        Case({"from": ["2021", "2022"]}, ("`from`",), "repeated from"),
        Case({"lang": ["ru", "kk"]}, ("`lang`",), "repeated lang"),
        Case({"to": ["2022", "2022"]}, ("`to`",), "repeated identical to"),
        Case({"region": ["KZ-99", "KZ-98"]}, ("KZ-99", "KZ-98"), "two unknown regions"),
        Case({"region": ["KZ-75,KZ-99"]}, ("KZ-99",), "valid and unknown in one value"),
        Case({"foo": ["bar"], "from": ["abc"]}, ("`from`",), "unknown key"),
        Case({"utm_source": ["x" * LONG], "region": ["KZ-99"]}, ("KZ-99",), "long unknown key"),
        Case({"REGION": ["KZ-75"], "to": ["-1"]}, ("`to`",), "key in capitals"),
        Case({"region[]": ["KZ-75"], "lang": ["xx"]}, ("xx",), "array-style key"),
        Case({"from ": ["2022"], "to": ["abc"]}, ("`to`",), "key with a space"),
        Case({"from": ["2023"], "to": ["2021"]}, ("2023",), "swapped years"),
        Case({"region": [""], "from": [""], "to": [""], "lang": [""]}, ("`from`", "`to`"), "all empty"),
        Case({"region": [""]}, (), "empty region"),
        Case({"foo": [""], "": ["x"]}, (), "unknown and empty keys only"),
    ]


def combined_cases(count: int) -> list[Case]:
    """`count` cases with a junk value in every filter parameter at once; the junk lists are
    walked in parallel, so together the cases use every junk value at least once."""
    cycles = zip(itertools.cycle(JUNK_REGION), itertools.cycle(JUNK_YEAR[3:]),
                 itertools.cycle(reversed(JUNK_YEAR)), itertools.cycle(JUNK_LANG))
    cases = []
    for region, year_from, year_to, lang in itertools.islice(cycles, count):
        params = {"region": [region], "from": [year_from], "to": [year_to], "lang": [lang]}
        mentions = tuple(mention(k, v[0]) for k, v in params.items())
        cases.append(Case(params, mentions, f"all four junk: {region[:12]!r}/{lang[:12]!r}"))
    return cases


def page_param_cases(url_path: str) -> list[Case]:
    """Junk in each parameter the page owns (with its companion parameters set validly)."""
    cases = []
    for param in PAGE_PARAMS.get(url_path, ()):
        junk = JUNK_TEXT if param in FREE_TEXT else JUNK_LINE if param == "line" else JUNK_CHOICE
        for value in junk:
            needs_warning = param not in FREE_TEXT or len(value) > TEXT_MAX
            params = {k: [v] for k, v in COMPANIONS.get(param, {}).items()} | {param: [value]}
            cases.append(Case(params, (f"`{param}`",) if needs_warning else (),
                              f"{param}={value[:30]!r}", url_path))
    return cases


def generated_cases(pages: list[AppPage]) -> list[tuple[Case, AppPage]]:
    """Page-parameter cases on their page, then filter cases given to whichever page has fewest,
    with enough filter cases that every page reaches MIN_CASES_PER_PAGE and the total MIN_CASES."""
    assigned = [(case, page) for page in pages for case in page_param_cases(page.url_path)]
    counts = Counter({page.url_path: 0 for page in pages})
    counts.update(page.url_path for _, page in assigned)
    shortfall = sum(max(0, MIN_CASES_PER_PAGE - counts[p.url_path]) for p in pages)
    filter_cases = [single("region", v) for v in JUNK_REGION[::4]]
    filter_cases += [single("from", v) for v in JUNK_YEAR[::4]] + [single("to", v) for v in JUNK_YEAR[1::6]]
    filter_cases += [single("lang", v) for v in JUNK_LANG[::4]] + structural_cases()
    longest = max(map(len, (JUNK_REGION, JUNK_YEAR, JUNK_LANG)))
    wanted = max(shortfall, MIN_CASES - len(assigned))
    filter_cases += combined_cases(max(longest, wanted - len(filter_cases)))
    by_path = {page.url_path: page for page in pages}
    for case in filter_cases:
        fewest = min(by_path, key=lambda path: counts[path])
        counts[fewest] += 1
        assigned.append((case, by_path[fewest]))
    return assigned


PAGES = app_pages()
ASSIGNED = generated_cases(PAGES)


@pytest.fixture(scope="module")
def known(built_db: Path) -> dict[str, set[str]]:
    """What a clean URL may carry for the filters: known region codes and years with data."""
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        regions = {r for (r,) in con.execute("SELECT region_code FROM regions").fetchall()}
        low, high = con.execute("SELECT min(year_start), max(year_end) FROM observations").fetchone()
    finally:
        con.close()
    years = {str(y) for y in range(low, high + 1)}
    return {"region": regions - {"KZ"}, "from": years, "to": years, "lang": set(LANGS)}


def unescaped(markdown: str) -> str:
    """Warning text as the reader sees it (Markdown backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def open_page(page: AppPage, params: dict[str, list[str]]) -> AppTest:
    """A new session whose first run opens `page` with the URL parameters `params`."""
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    for key, values in params.items():
        at.query_params[key] = values
    return at.switch_page(page.path).run()


def url_values(at: AppTest) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def test_enough_cases_for_every_page() -> None:
    per_page = Counter(page.url_path for _, page in ASSIGNED)
    assert len(ASSIGNED) >= MIN_CASES
    assert min(per_page[p.url_path] for p in PAGES) >= MIN_CASES_PER_PAGE, per_page
    used = {v for case, _ in ASSIGNED for values in case.params.values() for v in values}
    assert set(JUNK_REGION + JUNK_YEAR + JUNK_LANG) <= used, "a junk value is never tried"


@pytest.mark.parametrize("page", PAGES, ids=[p.url_path for p in PAGES])
def test_a_link_opens_the_page_it_names(page: AppPage, built_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut the cases rely on: a first run after switch_page shows the same page as
    opening the app and then switching (the documented AppTest way)."""
    monkeypatch.setenv("QOGAM_DB", str(built_db))
    direct = open_page(page, {})
    two_step = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT).run().switch_page(page.path).run()
    assert direct.title and [t.value for t in direct.title] == [t.value for t in two_step.title]


@pytest.mark.parametrize(("case", "page"), ASSIGNED,
                         ids=[f"{i:03d}-{p.url_path}-{c.label}" for i, (c, p) in enumerate(ASSIGNED)])
def test_malformed_link_opens_page_with_warning(case: Case, page: AppPage, built_db: Path,
                                                known: dict[str, set[str]],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QOGAM_DB", str(built_db))
    at = open_page(page, case.params)

    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the page did not render its title"
    warnings = "\n".join(unescaped(w.value) for w in at.warning)
    if case.mentions:
        assert warnings, "an invalid parameter was ignored without a warning"
    for text in case.mentions:
        assert text in warnings, f"no warning mentions {text!r}; warnings: {warnings[:500]!r}"
    cleaned = url_values(at)
    assert set(cleaned) <= {*FILTER_KEYS, *PAGE_PARAMS.get(page.url_path, ())}, f"junk left in the URL: {cleaned}"
    for key in FILTER_KEYS:
        assert set(cleaned.get(key, ())) <= known[key], f"invalid {key} left in the URL: {cleaned[key]}"
