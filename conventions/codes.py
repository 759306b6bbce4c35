"""Codes and marks the database uses, read by the pipeline that writes them and the app that shows them."""
from __future__ import annotations

# ISO 3166-1 code of Kazakhstan as a whole: the region of nationwide figures and practices,
# and the region filter's "all of Kazakhstan".
COUNTRY = "KZ"

# OPEN BOX: a character the 2021 book lost for good (a digit or punctuation mark); the repair
# writes it into the text, the document viewer marks it.
LOST = "\u2423"
