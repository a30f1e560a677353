"""Stored tag names for search, and a full-text index on each database.

PostgreSQL: the weighted search vector as a stored generated column, with a GIN index.
SQLite: an FTS5 table of title, tags, summary and body, kept up to date by triggers.
"""

from django.db import migrations, models

# The weighted search vector, stored by PostgreSQL itself (a generated column, which
# Django does not know of), so that no search computes it again for every item: the
# rank needs it for every match. Note: PostgreSQL refuses to change the type of a
# column a generated column uses; drop and re-add search_vector around such a change.
PG_VECTOR = " || ".join(
    f"setweight(to_tsvector('dutch'::regconfig, coalesce({column}, '')), '{weight}')"
    for column, weight in [("title", "A"), ("tags_text", "B"), ("summary", "B"), ("body", "C")]
)
PG_CREATE = [
    "ALTER TABLE knowledge_resource ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
    "CREATE INDEX knowledge_resource_search ON knowledge_resource USING gin (search_vector)",
]
PG_DROP = [
    "DROP INDEX IF EXISTS knowledge_resource_search",
    "ALTER TABLE knowledge_resource DROP COLUMN IF EXISTS search_vector",
]

# Triggers keep the FTS5 table up to date, also for bulk inserts and queryset updates.
# Note: a later migration that makes Django rebuild knowledge_resource on SQLite (most
# column changes) drops the triggers with the old table; create them again after it
# (tests/test_library_search.py checks that edits are found).
FTS_TABLE = "knowledge_resource_fts"
FTS_COLUMNS = "title, tags_text, summary, body"
FTS_VALUES = "new.id, new.title, new.tags_text, new.summary, new.body"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({FTS_COLUMNS}, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON knowledge_resource BEGIN
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) VALUES ({FTS_VALUES});
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update
    AFTER UPDATE OF id, title, tags_text, summary, body ON knowledge_resource BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) VALUES ({FTS_VALUES});
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON knowledge_resource BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
    END""",
    f"INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) "
    f"SELECT id, {FTS_COLUMNS} FROM knowledge_resource",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def fill_tags_text(apps, schema_editor):
    Resource = apps.get_model("knowledge", "Resource")
    TaggedResource = apps.get_model("knowledge", "TaggedResource")
    names = {}
    for resource_id, name in TaggedResource.objects.order_by("tag__name").values_list(
        "content_object_id", "tag__name"
    ):
        names.setdefault(resource_id, []).append(name)
    for resource_id, tags in names.items():
        Resource.objects.filter(pk=resource_id).update(tags_text=" ".join(tags))


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": PG_CREATE, "sqlite": SQLITE_CREATE}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": PG_DROP, "sqlite": SQLITE_DROP}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="tags_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_tags_text, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
