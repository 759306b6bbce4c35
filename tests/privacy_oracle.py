"""The private persons' social-media accounts the documents print, as read in context (an oracle).

Every account in the five documents was read where it is printed (data/raw/animals-2025.txt;
the reading is written down in data/reference/public_contacts.toml). These are the ones that are
a person's own (printed under "Project Lead: <name>", or named for a person) or that the
document names no organisation for. The data tests check the ETL's patterns against this list;
the browser tests check that none of them reaches a visitor.
"""
from __future__ import annotations

PRIVATE_ACCOUNTS = frozenset({"@543_lena_milena", "@pravo_na_ghizn", "@dosym_oscemen", "@dvoryaninuk",
                              "@tomka160393", "@zubovasvetlana165", "@_shibaki.ii"})
# The compendium and the lines that print them.
COMPENDIUM = "animals-2025"
PRINTED_AT = (441, 463, 464, 469, 489, 573, 751, 813, 897)
