"""No index on the items' status and visibility.

Two thirds of the items are public, so it narrows little. PostgreSQL joined it to the
words' index when a search reached past its first window of ids (atelier/newest_matches.py):
reading its 63,000 entries took 8 to 10 ms of a 20 ms query at ten times the large data
set. Without it the words' index alone serves that window (that query 15 ms); the
library's bounded count of public items takes 2.3 ms instead of 0.3.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0014_search_vectors_in_rows'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='resource',
            name='knowledge_r_status_33cbd6_idx',
        ),
    ]
