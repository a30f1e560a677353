"""PostgreSQL: a small stored vector of title, tags and summary to rank matches by.

Ranking on the full vector (body included) decompressed about a kilobyte per match:
two common words matched thousands of items and the rank took most of a search's time.
The match still uses the full vector and its GIN index; the order uses this one, so an
item with the words in its title or summary comes first and items that have them only
in the body follow, newest first (as on SQLite). Note: like search_vector, drop and
re-add this column around a change of the type of a column it uses.
"""

from django.db import migrations

PG_RANK_VECTOR = " || ".join(
    f"setweight(to_tsvector('dutch'::regconfig, coalesce({column}, '')), '{weight}')"
    for column, weight in [("title", "A"), ("tags_text", "B"), ("summary", "B")]
)


def add_rank_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE knowledge_resource ADD COLUMN rank_vector tsvector "
            f"GENERATED ALWAYS AS ({PG_RANK_VECTOR}) STORED"
        )


def drop_rank_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE knowledge_resource DROP COLUMN IF EXISTS rank_vector")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_index")]

    operations = [migrations.RunPython(add_rank_vector, drop_rank_vector)]
