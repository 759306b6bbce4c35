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
