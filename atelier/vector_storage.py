"""PostgreSQL: search vectors kept in their rows, not in the TOAST table.

A row longer than about 2 KB has its widest values moved out of it. An item's vector
(about a kilobyte) went out with the item's texts, uncompressed, and a search reads the
vector of every match it walks: fetched from the TOAST table, that was three quarters of
the time of walking the newest matches (docs/benchmarks.md, 2026-12-07). STORAGE MAIN
keeps a vector in its row unless the row cannot fit a page otherwise; the texts beside it
still move out.

A vector dropped and added again (as around a change of the type of a column it is
generated from) needs its storage set again: tests/test_newest_matches.py checks it.
"""

from collections.abc import Callable

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def kept_in_rows(table: str, vectors: list[str], rewritten_by: str) -> migrations.RunPython:
    """A migration's operation: the `vectors` of `table` kept in their rows. The rows there
    are written once more (`rewritten_by`, a column the vectors are generated from, set to
    itself) so that their vectors move in; choose one that fires none of the table's
    triggers. Nothing on SQLite."""

    def set_storage(storage: str) -> Callable[[StateApps, BaseDatabaseSchemaEditor], None]:
        def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
            if schema_editor.connection.vendor != "postgresql":
                return
            columns = ", ".join(
                f"ALTER COLUMN {vector} SET STORAGE {storage}" for vector in vectors
            )
            schema_editor.execute(f"ALTER TABLE {table} {columns}")
            if storage == "MAIN":
                schema_editor.execute(f"UPDATE {table} SET {rewritten_by} = {rewritten_by}")

        return run

    return migrations.RunPython(set_storage("MAIN"), set_storage("EXTENDED"))
