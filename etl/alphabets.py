"""Which alphabet a text is written in: the documents mix Latin and Cyrillic (with Kazakh letters).

The compendium's English profiles carry Russian screenshot captions, and some names are
printed with Latin and Cyrillic letters in one word ("Maqсут"); these tests tell them apart.
"""
from __future__ import annotations

import re

CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
LATIN = re.compile(r"[A-Za-z]")


def mostly_latin(text: str) -> bool:
    """More Latin letters than Cyrillic ones: an English line, not a Russian one."""
    return len(LATIN.findall(text)) > len(CYRILLIC.findall(text))
