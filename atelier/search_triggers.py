"""SQLite full-text indexes keep their triggers across migrations.

An FTS5 index of a table is kept up to date by triggers on that table (and its tags'
table). SQLite changes most columns by copying a table into a new one and dropping the
old one, and the triggers go with the old table: from then on the index silently misses
every new and edited row. After every `migrate` (Django's post_migrate signal), each
app's index puts back the triggers that are missing and fills itself anew.
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper


@dataclass(frozen=True)
class TriggeredIndex:
    """An FTS5 table, the statements that create its triggers (by trigger name) and the
    statements that fill it anew from its table."""

    fts_table: str
    triggers: dict[str, str]
    fill: list[str]

    def missing_triggers(self, connection: BaseDatabaseWrapper) -> list[str]:
        """The names of the index's triggers the database lacks (none but on SQLite)."""
        if connection.vendor != "sqlite":
            return []
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            present = {name for (name,) in cursor.fetchall()}
        if self.fts_table not in present:  # migrated back to before the index
            return []
        return [name for name in self.triggers if name not in present]

    def restore_triggers(self, connection: BaseDatabaseWrapper) -> list[str]:
        """Create the missing triggers again and fill the index anew; their names."""
        missing = self.missing_triggers(connection)
        if missing:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                for name in missing:
                    cursor.execute(self.triggers[name])
                # Rows written while a trigger was gone are not in the index as they are.
                for statement in self.fill:
                    cursor.execute(statement)
        return missing


def triggers_by_name(statements: list[str]) -> dict[str, str]:
    """The CREATE TRIGGER statements among `statements`, by the trigger's name."""
    return {
        statement.split()[2]: statement
        for statement in statements
        if statement.startswith("CREATE TRIGGER")
    }


@dataclass(frozen=True)
class PostgresqlIndex:
    """PostgreSQL: a table of search vectors kept up to date by triggers (by name, each
    with the table it is on), and the statements that fill it anew from every row."""

    table: str
    triggers: dict[str, str]
    fill: list[str]

    def filled_afterwards(self, connection: BaseDatabaseWrapper) -> AbstractContextManager[None]:
        """Within the block the triggers are off; afterwards every row is indexed anew in
        one statement (for a bulk load). Elsewhere than on PostgreSQL nothing."""
        return postgresql_triggers_off(connection, self.triggers, self.fill)


@contextmanager
def postgresql_triggers_off(
    connection: BaseDatabaseWrapper, triggers: dict[str, str], fill: list[str]
) -> Iterator[None]:
    """PostgreSQL: within the block the `triggers` (name: table) are off; afterwards the
    statements `fill` count or index every row anew. Elsewhere nothing.

    For a bulk load (`load_large_data`): a trigger per row is slow, and in one transaction
    every update of a row a trigger keeps leaves a version the next update must pass.
    """
    if connection.vendor != "postgresql":
        yield
        return
    _switch(connection, triggers, "DISABLE")
    yield
    _switch(connection, triggers, "ENABLE")
    with connection.cursor() as cursor:
        for statement in fill:
            cursor.execute(statement)


def _switch(connection: BaseDatabaseWrapper, triggers: dict[str, str], switch: str) -> None:
    with connection.cursor() as cursor:
        # A table with checks of its foreign keys still pending cannot be altered: run
        # them now, then defer them again as Django does.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, table in triggers.items():
            cursor.execute(f"ALTER TABLE {table} {switch} TRIGGER {name}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
