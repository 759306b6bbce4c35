"""Text as search compares it, the same for the index the pipeline writes and the queries the app reads."""
from __future__ import annotations

import re

# A space, no-break space, narrow no-break space or comma between digits that groups thousands.
DIGIT_GROUP = re.compile(r"(?<=\d)[ \u00a0\u202f,](?=\d{3}(?!\d))")


def normalise_for_search(text: str) -> str:
    """Casefold, ё -> е, and join digit groups so `217 391`, `217,391` and `217391` all match."""
    return DIGIT_GROUP.sub("", text.casefold().replace("ё", "е"))
