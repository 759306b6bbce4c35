"""The 2023 report on the state of volunteering: prose figures in spec.toml, the survey tables in
tables.py, the regional visit sections (where the organisations it names work, and what each
visit found) in visits.py."""
from etl.sources.volunteering_2023.tables import extract
from etl.sources.volunteering_2023.visits import read_region_visits, region_sections

SOURCE_ID = "volunteering-2023"

__all__ = ["SOURCE_ID", "extract", "read_region_visits", "region_sections"]
