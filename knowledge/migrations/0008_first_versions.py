"""Every item gets a first version: the item as it is, so that each has at least one.

Items saved before versions were kept have none. Their first version is dated at their
last change and credited to the member who created the item (who changed it since is
not known).
"""

from django.db import migrations

BATCH_SIZE = 500


def first_versions(apps, schema_editor):
    Resource = apps.get_model("knowledge", "Resource")
    HistoricalResource = apps.get_model("knowledge", "HistoricalResource")
    fields = [
        field.attname
        for field in HistoricalResource._meta.concrete_fields
        if not field.name.startswith("history_")
    ]
    without = Resource.objects.exclude(
        pk__in=HistoricalResource.objects.values("id")
    ).order_by("pk")
    batch = []
    for item in without.iterator(chunk_size=BATCH_SIZE):
        batch.append(
            HistoricalResource(
                **{name: getattr(item, name) for name in fields},
                history_date=item.updated_at,
                history_user_id=item.created_by_id,
                history_type="+",
            )
        )
        if len(batch) == BATCH_SIZE:
            HistoricalResource.objects.bulk_create(batch)
            batch = []
    HistoricalResource.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0007_tools_and_cases_in_sections")]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
