"""The SQLite full-text index of the library keeps its triggers.

Migrations 0002 and 0005 make an FTS5 table of the items, a vocabulary of their words,
and the triggers that keep both up to date; a later migration that rebuilds the items'
table takes the triggers with it. After every `migrate`, `restore_triggers` puts back
the triggers that are missing and fills the index anew (atelier/search_triggers.py).
"""

import importlib

from django.db.backends.base.base import BaseDatabaseWrapper

from atelier.search_triggers import TriggeredIndex, triggers_by_name

# The table and triggers exactly as the latest migration made them.
_migration = importlib.import_module("knowledge.migrations.0005_dutch_search_words")
FTS_TABLE: str = _migration.FTS_TABLE
TRIGGERS: dict[str, str] = triggers_by_name(_migration.SQLITE_CREATE)
FILL_INDEX: list[str] = _migration.SQLITE_FILL
INDEX = TriggeredIndex(FTS_TABLE, TRIGGERS, FILL_INDEX)


def missing_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """The names of the index's triggers the database lacks (none but on SQLite)."""
    return INDEX.missing_triggers(connection)


def restore_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """Create the missing triggers again and fill the index anew; their names."""
    return INDEX.restore_triggers(connection)
