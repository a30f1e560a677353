"""PostgreSQL: the directory's words in a table of their own, expertise included, as in
SQLite's index (migration 0011).

Until now PostgreSQL compared each word with the name, organisation, job title and bio
of every profile (trigram indexes, migration 0011) or looked it up in the expertise tags
beside them: the two halves could not be read together, so a search read every profile
with a match (0.23 s for "jansen" at ten times the large data set). Here one vector per
profile holds name, organisation, job title, bio (as written) and expertise, in the
`simple` configuration (words as written, lower-cased) so that a typed word finds the
words it begins, kept up to date by triggers on the profiles, their expertise and the
tags' names; members/models.py reads its newest matches window by window
(atelier/newest_matches.py). The trigram indexes serve nothing any more. Nothing to do
on SQLite.
"""

from django.db import migrations

PG_TABLE = "members_profile_vector"
_VECTORS = """
    SELECT p.id, to_tsvector('simple'::regconfig, p.display_name || ' ' || p.organisation
        || ' ' || p.job_title || ' ' || p.bio || ' ' || coalesce(
        (SELECT string_agg(tag.name, ' ') FROM members_taggedprofile AS tagged
         JOIN taggit_tag AS tag ON tag.id = tagged.tag_id
         WHERE tagged.content_object_id = p.id), ''))
    FROM members_profile AS p"""
PG_TRIGGERS = {
    "members_profile_vector_profile": "members_profile",
    "members_profile_vector_emptied": "members_profile",
    "members_profile_vector_tag_use": "members_taggedprofile",
    "members_profile_vector_tag_name": "taggit_tag",
}
TRIGRAM_COLUMNS = ["display_name", "organisation", "job_title", "bio"]
PG_CREATE = [
    *(f"DROP INDEX IF EXISTS members_profile_{column}_trigrams" for column in TRIGRAM_COLUMNS),
    # No foreign key: Django's flush (between tests) empties members_profile with a
    # TRUNCATE that a table referring to it would refuse. Triggers remove a row instead.
    f"""CREATE TABLE {PG_TABLE} (profile_id bigint PRIMARY KEY, vector tsvector NOT NULL)""",
    f"CREATE INDEX {PG_TABLE}_vector ON {PG_TABLE} USING gin (vector)",
    f"""CREATE FUNCTION {PG_TABLE}_renew(ids bigint[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM {PG_TABLE} WHERE profile_id = ANY(ids);
        INSERT INTO {PG_TABLE} (profile_id, vector) {_VECTORS} WHERE p.id = ANY(ids);
    $$""",
    f"""CREATE FUNCTION {PG_TABLE}_track() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_TABLE_NAME = 'members_profile' AND TG_OP = 'DELETE' THEN
            DELETE FROM {PG_TABLE} WHERE profile_id = OLD.id;
        ELSIF TG_TABLE_NAME = 'members_profile' THEN
            PERFORM {PG_TABLE}_renew(ARRAY[NEW.id]);
        ELSIF TG_TABLE_NAME = 'members_taggedprofile' THEN
            IF TG_OP = 'DELETE' THEN
                PERFORM {PG_TABLE}_renew(ARRAY[OLD.content_object_id]);
            ELSE
                PERFORM {PG_TABLE}_renew(ARRAY[NEW.content_object_id]);
            END IF;
        ELSE
            PERFORM {PG_TABLE}_renew(ARRAY(
                SELECT content_object_id FROM members_taggedprofile WHERE tag_id = NEW.id));
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION {PG_TABLE}_empty() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {PG_TABLE};
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER members_profile_vector_emptied AFTER TRUNCATE ON members_profile
        FOR EACH STATEMENT EXECUTE FUNCTION {PG_TABLE}_empty()""",
    f"""CREATE TRIGGER members_profile_vector_profile
        AFTER INSERT OR DELETE OR UPDATE OF display_name, organisation, job_title, bio ON members_profile
        FOR EACH ROW EXECUTE FUNCTION {PG_TABLE}_track()""",
    f"""CREATE TRIGGER members_profile_vector_tag_use
        AFTER INSERT OR DELETE ON members_taggedprofile
        FOR EACH ROW EXECUTE FUNCTION {PG_TABLE}_track()""",
    f"""CREATE TRIGGER members_profile_vector_tag_name
        AFTER UPDATE OF name ON taggit_tag
        FOR EACH ROW EXECUTE FUNCTION {PG_TABLE}_track()""",
]
# Every profile anew, in one statement (after a bulk load with the triggers off).
PG_FILL = [f"DELETE FROM {PG_TABLE}", f"INSERT INTO {PG_TABLE} (profile_id, vector) {_VECTORS}"]
PG_DROP = [
    *(f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in PG_TRIGGERS.items()),
    f"DROP FUNCTION IF EXISTS {PG_TABLE}_track()",
    f"DROP FUNCTION IF EXISTS {PG_TABLE}_empty()",
    f"DROP FUNCTION IF EXISTS {PG_TABLE}_renew(bigint[])",
    f"DROP TABLE IF EXISTS {PG_TABLE}",
    *(
        f"CREATE INDEX members_profile_{column}_trigrams ON members_profile "
        f"USING gin (UPPER({column}) gin_trgm_ops)"
        for column in TRIGRAM_COLUMNS
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # With the new table's statistics the planner reads its windows as they are meant.
        for statement in [*PG_CREATE, *PG_FILL, f"ANALYZE {PG_TABLE}"]:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in PG_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("members", "0011_search_index")]

    operations = [migrations.RunPython(create, drop)]
