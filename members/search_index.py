"""The directory's full-text index: SQLite's keeps its triggers after every migrate
(migration 0011; atelier/search_triggers.py says why they can go missing); PostgreSQL's
is a table of its own kept by triggers (migration 0012)."""

import importlib
from contextlib import AbstractContextManager

from django.db.backends.base.base import BaseDatabaseWrapper

from atelier.search_triggers import TriggeredIndex, postgresql_triggers_off, triggers_by_name

_migration = importlib.import_module("members.migrations.0011_search_index")
FTS_TABLE: str = _migration.FTS_TABLE
INDEX = TriggeredIndex(
    FTS_TABLE, triggers_by_name(_migration.SQLITE_CREATE), _migration.SQLITE_FILL
)

_postgresql = importlib.import_module("members.migrations.0012_postgresql_search_table")
PG_TABLE: str = _postgresql.PG_TABLE
# Trigger names and the table each is on; the statements that index every profile anew.
PG_TRIGGERS: dict[str, str] = _postgresql.PG_TRIGGERS
PG_FILL: list[str] = _postgresql.PG_FILL


def postgresql_index_filled_afterwards(
    connection: BaseDatabaseWrapper,
) -> AbstractContextManager[None]:
    """PostgreSQL: within the block the index's triggers are off; afterwards every
    profile is indexed anew in one statement (for a bulk load)."""
    return postgresql_triggers_off(connection, PG_TRIGGERS, PG_FILL)
