"""The animal-volunteering compendium: prose figures in spec.toml, its practices in compendium.py."""
from etl.sources.animals_2025.compendium import read_practices

SOURCE_ID = "animals-2025"

__all__ = ["SOURCE_ID", "read_practices"]
