"""PostgreSQL: each story's search vector kept in its row, not in the TOAST table beside
long cycle texts (atelier/vector_storage.py)."""

from django.db import migrations

from atelier.vector_storage import kept_in_rows


class Migration(migrations.Migration):
    dependencies = [("value", "0005_search_index")]

    operations = [kept_in_rows("value_valuestory", ["search_vector"], rewritten_by="title")]
