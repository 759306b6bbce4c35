"""What Qogam publishes, the same from the ETL's export command and from the app.

`exports` (every published table as CSV, Parquet or JSON, filtered by bound parameters only),
`datapackage` (the Frictionless data package with its README and citations), `dictionary`
(the column meanings, read from docs/data-model.md) and `citation` (how to cite the dataset or
one figure). It reads a built database and imports only `conventions`: `etl.exports` writes
the static downloads with it after a build, and the app's download page, API and viewer use it
per request (contracts in pyproject.toml).
"""
