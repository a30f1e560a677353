"""PostgreSQL's index for the library's order, newest first (ResourceQuerySet.newest_first:
`published_at DESC NULLS LAST, created_at DESC`).

A btree on published_at read backwards gives DESC NULLS FIRST, so PostgreSQL sorted every
item to find the newest few: the feed, the home page's tools and cases and the item pages
grew with the library (four to nine times slower at ten times the items). SQLite puts
NULLs last in DESC by itself and reads its (status, visibility, published_at) index in
that order; it cannot name NULLS in an index, so the index is PostgreSQL's alone.
"""

from django.db import migrations

from atelier.postgresql_indexes import index_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0011_dashboard_date_indexes")]

    operations = [
        index_on_postgresql(
            "resources_newest_first",
            "knowledge_resource",
            "published_at DESC NULLS LAST, created_at DESC",
        )
    ]
