"""The SQLite full-text index of the library keeps its triggers.

Migrations 0002 and 0005 make an FTS5 table of the items, a vocabulary of their words,
and the triggers that keep both up to date. SQLite changes most columns by copying the
items into a new table and dropping the old one, and the triggers go with the old table:
from then on the index silently misses every new and edited item. After every `migrate`
(Django's post_migrate signal), `restore_triggers` puts back the triggers that are
missing and fills the index anew.
"""

import importlib

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

# The table and triggers exactly as the latest migration made them.
_migration = importlib.import_module("knowledge.migrations.0005_dutch_search_words")
FTS_TABLE: str = _migration.FTS_TABLE
ITEMS_TABLE = "knowledge_resource"
TRIGGERS: dict[str, str] = {
    statement.split()[2]: statement
    for statement in _migration.SQLITE_CREATE
    if statement.startswith("CREATE TRIGGER")
}
FILL_INDEX: list[str] = _migration.SQLITE_FILL


def missing_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """The names of the index's triggers the database lacks (none but on SQLite)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name = %s OR tbl_name = %s",
            [FTS_TABLE, ITEMS_TABLE],
        )
        present = {name for (name,) in cursor.fetchall()}
    if FTS_TABLE not in present:  # migrated back to before the index
        return []
    return [name for name in TRIGGERS if name not in present]


def restore_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """Create the missing triggers again and fill the index anew; their names."""
    missing = missing_triggers(connection)
    if missing:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for name in missing:
                cursor.execute(TRIGGERS[name])
            # Items written while a trigger was gone are not in the index as they are.
            for statement in FILL_INDEX:
                cursor.execute(statement)
    return missing
