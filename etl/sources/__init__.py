"""One folder (Python package) per source: `etl/sources/<source_id with - replaced by _>/`.

What a folder holds and which hooks the pipeline calls is described in etl/source_folders.py,
the registry that finds them (this package imports nothing, so no shared module depends on it).
"""
