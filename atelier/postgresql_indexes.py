"""Indexes of PostgreSQL alone, made and dropped by migrations.

Some orders and reads need an index PostgreSQL uses and SQLite cannot have or does not
need (a btree with NULLS LAST, one that holds the id beside the key), or the other way
round: an index SQLite reads and PostgreSQL is better without. Django's model indexes are
the same on both databases, so these are raw SQL, run only on PostgreSQL, with IF (NOT)
EXISTS so that a migration can be applied and unapplied in any state.
"""

from collections.abc import Callable

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

Step = Callable[[StateApps, BaseDatabaseSchemaEditor], None]


def _on_postgresql(sql: str) -> Step:
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def _create(name: str, table: str, columns: str) -> Step:
    return _on_postgresql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def _drop(name: str) -> Step:
    return _on_postgresql(f"DROP INDEX IF EXISTS {name}")


def index_on_postgresql(name: str, table: str, columns: str) -> migrations.RunPython:
    """A migration's operation: index `name` on `table` (`columns`, as SQL) on PostgreSQL."""
    return migrations.RunPython(_create(name, table, columns), _drop(name), elidable=False)


def no_index_on_postgresql(name: str, table: str, columns: str) -> migrations.RunPython:
    """A migration's operation: index `name` dropped on PostgreSQL (and made again, with
    `columns`, when the migration is unapplied); other databases keep it."""
    return migrations.RunPython(_drop(name), _create(name, table, columns), elidable=False)
