"""The 2021 book on civil society over 30 years of independence: all its figures are in spec.toml
(its font-shifted text is repaired by etl/repair.py, as its manifest entry says)."""

SOURCE_ID = "civil-society-30y-2021"
