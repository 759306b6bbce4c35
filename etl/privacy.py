"""Keeping private persons' contact details out of everything Qogam publishes.

The compendium prints each project lead's personal e-mail address; a few documents print
private phone numbers. Those are replaced, in the document text the project republishes
(source_lines, mentions, quotes), by a visible placeholder. Contacts a document prints as an
organisation's own are kept; they are listed, with where they appear, in
data/reference/public_contacts.toml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.text import read_toml

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Kazakhstan numbers as printed (+7 / 8, then 10 digits in groups) and other international
# numbers (+country code, at least 9 digits); not inside a URL or a longer digit run.
PHONE = re.compile(r"(?<![\w/=.+-])(?:(?:\+7|8)[\s(-]*\d{3,4}[\s)-]*\d{2,3}[\s-]*\d{2}[\s-]*\d{2,4}"
                   r"|\+(?:[1-689]\d{0,2})[\s(-]*\d{2,4}(?:[\s)-]*\d{2,4}){2,4})(?![\w/])")
EMAIL_REMOVED = "[e-mail removed]"
PHONE_REMOVED = "[phone removed]"


def contact_key(value: str) -> str:
    """E-mail addresses compare case-insensitively, phone numbers by their digits."""
    return value.lower() if "@" in value else re.sub(r"\D", "", value)


@dataclass(frozen=True)
class Redactor:
    """Replaces private contacts in a line, keeping the listed public ones."""

    public: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> "Redactor":
        return cls(frozenset(contact_key(c["value"]) for c in read_toml(path).get("contact", [])))

    def redact(self, line: str) -> str:
        def replace(placeholder: str):
            return lambda m: m.group(0) if contact_key(m.group(0)) in self.public else placeholder
        return PHONE.sub(replace(PHONE_REMOVED), EMAIL.sub(replace(EMAIL_REMOVED), line))
