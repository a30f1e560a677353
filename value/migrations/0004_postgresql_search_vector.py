"""PostgreSQL: a full-text vector of each story's title and cycle texts.

Until now PostgreSQL compared each word with every story's six texts (icontains): 60 ms
for a member's search at ten times the large data set. The vector is a stored generated
column (which Django does not know of) with a GIN index, in the `simple` configuration:
words as written, lower-cased, not stemmed, so that a word typed finds the words it
begins. value/search.py reads its newest matches window by window
(atelier/newest_matches.py). SQLite keeps comparing texts: a few thousand stories are
read quickly. Note: PostgreSQL refuses to change the type of a column a generated column
uses; drop and re-add search_vector around such a change.
"""

from django.db import migrations

COLUMNS = ["title", "immediate", "potential", "applied", "realised", "reframing"]
PG_VECTOR = (
    "to_tsvector('simple'::regconfig, "
    + " || ' ' || ".join(f"coalesce({column}, '')" for column in COLUMNS)
    + ")"
)
PG_CREATE = [
    "ALTER TABLE value_valuestory ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    "CREATE INDEX value_valuestory_search ON value_valuestory USING gin (search_vector)",
    "ANALYZE value_valuestory",
]
PG_DROP = [
    "DROP INDEX IF EXISTS value_valuestory_search",
    "ALTER TABLE value_valuestory DROP COLUMN IF EXISTS search_vector",
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
    dependencies = [("value", "0003_newest_stories_index")]

    operations = [migrations.RunPython(create, drop)]
