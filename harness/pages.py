"""The pages of the app as app.py's PAGES table lists them: the one place tests and benchmarks read it."""
from __future__ import annotations

import ast

from conventions.paths import ROOT


def app_pages() -> list[tuple[str, str, str, str]]:
    """The PAGES table of app.py — (script, title key, icon, URL path) per page, the default
    first — read without running the app. The benchmarks and the tests both take it from here."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            return [tuple(page) for page in ast.literal_eval(node.value)]
    raise LookupError("app.py no longer defines PAGES as a literal tuple")


def page_paths() -> list[str]:
    """URL paths of the app's pages."""
    return [url for _script, _title, _icon, url in app_pages()]


def sections(script: str) -> list[tuple[str, str]]:
    """(id, label's translation key) of each of a page's sections (`qogam.page_sections`), read
    from its `SECTIONS = (Section("id", "key"), ...)` without running it; empty for a page without."""
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "SECTIONS" for t in node.targets):
            return [(ast.literal_eval(call.args[0]), ast.literal_eval(call.args[1])) for call in node.value.elts]
    return []


def section_ids(script: str) -> list[str]:
    """Ids of a page's sections, the default first."""
    return [section_id for section_id, _title_key in sections(script)]


def section_views(script: str) -> list[str]:
    """The sections a link opens by `?section=`: every one but the first (the page's default)."""
    return section_ids(script)[1:]
