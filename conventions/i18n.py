"""UI text in English, Russian and Kazakh, from `conventions/translations.toml`.

The file holds one table per key with `en`, `ru` and `kk` strings (tests check that every key
has all three and the same `{placeholders}`). Names of regions and indicators are not here:
they come from the database columns `name_en` / `name_ru` / `name_kk`.
"""
from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any

LANGS = ("en", "ru", "kk")
DEFAULT_LANG = "en"
TRANSLATIONS = Path(__file__).with_name("translations.toml")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
FORMAT_PREFIXES = ("unit.", "scale.", "value.")


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, dict[str, str]]:
    """Nested TOML tables → {"nav.overview": {"en": ..., "ru": ..., "kk": ...}}."""
    flat: dict[str, dict[str, str]] = {}
    for name, item in table.items():
        key = f"{prefix}{name}"
        if isinstance(item, dict) and any(lang in item for lang in LANGS):
            flat[key] = item
        elif isinstance(item, dict):
            flat.update(_flatten(item, f"{key}."))
    return flat


@functools.cache
def catalog() -> dict[str, dict[str, str]]:
    """Every translation key with its strings; read once per process."""
    with TRANSLATIONS.open("rb") as fh:
        return _flatten(tomllib.load(fh))


def t(key: str, lang: str, **values: object) -> str:
    """The text of `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = catalog()[key][lang]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in catalog()


@functools.cache
def words(lang: str) -> dict[str, str]:
    """Unit, scale and value words that `conventions.formatting` needs, in one language."""
    return {key: texts[lang] for key, texts in catalog().items() if key.startswith(FORMAT_PREFIXES)}


def category_label(category: str | None, lang: str) -> str:
    """A breakdown member (`female`, `18-29`, an area name) in `lang`.

    Categories that are codes have a `category.<code>` key; anything else (age bands,
    area names as the document wrote them) is shown as published.
    """
    if category is None:
        return t("category.total", lang)
    key = f"category.{category}"
    return t(key, lang) if has(key) else category
