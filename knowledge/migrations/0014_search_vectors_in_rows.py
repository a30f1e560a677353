"""PostgreSQL: each item's search and rank vectors kept in its row, not in the TOAST
table beside the item's texts (atelier/vector_storage.py). search_vector is generated
from the body, among others, which fires none of the table's triggers."""

from django.db import migrations

from atelier.vector_storage import kept_in_rows


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0013_tag_uses_newest_index_postgresql")]

    operations = [
        kept_in_rows("knowledge_resource", ["search_vector", "rank_vector"], rewritten_by="body")
    ]
