"""Dutch word forms on SQLite too, and a vocabulary of the library for suggestions.

SQLite: the FTS5 index now holds the Snowball Dutch stems of the words (the same as
PostgreSQL's `dutch` configuration), written by triggers that call the Python function
`search_stems` (atelier/textsearch.py registers it on every connection). A trigger,
rather than Python code beside each save, because items are written in many ways
(save, queryset update of the tag names, bulk inserts of the loaders) and a trigger
sees every one of them.

Both databases: knowledge_searchword, the words of the published items' titles, tags
and summaries, with how many items and public items have each, kept by triggers; on
PostgreSQL with a trigram index (pg_trgm) to find words like a mistyped one.
Note: as for migration 0002, a later migration that makes Django rebuild
knowledge_resource on SQLite drops these triggers; knowledge/search_index.py puts
them back after every migrate.
"""

import importlib

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

FTS_TABLE = "knowledge_resource_fts"
FTS_COLUMNS = "title, tags_text, summary, body"
FTS_VALUES = (
    "new.id, search_stems(new.title), search_stems(new.tags_text), "
    "search_stems(new.summary), search_stems(new.body)"
)
OLD_WORDS = "SELECT value FROM json_each(search_words(old.title, old.tags_text, old.summary))"
ADD_WORDS = """INSERT INTO knowledge_searchword (word, documents, public_documents)
        SELECT value, 1, new.visibility = 'public'
        FROM json_each(search_words(new.title, new.tags_text, new.summary))
        WHERE new.status = 'published'
        ON CONFLICT (word) DO UPDATE SET documents = documents + 1,
            public_documents = public_documents + excluded.public_documents;"""
REMOVE_WORDS = f"""UPDATE knowledge_searchword SET documents = documents - 1,
            public_documents = public_documents - (old.visibility = 'public')
        WHERE old.status = 'published' AND word IN ({OLD_WORDS});
        DELETE FROM knowledge_searchword WHERE documents = 0 AND word IN ({OLD_WORDS});"""
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
    f"""CREATE TRIGGER knowledge_searchword_insert AFTER INSERT ON knowledge_resource BEGIN
        {ADD_WORDS}
    END""",
    f"""CREATE TRIGGER knowledge_searchword_update
    AFTER UPDATE OF title, tags_text, summary, status, visibility ON knowledge_resource BEGIN
        {REMOVE_WORDS}
        {ADD_WORDS}
    END""",
    f"""CREATE TRIGGER knowledge_searchword_delete AFTER DELETE ON knowledge_resource BEGIN
        {REMOVE_WORDS}
    END""",
]
# Filling both anew from the items (also after triggers were restored).
SQLITE_FILL = [
    f"DELETE FROM {FTS_TABLE}",
    f"INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) SELECT id, search_stems(title), "
    "search_stems(tags_text), search_stems(summary), search_stems(body) FROM knowledge_resource",
    "DELETE FROM knowledge_searchword",
    """INSERT INTO knowledge_searchword (word, documents, public_documents)
    SELECT value, COUNT(*), SUM(visibility = 'public')
    FROM knowledge_resource, json_each(search_words(title, tags_text, summary))
    WHERE status = 'published' GROUP BY value""",
]
SQLITE_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS {name}_{event}"
        for name in [FTS_TABLE, "knowledge_searchword"]
        for event in ["insert", "update", "delete"]
    ),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

# The same words as atelier.textsearch.vocabulary_words: runs of letters, 3 to 40 long.
PG_CREATE = [
    "CREATE INDEX knowledge_searchword_trigrams ON knowledge_searchword "
    "USING gin (word gin_trgm_ops)",
    """CREATE FUNCTION knowledge_searchword_words(title text, tags text, summary text)
    RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
        SELECT DISTINCT word
        FROM regexp_split_to_table(lower(concat_ws(' ', title, tags, summary)), '[^[:alpha:]]+')
            AS word
        WHERE length(word) BETWEEN 3 AND 40 ORDER BY word
    $$""",
    """CREATE FUNCTION knowledge_searchword_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN
            UPDATE knowledge_searchword SET documents = documents - 1,
                public_documents = public_documents - (OLD.visibility = 'public')::int
            WHERE word IN (
                SELECT knowledge_searchword_words(OLD.title, OLD.tags_text, OLD.summary));
            DELETE FROM knowledge_searchword WHERE documents = 0 AND word IN (
                SELECT knowledge_searchword_words(OLD.title, OLD.tags_text, OLD.summary));
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
            INSERT INTO knowledge_searchword (word, documents, public_documents)
            SELECT word, 1, (NEW.visibility = 'public')::int
            FROM knowledge_searchword_words(NEW.title, NEW.tags_text, NEW.summary) AS word
            ON CONFLICT (word) DO UPDATE SET documents = knowledge_searchword.documents + 1,
                public_documents = knowledge_searchword.public_documents
                    + excluded.public_documents;
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER knowledge_searchword_track
    AFTER INSERT OR DELETE OR UPDATE OF title, tags_text, summary, status, visibility
    ON knowledge_resource FOR EACH ROW EXECUTE FUNCTION knowledge_searchword_track()""",
    """INSERT INTO knowledge_searchword (word, documents, public_documents)
    SELECT word, COUNT(*), SUM((visibility = 'public')::int)
    FROM knowledge_resource,
        knowledge_searchword_words(title, tags_text, summary) AS word
    WHERE status = 'published' GROUP BY word""",
]
PG_DROP = [
    "DROP TRIGGER IF EXISTS knowledge_searchword_track ON knowledge_resource",
    "DROP FUNCTION IF EXISTS knowledge_searchword_track()",
    "DROP FUNCTION IF EXISTS knowledge_searchword_words(text, text, text)",
]


PREVIOUS_INDEX = importlib.import_module("knowledge.migrations.0002_search_index")


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in PREVIOUS_INDEX.SQLITE_DROP + SQLITE_CREATE + SQLITE_FILL:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for statement in PG_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP + PREVIOUS_INDEX.SQLITE_CREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_authorship_consent")]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("documents", models.PositiveIntegerField(default=0)),
                ("public_documents", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
