"""The analytical report on volunteering in 2022: prose figures in spec.toml, tables in tables.py."""
from etl.sources.volunteering_2022.tables import extract

SOURCE_ID = "volunteering-2022"

__all__ = ["SOURCE_ID", "extract"]
