"""A full-text index of the agenda: each event's title, summary, description and place,
searched by the beginnings of words without reading every event.

SQLite only: an FTS5 table kept by triggers on the events. (PostgreSQL keeps matching
with icontains.)
Note: a later migration that makes Django rebuild sessions_app_event on SQLite drops
these triggers; sessions_app/search_index.py puts them back after every migrate.
"""

from django.db import migrations

FTS_TABLE = "sessions_app_event_fts"
FTS_COLUMNS = "title, summary, description, place"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({FTS_COLUMNS}, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON sessions_app_event BEGIN
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.summary, new.description, new.place);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update
    AFTER UPDATE OF id, {FTS_COLUMNS} ON sessions_app_event BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS})
        VALUES (new.id, new.title, new.summary, new.description, new.place);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON sessions_app_event BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
    END""",
]
SQLITE_FILL = [
    f"DELETE FROM {FTS_TABLE}",
    f"INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) "
    f"SELECT id, {FTS_COLUMNS} FROM sessions_app_event",
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
    dependencies = [("sessions_app", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
