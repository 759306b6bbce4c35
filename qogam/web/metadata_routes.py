"""The metadata at stable URLs: `/datapackage.json`, `/catalog.jsonld`, `/robots.txt`,
`/sitemap.xml`, and the home page's HTML with the schema.org `Dataset` in it.

Streamlit sends the same static index.html for every page and fills it in the browser, so a
crawler that does not run JavaScript sees nothing of the data. The route for `/` sends that
same file with one `<script type="application/ld+json">` added to its head — a data block,
which browsers never execute and a Content-Security-Policy does not block. Every document is
built once per database file (`db.database_key()`) and revalidated by its ETag.
"""
from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from publish.citation import public_url
from qogam import db
from qogam.filters import DEFAULT_LANG, LANGS, PARAM_LANG
from qogam.web.api import METHODS
from qogam.web.api_http import document_response, endpoint, entity_tag, json_bytes
from qogam.web.api_params import API_PREFIX, OPENAPI_PATH
from qogam.web.metadata import CATALOG_PATH, DATAPACKAGE_PATH, Facts, dcat_catalog, read_facts, schema_org_dataset

ROOT = Path(__file__).resolve().parent.parent.parent
# Each page's URL path is its file's stem (see app.py's PAGES); `/` is the default page.
PAGES_DIR = ROOT / "pages"
# Streamlit's HTML revalidates on every load (its own static handler says no-cache).
CACHE_HTML = "no-cache"
CACHE_DOCUMENT = "public, max-age=3600"
HEAD_END = "</head>"

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=2)
def _facts(database: str) -> Facts:
    """The facts of database `database` (the key only keys the cache: one build, one answer)."""
    return read_facts()


def page_urls() -> list[str]:
    """Every page in every language, as absolute URLs on the public address."""
    paths = ["", *sorted(p.stem for p in PAGES_DIR.glob("*.py"))]
    return [f"{public_url()}/{path}" + ("" if lang == DEFAULT_LANG else f"?{PARAM_LANG}={lang}")
            for path in paths for lang in LANGS]


def sitemap() -> bytes:
    entries = "".join(f"<url><loc>{escape(url)}</loc></url>" for url in page_urls())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n').encode()


def robots() -> bytes:
    """Crawl the pages and the metadata; not the API's endless filter combinations."""
    return "\n".join([
        "User-agent: *", f"Allow: {OPENAPI_PATH}", f"Disallow: {API_PREFIX}/", "Disallow: /_stcore/",
        f"Sitemap: {public_url()}/sitemap.xml", ""]).encode("utf-8")


def json_ld_script(document: dict) -> str:
    """`document` as a JSON-LD block that no text inside it can close early."""
    text = json.dumps(document, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/ld+json">{text}</script>'


@functools.cache
def _index_template() -> str:
    from streamlit import file_util  # the front end's static folder, where Streamlit serves it from
    return (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=2)
def _index(database: str) -> bytes:
    html = _index_template()
    if HEAD_END not in html:
        raise ValueError("Streamlit's index.html has no </head> to put the Dataset block before")
    block = json_ld_script(schema_org_dataset(_facts(database)))
    return html.replace(HEAD_END, block + HEAD_END, 1).encode("utf-8")


def _from_database(request: Request, name: str, build: Callable[[str], bytes], media_type: str,
                   cache: str = CACHE_DOCUMENT) -> Response:
    """A document built from the current database (`build(database_key)`, cached by the caller)."""
    database = db.database_key()
    return document_response(request, entity_tag(database, name, public_url()), lambda: build(database),
                             media_type, cache)


def _static(request: Request, name: str, body: bytes, media_type: str) -> Response:
    """A document that depends only on the code and the public address."""
    return document_response(request, entity_tag(name, body.decode("utf-8")), lambda: body, media_type,
                             CACHE_DOCUMENT)


@endpoint
def datapackage_endpoint(request: Request) -> Response:
    return _from_database(request, "datapackage", lambda key: json_bytes(_facts(key).package), "application/json")


@endpoint
def catalog_endpoint(request: Request) -> Response:
    return _from_database(request, "catalog", lambda key: json_bytes(dcat_catalog(_facts(key))),
                          "application/ld+json")


@endpoint
def sitemap_endpoint(request: Request) -> Response:
    return _static(request, "sitemap", sitemap(), "application/xml")


@endpoint
def robots_endpoint(request: Request) -> Response:
    return _static(request, "robots", robots(), "text/plain; charset=utf-8")


def index_endpoint(request: Request) -> Response:
    """`/`: Streamlit's page with the Dataset block; without it when the block cannot be built
    (no database: the dashboard itself then says what is wrong), never an error instead of it."""
    try:
        return _from_database(request, "index", _index, "text/html; charset=utf-8", CACHE_HTML)
    except Exception:  # the home page must load whatever the metadata's state
        log.exception("home page served without its Dataset block")
        return HTMLResponse(_index_template(), headers={"Cache-Control": CACHE_HTML})


ROUTES: list[BaseRoute] = [
    Route(DATAPACKAGE_PATH, datapackage_endpoint, methods=METHODS),
    Route(CATALOG_PATH, catalog_endpoint, methods=METHODS),
    Route("/robots.txt", robots_endpoint, methods=METHODS),
    Route("/sitemap.xml", sitemap_endpoint, methods=METHODS),
    Route("/", index_endpoint, methods=METHODS),
]
"""The metadata routes, for `st.App(routes=...)` in serve.py."""
