"""Adal Azamat magazine, issue 4 of 2025: all its figures are in spec.toml."""

SOURCE_ID = "adal-azamat-2025-4"
