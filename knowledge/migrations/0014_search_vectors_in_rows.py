"""PostgreSQL: each item's search vectors kept in its row, not in the TOAST table.

A row longer than about 2 KB has its widest values moved out of it, and an item's vector
(about a kilobyte) went out with its texts, uncompressed. A search reads the vector of
every match it walks: fetched from the TOAST table, that was three quarters of the time
of walking the newest matches (docs/benchmarks.md, 2026-12-07). STORAGE MAIN keeps a
vector in its row unless the row cannot fit a page otherwise; the texts beside it (body,
body_html, sections) still move out. The items there are written once more so that
their vectors move in. Note: a search vector dropped and added again (see 0002) needs
this storage set again.
"""

from django.db import migrations

VECTORS = ["search_vector", "rank_vector"]


def set_storage(storage: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            "ALTER TABLE knowledge_resource "
            + ", ".join(f"ALTER COLUMN {vector} SET STORAGE {storage}" for vector in VECTORS)
        )
        if storage == "MAIN":
            # Computes search_vector anew (it is generated from body, among others);
            # body fires none of the table's triggers.
            schema_editor.execute("UPDATE knowledge_resource SET body = body")

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0013_tag_uses_newest_index_postgresql")]

    operations = [migrations.RunPython(set_storage("MAIN"), set_storage("EXTENDED"))]
