"""The SQLite full-text index of the library keeps its triggers.

Migrations 0002 and 0005 make an FTS5 table of the items, a vocabulary of their words,
and the triggers that keep both up to date; a later migration that rebuilds the items'
table takes the triggers with it. After every `migrate`, `restore_triggers` puts back
the triggers that are missing and fills the index anew (atelier/search_triggers.py).
"""

import importlib
from contextlib import AbstractContextManager

from django.db.backends.base.base import BaseDatabaseWrapper

from atelier.search_triggers import TriggeredIndex, postgresql_triggers_off, triggers_by_name

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


# On PostgreSQL one trigger keeps the vocabulary's counts (migration 0005); the statement
# that fills the vocabulary from every item is the migration's last.
PG_VOCABULARY_TRIGGER = "knowledge_searchword_track"
PG_VOCABULARY_FILL: str = _migration.PG_CREATE[-1]


def vocabulary_counted_afterwards(connection: BaseDatabaseWrapper) -> AbstractContextManager[None]:
    """PostgreSQL: within the block the vocabulary's trigger is off; afterwards the
    vocabulary is counted again from every item in one statement.

    For a bulk load (`load_large_data`): the trigger updates the row of each word of each
    new item, and in one transaction every update of a row leaves a version the next one
    must pass, so 100,000 items took PostgreSQL over twenty minutes.
    """
    return postgresql_triggers_off(
        connection,
        {PG_VOCABULARY_TRIGGER: "knowledge_resource"},
        ["DELETE FROM knowledge_searchword", PG_VOCABULARY_FILL],
    )
