"""The SQLite full-text index of the value stories keeps its triggers after every migrate
(migration 0005; atelier/search_triggers.py says why they can go missing)."""

import importlib

from atelier.search_triggers import TriggeredIndex, triggers_by_name

_migration = importlib.import_module("value.migrations.0005_search_index")
FTS_TABLE: str = _migration.FTS_TABLE
INDEX = TriggeredIndex(
    FTS_TABLE, triggers_by_name(_migration.SQLITE_CREATE), _migration.SQLITE_FILL
)
