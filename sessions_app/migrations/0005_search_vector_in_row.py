"""PostgreSQL: each event's search vector kept in its row, not in the TOAST table beside
a long description (atelier/vector_storage.py)."""

from django.db import migrations

from atelier.vector_storage import kept_in_rows


class Migration(migrations.Migration):
    dependencies = [("sessions_app", "0004_postgresql_search_vector")]

    operations = [kept_in_rows("sessions_app_event", ["search_vector"], rewritten_by="description")]
