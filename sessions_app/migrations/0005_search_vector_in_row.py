"""PostgreSQL: each event's search vector kept in its row, not in the TOAST table.

As for the library's items (knowledge migration 0014): an event with a long description
had its vector moved out of the row with it, and a search reads the vector of every
event it walks. STORAGE MAIN keeps it in the row unless the row cannot fit a page
otherwise; the events there are written once more so that their vectors move in. Note:
a search vector dropped and added again (see 0004) needs this storage set again.
"""

from django.db import migrations


def set_storage(storage: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(
            f"ALTER TABLE sessions_app_event ALTER COLUMN search_vector SET STORAGE {storage}"
        )
        if storage == "MAIN":
            # Computes search_vector anew: it is generated from the description, among others.
            schema_editor.execute("UPDATE sessions_app_event SET description = description")

    return run


class Migration(migrations.Migration):
    dependencies = [("sessions_app", "0004_postgresql_search_vector")]

    operations = [migrations.RunPython(set_storage("MAIN"), set_storage("EXTENDED"))]
