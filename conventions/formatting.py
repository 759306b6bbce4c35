"""Numbers, amounts, years and quotes as each language writes them.

Pure functions (no Streamlit) so the conventions are unit-testable: English groups thousands
with a comma and uses a decimal point (`139,671`, `42.4`); Russian and Kazakh group with a
narrow no-break space and use a decimal comma (`139 671`, `42,4`).
"""
from __future__ import annotations

import math
import re

NARROW_NBSP = "\u202f"
EN_DASH = "\u2013"
SUPPORTED = ("en", "ru", "kk")

# (threshold, translation key of the scale word) for compact money amounts, largest first.
MONEY_SCALES = ((1e12, "scale.trillion"), (1e9, "scale.billion"), (1e6, "scale.million"))
MONEY_UNITS = {"KZT", "USD", "EUR"}
# Things counted in whole numbers: an approximate or derived 520.856 groups reads as 521.
WHOLE_UNITS = {"persons", "organizations", "groups", "events", "projects", "councils", "awards"}
QUALIFIER_SIGNS = {"at_least": "≥\u00a0", "more_than": ">\u00a0", "up_to": "≤\u00a0",
                   "less_than": "<\u00a0", "approx": "≈\u00a0"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """`value` with the language's digit grouping and decimal mark.

    `decimals=None` keeps up to one decimal for fractional values and none for whole ones,
    which is how the reports print their figures (`139 671`, `42,4`).
    """
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 1 else 2)
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", NARROW_NBSP).replace(".", ",")


def compact_amount(value: float, lang: str, scale_words: dict[str, str]) -> str:
    """A large amount as `2.6 billion` / `2,6 млрд`; `scale_words` maps scale keys to words."""
    for threshold, key in MONEY_SCALES:
        if abs(value) >= threshold:
            scaled = value / threshold
            return f"{format_number(scaled, lang, 0 if scaled.is_integer() else 1)}\u00a0{scale_words[key]}"
    return format_number(value, lang)


def format_years(year_start: int, year_end: int) -> str:
    """`2022`, or `2003–2020` for a figure that covers a period."""
    return str(year_start) if year_start == year_end else f"{year_start}{EN_DASH}{year_end}"


def format_value(value: float | None, value_high: float | None, unit: str, qualifier: str,
                 lang: str, words: dict[str, str], *, with_unit: bool = True) -> str:
    """A published figure as text: qualifier sign, number (or range), unit word.

    `words` holds the translated unit and scale words (`unit.<unit>`, `scale.<scale>`,
    `value.missing`). A missing value reads as the "published as missing" word, never as 0.
    `with_unit=False` leaves out the word of counted units (people, organisations) where the
    label already says what is counted; money and percentages keep their sign.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return words["value.missing"]

    def one(number: float) -> str:
        if unit in MONEY_UNITS:
            return compact_amount(number, lang, words)
        return format_number(number, lang, 0 if unit in WHOLE_UNITS else None)

    number = one(value)
    if value_high is not None:  # a range, or a bound that is a range ("at least 20-25%")
        number = f"{number}{EN_DASH}{one(value_high)}"
    sign = QUALIFIER_SIGNS.get(qualifier, "")
    if unit in ("percent", "percent_change"):
        plus = "+" if unit == "percent_change" and value > 0 else ""
        return f"{sign}{plus}{number}\u00a0%" if lang != "en" else f"{sign}{plus}{number}%"
    unit_word = words.get(f"unit.{unit}", unit)
    if not with_unit and unit not in MONEY_UNITS:
        return f"{sign}{number}"
    return f"{sign}{number}\u00a0{unit_word}".rstrip("\u00a0")


def format_change(change: float, lang: str) -> str:
    """A relative change with its sign: `+86.3%`, `-9,1%`."""
    sign = "+" if change > 0 else ""
    return f"{sign}{format_number(round(change, 1), lang)}%"


def percent_change(old: float, new: float) -> float | None:
    """Relative change in percent; None when the base is zero (no meaningful ratio)."""
    if old == 0:
        return None
    return (new - old) / abs(old) * 100.0


def md_escape(text: str) -> str:
    """Text from documents or URLs shown literally in Markdown (no links, emphasis or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def md_inline(text: str) -> str:
    """Document text for one line of Markdown: whitespace (line breaks too) collapsed, escaped."""
    return md_escape(" ".join(text.split()))


def quote_block(quote: str) -> str:
    """A verbatim quote as a Markdown blockquote, shown literally (escaped, line by line)."""
    return "\n".join(f"> {md_escape(line)}" if line.strip() else ">" for line in quote.split("\n"))
