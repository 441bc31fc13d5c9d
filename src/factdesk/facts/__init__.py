"""The data model, typed tables and ``check``: Table Schemas, cross-table integrity and the
rules verdicts obey."""
