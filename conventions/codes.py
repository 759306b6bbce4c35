"""Codes and marks the database uses, read by the pipeline that writes them and the app that shows them."""
from __future__ import annotations

# ISO 3166-1 code of Kazakhstan as a whole: the region of nationwide figures and practices,
# and the region filter's "all of Kazakhstan".
COUNTRY = "KZ"

# Pseudo-regions (regions.csv kind 'international' / 'unknown'): a figure about several countries,
# or one whose place the document does not give. Never coded as Kazakhstan, never a map point.
INTERNATIONAL = "INT"
UNSTATED = "ZZ"
# The kinds of region that are places in Kazakhstan: what maps and regional breakdowns show.
PLACE_KINDS = ("region", "city")

# OPEN BOX: a character the 2021 book lost for good (a digit or punctuation mark); the repair
# writes it into the text, the document viewer marks it.
LOST = "\u2423"
