"""A full-text index of the directory: each profile's name, organisation, job title, bio
(as written) and expertise, searched by the beginnings of words ("armoede" finds the
expertise "armoede en bestaanszekerheid", "bestaanszeker" too) without reading every
profile.

SQLite: an FTS5 table kept by triggers on the profiles, their expertise and the tags'
names. PostgreSQL: trigram indexes (pg_trgm) on the upper-cased columns that the
directory's icontains lookups compare, so those lookups use an index.
Note: a later migration that makes Django rebuild members_profile on SQLite drops these
triggers; members/search_index.py puts them back after every migrate.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FTS_TABLE = "members_profile_fts"
FTS_COLUMNS = "display_name, organisation, job_title, bio, expertise"
TAG_NAMES = (
    "(SELECT group_concat(tag.name, ' ') FROM members_taggedprofile AS tagged "
    "JOIN taggit_tag AS tag ON tag.id = tagged.tag_id WHERE tagged.content_object_id = p.id)"
)
ROWS = (
    f"SELECT p.id, p.display_name, p.organisation, p.job_title, p.bio, {TAG_NAMES} "
    "FROM members_profile AS p"
)


def _renew(ids: str) -> str:
    """The statements that index the profiles `ids` (an SQL list) anew."""
    return f"""DELETE FROM {FTS_TABLE} WHERE rowid IN ({ids});
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) {ROWS} WHERE p.id IN ({ids});"""


SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({FTS_COLUMNS}, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON members_profile BEGIN
        {_renew("new.id")}
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update
    AFTER UPDATE OF id, display_name, organisation, job_title, bio ON members_profile BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
        INSERT INTO {FTS_TABLE} (rowid, {FTS_COLUMNS}) {ROWS} WHERE p.id = new.id;
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON members_profile BEGIN
        DELETE FROM {FTS_TABLE} WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_tag_added AFTER INSERT ON members_taggedprofile BEGIN
        {_renew("new.content_object_id")}
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_tag_removed AFTER DELETE ON members_taggedprofile BEGIN
        {_renew("old.content_object_id")}
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_tag_renamed AFTER UPDATE OF name ON taggit_tag BEGIN
        {_renew("SELECT content_object_id FROM members_taggedprofile WHERE tag_id = new.id")}
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
PG_COLUMNS = ["display_name", "organisation", "job_title", "bio"]
PG_CREATE = [
    f"CREATE INDEX members_profile_{column}_trigrams ON members_profile "
    f"USING gin (UPPER({column}) gin_trgm_ops)"
    for column in PG_COLUMNS
]
PG_DROP = [f"DROP INDEX IF EXISTS members_profile_{column}_trigrams" for column in PG_COLUMNS]


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
        ("members", "0010_profile_visits"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
