"""PostgreSQL's index of a tag's uses, newest last: (tag_id, id).

An item's related items take only the newest CANDIDATES_PER_TAG uses of each of its tags
(knowledge/related.py: `tag_id = … AND id >= …`). SQLite's index on tag_id holds the
rowid in order and reads just those; PostgreSQL's holds the row's place on disk, so it
read every use of the tags and filtered them (12 ms at ten times the large data set, for
a popular tag tens of thousands of rows). With (tag_id, id) it reads the newest few.
"""

from django.db import migrations

from atelier.postgresql_indexes import index_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0012_newest_first_index_postgresql")]

    operations = [
        index_on_postgresql("taggedresource_tag_newest", "knowledge_taggedresource", "tag_id, id")
    ]
