"""What the pipeline (`etl`), the publishing package (`publish`) and the app (`qogam`) must agree on.

Nothing here knows about a source, a page or a database: how text is normalised for search
(`text`), how a number is read out of a sentence (`numbers`), the codes and marks the data uses
(`codes`), and where the repository keeps its files (`paths`). It is the bottom layer: it imports
no other package of the project (see the import-linter contracts in `.importlinter`).
"""
