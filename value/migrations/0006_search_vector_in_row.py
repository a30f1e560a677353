"""PostgreSQL: each story's search vector kept in its row, not in the TOAST table.

As for the library's items (knowledge migration 0014): a story with long cycle texts
had its vector moved out of the row with them, and a search reads the vector of every
story it walks. STORAGE MAIN keeps it in the row unless the row cannot fit a page
otherwise; the stories there are written once more so that their vectors move in.
Note: a search vector dropped and added again (see 0004) needs this storage set again.
"""

from django.db import migrations


def set_storage(storage: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            f"ALTER TABLE value_valuestory ALTER COLUMN search_vector SET STORAGE {storage}"
        )
        if storage == "MAIN":
            # Computes search_vector anew: it is generated from the title, among others.
            schema_editor.execute("UPDATE value_valuestory SET title = title")

    return run


class Migration(migrations.Migration):
    dependencies = [("value", "0005_search_index")]

    operations = [migrations.RunPython(set_storage("MAIN"), set_storage("EXTENDED"))]
