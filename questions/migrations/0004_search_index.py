"""A full-text index of the questions with Dutch word forms, like the library's.

SQLite: an FTS5 table of the Snowball stems of each question's title, text and tag
names (the function `search_stems`, atelier/textsearch.py), kept by triggers on the
questions, their tags and the tags' names. PostgreSQL: a GIN index on the `dutch`
vector of title and text (tags are matched by name beside it).
Note: a later migration that makes Django rebuild questions_question on SQLite drops
these triggers; questions/search_index.py puts them back after every migrate.
"""

from django.db import migrations

FTS_TABLE = "questions_question_fts"
FTS_COLUMNS = "title, body, tags"
TAG_NAMES = (
    "(SELECT group_concat(tag.name, ' ') FROM questions_taggedquestion AS tagged "
    "JOIN taggit_tag AS tag ON tag.id = tagged.tag_id WHERE tagged.content_object_id = q.id)"
)
ROWS = (
    f"SELECT q.id, search_stems(q.title), search_stems(q.body), search_stems({TAG_NAMES}) "
    "FROM questions_question AS q"
)


def _renew(ids: str) -> str:
    """The statements that index the questions `ids` (an SQL list) anew."""
    return f"""DELETE FROM {FTS_TABLE} WHERE rowid IN ({ids});
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) {ROWS} WHERE q.id IN ({ids});"""


SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({FTS_COLUMNS}, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON questions_question BEGIN
        {_renew("new.id")}
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF id, title, body ON questions_question
    BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) {ROWS} WHERE q.id = new.id;
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON questions_question BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_tag_added AFTER INSERT ON questions_taggedquestion BEGIN
        {_renew("new.content_object_id")}
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_tag_removed AFTER DELETE ON questions_taggedquestion BEGIN
        {_renew("old.content_object_id")}
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_tag_renamed AFTER UPDATE OF name ON taggit_tag BEGIN
        {_renew("SELECT content_object_id FROM questions_taggedquestion WHERE tag_id = new.id")}
    END""",
]
SQLITE_FILL = [
    f"DELETE FROM {FTS_TABLE}",
    f"INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) {ROWS}",
]
SQLITE_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{event}"
        for event in ["insert", "update", "delete", "tag_added", "tag_removed", "tag_renamed"]
    ),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
# The expression questions/search.py matches: the same text, so the index serves it.
PG_VECTOR = "to_tsvector('dutch'::regconfig, title || ' ' || body)"
PG_CREATE = [f"CREATE INDEX questions_question_search ON questions_question USING gin ({PG_VECTOR})"]
PG_DROP = ["DROP INDEX IF EXISTS questions_question_search"]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_CREATE + SQLITE_FILL, "postgresql": PG_CREATE}
    for statement in statements.get(vendor, []):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_DROP, "postgresql": PG_DROP}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0003_list_order_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create, drop)]
