"""The directory's full-text index: SQLite's keeps its triggers after every migrate
(migration 0011; atelier/search_triggers.py says why they can go missing); PostgreSQL's
is a table of its own kept by triggers (migration 0012)."""

import importlib

from atelier.search_triggers import PostgresqlIndex, TriggeredIndex, triggers_by_name

_migration = importlib.import_module("members.migrations.0011_search_index")
FTS_TABLE: str = _migration.FTS_TABLE
INDEX = TriggeredIndex(
    FTS_TABLE, triggers_by_name(_migration.SQLITE_CREATE), _migration.SQLITE_FILL
)

_postgresql = importlib.import_module("members.migrations.0012_postgresql_search_table")
PG_INDEX = PostgresqlIndex(_postgresql.PG_TABLE, _postgresql.PG_TRIGGERS, _postgresql.PG_FILL)
