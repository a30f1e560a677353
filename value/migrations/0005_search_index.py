"""A full-text index of the value stories: each story's title and its five cycles'
texts, searched by the beginnings of words without reading every story.

SQLite only: an FTS5 table kept by triggers on the stories (PostgreSQL has its stored
vector, migration 0004). Before, SQLite compared every story's texts (icontains): 16 to
37 ms per search at ten times the large data set, ten times as long as at the large one.
Note: a later migration that makes Django rebuild value_valuestory on SQLite drops these
triggers; value/search_index.py puts them back after every migrate.
"""

from django.db import migrations

FTS_TABLE = "value_valuestory_fts"
FTS_COLUMNS = "title, immediate, potential, applied, realised, reframing"
NEW_VALUES = "new.id, new.title, new.immediate, new.potential, new.applied, new.realised, new.reframing"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({FTS_COLUMNS}, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON value_valuestory BEGIN
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) VALUES ({NEW_VALUES});
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update
    AFTER UPDATE OF id, {FTS_COLUMNS} ON value_valuestory BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) VALUES ({NEW_VALUES});
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON value_valuestory BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
    END""",
]
SQLITE_FILL = [
    f"DELETE FROM {FTS_TABLE}",
    f"INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) SELECT id, {FTS_COLUMNS} FROM value_valuestory",
]
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{event}" for event in ["insert", "update", "delete"]),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_CREATE + SQLITE_FILL:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("value", "0004_postgresql_search_vector")]

    operations = [migrations.RunPython(create, drop)]
