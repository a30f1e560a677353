"""PostgreSQL without the items' (status, visibility, published_at) index.

Two thirds of the items are public, so it narrows little, and PostgreSQL has its own
index for the newest items (migration 0012). But it joined this one to the words' index
when a search reached past its first window of ids (atelier/newest_matches.py): reading
its 63,000 entries took 8 to 10 ms of a 20 ms query at ten times the large data set.
Without it the words' index alone serves that window (that query 15 ms); the library's
bounded count of public items takes 2.3 ms instead of 0.3.

SQLite keeps it: it reads the newest items the reader may see through it (without it,
the home page's newest tools and cases read every item: 0.06 -> 131 ms at ten times the
large data set). The index stays in the model, so that SQLite's table rebuilds keep it.
"""

from django.db import migrations

from atelier.postgresql_indexes import no_index_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0014_search_vectors_in_rows")]

    operations = [
        no_index_on_postgresql(
            "knowledge_r_status_33cbd6_idx",
            "knowledge_resource",
            "status, visibility, published_at",
        )
    ]
