"""PostgreSQL: a full-text vector of each event's title, summary, description and place,
searched by the beginnings of words as SQLite's index is (migration 0002).

Until now PostgreSQL compared each word with every event's texts (icontains): 90 ms for a
member's search at ten times the large data set, most of it upper-casing descriptions. The
vector is a stored generated column (which Django does not know of) with a GIN index, in
the `simple` configuration: words as written, lower-cased, not stemmed, so that a word
typed finds the words it begins. sessions_app/search.py reads its newest matches window
by window (atelier/newest_matches.py). Note: PostgreSQL refuses to change the type of a
column a generated column uses; drop and re-add search_vector around such a change.
"""

from django.db import migrations

PG_VECTOR = "to_tsvector('simple'::regconfig, " + " || ' ' || ".join(
    f"coalesce({column}, '')" for column in ["title", "summary", "description", "place"]
) + ")"
PG_CREATE = [
    "ALTER TABLE sessions_app_event ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    "CREATE INDEX sessions_app_event_search ON sessions_app_event USING gin (search_vector)",
    "ANALYZE sessions_app_event",
]
PG_DROP = [
    "DROP INDEX IF EXISTS sessions_app_event_search",
    "ALTER TABLE sessions_app_event DROP COLUMN IF EXISTS search_vector",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("sessions_app", "0003_event_end_start_index")]

    operations = [migrations.RunPython(create, drop)]
