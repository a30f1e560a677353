"""PostgreSQL's index of a tag's uses, newest last: (tag_id, id).

An item's related items take only the newest CANDIDATES_PER_TAG uses of each of its tags
(knowledge/related.py: `tag_id = … AND id >= …`). SQLite's index on tag_id holds the
rowid in order and reads just those; PostgreSQL's holds the row's place on disk, so it
read every use of the tags and filtered them (12 ms at ten times the large data set, for
a popular tag tens of thousands of rows). With (tag_id, id) it reads the newest few.
"""

from django.db import migrations

NAME = "taggedresource_tag_newest"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON knowledge_taggedresource (tag_id, id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0012_newest_first_index_postgresql")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
